#!/bin/sh
# bench/report.sh - how fast is each crm-report on a large database?
#
#   sh bench/report.sh            100,000 customers, 1,000,000 visits,
#                                 100,000 complaints
#   sh bench/report.sh 20000      a smaller one
#
# Builds the database of bench/due.sh (customers, staff, visits), adds
# complaints, surveys, orders, stage changes and intent targets with SQL in
# the sqlite3 shell, then times, in the same run, each report against the
# equivalent hand-written SQL in sqlite3 (the yardstick), both writing to
# /dev/null, and prints both times and the ratio (target <= 1.5 each).
# BENCH_DIR keeps the database (default: a temporary folder, removed).
set -eu
customers=${1:-100000}
today=2026-11-30
top=$(cd "$(dirname "$0")/.." && pwd)
PATH=$top/bin:$PATH
. "$top/bench/lib.sh"
bench_count "$customers"
bench_built
bench_dir
export LC_ALL=C.UTF-8 TZ=UTC CRM_USER=bench CRM_TODAY=$today
db=$dir/report-$customers.db
export CRM_DB=$db

now() { date +%s.%N; }
elapsed() { echo "$1 $2" | awk '{ printf "%.2f", $2 - $1 }'; }

if [ ! -f "$db" ]; then
	BENCH_DIR=$dir BENCH_TODAY=$today sh "$top/bench/due.sh" "$customers" >/dev/null
	cp "$dir/due-$customers.db" "$db"
	t0=$(now)
	sqlite3 "$db" <<SQL >/dev/null
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
BEGIN;
UPDATE staff SET intent_target = 1 + id % 5 WHERE role = 'account_manager';
-- One complaint a customer over the year, a third of them resolved after
-- i % 20 days, a sixth still open.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
  WHERE i < $customers)
INSERT INTO complaints (customer, received_at, channel, category, severity,
  description, status, dept, handler, due_date, result, evaluation,
  reopen_count, resolved_at, confirmed_at, closed_at)
  SELECT i, date('$today', '-' || (i % 330) || ' days') || 'T09:00:00Z',
  'phone', 'cat' || (i % 7), CASE i % 4 WHEN 0 THEN 'low' WHEN 1 THEN
  'normal' WHEN 2 THEN 'high' ELSE 'critical' END, 'complaint ' || i,
  CASE WHEN i % 6 = 0 THEN 'open' ELSE 'closed' END,
  CASE WHEN i % 6 = 0 THEN NULL ELSE 'dept' || (i % 9) END,
  'am' || (i % 200), date('$today', '-' || (i % 330) || ' days', '+7 days'),
  CASE WHEN i % 6 = 0 THEN NULL ELSE 'done' END,
  CASE WHEN i % 6 = 0 THEN NULL ELSE 1 + i % 5 END, i % 11 = 0,
  CASE WHEN i % 6 = 0 THEN NULL ELSE date('$today', '-' || (i % 330) ||
    ' days', '+' || (i % 20) || ' days') || 'T10:00:00Z' END,
  CASE WHEN i % 6 = 0 THEN NULL ELSE date('$today', '-' || (i % 330) ||
    ' days', '+' || (i % 20) || ' days') || 'T11:00:00Z' END,
  CASE WHEN i % 6 = 0 THEN NULL ELSE date('$today', '-' || (i % 330) ||
    ' days', '+' || (i % 20) || ' days') || 'T12:00:00Z' END FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
  WHERE i < $customers / 5)
INSERT INTO surveys (customer, date, channel, service_score, operation_ok,
  staff_score, created_at)
  SELECT i * 5, date('$today', '-' || (i % 200) || ' days'), 'form',
  1 + i % 5, i % 3 <> 0, 1 + (i * 7) % 5, '2026-01-01T00:00:00Z' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
  WHERE i < $customers / 2)
INSERT INTO orders (customer, date, kind, amount, created_at)
  SELECT i * 2, date('$today', '-' || (i % 400) || ' days'), 'order',
  100000 + i, '2026-01-01T00:00:00Z' FROM n;
-- The leads' history: lead -> contacted -> intent over the year.
INSERT INTO stage_changes (customer, at, who, "from", "to", owner)
  SELECT id, date('$today', '-' || (id % 300) || ' days') || 'T09:00:00Z',
  'bench', 'lead', 'contacted', owner FROM customers WHERE stage = 'lead';
INSERT INTO stage_changes (customer, at, who, "from", "to", owner)
  SELECT id, date('$today', '-' || (id % 200) || ' days') || 'T09:00:00Z',
  'bench', 'contacted', 'intent', owner FROM customers
  WHERE stage = 'lead' AND id % 2 = 0;
COMMIT;
ANALYZE;
PRAGMA journal_mode = WAL;
SQL
	echo "added $customers complaints, surveys, orders and stage changes in $(elapsed "$t0" "$(now)") s"
fi

report_yardsticks

# one NAME YARDSTICK CRM-REPORT-ARGS...: both timed, one line.
one() {
	name=$1 sql=$2
	shift 2
	t0=$(now)
	sqlite3 "$db" "$sql" >/dev/null
	t1=$(now)
	crm-report "$@" >/dev/null
	t2=$(now)
	printf '%-28s sqlite3 %6s s   crm-report %6s s   ratio %s\n' "$name" \
	    "$(elapsed "$t0" "$t1")" "$(elapsed "$t1" "$t2")" \
	    "$(echo "$t0 $t1 $t2" | awk '{ d = $2 - $1; printf "%.2f", (d > 0 ? ($3 - $2) / d : 0) }')"
}

echo "$customers customers; today $today; target: ratio <= 1.5"
one "tiers --by owner" "$y_tiers" tiers --by owner
one "complaints --by month" "$y_complaints" complaints --by month
one "satisfaction --by owner" "$y_satisfaction" satisfaction --by owner
one "funnel" "$y_funnel" funnel
one "churn" "$y_churn" churn
one "kpi --month 2026-11" "$y_kpi" kpi --month 2026-11
one "visits --month 2026-11" "$y_visits" visits --month 2026-11
# The summary: every section's yardstick in one sqlite3 run (complaints
# and satisfaction of the month, twelve months of complaints).
one "summary --month 2026-11" "$y_tiers $y_complaints $y_satisfaction
 $y_funnel $y_churn $y_kpi $y_visits $y_months" summary --month 2026-11
one "summary -o html" "$y_tiers $y_complaints $y_satisfaction $y_funnel
 $y_churn $y_kpi $y_visits $y_months" summary --month 2026-11 -o html
