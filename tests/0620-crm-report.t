#!/bin/sh
# crm-report: the reports of SPEC section 7 so far (tiers, complaints,
# satisfaction, funnel, churn), on a small world worked out by hand, in
# every output format.
. "$(dirname "$0")/lib.sh"
export TZ=UTC

crm-init --empty >/dev/null
crm-staff add --login admin --name 管理员 --role admin >/dev/null
crm-import -q --as admin staff >/dev/null <<'EOF'
login,name,email,role,reports_to
m1,经理,m1@example.com,dept_manager,
a1,客户经理,a1@example.com,account_manager,m1
EOF
export CRM_USER=a1
add() { crm-add --today 2026-01-01 "$@" >/dev/null; }
add --code K1 --name 甲 --tier A --region 榆阳区 --owner a1 --stage customer
add --code K2 --name 乙 --tier B --region 榆阳区 --owner a1 --stage lead
add --code K3 --name 丙 --tier C --region 神木市 --owner m1 --stage customer
add --code K4 --name 丁 --tier C --region 神木市 --stage lost
add --code K5 --name 戊 --tier C --region 神木市 --owner a1 --stage lead
crm-edit K5 --stage contacted --today 2026-03-01 >/dev/null
crm-edit K5 --stage intent --today 2026-04-01 >/dev/null
crm-edit K5 --stage lost --today 2026-05-01 >/dev/null

# --- tiers -----------------------------------------------------------------
is "$(crm-report tiers)" "tier	lead	contacted	intent	handover	customer	lost	churned	total
A	0	0	0	0	1	0	0	1
B	1	0	0	0	0	0	0	1
C	0	0	0	0	1	2	0	3" "tiers: customers per tier and stage"
is "$(crm-report tiers --by region --no-header)" "榆阳区	A	0	0	0	0	1	0	0	1
榆阳区	B	1	0	0	0	0	0	0	1
神木市	C	0	0	0	0	1	2	0	3" "--by region"
is "$(crm-report tiers --by owner --no-header | cut -f1,2,10)" "	C	1
a1	A	1
a1	B	1
a1	C	1
m1	C	1" "--by owner (no owner first)"
run crm-report tiers --by month
fails 64 "--by: 'month' is not one of: region owner" "a --by tiers does not offer"
run crm-report tiers --month 2026-11
fails 64 "tiers takes no --month, --from or --to" "tiers is not bounded by dates"

# --- complaints ------------------------------------------------------------
c() { crm-complaint "$@" >/dev/null; }
k1=$(crm-complaint new -c K1 --severity high --channel phone --category 水质 --received 2026-11-02 --today 2026-11-02 出水超标)
c assign --dept 运营部 --handler a1 "$k1" --today 2026-11-03
c resolve --result 调整 "$k1" --today 2026-11-06
c confirm --as admin "$k1" --today 2026-11-07
c callback --as admin --score 4 "$k1" --today 2026-11-08
k2=$(crm-complaint new -c K1 --severity normal --channel phone --category 噪音 --received 2026-11-10 --today 2026-11-10 夜间噪音)
k3=$(crm-complaint new -c K3 --severity low --channel letter --category 账单 --received 2026-10-05 --today 2026-10-05 发票有误)
c assign --dept 财务部 "$k3" --today 2026-10-06
c resolve --result 重开 "$k3" --today 2026-10-10
c confirm --as admin --rejected "$k3" --today 2026-10-12
c resolve --result 再开 "$k3" --today 2026-10-15
is "$(crm-report complaints --month 2026-11)" "count	open	overdue	escalated	reopened	mean_days_to_resolve	median_days_to_resolve	mean_evaluation
2	1	1	1	0	4.0	4.0	4.0" \
	"November: two received, one open and overdue, one escalated; resolved in 4 days, evaluated 4"
is "$(crm-report complaints --no-header)" "3	2	2	1	1	7.0	7.0	4.0" \
	"all: resolved in 4 and 10 days (the last resolve after a reopening): mean and median 7"
