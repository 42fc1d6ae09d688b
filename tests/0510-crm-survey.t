#!/bin/sh
# crm-survey: the satisfaction surveys that measure service (the rulebook's
# Measuring service): the four callback questions, what an answer may be,
# the complaint a survey is the callback of, list filters, crm-show, and
# the same rules through crm-import surveys.
. "$(dirname "$0")/lib.sh"

export TZ=UTC
crm-init --empty >/dev/null
tester_staff
crm-import -q staff >/dev/null <<'EOF'
login,name,email,role,reports_to
mgr,刘经理,mgr@example.com,dept_manager,
spec,小张,spec@example.com,complaint_specialist,mgr
h1,王工,h1@example.com,account_manager,mgr
EOF
crm-import -q customers >/dev/null <<'EOF'
code,name,tier,category
K1,甲污水厂,C,enterprise
K2,乙化工,C,enterprise
EOF
export CRM_USER=spec
crm-complaint new -c K2 --severity normal --channel phone --category 水质 "乙的投诉" >/dev/null
crm-complaint new -c K1 --severity high --channel phone --category 异味 "甲的投诉" >/dev/null

# snap: what a refused command must leave as it was, as a digest.
snap() {
	sqlite3 -batch "$CRM_DB" 'SELECT * FROM surveys; SELECT count(*) FROM changes' |
	    md5sum | cut -c1-32
}

# --- add -----------------------------------------------------------------
run crm-survey add -c K1 --service-score 4 --operation-ok yes --staff-score 5 \
	--suggestion "希望多来几次" --channel phone --date 2026-11-20 --complaint 2 --by h1
rc_is 0 "add with every option"
is "$out" 1 "add prints the id alone"
is "$(sql "SELECT customer, date, channel, service_score, operation_ok, staff_score,
	suggestion, staff, complaint FROM surveys WHERE id = 1")" \
	"1|2026-11-20|phone|4|1|5|希望多来几次|h1|2" "the four answers and every option are stored"
is "$(sql "SELECT who || ' ' || program || ' ' || entity FROM changes WHERE entity = 'survey' AND entity_id = 1")" \
	"spec crm-survey survey" "the survey is in the change log"

run crm-survey add -c K2 --operation-ok no
rc_is 0 "one answer is enough"
is "$(sql "SELECT customer, date, channel, ifnull(service_score, '-'), operation_ok,
	ifnull(staff_score, '-'), ifnull(suggestion, '-'), staff, ifnull(complaint, '-')
	FROM surveys WHERE id = $out")" "2|2026-11-27|form|-|0|-|-|spec|-" \
	"defaults: today, a form, the acting user (a staff member) as staff"
run crm-survey add -c K2 --suggestion "没有意见" --as outsider
fails 65 "^crm-survey: 'outsider' is not on the staff: who writes must be an active staff member" \
	"the acting user must be on the staff"
run crm-survey add -c K2 --suggestion "没有意见"
is "$(sql "SELECT ifnull(staff, '-') FROM surveys WHERE id = $out")" spec \
	"and is recorded as the staff member by default"
run crm-survey add -c K1 --staff-score 3 --date today-2
is "$(sql "SELECT date FROM surveys WHERE id = $out")" 2026-11-25 "--date today-2"

