#!/bin/sh
# crm-show: the whole archive of one customer, as text sections or JSON.
. "$(dirname "$0")/lib.sh"

crm-init --empty >/dev/null
tester_staff
sql "INSERT INTO staff (login, name, role, created_at) VALUES
	('zhanglei', '张磊', 'account_manager', '2026-01-01T00:00:00Z')"
crm-add --name 陕西榆通化工有限公司 --tier B --region 榆阳区 --owner zhanglei \
	--credit B --scale-tonnes 12000 --investment 15600000.5 \
	--notes 'line one
line two' >/dev/null
crm-add --name 'other' >/dev/null
crm-add --contact -c C000001 --name 张三 --title 设备部 --phone 0912-3827223 >/dev/null
crm-add --contact -c C000001 --name 李四 >/dev/null
crm-add --contact -c C000002 --name 'other contact' >/dev/null
crm-edit C000001 --stage intent
sql "INSERT INTO plans (customer, staff, date, purpose, created_at) VALUES
	(1, 'zhanglei', '2026-12-01', '年度回访', '2026-11-20T01:00:00Z');
INSERT INTO visits (customer, staff, date, summary, created_at) VALUES
	(1, 'zhanglei', '2026-11-10', '回访	设备', '2026-11-10T01:00:00Z'),
	(1, 'zhanglei', '2026-11-20', '第二次', '2026-11-20T01:00:00Z'),
	(2, 'zhanglei', '2026-11-21', 'not ours', '2026-11-21T01:00:00Z');
INSERT INTO complaints (customer, received_at, description, severity)
	VALUES (1, '2026-11-01T00:00:00Z', '出水\"超标\"', 'high');
INSERT INTO surveys (customer, date, service_score, operation_ok, created_at)
	VALUES (1, '2026-11-02', 5, 1, '2026-11-02T00:00:00Z');
INSERT INTO orders (customer, date, kind, amount, created_at)
	VALUES (1, '2026-10-01', 'contract', 1234567, '2026-10-01T00:00:00Z')"

run crm-show C000001
rc_is 0 "show by code"
is "$(printf '%s\n' "$out" | grep '^==' | tr '\n' ';')" \
	"== profile ==;== contacts (2) ==;== visits (2) ==;== plans (1) ==;== complaints (1) ==;== surveys (1) ==;== orders (1) ==;== stage_changes (1) ==;== changes (4) ==;" \
	"a heading per section with the number of records"
like "$out" "name +陕西榆通化工有限公司" "the profile has the name"
like "$out" "investment +15600000.50" "money in yuan"
like "$out" 'notes +line one\\nline two' "a newline in a value is escaped"
is "$(printf '%s\n' "$out" | sed -n '2,/^$/p' | grep -cE '^[a-z_]+( |$)')" 22 "every customer column in the profile"
like "$out" "张三 +设备部 +0912-3827223" "contacts"
unlike "$out" "other contact|not ours" "nothing of another customer"
like "$out" "2026-11-20 +第二次" "visits"
is "$(printf '%s\n' "$out" | sed -n '/^== visits/,/^$/p' | sed -n 3p | grep -o '2026-11-[0-9]*' | head -1)" "2026-11-20" "newest visit first"
like "$out" "crm-edit +customer +1 +stage +customer +intent" "recent changes with old and new value"
like "$out" "crm-add +contact +[0-9]+ +李四" "changes of its contacts too"
run crm-show 1
rc_is 0 "show by id"
is "$out" "$(crm-show C000001)" "id and code show the same"

