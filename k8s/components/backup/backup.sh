#!/usr/bin/env bash
# A consistent logical backup of the application's database: one gzip-compressed
# mysqldump file, written into the directory given as the only argument.
# The one copy of this script: the backup CronJob (kustomization.yaml here), the
# compose "backup" service (docker-compose.yaml) and the restore drill
# (scripts/check-backup.sh) all run this file. restore.sh reads what it writes.
#
#   DB_HOST, DB_PORT, DB_NAME   the server and the database to dump
#   DB_USER                     the backup account (50-backup-user.sh: read-only)
#   DB_PASSWORD                 its password, or DB_PASSWORD_FILE: a file holding it
#
# Prints the path of the dump. On any error: one line "backup: <reason>" on
# stderr, a non-zero exit, and no dump file left behind.
set -euo pipefail

fail() { echo "backup: $*" >&2; exit 1; }

[ $# -eq 1 ] || fail "usage: backup.sh OUTPUT_DIRECTORY"
out_dir=${1%/}
{ [ -d "$out_dir" ] && [ -w "$out_dir" ]; } || fail "$out_dir is not a writable directory"
for var in DB_HOST DB_NAME DB_USER; do
  [ -n "${!var:-}" ] || fail "$var is not set"
done
if [ -n "${DB_PASSWORD_FILE:-}" ]; then
  [ -r "$DB_PASSWORD_FILE" ] || fail "cannot read DB_PASSWORD_FILE ($DB_PASSWORD_FILE)"
  password=$(<"$DB_PASSWORD_FILE")
else
  password=${DB_PASSWORD:-}
fi
[ -n "$password" ] || fail "no password: set DB_PASSWORD or DB_PASSWORD_FILE"

# The password reaches the client through an option file readable by this user
# only, never through the command line (visible to every process).
work=$(mktemp -d)
dump="$out_dir/$DB_NAME-$(date -u +%Y%m%dT%H%M%SZ).sql.gz"
trap 'rm -rf "$work" "$dump.partial"' EXIT
password=${password//\\/\\\\}
printf '[client]\nhost=%s\nport=%s\nuser=%s\npassword="%s"\n' \
  "$DB_HOST" "${DB_PORT:-3306}" "$DB_USER" "${password//\"/\\\"}" > "$work/client.cnf"

# --single-transaction: one InnoDB snapshot, no table locks, the application
#   keeps writing; --databases: the dump re-creates the database with its
#   character set; --no-tablespaces: no PROCESS privilege needed.
# MySQL's client also gets --set-gtid-purged=OFF (MariaDB's has no such option):
# no GTID statements, which a restore into a fresh server would refuse.
options=(--single-transaction --quick --routines --triggers --hex-blob
  --no-tablespaces --default-character-set=utf8mb4 --databases "$DB_NAME")
if mysqldump --help 2>/dev/null | grep -q -- '--set-gtid-purged'; then
  options+=(--set-gtid-purged=OFF)
fi
if ! mysqldump --defaults-extra-file="$work/client.cnf" "${options[@]}" 2>"$work/error" |
  gzip -c > "$dump.partial"; then
  fail "mysqldump of $DB_NAME on $DB_HOST failed: $(grep -v '^$' "$work/error" | tail -n 1)"
fi
# A dump that stopped early has no "-- Dump completed" line at its end.
last=$(gzip -dc "$dump.partial" | tail -n 1)
[[ $last == "-- Dump completed"* ]] || fail "the dump of $DB_NAME is incomplete (no '-- Dump completed' line)"
mv "$dump.partial" "$dump"
echo "$dump"
