#!/bin/sh
# bench/scale.sh - crm at N customers, each figure beside its yardstick.
#
#   sh bench/scale.sh 100000     100,000 customers, 1,000,000 visits
#
# Builds a database of N customers imported a year ago (2025-11-30) by the
# real `crm-import customers` of bench/import.sh's CSV, then a year of work
# written with SQL in the sqlite3 shell as crm would have written it (the
# change log aside): ten visits a customer, a complaint per ten customers
# with its steps, a survey per five, an order per two, and the pipeline's
# stage changes over the year, the customers' stage and customer_since
# following them.  No ANALYZE: crm never runs one.  Then, on 2026-11-30
# (bench/report.sh's day, the day its yardsticks are written for), it times
# once each, in this run, crm and its yardstick:
#   crm-import customers       sqlite3 .import of the same file into a plain
#                              table with two indexes (bench/import.sh's)
#   crm-visit-due --within 3   each customer's visits per level and period
#   --escalate 7               (bench/due.sh's statement) and its agreed
#                              meeting, then the follow-ups, complaints
#                              and callbacks, one statement each
#                              (due_yardstick_all in bench/lib.sh)
#   crm-report, every report   the same figures in SQL (bench/report.sh's)
#   crm-list --search          the SQL that crm-list runs, in sqlite3: a
#                              name and an address (doc LIKE, answered by the
#                              trigram index) and a
#                              word of two characters (a LIKE scan)
# and prints one row per job: seconds of each, the ratio crm / yardstick and
# crm's peak RSS; above them, the database's size once checkpointed.
#
# The data and the yardsticks are those of import.sh, due.sh and report.sh
# (bench/lib.sh), so that the figures are of the same work.
# BENCH_DIR keeps the files (default: a temporary folder, removed).
#
#   BENCH_DIR=DIR sh bench/scale.sh --again N
#
# times the day's jobs again on the file an earlier run built in DIR (the
# build of 10M customers takes half an hour; a busy machine spoils one
# run's figures), and prints the import's figures of that run.
set -eu
usage() {
	echo "usage: bench/scale.sh [--again] N   (N customers, N >= 10)" >&2
	exit 64
}
again=0
[ "${1:-}" = --again ] && { again=1; shift; }
[ $# = 1 ] || usage
case $1 in
'' | *[!0-9]* | 0*) usage ;;
esac
N=$1
[ "$N" -ge 10 ] || usage
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${CRM_BIN:-$top/bin}
today=2026-11-30	# report.sh's yardsticks are of November 2026
born=2025-11-30		# the day the customers were imported
. "$top/bench/lib.sh"
bench_dir
db=$dir/scale-$N.db
built=$dir/scale-$N.built	# the import's figures, once the file is built
if [ $again = 1 ] && [ ! -s "$built" ]; then
	echo "bench: no file of $N customers built in ${BENCH_DIR:-a new folder}:" \
	    "run BENCH_DIR=DIR sh bench/scale.sh $N first" >&2
	exit 1
fi
export LC_ALL=C.UTF-8 TZ=UTC CRM_USER=bench CRM_DB="$db"
unset CRM_TODAY
for p in crm-init crm-import crm-visit-due crm-report crm-list; do
	[ -x "$bin/$p" ] || { echo "bench: $bin/$p missing: run make" >&2; exit 1; }
done
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 missing" >&2; exit 1; }

# --- room: 100,000 customers took 3,252 bytes each in the database, 3,930
# with the CSV, the yardstick's table and the outputs (bench/README.md,
# "Scale"); 5,000 leaves room for SQLite's temporary files.
need=$((N * 5000 / 1024))	# KiB
free=$(df -Pk "$dir" | awk 'NR == 2 { print $4 }')
if [ $again = 0 ] && [ "$need" -gt "$free" ]; then
	echo "bench: $N customers need about $((need / 1048576 + 1)) GiB in $dir;" \
	    "$((free / 1048576)) GiB are free: this disk cannot hold it" >&2
	exit 1
fi

