# bench/lib.sh - what the bench scripts share; sourced by them, not run.
# shellcheck shell=sh disable=SC2154 # top and today are the caller's

# bench_built: stops, saying so, when this tree's programs are not built
# (else PATH would find installed ones, or none).
bench_built() {
	[ -x "$top/bin/crm-init" ] || {
		echo "bench: $top/bin/crm-init is missing: run make first" >&2
		exit 1
	}
}

# bench_count N: stops, with exit status 64, unless N is a whole number of
# 10 or more (the customers or rows a script makes; awk would take a word
# as a number that no count reaches, and write until the disk is full).
bench_count() {
	case $1 in
	'' | *[!0-9]* | 0*) ;;
	*) [ "$1" -ge 10 ] && return 0 ;;
	esac
	echo "bench: '$1' is not a count: give a whole number, 10 or more" >&2
	exit 64
}

# bench_dir: sets dir to BENCH_DIR (made if need be, and kept), else to a
# temporary folder removed when the script exits.
bench_dir() {
	if [ -n "${BENCH_DIR:-}" ]; then
		dir=$BENCH_DIR
		mkdir -p "$dir"
	else
		dir=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench.XXXXXX")
		trap 'rm -rf "$dir"' EXIT
	fi
}

# bench_staff FILE: the staff that bench/import.sh and scale.sh load, as
# CSV: an admin (bench), a president, a division head, two department
# managers and six account managers, the customers' owners.
bench_staff() {
	cat >"$1" <<'EOF'
login,name,role,reports_to,region
bench,基准测试,admin,,榆林市
liuguoqiang,刘国强,president,,榆林市
chenjianhua,陈建华,division_head,liuguoqiang,榆林市
wangfang,王芳,dept_manager,chenjianhua,榆阳区
zhaoyong,赵勇,dept_manager,chenjianhua,神木市
zhanglei,张磊,account_manager,wangfang,榆阳区
lina,李娜,account_manager,wangfang,榆阳区
sunhao,孙浩,account_manager,zhaoyong,神木市
zhoujie,周杰,account_manager,zhaoyong,府谷县
wujing,吴静,account_manager,zhaoyong,靖边县
zhengqiang,郑强,account_manager,wangfang,横山区
EOF
}

# bench_customers N FILE: N realistic customer rows as CSV (Chinese names,
# quoted addresses with commas and newlines, valid credit codes), the
# same N rows at every run.
bench_customers() {
awk -v n="$1" 'BEGIN {
	srand(20261127);
	split("榆阳区 横山区 神木市 府谷县 靖边县 定边县 绥德县 米脂县 佳县 吴堡县 清涧县 子洲县", region, " ");
	split("华 宏 泰 鑫 源 达 丰 兴 盛 隆 通 昌 安 建 恒 瑞 祥 海 天 金 永 新 长 嘉 润 博 中 创 汇 正", w, " ");
	split("化工 煤业 电力 水务 环保 制药 食品 建材 冶金 纺织 能源 化肥", ind, " ");
	split("有限公司 股份有限公司 集团有限公司 厂 有限责任公司", suf, " ");
	split("人民路 长城路 新建路 榆溪大道 沙河路 明珠大道 文化路 建设路 工业大道 芹河路", road, " ");
	split("zhanglei lina sunhao zhoujie wujing zhengqiang", owner, " ");
	split("A²/O 氧化沟 SBR MBR 生物接触氧化 混凝沉淀", proc, " ");
	split("government enterprise enterprise enterprise other", cat, " ");
	split("customer customer customer lead contacted intent handover lost", stage, " ");
	split("电话开发 招投标 老客户介绍 展会 网站", src, " ");
	cs = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	split("1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28", wt, " ");
	print "code,name,tier,category,stage,region,address,owner,uscc,credit,scale_tonnes,process,materials,investment,industry,source,notes";
	for (i = 1; i <= n; i++) {
		r = region[int(rand() * 12) + 1];
		in_ = ind[int(rand() * 12) + 1];
		name = substr(r, 1, length(r) - 3) w[int(rand() * 30) + 1] w[int(rand() * 30) + 1];
		if (rand() < 0.5) name = name w[int(rand() * 30) + 1];
		name = name in_ suf[int(rand() * 5) + 1];
		addr = "\"陕西省榆林市" r road[int(rand() * 10) + 1] int(rand() * 300 + 1) "号, " int(rand() * 9 + 1) "号楼";
		if (rand() < 0.2) addr = addr "\n二期厂区, 东门";
		addr = addr "\"";
		u = "91610" (802 + int(rand() * 20));
		for (k = 0; k < 9; k++) u = u substr(cs, int(rand() * 31) + 1, 1);
		sum = 0;
		for (k = 1; k <= 17; k++) sum += (index(cs, substr(u, k, 1)) - 1) * wt[k];
		c = 31 - sum % 31; if (c == 31) c = 0;
		u = u substr(cs, c + 1, 1);
		scale = int(rand() * 40000);
		tier = scale >= 20000 ? "A" : scale >= 10000 ? "B" : "C";
		notes = rand() < 0.3 ? "\"设备部张三为日常对接人, 有二期扩建计划; 电话 138" int(rand() * 100000000) "\"" : "";
		printf "C%07d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%s,%s,%d.%02d,%s,%s,%s\n",
		    i, name, tier, cat[int(rand() * 5) + 1], stage[int(rand() * 8) + 1], r, addr,
		    owner[int(rand() * 6) + 1], u, substr("ABCD", int(rand() * 4) + 1, 1), scale,
		    proc[int(rand() * 6) + 1], "原水、污泥", int(rand() * 90000000), int(rand() * 100),
		    in_, src[int(rand() * 5) + 1], notes;
	}
}' >"$2"
}

