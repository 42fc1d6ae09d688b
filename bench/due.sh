#!/bin/sh
# bench/due.sh - how fast is crm-visit-due on a large database?
#
#   sh bench/due.sh            100,000 customers, 1,000,000 visits
#   sh bench/due.sh 1000000    1,000,000 customers, 10,000,000 visits
#
# Builds a database with crm-init and fills it with SQL (recursive CTEs)
# in the sqlite3 shell, then times, from the same run, on a year's last
# day (every cadence rule has a slot due: month, quarter and year) and on
# backlog days two weeks and three months on (nothing logged since):
#   - the yardstick: one hand-written SQL statement in sqlite3 that counts
#     each customer's visits per level in the current period;
#   - crm-visit-due as the nightly cron job runs it;
#   - the same with its output cut to the customers' ids (-o ids), which
#     leaves the engine and not the bytes written;
#   - the cadence alone as ids, the yardstick's own work;
# each the best of three, output to /dev/null, with wall and CPU seconds,
# rows, peak memory and the ratios to the yardstick.
# BENCH_DIR keeps the database (default: a temporary folder, removed).
set -eu
customers=${1:-100000}
today=${BENCH_TODAY:-2026-12-31}
top=$(cd "$(dirname "$0")/.." && pwd)
PATH=$top/bin:$PATH
. "$top/bench/lib.sh"
bench_count "$customers"
visits=$((customers * 10))
bench_built
bench_dir
export CRM_DB="$dir/due-$customers.db" CRM_USER=bench CRM_TODAY=$today
export LC_ALL=C.UTF-8

now() { date +%s.%N; }
# elapsed T0 T1: seconds with two decimals
elapsed() { echo "$1 $2" | awk '{ printf "%.2f", $2 - $1 }'; }

if [ ! -f "$CRM_DB" ]; then
	t0=$(now)
	db=$CRM_DB
	export CRM_DB="$db.new"	# renamed once complete
	rm -f "$CRM_DB" "$CRM_DB-wal" "$CRM_DB-shm"
	crm-init --empty >/dev/null
	while IFS=, read -r name date window tiers; do
		[ "$name" = name ] && continue
		crm-holiday add "$name" "$date" --window-days "$window" \
		    --tiers "$tiers" >/dev/null
	done <"$top/data/holidays.csv"
	# The search index is not what is measured: its triggers are put
	# back after the load, and the bench customers stay out of it.
	triggers=$(sqlite3 "$CRM_DB" "SELECT sql || ';' FROM sqlite_master
	    WHERE type = 'trigger' AND tbl_name = 'customers'")
	{ sqlite3 "$CRM_DB" <<EOF
PRAGMA journal_mode = OFF;
PRAGMA cache_size = -400000;
PRAGMA synchronous = OFF;
BEGIN;
DROP TRIGGER customers_ai;
DROP TRIGGER customers_au;
DROP TRIGGER customers_ad;
-- One president, 5 division heads, 20 department managers and 200
-- account managers, each reporting to the level above.
INSERT INTO staff (login, name, email, role, reports_to, created_at)
  VALUES ('p0', 'President', 'p0@example.com', 'president', NULL,
  '2025-01-01T00:00:00Z');
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 4)
INSERT INTO staff (login, name, email, role, reports_to, created_at)
  SELECT 'dh' || i, 'Division head ' || i, 'dh' || i || '@example.com',
  'division_head', 'p0', '2025-01-01T00:00:00Z' FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19)
INSERT INTO staff (login, name, email, role, reports_to, created_at)
  SELECT 'dm' || i, 'Dept manager ' || i, 'dm' || i || '@example.com',
  'dept_manager', 'dh' || (i % 5), '2025-01-01T00:00:00Z' FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199)
INSERT INTO staff (login, name, email, role, reports_to, created_at)
  SELECT 'am' || i, 'Account manager ' || i, 'am' || i || '@example.com',
  'account_manager', 'dm' || (i % 20), '2025-01-01T00:00:00Z' FROM n;
-- Customers: 10% A, 30% B, 60% C; one in twenty not yet a customer.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
  WHERE i < $customers)
