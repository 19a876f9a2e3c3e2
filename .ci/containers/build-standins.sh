#!/usr/bin/env bash
# Builds local stand-ins for the upstream images that cannot be pulled on an
# offline CI machine and tags them with the upstream names, so the committed
# docker-compose.yaml and Dockerfiles are used unchanged:
#   eclipse-temurin:25-jre / 25-jdk  <- the local Temurin 25 (jlink'ed JRE / full JDK) on Debian
#   mysql:8.4                        <- MariaDB from Debian behind a MYSQL_*-compatible entrypoint
#   prom/mysqld-exporter:<tag>       <- Debian's prometheus-mysqld-exporter
# plus the test's own images: the load balancer (HAProxy from Debian) and the
# health-check runner (curl and jq). Every stand-in starts from one Debian bookworm
# rootfs made with debootstrap and cached in $CACHE_DIR between runs. An image is
# rebuilt when its directory under standins/ changed. Needs podman (see setup-podman.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
CACHE_DIR=${CACHE_DIR:-/var/cache/domaindesk-e2e}
JDK_HOME=${JDK_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
EXPORTER_TAG=${EXPORTER_TAG:?EXPORTER_TAG is the prom/mysqld-exporter tag docker-compose.yaml uses}
BASE=localhost/domaindesk-e2e/debian:bookworm

log() { echo "standins: $*" >&2; }
has_image() { podman image exists "$1"; }
mirror() {
  # The Debian mirror this machine's apt uses (deb822 or one-line format).
  { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}'
    grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}'
  } | grep -v security | head -n1 || true
}
build() { # build TAG DIR [extra args]: --pull=never because nothing can be pulled here
  local tag=$1 dir=$2; shift 2
  podman build -q --pull=never --format docker --build-arg BASE="$BASE" "$@" -t "$tag" "$dir" >/dev/null
  log "built $tag"
}
# The content of a stand-in's directory, recorded as a label of its image.
digest() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16); }
current() { # current TAG DIR: the image exists and was built from DIR as it is now
  has_image "$1" && [ "$(podman image inspect -f '{{index .Labels "standin.digest"}}' "$1")" = "$(digest "$2")" ]
}
standin() { # standin TAG DIR: build it unless current
  current "$1" "$2" || build "$1" "$2" --label "standin.digest=$(digest "$2")"
}

mkdir -p "$CACHE_DIR"
if ! has_image "$BASE"; then
  tarball=$CACHE_DIR/debian-bookworm-minbase.tar
  if [ ! -s "$tarball" ]; then
    url=$(mirror || true); url=${url:-http://deb.debian.org/debian}
    log "debootstrap bookworm from $url (once; cached in $tarball)"
    rootfs=$(mktemp -d "$CACHE_DIR/rootfs.XXXX")
    debootstrap --variant=minbase bookworm "$rootfs" "$url" >/dev/null
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf "$rootfs"
  fi
  podman import -q "$tarball" "$BASE" >/dev/null
  log "imported $BASE"
fi

temurin() { # temurin TAG COMMAND...: COMMAND fills $ctx/java, the stand-in's JAVA_HOME
  local tag=$1; shift
  has_image "$tag" && return
  ctx=$(mktemp -d); trap 'rm -rf "$ctx"' EXIT
  "$@"
  cp "$here/standins/temurin/Dockerfile" "$ctx/"
  build "$tag" "$ctx"
  rm -rf "$ctx"; trap - EXIT
}
# JRE: jlink'ed from the local JDK like the Temurin JRE (no compiler, no dev tools),
# with its default CDS archive, so an AOT cache trained in an image matches this runtime.
jre() {
  local modules
  modules=$("$JDK_HOME/bin/java" --list-modules | sed 's/@.*//' \
    | grep -Ev '^(jdk\.(compiler|javadoc|jshell|jlink|jpackage|jdeps|jartool|jconsole|jdi|hotspot\.agent|editpad|jstatd|internal\.(ed|le|opt|jvmstat))|java\.compiler)$' \
    | paste -sd, -)
  "$JDK_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages \
    --no-header-files --generate-cds-archive --output "$ctx/java"
}
# -L: Debian's Temurin package links cacerts to /etc/ssl/certs/java, absent in the image.
jdk() { cp -rL "$JDK_HOME" "$ctx/java"; }
temurin docker.io/library/eclipse-temurin:25-jre jre
temurin docker.io/library/eclipse-temurin:25-jdk jdk
standin docker.io/library/mysql:8.4 "$here/standins/mysql"
standin "docker.io/prom/mysqld-exporter:$EXPORTER_TAG" "$here/standins/mysqld-exporter"
standin localhost/domaindesk-e2e/haproxy:e2e "$here/standins/haproxy"
standin localhost/domaindesk-e2e/healthchecks:e2e "$here/standins/healthchecks"
log "all stand-ins present"
