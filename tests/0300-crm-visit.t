#!/bin/sh
# crm-visit: log visits, list them, plans and their review, cadence rules.
. "$(dirname "$0")/lib.sh"

crm-init --empty >/dev/null
sql "INSERT INTO staff (login, name, email, role, reports_to, created_at)
VALUES ('dh', 'DH', 'dh@example.com', 'division_head', NULL, 'x'),
('dm', 'DM', 'dm@example.com', 'dept_manager', 'dh', 'x'),
('am1', 'AM1', 'am1@example.com', 'account_manager', 'dm', 'x'),
('am2', 'AM2', 'am2@example.com', 'account_manager', 'dm', 'x')"
crm-add --as dm --name 榆阳区环保局 --tier A --owner am1 >/dev/null
crm-add --as dm --name 神木化工 --tier C --owner am2 >/dev/null

# add
sum=$(dbsum)
run crm-visit add -c C000001 "no staff"
fails 65 "by: no staff member with login 'tester': give --by LOGIN" \
	"the acting user must be on the staff"
is "$(dbsum)" "$sum" "and nothing is written"

export CRM_USER=am1
run crm-visit add -c C000001 "介绍新工艺"
rc_is 0 "add a visit"
is "$out" 1 "add prints the new id"
is "$(sql "SELECT customer, level, staff, kind, date, summary, ifnull(next_date, '-') FROM visits WHERE id = 1")" \
	"1|account_manager|am1|onsite|2026-11-27|介绍新工艺|-" \
	"defaults: account_manager, onsite, today, the acting user"
is "$(sql "SELECT program, entity, entity_id, who FROM changes WHERE entity = 'visit'")" \
	"crm-visit|visit|1|am1" "the visit is in the change log"

run crm-visit add -c 2 --level dept_manager --kind phone --date 2026-11-20 \
	--by dm --next 2026-12-04 --feedback "满意, 无建议" "电话回访"
is "$out" 2 "add with every option"
is "$(sql "SELECT customer, level, staff, kind, date, next_date, feedback FROM visits WHERE id = 2")" \
	"2|dept_manager|dm|phone|2026-11-20|2026-12-04|满意, 无建议" "every option is stored"

sum=$(dbsum)
run crm-visit add -c C000001 --date 2026-11-28 x
fails 65 "date: 2026-11-28 is after today \\(2026-11-27\\)" "a visit after today is refused"
run crm-visit add -c C000001 --date 2026-11-31 x
fails 65 "date: '2026-11-31' is not a valid date" "an impossible date"
run crm-visit add -c C000001 --next 2026-11-27 x
fails 65 "next_date: 2026-11-27 is not after date 2026-11-27: the next meeting is after the visit" "the next meeting must come after the visit"
run crm-visit add -c C000001 --level boss x
fails 65 "level: 'boss' is not one of" "a bad level"
run crm-visit add -c C000001 --kind visit x
fails 65 "kind: 'visit' is not one of" "a bad kind"
run crm-visit add -c C000001 --by nobody x
fails 65 "by: no staff member with login 'nobody'" "a bad --by"
run crm-visit add -c C999 x
fails 1 "no customer 'C999'" "an unknown customer"
run crm-visit add -c C000001
rc_is 64 "the summary is required"
is "$(printf '%s\n' "$err" | head -1)" "crm-visit: add needs a SUMMARY" "says what is missing"
like "$(printf '%s\n' "$err" | sed -n 2p)" "^usage: crm-visit add" "then the usage"
run crm-visit add "summary"
rc_is 64 "-c is required"
is "$(printf '%s\n' "$err" | head -1)" "crm-visit: add needs -c CUSTOMER" "says -c is missing"
run crm-visit add -c C000001 a b
rc_is 64 "one summary"
is "$(dbsum)" "$sum" "no failed add wrote anything"

# plan, review, approve, reject: the department manager reviews, the
# division head approves (the rulebook's two steps)
run crm-visit plan -c C000001 --date 2026-12-02 --level dept_manager --purpose "年度回访"
rc_is 0 "plan"
is "$out" 1 "plan prints the new id"
is "$(sql "SELECT customer, staff, level, date, purpose, status FROM plans WHERE id = 1")" \
	"1|am1|dept_manager|2026-12-02|年度回访|submitted" "a plan is submitted by the acting user"