INSERT INTO customers (id, code, name, tier, stage, owner, created_at,
  updated_at)
  SELECT i, printf('C%06d', i), '客户' || i,
  CASE WHEN i % 10 = 0 THEN 'A' WHEN i % 10 < 4 THEN 'B' ELSE 'C' END,
  CASE WHEN i % 20 = 7 THEN 'lead' ELSE 'customer' END,
  'am' || (i % 200), '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM n;
-- Ten visits a customer.  Most customers are on cadence: two account
-- manager visits this month (the second a holiday callback in the last
-- week), a department manager visit this month, a division head visit
-- this quarter and a president visit this year; one in ten is behind
-- (the second account-manager visit was last month), one in twenty has
-- no department-manager visit this month.  The other five visits are at
-- random over the last two years; one customer in five agreed a next
-- meeting on its last visit.
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n
  WHERE i < $visits - 1),
r(i, c, k, d) AS (SELECT i, i % $customers + 1, i / $customers,
  abs(random()) % 730 FROM n)
INSERT INTO visits (customer, level, staff, kind, date, summary, next_date,
  created_at)
  SELECT c,
  CASE k WHEN 0 THEN 'account_manager' WHEN 1 THEN 'account_manager'
    WHEN 2 THEN 'dept_manager' WHEN 3 THEN 'division_head'
    WHEN 4 THEN 'president' ELSE
    CASE d % 4 WHEN 0 THEN 'dept_manager' ELSE 'account_manager' END END,
  'am' || (c % 200),
  CASE WHEN k = 1 AND c % 10 <> 3 THEN 'holiday'
    WHEN k > 4 AND d % 3 = 0 THEN 'phone' ELSE 'onsite' END,
  CASE k
    WHEN 0 THEN min('$today', date('$today', 'start of month',
      '+' || (c % 10) || ' days'))
    WHEN 1 THEN CASE WHEN c % 10 = 3
      THEN date('$today', 'start of month', '-' || (1 + c % 20) || ' days')
      ELSE date('$today', '-' || (c % 6) || ' days') END
    WHEN 2 THEN CASE WHEN c % 20 = 9
      THEN date('$today', 'start of month', '-3 days')
      ELSE min('$today', date('$today', 'start of month',
        '+' || (c % 20) || ' days')) END
    WHEN 3 THEN min('$today', date('$today', 'start of month',
      '-' || ((strftime('%m', '$today') - 1) % 3) || ' months',
      '+' || (c % 28) || ' days'))
    WHEN 4 THEN min('$today', date('$today', 'start of year',
      '+' || (c % 300) || ' days'))
    ELSE date('$today', 'start of month', '-' || (d + 1) || ' days') END,
  'visit ' || i,
  CASE WHEN k = 1 AND c % 5 = 0 THEN date('$today', '+' || (c % 40) ||
    ' days') END,
  '2025-01-01T00:00:00Z' FROM r;
-- A thousand approved plans and confirmed complaints.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
  WHERE i < 1000)
INSERT INTO plans (customer, staff, level, date, purpose, status, reviewer,
  created_at)
  SELECT i * 37 % $customers + 1, 'am' || (i % 200), 'account_manager',
  date('$today', '-' || (i % 30) || ' days'), 'plan ' || i, 'approved',
  'dm0', '2025-01-01T00:00:00Z' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
  WHERE i < 1000)
INSERT INTO complaints (customer, received_at, description, status, handler,
  confirmed_at)
  SELECT i * 53 % $customers + 1, '2026-11-01T08:00:00Z', 'complaint ' || i,
  'confirmed', 'am' || (i % 200),
  date('$today', '-' || (i % 20) || ' days') || 'T09:00:00Z' FROM n;
$triggers
COMMIT;
ANALYZE;
PRAGMA journal_mode = WAL;
EOF
	} >/dev/null
	mv "$CRM_DB" "$db"
	CRM_DB=$db
	t1=$(now)
	echo "generated $customers customers, $visits visits in $(elapsed "$t0" "$t1") s: $CRM_DB"
