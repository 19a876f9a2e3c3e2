# shellcheck shell=bash
# Sourced by the scripts: makes sure JAVA_HOME points at a Java 25 (or newer) JDK,
# which is what the Maven wrapper and the jars need.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME" 2>/dev/null || echo 0)" -lt 25 ] 2>/dev/null; then
  for candidate in /usr/lib/jvm/*25* /usr/lib/jvm/* /opt/java/openjdk; do
    if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate")" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME=$candidate
      break
    fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME" 2>/dev/null || echo 0)" -lt 25 ] 2>/dev/null; then
  echo "No Java 25 JDK found: install one (e.g. Eclipse Temurin 25) and set JAVA_HOME to it." >&2
  exit 1
fi
export PATH="$JAVA_HOME/bin:$PATH"