crm-visit plan -c 2 --date 2026-12-03 --purpose "讨论续约" >/dev/null
crm-visit plan -c 2 --date 2026-12-04 --purpose "第三个" >/dev/null
sum=$(dbsum)
run crm-visit plan -c 2 --date 2026-11-26 --purpose x
fails 65 "date: 2026-11-26 is before the plan was made \\(2026-11-27\\): a plan is for a visit to come" "a plan for a past day is refused"
run crm-visit plan -c 2 --date 2026-12-01
fails 64 "plan needs -c CUSTOMER, --date DATE and --purpose TEXT" "--purpose is required"
run crm-visit plan -c 2 --date 2026-12-01 --purpose x --as tester
fails 65 "staff: 'tester' is not a staff login" "the planner must be on the staff"
run crm-visit review 1 --as tester
fails 65 "'tester' is not on the staff: who writes must be an active staff member" "the reviewer must be on the staff"
run crm-visit review 1 --as am2
fails 65 "reviewer: 'am2' \\(account_manager\\) may not review: that is for dept_manager division_head president admin" \
	"an account manager does not review plans"
run crm-visit approve 9 --as dh
fails 1 "no plan 9" "approve an unknown plan"
run crm-visit approve --as dh
rc_is 64 "approve needs a plan"
is "$(printf '%s\n' "$err" | head -1)" "crm-visit: approve needs a PLAN id, or - to read ids" "says so before the usage"
run crm-visit reject 2 --as dm
fails 64 "reject needs --reason TEXT" "reject needs a reason"
run crm-visit approve 1 --as dh
fails 65 "plan 1 is submitted: needs reviewed" "approval comes after the review"
run crm-visit review 1 9 --as dm
rc_is 1 "one unknown plan among several"
is "$(dbsum)" "$sum" "and none is reviewed"

run crm-visit review 1 --as dm
rc_is 0 "review"
is "$(sql "SELECT status, reviewer, reviewed_at LIKE '2026-11-27T%', approver FROM plans WHERE id = 1")" \
	"reviewed|dm|1|" "reviewed, with the reviewer and the time"
run crm-visit approve 1 --as dm
fails 65 "approver: 'dm' \\(dept_manager\\) may not approve: that is for division_head president admin" \
	"the department manager does not approve"
run crm-visit approve 1 --as dh
rc_is 0 "approve"
is "$(sql "SELECT status, reviewer, approver, approved_at LIKE '2026-11-27T%' FROM plans WHERE id = 1")" \
	"approved|dm|dh|1" "approved, with the approver and the time"
run crm-visit approve 1 --as dh
fails 65 "plan 1 is approved: needs reviewed" "approve twice"
run crm-visit reject 1 --as dh --reason no
fails 65 "plan 1 is approved: needs submitted or reviewed" "reject an approved plan"
echo 2 >"$work/ids"
run_in "$work/ids" crm-visit reject --reason "时间冲突" - --as dm
rc_is 0 "reject ids from stdin"
is "$(sql "SELECT status, reviewer, reason FROM plans WHERE id = 2")" \
	"rejected|dm|时间冲突" "rejected with the reason"
is "$(sql "SELECT field || '=' || new FROM changes WHERE entity = 'plan' AND entity_id = 2 AND field IS NOT NULL ORDER BY id" | tr '\n' ' ')" \
	"status=rejected reason=时间冲突 reviewer=dm reviewed_at=$(sql "SELECT reviewed_at FROM plans WHERE id = 2") " \
	"the review is in the change log"
crm-visit review 3 --as dm
run crm-visit reject 3 --as dh --reason "改期"
rc_is 0 "the division head rejects a reviewed plan"
is "$(sql "SELECT status, reviewer, approver, reason FROM plans WHERE id = 3")" \
	"rejected|dm|dh|改期" "the second step's decision is the approver's"

# plans: what waits for whom
run crm-visit plans -o tsv
is "$(printf '%s\n' "$out" | head -1)" \
	"id	date	customer_id	code	customer	level	planner	purpose	status	reviewer	approver	reason	waiting_for" \
	"plans columns"
crm-visit plan -c 2 --as am2 --date 2026-12-10 --purpose "待审" >/dev/null
crm-visit plan -c 2 --as am2 --date 2026-12-11 --purpose "待批" >/dev/null
crm-visit review 5 --as dm
run crm-visit plans --status submitted,reviewed -o tsv
is "$(printf '%s\n' "$out" | sed 1d | cut -f1,7,9,13 | tr '\n' ' ')" \
	"4	am2	submitted	dm 5	am2	reviewed	dh " "waiting for the planner's department manager, then the division head"
run crm-visit plans --reviewer dh -o ids
is "$out" 5 "--reviewer: the plans waiting for that person"
run crm-visit plans --planner am1 --status approved -o ids
is "$out" 1 "--planner and --status"
run crm-visit plans --status waiting
fails 65 "status: 'waiting' is not one of" "a bad --status"
run crm-visit-due --today 2026-12-09 --within 2 --obligation review -o tsv
is "$(printf '%s\n' "$out" | sed 1d | cut -f1,7,9,11 | tr '\n' ' ')" \
	"2026-12-10	review	dm	plan 4 to review 2026-12-11	review	dh	plan 5 to approve " \
	"a plan waiting for review is on the reviewer's due list"

