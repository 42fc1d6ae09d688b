#!/bin/sh
# crm-add: customers and contacts, every value checked, nothing half-written.
. "$(dirname "$0")/lib.sh"

crm-init --empty >/dev/null
tester_staff
sqlite3 "$CRM_DB" "INSERT INTO staff (login, name, role, created_at) VALUES ('zhanglei', '张磊', 'account_manager', '2026-01-01T00:00:00Z')"

run crm-add --name 榆阳区环保局 --tier A --category government --region 榆阳区 \
	--owner zhanglei --uscc 91350100m000100y43 --investment 12500000.5 \
	--scale-tonnes 30000 --credit-note "良好" --notes "first"
rc_is 0 "add a customer"
is "$out" 1 "prints the new id alone"
is "$(sql "SELECT code, tier, category, stage, owner, uscc, investment, scale_tonnes FROM customers WHERE id = 1")" \
	"C000001|A|government|customer|zhanglei|91350100M000100Y43|1250000050|30000" \
	"columns stored: code generated, stage defaults to customer, uscc upper-cased, money in fen"
is "$(sql "SELECT created_at FROM customers WHERE id = 1" | cut -c1-11)" "2026-11-27T" "time stamps carry --today's date"
is "$(sql "SELECT who || ' ' || program || ' ' || entity || ' ' || entity_id || ' ' || new FROM changes WHERE entity = 'customer'")" \
	"tester crm-add customer 1 榆阳区环保局" "the insert is in the change log"

run crm-add --name 'x' --code C000002
run crm-add --name 'y'
is "$out" 3 "third id"
is "$(sql "SELECT code FROM customers WHERE id = 3")" C000003 "code from the id"
run crm-add --name 'z' --code C000004
run crm-add --name 'w'
is "$(sql "SELECT code FROM customers WHERE id = 5")" C000005 "a taken code is skipped"
sql "UPDATE customers SET code = 'C000006' WHERE id = 4"
run crm-add --name 'v'
is "$(sql "SELECT code FROM customers WHERE id = 6")" C000007 "next after the highest when the id's code is taken"

# Bad input: exit 65, one line naming the column, nothing written.
sum=$(dbsum)
while IFS='|' read -r opt val msg; do
	run crm-add --name bad "$opt" "$val"
	fails 65 "$msg" "$opt '$val' is refused"
done <<'CASES'
--tier|D|tier: 'D' is not one of: A B C
--stage|prospect|stage: 'prospect' is not one of
--credit|E|credit: 'E' is not one of: A B C D
--category|factory|category: 'factory' is not one of: government enterprise other
--uscc|91350100M000100Y44|uscc: '91350100M000100Y44' is not a valid unified social credit code
--uscc|9135010|uscc: '9135010' is not a valid
--scale-tonnes|-5|scale_tonnes: '-5' is not a whole number
--scale-tonnes|12t|scale_tonnes: '12t' is not a whole number
--scale-tonnes|1e999|scale_tonnes: '1e999' is not a whole number
--investment|abc|investment: 'abc' is not an amount like 12345.67 .or ¥12,345.67, 12345.67元, 1.2万.$
--investment|-1|investment: '-1' is not an amount
--investment|1.005|investment: '1.005' is not an amount
--owner|nobody|owner: no staff member with login 'nobody'
--code|C000001|code already exists
--code|12|code: '12' is all digits, which would read as an id
--code|C 12|code: 'C 12' has a blank
CASES
is "$(dbsum)" "$sum" "the database is unchanged after every refusal"

run crm-add --tier A
fails 65 "name: a value is required" "a name is required"
run crm-add --name x --tier
rc_is 64 "a missing argument is a usage error"
like "$err" "requires an argument" "getopt names the problem"
like "$err" "usage: crm-add" "then the usage"
run crm-add --name x --colour red
rc_is 64 "an unknown option exits 64"
run crm-add --name x extra
rc_is 64 "a stray argument exits 64"
is "$(dbsum)" "$sum" "still unchanged"

run crm-add --name "$(printf 'bad\377byte')"
fails 65 "name: invalid UTF-8" "invalid UTF-8 is refused"