is "$(crm-report complaints --by severity --no-header)" "high	1	0	0	1	0	4.0	4.0	4.0
low	1	1	1	0	1	10.0	10.0	
normal	1	1	1	0	0			" "--by severity; nothing resolved is empty, not 0"
is "$(crm-report complaints --by month --no-header | cut -f1,2)" "2026-10	1
2026-11	2" "--by month, the local month received"
is "$(crm-report complaints --from 2026-10-01 --to 2026-10-31 --no-header | cut -f1)" 1 "--from/--to"
k4=$(crm-complaint new -c K3 --severity critical --channel phone --category 设备 --received 2026-11-20 --today 2026-11-20 停机)
c assign --dept 设备部 "$k4" --today 2026-11-20
c resolve --result 修好 "$k4" --today 2026-11-22
is "$(crm-report complaints --month 2026-11 --no-header | cut -f6,7)" "3.0	3.0" \
	"a mean of 4 and 2 is 3; the median of two is their mean"
k5=$(crm-complaint new -c K3 --severity critical --channel phone --category 设备 --received 2026-11-21 --today 2026-11-21 又停机)
c assign --dept 设备部 "$k5" --today 2026-11-21
c resolve --result 修好 "$k5" --today 2026-11-21
is "$(crm-report complaints --month 2026-11 --no-header | cut -f6,7)" "2.0	2.0" \
	"4, 2 and 0 days: mean 2, median 2"

# --- satisfaction ----------------------------------------------------------
crm-survey add -c K1 --date 2026-11-03 --service-score 5 --operation-ok yes --staff-score 4 >/dev/null
crm-survey add -c K1 --date 2026-11-20 --service-score 3 --operation-ok no --staff-score 2 >/dev/null
crm-survey add -c K3 --date 2026-10-10 --service-score 4 --operation-ok yes --staff-score 5 >/dev/null
is "$(crm-report satisfaction)" "surveys	mean_service	mean_staff	operation_ok_pct
3	4.0	3.67	66.7" "satisfaction: means and the share running normally"
is "$(crm-report satisfaction --month 2026-11 --no-header)" "2	4.0	3.0	50.0" "--month"
is "$(crm-report satisfaction --by tier --no-header)" "A	2	4.0	3.0	50.0
C	1	4.0	5.0	100.0" "--by tier"
is "$(crm-report satisfaction --by owner --no-header | cut -f1,2)" "a1	2
m1	1" "--by owner"

# --- funnel ----------------------------------------------------------------
is "$(crm-report funnel)" "stage	count	reached	conversion_pct
lead	1	4	
contacted	0	3	75.0
intent	0	3	100.0
handover	0	2	66.7
customer	2	2	100.0" \
	"funnel: now at each stage; reached it or a later one (K5 stood at intent before it was lost; K4 was never in the pipeline)"

# --- churn -----------------------------------------------------------------
crm-visit add -c K1 --by a1 --date 2026-11-20 回访 >/dev/null
crm-order add -c K3 --date 2026-10-01 --amount 100 >/dev/null
is "$(crm-report churn --days 30)" "customer_id	code	customer	owner	last_order	last_visit	days_silent
3	K3	丙	m1	2026-10-01		57" "churn: silent 57 days since its last order; K1 was visited 7 days ago"
is "$(crm-report churn --days 60 --no-header)" "" "none silent for 60 days"
is "$(crm-report churn --today 2026-12-29 --no-header | cut -f2,7)" "" "--days defaults to 90: 89 days silent is not yet"
is "$(crm-report churn --today 2027-01-10 --no-header | cut -f2,7)" "K3	101" "silent 101 days"