# one step for a small centre
crm-config set plan.steps 1
run crm-visit approve 4 --as dm
rc_is 0 "plan.steps 1: the department manager approves a submitted plan"
is "$(sql "SELECT status, reviewer, approver FROM plans WHERE id = 4")" "approved||dm" "in one step"
run crm-visit review 5 --as dm
fails 65 "plan 5: review is not a step now \\(setting plan.steps is 1\\)" "no review step in one-step mode"
run crm-visit approve 5 --as dh
rc_is 0 "a plan reviewed before the switch is still approved by the division head"
crm-config set plan.steps 2

# a visit that carries out a plan
sum=$(dbsum)
run crm-visit add -c 2 --plan 1 --by dm x
fails 65 "plan 1 is for another customer" "a plan of another customer"
run crm-visit add -c 2 --plan 2 x
fails 65 "plan: plan 2 is rejected: needs approved: a visit carries out an approved plan" "a rejected plan"
run crm-visit add -c 2 --plan 99 x
fails 1 "no plan 99" "an unknown plan"
is "$(dbsum)" "$sum" "nothing written"
run crm-visit add -c C000001 --plan 1 --by dm "按计划拜访"
rc_is 0 "a visit with --plan"
is "$(sql "SELECT level, plan FROM visits WHERE id = $out")" "dept_manager|1" \
	"it counts at the plan's level and names the plan"
is "$(sql "SELECT status FROM plans WHERE id = 1")" done "the plan is done"
run crm-visit add -c C000001 --plan 1 --by dm x
fails 65 "plan: plan 1 is done: it was carried out by visit 3" "a plan is carried out once"

# list
crm-visit add -c 2 --date 2026-10-01 --kind letter --by am2 "中秋贺卡" >/dev/null
run crm-visit list
rc_is 0 "list"
is "$(printf '%s\n' "$out" | head -1)" \
	"id	date	customer_id	code	customer	level	kind	staff	summary	feedback	next_date	plan" \
	"list columns"
is "$(printf '%s\n' "$out" | sed 1d | cut -f1,2 | tr '\n' ' ')" \
	"4	2026-10-01 2	2026-11-20 1	2026-11-27 3	2026-11-27 " "sorted by date, then id"
run crm-visit list -c C000002 -o ids
is "$(echo $out)" "4 2" "-c"
run crm-visit list --staff dm -o ids
is "$(echo $out)" "2 3" "--staff"
run crm-visit list --level dept_manager --kind phone -o ids
is "$out" 2 "--level and --kind"
run crm-visit list --from 2026-11-01 --to 2026-11-26 -o ids
is "$out" 2 "--from and --to"
run crm-visit list -c 2 --kind letter -o json
is "$out" '[
{"id":4,"date":"2026-10-01","customer_id":2,"code":"C000002","customer":"神木化工","level":"account_manager","kind":"letter","staff":"am2","summary":"中秋贺卡","feedback":null,"next_date":null,"plan":null}
]' "-o json"
run crm-visit list -c nobody
fails 1 "no customer 'nobody'" "list for an unknown customer"
run crm-visit list --from 2026-13-01
fails 64 "--from: '2026-13-01' is not a valid date" "a bad --from"
run crm-visit list --kind x
fails 65 "^crm-visit: kind: 'x' is not one of: onsite phone reception letter holiday complaint_callback$" "a bad --kind"

# list filters: repeated or comma lists, any value matches
run crm-visit list -c C000001,2 -o ids
is "$(echo $out)" "4 2 1 3" "-c with a list of a code and an id"
run crm-visit list -c 1 -c C000002 -o ids
is "$(echo $out)" "4 2 1 3" "-c repeated"
run crm-visit list --staff am2,dm -o ids
is "$(echo $out)" "4 2 3" "--staff list"
run crm-visit list --staff am2 --staff dm --level dept_manager -o ids
is "$(echo $out)" "2 3" "--staff repeated, with --level"
run crm-visit list --kind phone,letter -o ids
is "$(echo $out)" "4 2" "--kind list"
run crm-visit list --kind onsite --kind letter --level account_manager -o ids
is "$(echo $out)" "4 1" "--kind repeated"
run crm-visit list --level dept_manager,president -o ids
is "$(echo $out)" "2 3" "--level list"
run crm-visit list --level account_manager,boss
fails 65 "^crm-visit: level: 'boss' is not one of: account_manager dept_manager division_head president$" "a bad value in a --level list"
run crm-visit list --kind phone --kind Phon
fails 65 "^crm-visit: kind: 'Phon' is not one of" "a bad repeated --kind"
run crm-visit list --staff am1,nobody
fails 65 "^crm-visit: staff: no staff member with login 'nobody'$" "an unknown login in a --staff list"
run crm-visit list -c 1,C999
fails 1 "^crm-visit: no customer 'C999'$" "an unknown customer in a -c list (exit 1, as everywhere)"
run crm-visit list extra
rc_is 64 "list takes no arguments"