fi


# run NAME CMD...: time it into NAME_s (wall seconds), NAME_cpu (user +
# system seconds) and NAME_kb (peak RSS); the output goes to /dev/null,
# its rows are counted by a run of their own.
run() {
	_name=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$dir/time" "$@" >/dev/null
	read -r _s _u _y _kb <"$dir/time"
	_cpu=$(echo "$_u $_y" | awk '{ printf "%.2f", $1 + $2 }')
	eval "${_name}_s=\$_s ${_name}_cpu=\$_cpu ${_name}_kb=\$_kb"
}

# best NAME CMD...: the best of three runs (wall and CPU apart).
best() {
	_n=$1
	shift
	_bs= _bc=
	for _i in 1 2 3; do
		run "$_n" "$@"
		eval "_s=\$${_n}_s _c=\$${_n}_cpu"
		_bs=$(echo "$_s $_bs" | awk '{ print ($2 == "" || $1 < $2) ? $1 : $2 }')
		_bc=$(echo "$_c $_bc" | awk '{ print ($2 == "" || $1 < $2) ? $1 : $2 }')
	done
	eval "${_n}_s=\$_bs ${_n}_cpu=\$_bc"
}

# ratio A B: A / B with two decimals, "-" when B is 0 (too fast to time)
ratio() { echo "$1 $2" | awk '{ if ($2 > 0) printf "%.2f", $1 / $2; else printf "-" }'; }

# line LABEL NAME ROWS: one line of the table, its ratios to the yardstick.
line() {
	eval "_s=\$${2}_s _c=\$${2}_cpu _kb=\$${2}_kb"
	printf "  %-50s %6s s %6s s cpu %8s rows %7s kB  ratio %s (cpu %s)\n" \
	    "$1" "$_s" "$_c" "$3" "$_kb" "$(ratio "$_s" "$yard_s")" \
	    "$(ratio "$_c" "$yard_cpu")"
}

# bench DAY WHAT: on DAY, best of three each,
#   - the yardstick;
#   - the nightly job (every obligation, escalated after 7 days);
#   - the same job with its output cut to the customers' ids (-o ids):
#     what is left is the engine, not the bytes written;
#   - the cadence alone, not escalated, as ids: the work the yardstick
#     does (the visits of each customer at each level in the period).
bench() {
	due="crm-visit-due --today $1 --within 3"
	best yard sqlite3 -batch "$CRM_DB" "$(due_yardstick "$1")"
	best due $due --escalate 7 -o tsv
	best ids $due --escalate 7 -o ids
	best cad $due --obligation cadence -o ids
	yrows=$(sqlite3 -batch "$CRM_DB" "$(due_yardstick "$1")" | wc -l)
	rows=$(($($due --escalate 7 -o tsv | wc -l) - 1))
	crows=$(($($due --obligation cadence -o tsv | wc -l) - 1))
	echo "$1, $2:"
	printf "  %-50s %6s s %6s s cpu %8s rows %7s kB\n" \
	    "yardstick (sqlite3, visits per customer, level)" "$yard_s" \
	    "$yard_cpu" "$yrows" "$yard_kb"
	line "crm-visit-due --escalate 7 (the nightly job)" due "$rows"
	line "the same, -o ids (output cut to the ids)" ids "$rows"
	line "--obligation cadence -o ids (yardstick's work)" cad "$crows"
}

# Warm the page cache once, so that neither pays for the first read.
cat "$CRM_DB" >/dev/null
echo "$customers customers, $visits visits"
bench "$today" "the last day of the year, every period ends"
# Issue 13's backlog day: half the month gone with nothing logged, most
# of its visits overdue (about 1.2 rows a customer).
backlog=$(sqlite3 "$CRM_DB" "SELECT date('$today', '+15 days')")
bench "$backlog" "two weeks on, nothing logged since: the month's visits overdue"
backlog=$(sqlite3 "$CRM_DB" "SELECT date('$today', '+1 day', '+3 months', '-1 day')")
bench "$backlog" "three months on, nothing logged since: every customer overdue"
