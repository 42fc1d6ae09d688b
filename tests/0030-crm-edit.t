#!/bin/sh
# crm-edit: change customers' fields, all or nothing, every change logged.
. "$(dirname "$0")/lib.sh"

crm-init --empty >/dev/null
tester_staff
sql "INSERT INTO staff (login, name, role, created_at) VALUES
	('zhanglei', '张磊', 'account_manager', '2026-01-01T00:00:00Z'),
	('lina', '李娜', 'account_manager', '2026-01-01T00:00:00Z')"
crm-add --name 榆阳区环保局 --tier A --category government --owner zhanglei >/dev/null
crm-add --name 陕西榆通化工有限公司 --tier B --owner zhanglei \
	--investment 15600000 --scale-tonnes 12000 >/dev/null
crm-add --name 神木市第二净水厂 --tier C --stage lead >/dev/null
nlog() { sql "SELECT count(*) FROM changes WHERE program = 'crm-edit'"; }

run crm-edit C000001 --tier B --credit A --credit-note '按时付款'
rc_is 0 "edit by code"
is "$out" "" "prints nothing on success"
is "$(sql "SELECT tier, credit, credit_note FROM customers WHERE id = 1")" "B|A|按时付款" "the fields are changed"
is "$(sql "SELECT who || ' ' || entity || ' ' || entity_id || ' ' || field || ' ' || ifnull(old, 'NULL') || ' ' || new FROM changes WHERE program = 'crm-edit' ORDER BY id")" \
	"$(printf '%s\n' "tester customer 1 tier A B" "tester customer 1 credit NULL A" "tester customer 1 credit_note NULL 按时付款")" \
	"each changed field is logged with its old and new value"
is "$(sql "SELECT updated_at FROM customers WHERE id = 1" | cut -c1-11)" "2026-11-27T" "updated_at is stamped"

n=$(nlog)
run crm-edit 1 --tier B --credit A
rc_is 0 "an edit that changes nothing"
is "$(nlog)" "$n" "writes no log entry"

run crm-edit 2 3 --owner lina --stage intent
rc_is 0 "edit several customers by id"
is "$(sql "SELECT group_concat(owner || '/' || stage, ' ') FROM customers WHERE id IN (2, 3)")" "lina/intent lina/intent" "both changed"
is "$(sql "SELECT ifnull(old, 'NULL') || '>' || new FROM changes WHERE entity_id = 3 AND field = 'stage'")" "lead>intent" "stage change logged"

run crm-edit 2 --investment '' --scale-tonnes ''
rc_is 0 "--FIELD '' clears an optional field"
is "$(sql "SELECT ifnull(investment, 'NULL') || ' ' || ifnull(scale_tonnes, 'NULL') FROM customers WHERE id = 2")" "NULL NULL" "cleared"
is "$(sql "SELECT field || ' ' || old || ' ' || ifnull(new, 'NULL') FROM changes WHERE entity_id = 2 AND field IN ('investment', 'scale_tonnes') ORDER BY id")" \
	"$(printf 'investment 15600000.00 NULL\nscale_tonnes 12000 NULL')" "the old money value is logged in yuan"
run crm-edit 2 --investment 123.4 --uscc 91350100m000100y43
is "$(sql "SELECT investment || ' ' || uscc FROM customers WHERE id = 2")" "12340 91350100M000100Y43" "money in fen, uscc upper-cased"

# ids from stdin (blank lines skipped), mixed with arguments.
printf '1\n\nC000002\n' >ids.txt
run_in ids.txt crm-edit - 3 --region 榆阳区
rc_is 0 "- reads ids from stdin"
is "$(sql "SELECT count(*) FROM customers WHERE region = '榆阳区'")" 3 "every customer named on stdin and as argument"

# All or nothing.
sum=$(dbsum)
run crm-edit 1 C999999 --tier C
fails 1 "no customer 'C999999'" "an unknown second id exits 1 naming it"
is "$(dbsum)" "$sum" "and the first customer is not changed"
printf '1\nnope\n' >bad.txt
run_in bad.txt crm-edit - --tier C
fails 1 "stdin:2: no customer 'nope'" "an unknown id on stdin names its line"
run crm-edit 1 2 --tier X
rc_is 65 "a bad value exits 65"
while IFS='|' read -r opt val msg; do
	run crm-edit 1 2 "$opt" "$val"
	fails 65 "$msg" "$opt '$val' is refused"
done <<'CASES'
--tier|D|tier: 'D' is not one of: A B C
--stage|prospect|stage: 'prospect' is not one of
--credit|E|credit: 'E' is not one of: A B C D
--category|factory|category: 'factory' is not one of: government enterprise other
--uscc|91350100M000100Y44|uscc: '91350100M000100Y44' is not a valid unified social credit code
--scale-tonnes|-5|scale_tonnes: '-5' is not a whole number
--scale-tonnes|lots|scale_tonnes: 'lots' is not a whole number
--investment|1.005|investment: '1.005' is not an amount
--owner|nobody|owner: no staff member with login 'nobody'
--name||name: a value is required
--tier||tier: a value is required
--code|C000003|a record with that code already exists
CASES
run crm-edit 1 --tier X --credit Z
rc_is 65 "two bad values"
is "$err" "$(printf "crm-edit: tier: 'X' is not one of: A B C\ncrm-edit: credit: 'Z' is not one of: A B C D")" "each reported on a line of its own"
run crm-edit 1 --bogus x
rc_is 64 "an unknown option exits 64"
like "$err" "usage: crm-edit" "with usage on stderr"
run crm-edit 1 --tier
rc_is 64 "a missing argument exits 64"
run crm-edit --tier A
rc_is 64 "no customer is a usage error"
like "$err" "no customer given" "and says so"
run crm-edit 1
rc_is 64 "no field is a usage error"
like "$err" "nothing to change" "and says so"
run crm-edit 1 --created-at 2026-01-01T00:00:00Z
rc_is 64 "read-only columns have no option"
run crm-edit 1 --today 2026-02-30 --tier C
rc_is 64 "a bad --today date exits 64"
is "$(dbsum)" "$sum" "nothing was written by any refusal"

run crm-edit --as lina 1 --notes '交接'
is "$(sql "SELECT who FROM changes ORDER BY id DESC LIMIT 1")" lina "--as names the acting user"

# The man page's examples.
run crm-edit C000003 --tier B --stage customer
rc_is 0 "example: tier and stage"
crm-add --name 'tier C' --tier C >/dev/null
crm-list --tier C -o ids | crm-edit - --owner zhanglei
is "$(sql "SELECT owner FROM customers WHERE name = 'tier C'")" zhanglei "example: every C customer to zhanglei"
run crm-edit C000001 --credit-note ''
is "$(sql "SELECT ifnull(credit_note, 'NULL') FROM customers WHERE id = 1")" NULL "example: clear a field"
sum=$(dbsum)
crm-list -o tsv --columns id,name >"$work/rows.tsv"
run_in "$work/rows.tsv" crm-edit - --notes x
fails 65 "stdin:1: .* is a table row, not an id: pipe ids one a line" "a tsv row piped instead of ids is named as such"
is "$(dbsum)" "$sum" "and nothing is changed"
done_testing
