#!/usr/bin/env bash
# Installs the headless browser the browser journeys (system-tests) drive: Debian's chromium
# and its matching chromedriver. The tests point Selenium at these two binaries so that
# nothing is downloaded at test time (Selenium Manager stays idle).
# Idempotent: does nothing when both are already there.
set -euo pipefail

# The tests run exactly these two paths (system-tests/src/test/java/.../Browser.java): a
# chromium elsewhere on the PATH (a snap, a download) does not count.
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "chromium and chromedriver already installed: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  sudo=sudo
else
  sudo=
fi

# Another apt-get may hold the dpkg lock (a shared CI machine): wait for it instead of failing.
apt_get() { $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@"; }

echo "Installing chromium and chromium-driver (Debian packages)..."
apt_get update -qq
apt_get install -y -qq --no-install-recommends \
  chromium chromium-driver fonts-dejavu-core >/dev/null

echo "Installed: $(/usr/bin/chromium --version 2>/dev/null | head -1); $(/usr/bin/chromedriver --version | head -1)"