# measure NAME CMD...: one run, its output in NAME.out; sets t_NAME
# (seconds, two decimals) and m_NAME (peak RSS, KiB).
if [ -x /usr/bin/time ]; then
	measure() {
		_n=$1
		shift
		/usr/bin/time -o "$dir/time" -f '%e %M' "$@" >"$dir/$_n.out"
		read -r _t _m <"$dir/time"
		eval "t_$_n=\$_t m_$_n=\$_m"
	}
else
	# No GNU time (package time): the time alone.  (A helper in python3
	# or perl would count its own image, forked, in the peak RSS.)
	echo "bench: no /usr/bin/time (apt-get install time): no peak RSS" >&2
	measure() {
		_n=$1
		shift
		_t0=$(date +%s.%N)
		"$@" >"$dir/$_n.out"
		_t=$(echo "$_t0 $(date +%s.%N)" | awk '{ printf "%.2f", $2 - $1 }')
		eval "t_$_n=\$_t m_$_n="
	}
fi
now() { date +%s.%N; }
elapsed() { echo "$1 $2" | awk '{ printf "%.0f", $2 - $1 }'; }


t_start=$(now)
if [ $again = 1 ]; then
	read -r t_import t_import_y m_import t_build <"$built"
	[ "$m_import" = - ] && m_import=''
	t_built=$t_start
	t_start=$(echo "$t_start $t_build" | awk '{ printf "%.2f", $1 - $2 }')
else
rm -f "$db" "$db-wal" "$db-shm" "$dir/plain.db" "$built"
bench_staff "$dir/staff.csv"
echo "bench: generating $N customers in $dir" >&2
bench_customers "$N" "$dir/customers.csv"

# --- import: crm-import, a year ago, against sqlite3 .import --------------
export CRM_TODAY=$born
t_import='' t_import_y='' m_import=''
"$bin/crm-init" >/dev/null
"$bin/crm-import" -q staff "$dir/staff.csv"
measure import "$bin/crm-import" -q customers "$dir/customers.csv"
bench_plain "$dir/customers.csv" "$dir/import.sql"
measure import_y sqlite3 "$dir/plain.db" ".read \"$dir/import.sql\""
for f in "$db" "$dir/plain.db"; do
	rows=$(sqlite3 "$f" "SELECT count(*) FROM customers")
	[ "$rows" = "$N" ] || { echo "bench: $f holds $rows customers, not $N" >&2; exit 1; }
done
rows=$(sqlite3 "$db" "SELECT count(*) FROM customer_search")
[ "$rows" = "$N" ] || { echo "bench: the search index holds $rows customers, not $N" >&2; exit 1; }

# --- a year of work, in SQL -------------------------------------------------
echo "bench: a year of visits, complaints, surveys, orders and stage changes" >&2
sqlite3 "$db" <<SQL >/dev/null
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -200000;
BEGIN;
UPDATE staff SET intent_target = 1 + id % 5 WHERE role = 'account_manager';
CREATE TEMP TABLE rank (stage TEXT PRIMARY KEY, r INTEGER UNIQUE);
INSERT INTO rank VALUES ('lead', 0), ('contacted', 1), ('intent', 2),
  ('handover', 3), ('customer', 4);
CREATE TEMP TABLE step (k INTEGER PRIMARY KEY);
INSERT INTO step VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9);

-- The pipeline over the year: a customer imported at a stage before
-- 'customer' moves on by 0 to all of the stages left, its last move on a
-- day of the year, the others spread before it; one in ten of those that
-- stop short is lost at a last move.  The account manager moves it.
CREATE TEMP TABLE path AS SELECT c.id, c.owner, p.r AS r0,
  (c.id / 3) % (5 - p.r) AS s,
  c.id % 10 = 1 AND (c.id / 3) % (5 - p.r) < 4 - p.r AS lose
  FROM customers c JOIN rank p ON p.stage = c.stage WHERE p.r < 4;
INSERT INTO stage_changes (customer, at, who, "from", "to", owner)
  SELECT x.id, date('$born', '+' || (1 + x.id * 13 % 364 * k /
  (x.s + x.lose)) || ' days') || printf('T%02d:%02d:00Z', 1 + k * 2,
  x.id % 60), x.owner, f.stage,
  CASE WHEN k > x.s THEN 'lost' ELSE t.stage END, x.owner
  FROM path x JOIN step ON k BETWEEN 1 AND x.s + x.lose
  JOIN rank f ON f.r = x.r0 + k - 1 JOIN rank t ON t.r = x.r0 + k
  ORDER BY 2, 1;
