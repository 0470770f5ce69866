#!/bin/sh
# kpi-monthly.sh DATA HOSPITALS RESULTS [kpi compute options...]
#
# The month just ended (run it on the 1st): kpi compute on DATA (a folder or zip of 43-file
# exports) with the unit list HOSPITALS, written as RESULTS/kpi-YYYY-MM.json, .xlsx and .html;
# then kpi diff against last month's JSON into RESULTS/diff-YYYY-MM.csv. Works from any folder
# (relative paths are taken from the folder it is started in) and needs only sh and date.
# KPI_MONTH=YYYY-MM names the month to file the results under instead of the one just ended.
# Extra options go to kpi compute, e.g. --by district --lang en.
#
# Exit codes:
#   0  computed; no area newly below its target since last month (or no last month to compare)
#   1  computed; an area newly fell below its target: see RESULTS/diff-YYYY-MM.csv
#   2  wrong arguments, kpi not found, a bad option or template, or the two months not comparable
#   3  a data error (unreadable export, missing table or column, a file that cannot be written)
#   70 an internal error of kpi (a bug: please report it)
set -u
usage() { echo "usage: kpi-monthly.sh DATA HOSPITALS RESULTS [kpi compute options...]" >&2; exit 2; }
[ $# -ge 3 ] || usage
data=$1 hospitals=$2 results=$3
shift 3

# kpi: $KPI if set; else this package's own bin/kpi.js (the script ships inside it); else kpi on PATH.
here=$(cd "$(dirname "$0")" && pwd)
if [ -n "${KPI:-}" ]; then :
elif [ -f "$here/../bin/kpi.js" ] && command -v node >/dev/null 2>&1; then KPI="node $here/../bin/kpi.js"
elif command -v kpi >/dev/null 2>&1; then KPI=kpi
else echo "kpi-monthly: kpi not found: install it (npm install -g kpi-*.tgz) or set KPI to its command" >&2; exit 2
fi

# The month just ended (or KPI_MONTH=YYYY-MM, to redo a month) and the one before, with POSIX date only.
this=${KPI_MONTH:-$(date +%Y-%m)-now}
y=${this%%-*} m=${this#*-}; m=${m%%-*}; m=${m#0}
n=$((y * 12 + m - 1))                     # months since year 0 of the month named
case $this in *-now) n=$((n - 1)) ;; esac # run on the 1st: the month before today's
month=$(printf '%d-%02d' $((n / 12)) $((n % 12 + 1)))
last=$(printf '%d-%02d' $(((n - 1) / 12)) $(((n - 1) % 12 + 1)))

mkdir -p "$results" || exit 3
for format in json xlsx html; do
  # shellcheck disable=SC2086  # KPI may be "node /path/bin/kpi.js"
  $KPI compute --no-config --quiet --data "$data" --hospitals "$hospitals" "$@" \
    --format "$format" --out "$results/kpi-$month.$format" || exit $?   # whole files or none
done
[ -f "$results/kpi-$last.json" ] || { echo "kpi-monthly: $month computed; no results for $last to compare with"; exit 0; }
# shellcheck disable=SC2086
$KPI diff "$results/kpi-$last.json" "$results/kpi-$month.json" --fail-on newly-failing \
  --format csv --out "$results/diff-$month.csv"
status=$?
case $status in
  0) echo "kpi-monthly: $month computed; no area newly below target since $last" ;;
  1) echo "kpi-monthly: an area newly fell below its target since $last: see $results/diff-$month.csv" >&2 ;;
  *) echo "kpi-monthly: kpi diff could not compare $last and $month" >&2; status=2 ;;
esac
exit $status
