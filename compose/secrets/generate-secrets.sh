#!/usr/bin/env bash
# Run by the one-shot `secrets` service of docker-compose.yaml, before any other service
# starts. Creates every secret of the stack that does not exist yet as a file
# /run/secrets/<NAME> in the named volume `secrets`, from the kernel's random generator:
# a fresh clone starts without a .env, and no password is ever a fixed default.
# Existing files are kept (the database was initialised with them): `docker compose down`
# keeps the volume, `docker compose down -v` deletes it together with the data.
# The services read the files: MySQL through MYSQL_*_FILE, back and dbmigrate as Spring
# properties of the same names (configtree). DB_PASSWORD is the migration account's
# (dbmigrate), DB_BACK_PASSWORD the back's (rows only, no DDL).
set -euo pipefail
cd /run/secrets
# Readable by the services' own users (mysql, 10001, nobody), writable by none.
umask 0222

# Letters and digits only (no quoting trouble in SQL or .my.cnf), about 1.3 per byte.
random() { head -c "$1" /dev/urandom | base64 -w0 | tr -d '/+='; }

created=()
# NAME:random bytes. JWT_SECRET: the back wants at least 32 bytes.
for secret in DB_PASSWORD:24 DB_BACK_PASSWORD:24 MYSQL_ROOT_PASSWORD:24 MYSQLD_EXPORTER_PASSWORD:24 MYSQL_BACKUP_PASSWORD:24 JWT_SECRET:48 ADMIN_PASSWORD:18; do
  name=${secret%%:*}
  [ -s "$name" ] && continue
  rm -f "$name.new"
  random "${secret#*:}" > "$name.new"
  mv "$name.new" "$name"
  created+=("$name")
done

if [ ${#created[@]} = 0 ]; then
  echo "secrets: kept the existing secrets (docker compose down -v deletes them with the data)"
  exit 0
fi
echo "secrets: generated ${created[*]}"
if [[ " ${created[*]} " == *" ADMIN_PASSWORD "* ]]; then
  echo "secrets: the first administrator, shown this once:"
  echo "secrets:   e-mail:   ${ADMIN_EMAIL:?}"
  echo "secrets:   password: $(cat ADMIN_PASSWORD)"
fi