# rules
run crm-visit rules
is "$out" "id	tiers	level	count	period
1	ABC	account_manager	2	month
2	ABC	dept_manager	1	month
3	AB	division_head	1	quarter
4	A	president	1	year" "rules lists the rulebook's cadence"
run crm-visit rules set cab account_manager 3 month
rc_is 0 "rules set on an existing key"
is "$out" 1 "replaces that rule (its id)"
is "$(sql "SELECT tiers, count FROM visit_rules WHERE id = 1")" "ABC|3" "with the new count"
is "$(sql "SELECT field, old, new FROM changes WHERE entity = 'visit_rule'")" \
	"count|2|3" "the change is logged"
run crm-visit rules set C division_head 2 year
is "$out" 5 "rules set adds a new rule"
is "$(sql "SELECT new FROM changes WHERE entity = 'visit_rule' AND entity_id = 5")" \
	"C division_head 2/year" "logged"
crm-edit 2 --customer-since 2026-01-05	# a customer since January
run crm-visit-due --today 2026-12-31 --level division_head --tier C
is "$(printf '%s\n' "$out" | cut -f1,11 | sed 1d)" "2026-07-02	1 of 2 this year" \
	"crm-visit-due follows the rules"
sum=$(dbsum)
run crm-visit rules set ABD account_manager 1 month
fails 65 "tiers: 'ABD' is not a set of tiers" "bad tiers"
run crm-visit rules set A boss 1 month
fails 65 "level: 'boss' is not one of" "bad level"
run crm-visit rules set A president 0 year
fails 65 "count: '0' is not a whole number from 1 to 1000" "bad count"
run crm-visit rules set A president 1 week
fails 65 "period: 'week' is not one of: month quarter year" "bad period"
run crm-visit rules set A president 1
rc_is 64 "rules set needs four values"
is "$(printf '%s\n' "$err" | head -1)" "crm-visit: rules set needs TIERS LEVEL COUNT PERIOD" "says which"
run crm-visit rules rm
rc_is 64 "rules rm needs an id"
is "$(printf '%s\n' "$err" | head -1)" "crm-visit: rules rm needs a rule ID, or - to read ids" "says so"
run crm-visit rules rm 5 99
fails 1 "no visit rule 99" "rm an unknown rule"
is "$(dbsum)" "$sum" "nothing changed"
run crm-visit rules rm 5
rc_is 0 "rules rm"
is "$(sql "SELECT count(*) FROM visit_rules WHERE id = 5")" 0 "the rule is gone"
is "$(sql "SELECT old FROM changes WHERE entity = 'visit_rule' AND entity_id = 5 AND new IS NULL")" \
	"C division_head 2/year" "the removal is logged"
run crm-visit rules -o json
like "$out" '"count":3' "rules -o json"

# usage
run crm-visit
rc_is 64 "a subcommand is needed"
run crm-visit fly
rc_is 64 "an unknown subcommand"
like "$err" "unknown command 'fly'" "is named"
run crm-visit list --purpose x
rc_is 64 "an option of another subcommand"
run crm-visit --help
rc_is 0 "--help"
like "$out" "crm-visit rules set TIERS LEVEL COUNT PERIOD" "usage lists the subcommands"
run crm-visit -d "$work/none.db" list
rc_is 66 "common options before the subcommand"

# The man page's examples, on the demo database.
rm -f "$CRM_DB" "$CRM_DB-wal" "$CRM_DB-shm"
export CRM_USER=tester
demo_db >/dev/null
run crm-visit add --as zhanglei -c C000001 --kind phone \
	--next 2026-12-10 "电话回访，客户满意"
rc_is 0 "example: a phone callback with the next meeting"
is "$(sql "SELECT staff, kind, next_date FROM visits WHERE id = $out")" \
	"zhanglei|phone|2026-12-10" "example: by the acting user"
run crm-visit plan --as zhanglei -c C000002 --date 2026-12-15 \
	--level dept_manager --purpose "年终走访"
is "$out" 1 "example: plan 1"
run crm-visit review 1 --as wangfang
rc_is 0 "example: review"
run crm-visit approve 1 --as chenjianhua
rc_is 0 "example: approve"
run crm-visit list --from 2026-11-01 --to 2026-11-30 -o table
like "$out" "电话回访，客户满意" "example: list a month"
run crm-visit rules set AB division_head 2 quarter
rc_is 0 "example: rules set"
run crm-visit list --staff zhanglei,sunli --kind phone --kind letter
rc_is 0 "example: the phone calls and letters of two account managers"
is "$(printf '%s\n' "$out" | sed 1d | cut -f7,8 | tr '\n' ' ')" "phone	zhanglei " "example: zhanglei's callback"
done_testing
