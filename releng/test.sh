#!/usr/bin/env bash
# Runs every test of the suite: model, store contract on encrypted Derby, and UI tests that drive the real
# workbench under a virtual display. Builds the p2 repository and the product on the way.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

missing=()
command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb xauth)
ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0' || missing+=(libgtk-3-0)
# the backup module's importer tests run the real tools to make their input
command -v restic >/dev/null 2>&1 || missing+=(restic)
command -v borg >/dev/null 2>&1 || missing+=(borgbackup)
# and a private PostgreSQL cluster (run as the postgres user when root) backed up with pgBackRest
command -v pgbackrest >/dev/null 2>&1 || missing+=(pgbackrest)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
# TlsServerTest makes a CA and a server certificate with openssl
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "The tests need: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

exec xvfb-run -a -s "-screen 0 1600x1000x24" ./mvnw -B clean verify "$@"