# bench_plain CSV SQL: SQL, a script for the sqlite3 shell that loads CSV
# (bench_customers') into a plain table with the same columns, all TEXT,
# and two indexes, in one transaction: the import's yardstick.  Sets cols
# (CSV's header) and coldefs (the columns' definitions).
bench_plain() {
	cols=$(head -1 "$1")
	coldefs="$(echo "$cols" | sed 's/,/ TEXT, /g') TEXT"
	{
		echo "CREATE TABLE customers ($coldefs);"
		echo "CREATE INDEX customers_owner ON customers(owner);"
		echo "CREATE INDEX customers_stage_tier ON customers(stage, tier);"
		echo "BEGIN;"
		echo ".import --csv --skip 1 \"$1\" customers"
		echo "COMMIT;"
	} >"$2"
}

# due_yardstick DAY: the due list's yardstick on DAY, SQL for sqlite3:
# each customer's visits per level in the current period.
due_yardstick() {
	cat <<EOF
SELECT c.id,
  (SELECT count(*) FROM visits v WHERE v.customer = c.id
    AND v.level = 'account_manager' AND v.date BETWEEN m1 AND m2),
  (SELECT count(*) FROM visits v WHERE v.customer = c.id
    AND v.level = 'dept_manager' AND v.date BETWEEN m1 AND m2),
  (SELECT count(*) FROM visits v WHERE v.customer = c.id
    AND v.level = 'division_head' AND v.date BETWEEN q1 AND q2),
  (SELECT count(*) FROM visits v WHERE v.customer = c.id
    AND v.level = 'president' AND v.date BETWEEN y1 AND y2)
FROM customers c, (SELECT
  date('$1', 'start of month') AS m1,
  date('$1', 'start of month', '+1 month', '-1 day') AS m2,
  date('$1', 'start of month', '-' || ((strftime('%m', '$1') - 1) % 3)
    || ' months') AS q1,
  date('$1', 'start of month', '-' || ((strftime('%m', '$1') - 1) % 3)
    || ' months', '+3 months', '-1 day') AS q2,
  date('$1', 'start of year') AS y1,
  date('$1', 'start of year', '+1 year', '-1 day') AS y2)
WHERE c.stage = 'customer';
EOF
}

# due_yardstick_all DAY: what `crm-visit-due --within 3` reads on
# scale.sh's DAY, the last day of a month that is not the last of a
# quarter (2026-11-30), when the file holds a year of work.  For each
# customer at stage customer: its visits of the month by account and
# department managers (the rules with a slot due by DAY + 3; a quarter's
# and a year's first slot is due on the quarter's last day, so crm reads
# no visit for them) and the day its last visit agreed to meet again (as
# crm reads it); then the customers of the pipeline with their last
# visit, stage change or day added (the follow-ups); complaints not
# resolved, due by DAY + 3; and those confirmed (the callbacks).  No rule
# applied, no sort.
due_yardstick_all() {
	cat <<EOF
SELECT c.id,
  (SELECT count(*) FROM visits v WHERE v.customer = c.id
    AND v.level = 'account_manager' AND v.date BETWEEN m1 AND m2),
  (SELECT count(*) FROM visits v WHERE v.customer = c.id
    AND v.level = 'dept_manager' AND v.date BETWEEN m1 AND m2),
  (SELECT w.next_date FROM visits w WHERE w.customer = c.id
    AND w.next_date IS NOT NULL ORDER BY w.date DESC, w.next_date LIMIT 1)
FROM customers c, (SELECT date('$1', 'start of month') AS m1,
  date('$1', 'start of month', '+1 month', '-1 day') AS m2)
WHERE c.stage = 'customer';
SELECT c.id, c.stage, max(date(c.created_at),
  ifnull((SELECT max(date) FROM visits v WHERE v.customer = c.id), ''),
  ifnull((SELECT date(max(at)) FROM stage_changes g
    WHERE g.customer = c.id), ''))
FROM customers c WHERE c.stage IN ('lead', 'contacted', 'intent', 'handover');
SELECT c.id, k.id, k.due_date, coalesce(k.handler, k.created_by)
FROM complaints k JOIN customers c ON c.id = k.customer
WHERE k.status IN ('open', 'assigned') AND k.due_date <= date('$1', '+3 days');
SELECT c.id, k.id, coalesce(k.confirmed_at, k.resolved_at, k.received_at),
  k.handler
FROM complaints k JOIN customers c ON c.id = k.customer
WHERE k.status = 'confirmed';
EOF
}

# report_yardsticks: sets m1 and m2 (the month measured, November 2026)
# and y_NAME, the SQL of the same figures as `crm-report NAME`, written by
# hand, for the day in $today.
# shellcheck disable=SC2034 # the y_NAME are for the caller
report_yardsticks() {
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
}
