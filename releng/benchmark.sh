#!/usr/bin/env bash
# Benchmarks (not tests): prints each figure with the floor measured in the same run and their ratio.
#   P1  product start with 10,000 records to an idle workbench window, against a bare workbench with one view
#   P2  storing 100,000 records through the store API with the audit trail, against raw JDBC batch inserts; on
#       embedded Derby and on a private PostgreSQL cluster the script's benchmark starts itself (initdb, pg_ctl)
#   Import  a 100,000-snapshot restic JSON imported into the store, against parsing the same file alone
#   P3  compliance status of 500 systems over 5 years of daily backup log entries, against one SQL aggregate
#       (Derby and PostgreSQL)
#   P4  the product (-Xmx512m) opening the compliance log over 1,000,000 entries, against opening an empty view
#   P5  Verify Integrity over 1,000,000 audit entries, against one JDBC query and SHA-256 of the same bytes (both
#       databases)
#   P6  the product opening the Trace view on a finding with 1,000 linked records, against an empty view; one trace
#       step through the store against one raw JDBC query of the same links and records
#   P7  the clocks and open tasks of 10,000 incidents, and the training matrix of 500 SOPs x 250 people (some 47,500
#       signed trainings), through the store, against hand-written SQL reading the same rows / one SQL join
#   P8  the SLA compliance of 1,000 vendors x 5 agreements x 20 KPIs x 36 months (3.6 million measurements) through
#       the store, against one SQL aggregate of the same rows
#   P9  the QA dashboard (last 12 months, every module) over the P3 data: all charts computed through the store and
#       drawn by JFreeChart, against hand-written SQL for the same figures
# The machine is shared and noisy: compare ratios, not seconds, and run it twice before believing a change.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
run=()
if [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null 2>&1 || { echo "P1 needs a display: apt-get install xvfb xauth" >&2; exit 1; }
  run=(xvfb-run -a -s "-screen 0 1600x1000x24")
fi
# the benchmarks' classes are compiled again each time: Tycho's incremental build kept ones compiled against an older
# store (NoClassDefFoundError of a class the store no longer has)
rm -rf releng/qms.benchmarks/target
"${run[@]}" ./mvnw -B -q verify -DskipTests -Pbenchmark "$@" >&2
echo
cat releng/qms.benchmarks/target/benchmark-report.txt
