#!/usr/bin/env bash
# Prepares a fresh Debian machine for scripts/test.sh, which installs nothing itself:
#   - Debian packages the tests use: MariaDB (the integration tests' database when no
#     Docker engine runs Testcontainers), Chromium + chromedriver (browser tests), promtool
#     (alert rules), shellcheck, jq, wrk and unzip (perf/bench.sh);
#   - starts MariaDB on 127.0.0.1 (no systemd here) and creates the test user (.env.test).
# Idempotent: what is already there is left alone. Needs root (or sudo) and apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
# Another apt-get may hold the dpkg lock (a shared machine): wait for it instead of failing.
apt_get() { $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@"; }

# Package per command the tests run (Debian names).
declare -A packages=(
  [/usr/sbin/mariadbd]=mariadb-server
  [/usr/bin/chromium]=chromium
  [/usr/bin/chromedriver]=chromium-driver
  [/usr/bin/promtool]=prometheus
  [/usr/bin/shellcheck]=shellcheck
  [/usr/bin/jq]=jq
  [/usr/bin/wrk]=wrk
  [/usr/bin/unzip]=unzip
)
missing=()
for path in "${!packages[@]}"; do
  [ -x "$path" ] || missing+=("${packages[$path]}")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "prepare: installing ${missing[*]}"
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
fi

# MariaDB, unless something already answers on 3306 (some machines run one).
if ! (exec 3<>/dev/tcp/127.0.0.1/3306) 2>/dev/null; then
  $sudo mkdir -p /run/mysqld
  $sudo chown mysql:mysql /run/mysqld
  $sudo start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- \
    --user=mysql --bind-address=127.0.0.1
  for _ in $(seq 1 60); do (exec 3<>/dev/tcp/127.0.0.1/3306) 2>/dev/null && break; sleep 0.5; done
fi
bash .ci/setup-test-db.sh