# --- every output format ---------------------------------------------------
for r in tiers complaints satisfaction funnel "churn --days 1"; do
	run crm-report $r -o json
	ok "$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert isinstance(d, list) and d' >/dev/null 2>&1; echo $?)" \
		"$r -o json is a JSON array"
	run crm-report $r -o csv
	is "$(printf '%s\n' "$out" | head -1 | tr -d '\r' | tr ',' '\t')" "$(crm-report $r | head -1)" "$r -o csv: the same columns"
	run crm-report $r -o table
	rc_is 0 "$r -o table"
	run crm-report $r -o jsonl
	is "$(printf '%s\n' "$out" | wc -l)" "$(crm-report $r --no-header | wc -l)" "$r -o jsonl: a line a row"
done
run crm-report tiers -o json
like "$out" '"total":1' "numbers are numbers in JSON"

# --- kpi -------------------------------------------------------------------
# t1 (target 2, added in August), t2 (target 1) and t3 (target 1, added
# 10 November): intents credited to the owner at the moment of the change,
# the first such change of each customer only.
rm -f "$CRM_DB" "$CRM_DB-wal" "$CRM_DB-shm"
crm-init --empty >/dev/null
crm-staff add --login admin --name 管理员 --role admin >/dev/null
crm-import -q --as admin --today 2026-08-15 staff >/dev/null <<'EOF'
login,name,email,role,intent_target
t1,电销一,t1@example.com,account_manager,2
t2,电销二,t2@example.com,account_manager,1
EOF
crm-staff add --as t1 --login t3 --name 电销三 --role account_manager --intent-target 1 --today 2026-11-10 >/dev/null
crm-staff add --as t1 --login t0 --name 组长 --role dept_manager --today 2026-08-15 >/dev/null
export CRM_USER=t1
for k in L1 L2 L3 L4; do crm-add --code $k --name "客户$k" --stage lead --owner t1 --today 2026-08-20 >/dev/null; done
crm-add --code L5 --name 客户L5 --stage intent --owner t1 --today 2026-11-02 >/dev/null
e() { crm-edit "$@" >/dev/null; }
e L1 --stage intent --today 2026-10-05
e L2 --stage contacted --today 2026-10-20
e L2 --stage handover --today 2026-11-03
e L1 --stage contacted --today 2026-11-04
e L1 --stage intent --today 2026-11-06
e L3 --owner t2 --today 2026-11-07
e L3 --stage intent --today 2026-11-08
e L4 --stage contacted --today 2026-11-09
is "$(crm-report kpi --month 2026-11 --today 2026-12-01)" "staff	target	achieved	shortfall	shortfall_pct	months_missed	review
t1	2	1	1	50.0	4	yes
t2	1	1	0	0.0	0	no
t3	1	0	1	100.0	1	no" \
	"November: t1 one (L2; L1 moved back and forth counts in October only; L5 was added at intent), missed since August: review; t2 credited for L3 as its owner then; t3 not blamed for the months before it came"
is "$(crm-report kpi --month 2026-11 --no-header | cut -f1,6,7 | tr '\n' ' ')" "t1	3	yes t2	0	no t3	0	no " \
	"on 27 November the month is not over: not missed yet (t1's three months before it still call for a review)"
is "$(crm-report kpi --month 2026-10 --no-header | head -1)" "t1	2	1	1	50.0	3	yes" \
	"October: three months missed in a row (August, September, October)"
is "$(crm-report kpi --month 2026-09 --no-header | head -1)" "t1	2	0	2	100.0	2	no" "two months: no review yet"
is "$(crm-report kpi --month 2026-07 --no-header)" "" \
	"a month before anyone was added: nobody is listed, nobody blamed"
e L4 --stage customer --today 2026-12-01
e L5 --stage handover --today 2026-12-02
is "$(crm-report kpi --month 2026-12 --today 2026-12-15 --no-header | head -1)" "t1	2	1	1	50.0	4	yes" \
	"contacted to customer counts; intent to handover does not (December, not over, not yet missed)"
is "$(crm-report kpi --month 2026-12 --today 2027-01-01 --no-header | head -1)" "t1	2	1	1	50.0	5	yes" \
	"once December is over it is the fifth month missed"
