#!/usr/bin/env bash
# Restores the application's database from a dump written by backup.sh: checks
# the file first (present, a whole gzip stream, a complete dump of DB_NAME),
# then drops DB_NAME and loads the dump, which re-creates it. Stop the
# application's writers first (docs/backup.md). The one copy of this script:
# docs/backup.md runs it in the MySQL pod and in compose, scripts/check-backup.sh
# in the restore drill.
#
#   restore.sh DUMP_FILE
#   DB_HOST, DB_PORT, DB_NAME   the server and the database to replace
#   DB_USER                     an account that may drop and create DB_NAME
#   DB_PASSWORD                 its password, or DB_PASSWORD_FILE: a file holding it
#
# On any error: one line "restore: <reason>" on stderr and a non-zero exit. A
# missing, corrupt, truncated or foreign dump is refused before anything is
# dropped.
set -euo pipefail

fail() { echo "restore: $*" >&2; exit 1; }

[ $# -eq 1 ] || fail "usage: restore.sh DUMP_FILE (a .sql.gz written by backup.sh)"
dump=$1
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

{ [ -f "$dump" ] && [ -r "$dump" ]; } || fail "no such dump: $dump"
gzip -t "$dump" 2>/dev/null || fail "$dump is corrupt or truncated (not a whole gzip file)"
# The database the dump re-creates ("USE `name`;") and its last line, in one pass.
summary=$(gzip -dc "$dump" | awk 'db == "" && /^USE `.*`;$/ { db = substr($0, 6, length($0) - 7) } { last = $0 }
  END { print db; print last }')
db=${summary%%$'\n'*}
last=${summary#*$'\n'}
[[ $last == "-- Dump completed"* ]] || fail "$dump is incomplete (no '-- Dump completed' line at its end)"
[ -n "$db" ] || fail "$dump names no database (not written by backup.sh)"
[ "$db" = "$DB_NAME" ] || fail "$dump holds database $db, not DB_NAME $DB_NAME"

# The password reaches the client through an option file readable by this user
# only, never through the command line.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
password=${password//\\/\\\\}
printf '[client]\nhost=%s\nport=%s\nuser=%s\npassword="%s"\n' \
  "$DB_HOST" "${DB_PORT:-3306}" "$DB_USER" "${password//\"/\\\"}" > "$work/client.cnf"
sql() { mysql --defaults-extra-file="$work/client.cnf" "$@" 2>"$work/error"; }
reason() { grep -v '^$' "$work/error" | tail -n 1; }

sql --execute="DROP DATABASE IF EXISTS \`$DB_NAME\`" || fail "cannot drop $DB_NAME on $DB_HOST: $(reason)"
gzip -dc "$dump" | sql || fail "loading $dump stopped, $DB_NAME is incomplete: $(reason)"
echo "restore: $DB_NAME restored from $dump"