UPDATE customers SET stage = g."to", updated_at = g.at,
  customer_since = CASE WHEN g."to" = 'customer' THEN substr(g.at, 1, 10)
  ELSE customer_since END
  FROM (SELECT customer, "to", max(at) AS at FROM stage_changes
  GROUP BY customer) g WHERE g.customer = customers.id;

-- Ten visits a customer, written customer by customer.  Most are on
-- cadence on $today: two account-manager visits this month (one in ten
-- has its second last month; one in five agreed a next meeting), a
-- department-manager visit this month (one in twenty last month), a
-- division-head visit this quarter, a president's visit this year; five
-- more over the year.  One customer in fifty has been left alone: each of
-- its visits was 120 days earlier.  Each by the staff member of that level
-- above the owner.
INSERT INTO visits (customer, level, staff, kind, date, summary, next_date,
  created_at)
  SELECT id, level, CASE level WHEN 'account_manager' THEN owner
  WHEN 'dept_manager' THEN dm WHEN 'division_head' THEN 'chenjianhua'
  ELSE 'liuguoqiang' END, kind, date, printf('第%d次拜访: 设备运行正常, '
  || '客户对出水指标满意', k + 1), CASE WHEN k = 1 AND id % 5 = 0 THEN
  date(date, '+' || (7 + id % 30) || ' days') END, date || 'T08:30:00Z'
  FROM (SELECT c.id, c.owner, s.reports_to AS dm, k,
  CASE WHEN k < 2 THEN 'account_manager' WHEN k = 2 THEN 'dept_manager'
    WHEN k = 3 THEN 'division_head' WHEN k = 4 THEN 'president'
    WHEN (c.id + k) % 4 = 0 THEN 'dept_manager'
    ELSE 'account_manager' END AS level,
  CASE WHEN k > 4 AND (c.id + k) % 3 = 0 THEN 'phone' ELSE 'onsite' END
    AS kind,
  date(CASE k WHEN 0 THEN date('$today', 'start of month',
      '+' || (c.id % 10) || ' days')
    WHEN 1 THEN CASE WHEN c.id % 10 = 3 THEN date('$today',
      'start of month', '-' || (1 + c.id % 20) || ' days')
      ELSE date('$today', '-' || (c.id % 14) || ' days') END
    WHEN 2 THEN CASE WHEN c.id % 20 = 9 THEN date('$today',
      'start of month', '-3 days') ELSE date('$today', 'start of month',
      '+' || (c.id % 20) || ' days') END
    WHEN 3 THEN date('$today', 'start of month', '-1 month',
      '+' || (c.id % 58) || ' days')
    WHEN 4 THEN date('$today', 'start of year', '+' || (c.id % 300) ||
      ' days')
    ELSE date('$born', '+' || (1 + (c.id * 7 + k * 53) % 330) || ' days')
    END, CASE WHEN c.id % 50 = 7 THEN '-120 days' ELSE '+0 days' END)
    AS date
  FROM customers c CROSS JOIN step LEFT JOIN staff s ON s.login = c.owner);