run crm-report kpi --month 2026-12
fails 64 "kpi --month: the month has not begun" "a month to come has no figures yet"
# Added at intent or later, moved down and up again: no new intent.
crm-add --code L6 --name 客户L6 --stage customer --owner t2 --today 2026-11-01 >/dev/null
e L6 --stage lead --today 2026-11-11
e L6 --stage intent --today 2026-11-12
is "$(crm-report kpi --month 2026-11 --no-header | grep '^t2')" "t2	1	1	0	0.0	0	no" \
	"a customer added at a later stage does not count, even moved down and up"
crm-staff edit t3 --active no >/dev/null
is "$(crm-report kpi --month 2026-11 --no-header | cut -f1 | tr '\n' ' ')" "t1 t2 " "a member who has left is not listed"
run crm-report kpi
fails 64 "kpi needs --month YYYY-MM" "kpi without --month"
run crm-report kpi --from 2026-11-01 --to 2026-11-30
fails 64 "kpi needs --month YYYY-MM" "a kpi is of a month"
for f in json csv table jsonl; do
	run crm-report kpi --month 2026-11 --today 2026-12-01 -o $f
	rc_is 0 "kpi -o $f"
done
like "$out" '"months_missed":4' "kpi -o jsonl: numbers are numbers"

# --- visits ----------------------------------------------------------------
# The rulebook's rules: account manager twice a month, department manager
# once (every tier); division head once a quarter (A and B).
rm -f "$CRM_DB" "$CRM_DB-wal" "$CRM_DB-shm"
crm-init --empty >/dev/null
crm-staff add --login admin --name 管理员 --role admin >/dev/null
crm-import -q --as admin staff >/dev/null <<'EOF'
login,name,email,role,reports_to
m1,经理,m1@example.com,dept_manager,
a1,客户经理,a1@example.com,account_manager,m1
EOF
export CRM_USER=a1
crm-add --code V1 --name 甲 --tier A --owner a1 --today 2026-01-01 >/dev/null
crm-add --code V2 --name 乙 --tier C --owner a1 --today 2026-01-01 >/dev/null
crm-add --code V3 --name 丙 --tier B --owner a1 --today 2026-12-05 >/dev/null
v() { crm-visit add -c "$1" --level "$2" --by "$3" --date "$4" 走访 --today "$4" >/dev/null; }
v V1 account_manager a1 2026-11-03
v V1 account_manager a1 2026-11-12
v V1 account_manager a1 2026-11-20
v V1 dept_manager m1 2026-11-21
v V2 account_manager a1 2026-11-05
v V2 account_manager a1 2026-10-30
is "$(crm-report visits --month 2026-11)" "assignee	required	done	compliance_pct
a1	4	3	75.0
m1	2	1	50.0" \
	"November: a third visit does not raise compliance above the rule; V3 was not a customer yet"
is "$(crm-report visits --month 2026-11 --detail)" "customer_id	code	customer	tier	level	assignee	required	done
1	V1	甲	A	account_manager	a1	2	2
1	V1	甲	A	dept_manager	m1	1	1
2	V2	乙	C	account_manager	a1	2	1
2	V2	乙	C	dept_manager	m1	1	0" "--detail: a row a customer and rule"
is "$(crm-report visits --month 2026-09 --no-header)" "a1	4	0	0.0
m1	2	0	0.0" "an empty month: all required, nothing done"
is "$(crm-report visits --quarter 2026-Q4 --no-header)" "	2	0	0.0" \
	"the quarter's rule: no division head on the staff, nobody named; V3 (B) counts, V2 (C) does not"
