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

# The yardsticks: the same figures, written by hand.
m1=2026-11-01 m2=2026-11-30
y_tiers="SELECT owner, tier, sum(stage='lead'), sum(stage='contacted'),
 sum(stage='intent'), sum(stage='handover'), sum(stage='customer'),
 sum(stage='lost'), sum(stage='churned'), count(*) FROM customers
 GROUP BY owner, tier ORDER BY owner, tier;"
y_complaints="WITH k AS (SELECT substr(date(received_at), 1, 7) g,
 status <> 'closed' o, escalated, reopen_count > 0 r, due_date, evaluation,
 julianday(date(resolved_at)) - julianday(date(received_at)) d
 FROM complaints), m AS (SELECT g, avg(d) med FROM (SELECT g, d,
 row_number() OVER (PARTITION BY g ORDER BY d) rn, count(*) OVER
 (PARTITION BY g) n FROM k WHERE d IS NOT NULL) WHERE rn IN ((n + 1) / 2,
 (n + 2) / 2) GROUP BY g) SELECT k.g, count(*), sum(o), sum(o AND
 due_date < '$today'), sum(escalated), sum(r), round(avg(d), 1),
 round(m.med, 1), round(avg(evaluation), 2) FROM k LEFT JOIN m
 ON m.g IS k.g GROUP BY k.g ORDER BY k.g;"
y_satisfaction="SELECT c.owner, count(*), round(avg(service_score), 2),
 round(avg(staff_score), 2), round(100.0 * sum(operation_ok = 1) /
 count(operation_ok), 1) FROM surveys s JOIN customers c
 ON c.id = s.customer GROUP BY c.owner ORDER BY c.owner;"
y_funnel="WITH r(stage, rank) AS (VALUES ('lead', 0), ('contacted', 1),
 ('intent', 2), ('handover', 3), ('customer', 4)), best AS (SELECT
 x.customer, max(r.rank) rank FROM (SELECT id customer, stage FROM
 customers UNION ALL SELECT customer, \"from\" FROM stage_changes
 UNION ALL SELECT customer, \"to\" FROM stage_changes) x JOIN r
 ON r.stage = x.stage GROUP BY x.customer) SELECT sum(rank >= 0),
 sum(rank >= 1), sum(rank >= 2), sum(rank >= 3), sum(rank >= 4) FROM best;
 SELECT stage, count(*) FROM customers GROUP BY stage;"
y_churn="SELECT * FROM (SELECT c.id, c.code, c.name, c.owner, (SELECT
 max(date) FROM orders o WHERE o.customer = c.id) lo, (SELECT max(date)
 FROM visits v WHERE v.customer = c.id) lv, coalesce(c.customer_since,
 date(c.created_at)) s FROM customers c WHERE stage = 'customer') WHERE
 julianday('$today') - julianday(max(ifnull(lo, ''), ifnull(lv, ''), s))
 >= 90 ORDER BY 1;"
y_months="SELECT substr(received_at, 1, 7) m, count(*) FROM complaints
 WHERE received_at >= '2025-12' GROUP BY m; SELECT substr(closed_at, 1, 7)
 m, count(*) FROM complaints WHERE closed_at >= '2025-12' GROUP BY m;"

y_kpi="WITH f AS (SELECT customer, owner, at, row_number() OVER (PARTITION
 BY customer ORDER BY at, id) rn FROM stage_changes WHERE \"from\" IN
 ('lead', 'contacted') AND \"to\" IN ('intent', 'handover', 'customer'))
 SELECT s.login, s.intent_target, (SELECT count(*) FROM f WHERE rn = 1
 AND f.owner = s.login AND substr(f.at, 1, 7) = '2026-11') FROM staff s
 WHERE intent_target > 0 ORDER BY login;"
y_visits="SELECT c.id, c.tier, c.owner, (SELECT min(2, count(*)) FROM
 visits v WHERE v.customer = c.id AND v.level = 'account_manager' AND
 v.date BETWEEN '$m1' AND '$m2'), (SELECT min(1, count(*)) FROM visits v
 WHERE v.customer = c.id AND v.level = 'dept_manager' AND v.date BETWEEN
 '$m1' AND '$m2') FROM customers c WHERE stage = 'customer' AND
 ifnull(customer_since, '') <= '$m2';"

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