sum=$(snap)
for bad in "--service-score 0:service_score: '0' is not a whole number from 1 to 5" \
	"--service-score 6:service_score: '6' is not a whole number from 1 to 5" \
	"--staff-score 0:staff_score: '0' is not a whole number from 1 to 5" \
	"--staff-score 6:staff_score: '6' is not a whole number from 1 to 5" \
	"--service-score x:service_score: 'x' is not a whole number from 1 to 5" \
	"--staff-score 3.5:staff_score: '3.5' is not a whole number from 1 to 5" \
	"--operation-ok maybe:operation_ok: 'maybe' is not yes or no" \
	"--channel fax:channel: 'fax' is not one of: form letter visit phone" \
	"--date 2026-11-28:date: 2026-11-28 is after today \\(2026-11-27\\)" \
	"--date 2026-02-30:date: '2026-02-30' is not a valid date" \
	"--complaint 1:complaint: complaint 1 is for another customer" \
	"--complaint 99:complaint: no complaint 99" \
	"--by nobody:staff: no staff member with login 'nobody'"; do
	opt=${bad%%:*} want=${bad#*:}
	# shellcheck disable=SC2086
	run crm-survey add -c K1 --service-score 3 $opt
	fails 65 "$want" "add $opt is refused"
done
run crm-survey add -c K1 --service-score ""
fails 65 "one of service_score operation_ok staff_score suggestion is required" \
	"an empty score alone: no answer"
run crm-survey add -c K1 --suggestion "   "
fails 65 "one of service_score operation_ok staff_score suggestion is required" \
	"a blank suggestion is no answer"
run crm-survey add -c K1 --channel phone
fails 65 "one of service_score operation_ok staff_score suggestion is required: a survey answers at least one of the four callback questions" \
	"no answer at all"
run crm-survey add -c K9 --service-score 3
fails 1 "no customer 'K9'" "an unknown customer"
run crm-survey add --service-score 3
rc_is 64 "add needs -c"
is "$(snap)" "$sum" "no refused survey was stored"

# --- list ----------------------------------------------------------------
crm-survey add -c K2 --service-score 2 --channel visit --date 2026-11-10 --complaint 1 --by h1 >/dev/null
# 1 K1 11-20 phone h1 c2; 2 K2 11-27 form spec; 3 K2 11-27 form -;
# 4 K1 11-25 form spec; 5 K2 11-10 visit h1 c1
list() {
	run crm-survey list -o ids "$@"
	printf '%s\n' "$out" | tr '\n' ' ' | sed 's/ $//'
}
run crm-survey list -o tsv
is "$(printf '%s\n' "$out" | head -1)" \
	"id	date	customer_id	code	customer	channel	service_score	operation_ok	staff_score	suggestion	staff	complaint" \
	"list columns"
is "$(printf '%s\n' "$out" | grep '^1	')" \
	"1	2026-11-20	1	K1	甲污水厂	phone	4	yes	5	希望多来几次	h1	2" "a row"
is "$(list)" "5 1 4 2 3" "every survey, by date"
is "$(list -c K1)" "1 4" "-c by code"
is "$(list -c 2)" "5 2 3" "-c by id"
is "$(list -c K1,K2)" "5 1 4 2 3" "-c with a comma list"
is "$(list --channel form)" "4 2 3" "--channel"
is "$(list --channel phone,visit)" "5 1" "--channel with a comma list"
is "$(list --staff h1)" "5 1" "--staff"
is "$(list --staff h1,spec)" "5 1 4 2 3" "--staff with a comma list"
is "$(list --complaint 1)" "5" "--complaint"
is "$(list --complaint 1,2)" "5 1" "--complaint with a comma list"
is "$(list --from 2026-11-20 --to 2026-11-25)" "1 4" "--from and --to, both days included"
is "$(list --from 2026-11-26)" "2 3" "--from alone"
is "$(list --to 2026-11-10)" "5" "--to alone"
run crm-survey list --channel fax
fails 65 "channel: 'fax' is not one of" "a bad --channel"

# --- crm-show ------------------------------------------------------------
run crm-show K1 -o tsv
is "$(printf '%s\n' "$out" | sed -n '/^== complaints/,/^$/p' | sed '1,2d;/^$/d' | cut -f1,7)" \
	"2	甲的投诉" "crm-show lists the customer's complaints"
like "$out" "== complaints \\(1\\) ==" "counted"
is "$(printf '%s\n' "$out" | sed -n '/^== surveys/,/^$/p' | sed '1,2d;/^$/d' | cut -f1 | tr '\n' ' ')" \
	"4 1 " "and its surveys, the latest first"
like "$out" "== surveys \\(2\\) ==" "counted"
run crm-show K2 -o json
is "$(printf '%s\n' "$out" | python3 -c 'import json,sys
d = json.load(sys.stdin)
if isinstance(d, list): d = d[0]
print(len(d["complaints"]), len(d["surveys"]), d["surveys"][-1]["service_score"])')" \
	"1 3 2" "crm-show -o json nests the complaints and surveys"

# --- crm-import surveys: the same rules ----------------------------------
cat >bad.csv <<'EOF'
customer,date,channel,service_score,operation_ok,staff_score,suggestion,staff,complaint
K1,2026-11-20,form,0,,,,,
K1,2026-11-20,form,6,,,,,
K1,2026-11-20,form,x,,,,,
K1,2026-11-20,form,,,3.5,,,
K1,2026-11-20,form,,maybe,,,,
K1,2026-11-20,form,,,,,,
K1,2026-11-28,form,3,,,,,
K1,2026-11-20,fax,3,,,,,
K1,2026-11-20,form,3,,,,,1
K1,2026-11-20,form,3,,,,,99
K1,2026-11-20,form,3,,,,nobody,
K1,2026-11-21,letter,5,yes,4,都好,spec,2
EOF
sum=$(snap)
run crm-import surveys bad.csv
rc_is 65 "crm-import surveys: a file with bad rows"
like "$err" "bad.csv:2: service_score: '0' is not a whole number from 1 to 5" "score 0"
like "$err" "bad.csv:3: service_score: '6' is not a whole number from 1 to 5" "score 6"
like "$err" "bad.csv:4: service_score: 'x' is not a whole number from 1 to 5" "score x"
like "$err" "bad.csv:5: staff_score: '3.5' is not a whole number from 1 to 5" "score 3.5"
like "$err" "bad.csv:6: operation_ok: 'maybe' is not yes or no" "operation_ok maybe"
like "$err" "bad.csv:7: one of service_score operation_ok staff_score suggestion is required" "no answer"
like "$err" "bad.csv:8: date: 2026-11-28 is after today" "a date after today"
like "$err" "bad.csv:9: channel: 'fax' is not one of: form letter visit phone" "a bad channel"
like "$err" "bad.csv:10: complaint: complaint 1 is for another customer" "another customer's complaint"
like "$err" "bad.csv:11: complaint: no complaint 99" "a missing complaint"
like "$err" "bad.csv:12: staff: no staff member with login 'nobody'" "a staff login that does not exist"
unlike "$err" "bad.csv:13" "the good row is not named"
like "$(printf '%s\n' "$err" | tail -1)" "bad.csv: 11 bad rows of 12: nothing imported" "nothing imported"
is "$(snap)" "$sum" "the database is as it was"
sed -n '1p;13p' bad.csv >good.csv
run crm-import surveys good.csv
rc_is 0 "a good file imports"
is "$(sql "SELECT customer, date, channel, service_score, operation_ok, staff_score, suggestion, staff, complaint
	FROM surveys ORDER BY id DESC LIMIT 1")" "1|2026-11-21|letter|5|1|4|都好|spec|2" "every column stored"
for t in staff customers complaints surveys; do
	crm-export "$t" >"ex-$t.csv"
done
CRM_DB=$work/copy.db crm-init --empty >/dev/null
for t in staff customers complaints surveys; do
	CRM_DB=$work/copy.db crm-import -q "$t" "ex-$t.csv"
done
is "$(CRM_DB=$work/copy.db crm-export surveys)" "$(cat ex-surveys.csv)" \
	"surveys: export, import into a fresh database, export: the same"

# An empty answer is no answer, as an empty cell of crm-import is: the
# survey keeps the answers it has.
run crm-survey add -c K1 --staff-score 3 --service-score ""
rc_is 0 "an empty score beside another answer is no answer"
is "$(sql "SELECT ifnull(service_score, 'null') || ' ' || staff_score FROM surveys WHERE id = $out")" "null 3" "stored as not answered"

done_testing