is "$(crm-report visits --year 2026 --no-header)" "	1	0	0.0" "the year's rule: A only"
crm-edit V2 --stage churned --today 2026-12-01 >/dev/null
is "$(crm-report visits --month 2026-11 --no-header)" "a1	4	3	75.0
m1	2	1	50.0" "November's figures stay when a customer of November churns in December"
is "$(crm-report visits --month 2026-12 --no-header --today 2026-12-31)" "a1	4	0	0.0
m1	2	0	0.0" "December: V2 left on its first day; V3 came"
crm-add --code V4 --name 戊 --tier C --today 2026-01-01 >/dev/null
is "$(crm-report visits --month 2026-11 --detail --no-header | awk -F '\t' '$2 == "V4" { print $5, $6 }')" "account_manager a1
dept_manager m1" "a customer without an owner: who crm-visit-due names (anyone active in the role)"
run crm-report visits
fails 64 "visits needs --month, --quarter or --year" "visits without a period"
run crm-report visits --month 2026-11 --quarter 2026-Q4
fails 64 "one of --month, --week, --quarter, --year or --from/--to" "two periods"
run crm-report visits --quarter 2026-Q5
fails 64 "--quarter: '2026-Q5' is not a quarter" "a bad quarter"
for f in json csv table jsonl; do
	run crm-report visits --month 2026-11 -o $f
	rc_is 0 "visits -o $f"
done

# --- summary ---------------------------------------------------------------
# One page of the others for the month: the same figures as each report.
run crm-report summary --month 2026-11
rc_is 0 "summary --month"
is "$(printf '%s\n' "$out" | grep '^== ' | sed 's/ ==$//; s/^== //' | tr '\n' '|')" \
	"Customers by tier and stage (today, 2026-11-27)|Visit compliance by person, monthly rules (2026-11-01 to 2026-11-30)|Complaints received (2026-11-01 to 2026-11-30)|Complaints received and closed per month (twelve months to 2026-11)|Satisfaction surveys (2026-11-01 to 2026-11-30)|Intent targets, review at three months missed (2026-11-01 to 2026-11-30)|Sales funnel (today, 2026-11-27)|Customers silent for 90 days or more (today, 2026-11-27)|" \
	"eight sections, each with its title and the days it counts"
like "$out" "a1	6	3	50.0" "the month's visit compliance (V4, without an owner, is a1's too)"
run crm-report summary --month 2026-11 -o json
rc_is 0 "summary -o json"
printf '%s' "$out" >sum.json
for pair in "tiers:tiers" "visits:visits --month 2026-11" "complaints:complaints --month 2026-11" \
    "satisfaction:satisfaction --month 2026-11" "churn:churn"; do
	key=${pair%%:*}
	crm-report ${pair#*:} -o json >one.json
	ok "$(python3 -c 'import json,sys; a=json.load(open("sum.json"))[sys.argv[1]]; b=json.load(open("one.json")); sys.exit(a != b)' "$key"; echo $?)" \
		"summary's $key equals crm-report ${pair#*:}"
done
is "$(crm-report summary --month last --today 2026-12-05 -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["visits"][0]["done"])')" 3 \
	"--month last: the month before today's"
run crm-report summary
fails 64 "summary needs --month YYYY-MM" "summary without a month"
is "$(crm-report summary --month 2026-11 -o csv --bom | head -c 3 | od -An -tx1 | tr -d ' ')" efbbbf \
	"--bom: the mark starts the page"
is "$(crm-report summary --month 2026-11 -o csv --bom | grep -c "$(printf '\357\273\277')")" 1 "and comes once"
run crm-report summary --month 2026-11 -o jsonl
fails 64 "summary is one page" "summary is one JSON object, not lines"

run crm-report funnel --by owner
fails 64 "funnel takes no --by" "a report without groupings refuses --by"
run crm-report tiers --days 30
fails 64 "tiers takes no --days" "--days is churn's"
run crm-report tiers --detail
fails 64 "tiers takes no --detail" "--detail is visits'"
run crm-report complaints --quarter 2026-Q4
fails 64 "complaints takes no --quarter or --year" "--quarter is visits'"
run crm-report complaints --from 2026-12-01 --to 2026-11-01
fails 64 "--from is after --to" "an empty span is a mistake"

run crm-report nope
fails 64 "no report 'nope': the reports are tiers complaints satisfaction funnel churn kpi visits summary" "an unknown report"
run crm-report
rc_is 64 "no report"

done_testing
