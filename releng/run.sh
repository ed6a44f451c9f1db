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
# exit code 23 is the workbench asking to be started again (a changed database setting, installed modules): the
# Java launcher leaves that to whoever started it
while true; do
  rc=0
  # shellcheck disable=SC2086
  java -Xmx1g ${QMS_JAVA_OPTS:-} -jar "$launcher" "$@" || rc=$?
  [ "$rc" -eq 23 ] || exit "$rc"
  echo "Restarting the suite..." >&2
done