# -o ids always means ids: a code is never all digits.
crm-add --name 'code A1' --code A1 >/dev/null
run crm-edit "$(sql "SELECT id FROM customers WHERE code = 'A1'")" --notes by-id
is "$(sql "SELECT notes FROM customers WHERE code = 'A1'")" by-id "a number names the customer with that id"

# Contacts.
run crm-add --contact -c C000001 --name 张三 --title 科长 --mobile 13800001111
rc_is 0 "add a contact by customer code"
is "$(sql "SELECT customer, name, \"primary\" FROM contacts WHERE id = $out")" "1|张三|1" "the first contact is primary"
run crm-add --contact -c 1 --name 李四 --phone 0912-3456789
is "$(sql "SELECT \"primary\" FROM contacts ORDER BY id" | tr '\n' ' ')" "1 0 " "the second one is not"
run crm-add --contact -c 1 --name 王五 --primary
is "$(sql "SELECT \"primary\" FROM contacts ORDER BY id" | tr '\n' ' ')" "0 0 1 " "--primary takes the flag from the others"
is "$(sql "SELECT count(*) FROM changes WHERE entity = 'contact' AND field = 'primary'")" 1 "the flag's move is logged"
run crm-add --contact -c C000003 --name 赵六 --primary=no
is "$(sql "SELECT \"primary\" FROM contacts WHERE name = '赵六'")" 0 "--primary=no keeps a first contact secondary"
sum=$(dbsum)
run crm-add --contact -c C999999 --name x
fails 1 "no customer 'C999999'" "an unknown customer exits 1"
run crm-add --contact --name x
fails 64 "needs -c" "--contact needs -c"
is "$(dbsum)" "$sum" "unchanged"

# The acting user: an active staff member.
crm-staff add --login wangfang --name 王芳 --role dept_manager >/dev/null
run crm-add --as wangfang --name 'as test'
is "$(sql "SELECT who FROM changes ORDER BY id DESC LIMIT 1")" wangfang "--as names the acting user"
sum=$(dbsum)
CRM_USER= run crm-add --name 'os user'
fails 65 "^crm-add: '$(id -un)' is not on the staff: who writes must be an active staff member" \
    "else the process owner, who must be on the staff"
is "$(dbsum)" "$sum" "and nothing is written"
crm-staff edit tester --os-user "$(id -un)" >/dev/null
CRM_USER= run crm-add --name 'os user'
is "$(sql "SELECT who FROM changes ORDER BY id DESC LIMIT 1")" tester "else the member whose os_user is the process owner"
is "$(sql "SELECT os_user FROM changes ORDER BY id DESC LIMIT 1")" "$(id -un)" "the OS account is always recorded"
crm-staff edit tester --os-user '' >/dev/null
crm-staff edit wangfang --active no >/dev/null
run crm-add --as wangfang --name 'left'
fails 65 "'wangfang' has left \\(inactive\\)" "someone who left may not write"

# Busy: another writer holds the lock longer than the timeout.
hold_lock 2 &
while [ ! -e "$work/locked" ]; do sleep 0.05; done
CRM_BUSY_TIMEOUT=100 run crm-add --name busy
fails 75 "database is busy" "a write that stays locked past the timeout exits 75"
wait
run crm-add --name "after lock"
rc_is 0 "and works once the lock is gone"
run crm-add --name 大小写 --tier b --stage Intent --category GOVERNMENT
is "$(sql "SELECT tier || stage || category FROM customers WHERE name = '大小写'")" "Bintentgovernment" \
	"values in another case (as spreadsheets type them) are stored as the list writes them"
sum=$(dbsum)
run crm-add --contact -c 1 --name 刘芳 --email 'liu fang@example.com'
fails 65 "email: 'liu fang@example.com' is not an e-mail address" "an e-mail address crm-mail could not send to is refused"
run crm-add --contact -c 1 --name 刘芳 --email 'a@b@example.com'
rc_is 65 "two @ too"
is "$(dbsum)" "$sum" "nothing written"
done_testing