-- A complaint per ten customers over the year, by the severity's SLA:
-- one in six still open, the others assigned, resolved, confirmed and
-- called back, each step in complaint_events as crm-complaint writes it.
INSERT INTO complaints (customer, received_at, channel, category, severity,
  description, status, escalated, dept, handler, due_date, result,
  evaluation, created_by, assigned_at, resolved_at, confirmed_at, closed_at)
  SELECT id, r || 'T02:00:00Z', 'phone', '出水水质', sev, '出水COD超标, '
  || '要求派人到现场查看', CASE WHEN o THEN 'open' ELSE 'closed' END,
  sev IN ('high', 'critical'), CASE WHEN NOT o THEN '技术服务部' END,
  CASE WHEN NOT o THEN owner END, date(r, '+' || CASE sev WHEN 'critical'
  THEN 1 WHEN 'high' THEN 3 WHEN 'normal' THEN 7 ELSE 15 END || ' days'),
  CASE WHEN NOT o THEN '已更换药剂, 出水达标' END,
  CASE WHEN NOT o THEN 1 + id / 10 % 5 END, owner,
  CASE WHEN NOT o THEN r || 'T03:00:00Z' END,
  CASE WHEN NOT o THEN date(r, '+' || (id / 10 % 20) || ' days') || 'T04:00:00Z' END,
  CASE WHEN NOT o THEN date(r, '+' || (id / 10 % 20 + 1) || ' days') || 'T05:00:00Z' END,
  CASE WHEN NOT o THEN date(r, '+' || (id / 10 % 20 + 3) || ' days') || 'T06:00:00Z' END
  FROM (SELECT id, owner, id % 60 = 0 AS o, CASE id % 40 WHEN 0 THEN 'low'
  WHEN 10 THEN 'normal' WHEN 20 THEN 'high' ELSE 'critical' END AS sev,
  CASE WHEN id % 60 = 0 THEN date('$today', '-' || (id / 60 % 20) || ' days')
  ELSE date('$today', '-' || (25 + id * 7 % 330) || ' days') END AS r
  FROM customers WHERE id % 10 = 0);
INSERT INTO complaint_events (complaint, at, who, action, text)
  SELECT id, at, owner, action, text FROM (
  SELECT c.id, received_at AS at, created_by AS owner, 'new' AS action,
    NULL AS text, 0 AS n FROM complaints c
  UNION ALL SELECT id, assigned_at, created_by, 'assign', dept, 1
    FROM complaints WHERE assigned_at IS NOT NULL
  UNION ALL SELECT id, resolved_at, handler, 'resolve', result, 2
    FROM complaints WHERE resolved_at IS NOT NULL
  UNION ALL SELECT id, confirmed_at, created_by, 'confirm', NULL, 3
    FROM complaints WHERE confirmed_at IS NOT NULL
  UNION ALL SELECT id, closed_at, created_by, 'callback', '评价 ' || evaluation, 4
    FROM complaints WHERE closed_at IS NOT NULL) ORDER BY at, id, n;

-- A survey per five customers, an order per two, over the year.
INSERT INTO surveys (customer, date, channel, service_score, operation_ok,
  staff_score, staff, created_at)
  SELECT id, date('$today', '-' || (id % 330) || ' days'), 'form',
  1 + id / 5 % 5, id % 3 <> 0, 1 + id / 5 * 7 % 5, owner,
  date('$today', '-' || (id % 330) || ' days') || 'T07:00:00Z'
  FROM customers WHERE id % 5 = 0;
INSERT INTO orders (customer, date, kind, amount, description, created_at)
  SELECT id, date('$today', '-' || (id % 360) || ' days'), 'order',
  100000 + id, '药剂 ' || (1 + id % 20) || ' 吨',
  date('$today', '-' || (id % 360) || ' days') || 'T07:30:00Z'
  FROM customers WHERE id % 2 = 0;
COMMIT;
PRAGMA journal_mode = WAL;
SQL
t_built=$(now)
echo "$t_import $t_import_y ${m_import:--} $(elapsed "$t_start" "$t_built")" >"$built"
fi

# --- the day's work on $today ------------------------------------------------
export CRM_TODAY=$today
report_yardsticks
: "${y_tiers:?} ${y_complaints:?} ${y_satisfaction:?} ${y_funnel:?} ${y_churn:?}"
: "${y_kpi:?} ${y_visits:?} ${y_months:?}"
y_summary="$y_tiers $y_complaints $y_satisfaction $y_funnel $y_churn $y_kpi
 $y_visits $y_months"

# crm-list --search WORD: the statement of lib/custfilter.c, in sqlite3.
y_search() {
	echo "SELECT c.id, c.code, c.name, c.tier, c.stage, c.category,
 c.region, c.owner, c.credit, c.scale_tonnes FROM customers c WHERE 1 AND
 c.id IN (SELECT rowid FROM customer_search WHERE 1 AND $1) ORDER BY c.id;"
}