# The column after the contact name lines up.
run crm-show -o table C000001
cols=$(printf '%s\n' "$out" | sed -n '/^== contacts/,/^$/p' | sed '1d;/^$/d' | python3 -c '
import re, sys, unicodedata
def w(s): return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for line in sys.stdin:
    m = re.search(r"\s{2,}(primary|yes|no)(\s|$)", line)
    print(w(line[:m.start(1)]))' | sort -u | wc -l)
is "$cols" 1 "contacts' columns line up"

# JSON.
run crm-show -o json C000001
rc_is 0 "-o json"
printf '%s\n' "$out" >show.json
python3 -m json.tool show.json >/dev/null
ok $? "valid JSON"
is "$(python3 -c '
import json
d = json.load(open("show.json"))
print(d["id"], d["code"], d["investment"], d["scale_tonnes"], d["uscc"], d["notes"].count("\n"))
print(" ".join(k for k in ("contacts", "visits", "plans", "complaints", "surveys", "orders", "changes") if isinstance(d[k], list)))
print(len(d["contacts"]), len(d["visits"]), len(d["plans"]), len(d["complaints"]), len(d["surveys"]), len(d["orders"]), len(d["changes"]))
print(d["contacts"][0]["name"], d["contacts"][0]["primary"], d["visits"][0]["summary"] == "第二次", d["visits"][1]["summary"])
print(d["complaints"][0]["description"], d["complaints"][0]["dept"], d["orders"][0]["amount"] + 0.01)
c = d["changes"][0]
print(c["entity"], c["entity_id"] + 0, c["field"], c["old"], c["new"])
' 2>&1)" "1 C000001 15600000.5 12000 None 1
contacts visits plans complaints surveys orders changes
2 2 1 1 1 1 4
张三 yes True 回访	设备
出水\"超标\" None 12345.68
customer 1 stage customer intent" "json: profile columns, nested arrays, numbers, nulls"
run crm-show -o jsonl C000002
is "$(printf '%s\n' "$out" | wc -l)" 1 "-o jsonl: the object on one line"
printf '%s\n' "$out" | python3 -m json.tool >/dev/null
ok $? "valid JSON"
like "$out" '"visits":\[\{"id":3,' "its visits"
like "$out" '"orders":\[\]' "empty sections are empty arrays"
run crm-show -o ids C000002
is "$out" 2 "-o ids prints the customer's id"

# tsv: the same sections with tab-separated rows.
run crm-show -o tsv --no-header C000002
like "$out" "$(printf 'name\tother')" "tsv profile"
like "$out" "^== contacts \\(1\\) ==" "tsv sections"
like "$out" "$(printf '^[0-9]+\tother contact\t')" "--no-header drops the section headers"

# Twenty changes at most, newest first.
for i in $(seq 20); do
	crm-edit 2 --notes "note $i"
done
run crm-show -o json 2
is "$(printf '%s\n' "$out" | python3 -c 'import json,sys; c=json.load(sys.stdin)["changes"]; print(len(c), c[0]["new"], c[19]["new"])')" \
	"20 note 20 note 1" "the last 20 changes, newest first"

# Errors.
sum=$(dbsum)
run crm-show C999999
fails 1 "no customer 'C999999'" "an unknown customer exits 1"
run crm-show
rc_is 64 "no customer is a usage error"
is "$(printf '%s\n' "$err" | head -1)" "crm-show: needs a CUSTOMER" "says what is missing"
like "$err" "usage: crm-show" "with usage on stderr"
run crm-show 1 2
rc_is 0 "two customers"
is "$(printf '%s\n' "$out" | grep -c '^== profile ==')" 2 "one after another"
run crm-show -o jsonl 1 2
is "$(printf '%s\n' "$out" | python3 -c 'import json, sys; print(" ".join(str(json.loads(l)["id"]) for l in sys.stdin))')" "1 2" \
	"-o jsonl: one object a customer"
printf '2\nC000001\n' >"$work/ids"
run_in "$work/ids" crm-show -o json -
rc_is 0 "- reads ids from stdin (crm show - as documented)"
is "$(printf '%s\n' "$out" | python3 -c 'import json, sys; d = json.JSONDecoder(); s = sys.stdin.read().strip(); out = []
while s:
    o, i = d.raw_decode(s); out.append(str(o["id"])); s = s[i:].strip()
print(" ".join(out))')" "2 1" "-o json: one object a customer, in the order given"
printf '1\nC999\n' >"$work/ids"
run_in "$work/ids" crm-show -
fails 1 "no customer 'C999'" "an unknown customer among the ids"
is "$out" "" "and nothing is shown"
run crm-show --bogus 1
rc_is 64 "an unknown option exits 64"
run crm-show -o
rc_is 64 "a missing argument exits 64"
is "$(dbsum)" "$sum" "showing never changes the database"
run crm-show --db "$work/none.db" 1
rc_is 66 "a missing database exits 66"

# The man page's examples.
run crm-show C000001
rc_is 0 "example: show"
crm-show -o json C000001 | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["contacts"]))' >n.txt
is "$(cat n.txt)" 2 "example: json through python"
done_testing
