#!/usr/bin/env bash
# Runs the CRO Quality Suite on an embedded, encrypted database, building the product first if needed.
# Usage: releng/run.sh [-dataDir <folder>] [-keyFile <file>]
#   Without -dataDir the suite asks at first start where to keep its data (default ~/cro-qms) and remembers it.
#   -Dqms.demo=load|skip (in QMS_JAVA_OPTS) loads or skips the demo data without asking.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
product="$root/releng/qms.product/target/products/qms/linux/gtk/x86_64/cro-qms"

if ! ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0'; then
  echo "The suite's windows need GTK 3, which is not installed: sudo apt-get install libgtk-3-0" >&2
  exit 1
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display to open the window on. On a machine without one: xvfb-run -s '-screen 0 1600x1000x24' $0 $*" >&2
  exit 1
fi

stamp="$product/configuration/config.ini"
if [ ! -f "$stamp" ] || [ -n "$(cd "$root" && find bundles features releng/qms.product targetplatform pom.xml \
      -newer "$stamp" -type f -not -path '*/target/*' -not -path '*/src-gen/*' -not -name 'plugin.xml' \
      -not -name 'plugin.properties' -print -quit 2>/dev/null)" ]; then
  echo "Building the product (tests skipped; releng/test.sh runs them)..." >&2
  (cd "$root" && ./mvnw -B -q verify -DskipTests)
fi

launcher=$(ls "$product"/plugins/org.eclipse.equinox.launcher_*.jar)

# A class-data-sharing archive (the JDK's AppCDS) of the classes a start of this build loads, parsed and verified
# once: the first start writes it when it exits (a few seconds more at that exit), the starts after it map it and
# start about a second sooner on two cores (docs/p1-startup.md). One per build of the product and per JDK, in the
# user's cache (an installation may be read-only); QMS_CDS=off starts without it. The JVM checks the archive against
# itself and the launcher jar and ignores one that does not match; a class whose bytes changed is loaded anew.
cds=()
if [ "${QMS_CDS:-on}" != off ]; then
  java_bin=$(readlink -f "$(command -v java)")
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/cro-qms"
  build=$(printf '%s|%s|%s|%s' "$product" "$(stat -c %Y "$launcher" "$stamp" | tr '\n' ' ')" "$java_bin" \
    "$(stat -c %Y "$java_bin")" | sha256sum | cut -c1-16)
  archive="$cache/classes-$build.jsa"
fi
cds_options() {
  cds=()
  [ -n "${archive:-}" ] || return 0
  if [ -s "$archive" ]; then
    cds=("-XX:SharedArchiveFile=$archive")
  elif mkdir -p "$cache" 2>/dev/null && [ -w "$cache" ]; then
    rm -f "$cache"/classes-*.jsa "$cache"/classes-*.jsa.part # those of earlier builds
    cds=("-XX:ArchiveClassesAtExit=$archive.part" "-Xlog:cds*=off") # not the classes it leaves out, one a line
  fi
}

# exit code 23 is the workbench asking to be started again (a changed database setting, installed modules): the
# Java launcher leaves that to whoever started it
while true; do
  rc=0
  cds_options
  # shellcheck disable=SC2086
  java -Xmx1g "${cds[@]}" ${QMS_JAVA_OPTS:-} -jar "$launcher" "$@" || rc=$?
  # the archive is written as the JVM exits: only a whole one is used (a start that was killed leaves a part)
  if [ -n "${archive:-}" ] && [ -s "$archive.part" ] && [ "$rc" -eq 0 -o "$rc" -eq 23 ]; then
    mv -f "$archive.part" "$archive"
  fi
  [ "$rc" -eq 23 ] || exit "$rc"
  echo "Restarting the suite..." >&2
done