# job LABEL NAME YARDSTICK-SQL CRM-ARGS...: crm-ARGS and the yardstick,
# one run each; one row of the table into rows.
: >"$dir/rows"
job() {
	_label=$1 _name=$2 _sql=$3
	shift 3
	measure "${_name}_y" sqlite3 -batch "$db" "$_sql"
	measure "$_name" "$@"
	case $_name in
	search_*)
		_a=$(($(wc -l <"$dir/$_name.out") - 1))
		_b=$(wc -l <"$dir/${_name}_y.out")
		[ "$_a" = "$_b" ] || echo "bench: crm-list --search found $_a" \
		    "customers, its yardstick $_b" >&2
		_label="$_label ($_a)" ;;
	esac
	_c='' _y='' _m=''
	eval "_c=\$t_$_name _y=\$t_${_name}_y _m=\$m_$_name"
	printf '%s\t%s\t%s\t%s\n' "$_label" "$_c" "$_y" "$_m" >>"$dir/rows"
}

cat "$db" >/dev/null	# the page cache warm for both
job "crm-visit-due --within 3" due "$(due_yardstick_all "$today")" \
    "$bin/crm-visit-due" --within 3 --escalate 7 -o tsv
for r in "tiers --by owner:tiers" "complaints --by month:complaints" \
    "satisfaction --by owner:satisfaction" "funnel:funnel" "churn:churn" \
    "kpi --month 2026-11:kpi" "visits --month 2026-11:visits" \
    "summary --month 2026-11:summary"; do
	args=${r%:*} name=${r#*:}
	sql=''
	eval "sql=\$y_$name"
	# shellcheck disable=SC2086 # the report's arguments, split
	job "crm-report $args" "$name" "$sql" "$bin/crm-report" $args -o tsv
done
job "crm-report summary -o html" html "$y_summary" \
    "$bin/crm-report" summary --month 2026-11 -o html
# A name and an address (the trigram index), a two-character word (LIKE);
# the label ends with the number of customers found.
for w in 宏达化工:name 明珠大道:road 环保:short; do
	word=${w%:*} name=search_${w#*:}
	case $name in
	*short) where="+doc LIKE '%$word%' ESCAPE '\\'" ;;
	*) where="doc LIKE '%$word%'" ;;
	esac
	job "crm-list --search $word" "$name" "$(y_search "$where")" \
	    "$bin/crm-list" --search "$word" -o tsv
done

sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
size=$(wc -c <"$db")
peak=$(du -sk "$dir" | awk '{ print $1 }')
counts=$(sqlite3 -separator ' ' "$db" "SELECT (SELECT count(*) FROM visits),
 (SELECT count(*) FROM complaints), (SELECT count(*) FROM stage_changes)")

# --- the table --------------------------------------------------------------
LC_ALL=C awk -v n="$N" -v size="$size" -v peak="$peak" -v counts="$counts" \
    -v built="$(elapsed "$t_start" "$t_built")" \
    -v total="$(elapsed "$t_start" "$(now)")" -v today="$today" \
    -v ti="$t_import" -v tiy="$t_import_y" -v mi="$m_import" -v again=$again \
    -F '\t' '
# A job in 36 columns: a CJK character, three bytes here, takes two.
function row(job, crm, yard, rss,   w) {
	rss = rss == "" ? "-" : sprintf("%.1f MiB", rss / 1024)
	w = job
	w = length(job) - gsub(/[\200-\377]/, "", w) / 3
	printf "%s%*s %8.2f %10.2f %7s %12s\n", job, 36 - w, "", crm, yard,
	    (yard > 0 ? sprintf("%.2f", crm / yard) : "-"), rss
}
BEGIN {
	split(counts, c, " ");
	printf "%d customers, %d visits, %d complaints, %d stage changes; today %s\n",
	    n, c[1], c[2], c[3], today;
	printf "database %.1f MiB (%d bytes a customer); all files %.1f MiB\n",
	    size / 1048576, size / n, peak / 1024;
	printf "built in %d s%s, measured in %d s in all\n\n", built,
	    again ? " by an earlier run (its import below)" : "", total - built;
	printf "%-36s %8s %10s %7s %12s\n", "job", "crm s", "yardstick", "ratio",
	    "crm peak RSS";
	row("crm-import customers", ti, tiy, mi);
}
{ row($1, $2, $3, $4) }' "$dir/rows"
