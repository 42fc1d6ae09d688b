#!/bin/sh
# crm-rm: removes records nothing refers to, all or nothing, each removal
# in the change log with every old value.
. "$(dirname "$0")/lib.sh"

demo_db || exit 1

# Refused while others refer to it, with the referrers counted.
sum=$(dbsum)
run crm-rm customers C000001
fails 65 "^crm-rm: cannot remove customer 'C000001': 2 contacts refer to it$" "a customer with contacts"
run crm-rm staff zhanglei
fails 65 "^crm-rm: cannot remove staff 'zhanglei': 8 customers \(owner\) refer to it$" "a staff member who owns customers, by login"
run crm-rm staff wangfang
fails 65 "3 staff \(reports_to\) refer to it" "a manager others report to"
is "$(dbsum)" "$sum" "nothing changed"

# Unknown ids: exit 1, each named.
run crm-rm customers C000999 4242
rc_is 1 "unknown customers exit 1"
is "$err" "crm-rm: no customer 'C000999'
crm-rm: no customer '4242'" "each unknown one on a line of its own"
run crm-rm staff nobody
fails 1 "^crm-rm: no staff 'nobody'$" "an unknown login"
is "$(dbsum)" "$sum" "nothing changed"

# Usage.
run crm-rm
rc_is 64 "no table"
run crm-rm customers
rc_is 64 "no id"
run crm-rm things 1
fails 64 "unknown table 'things'" "an unknown table"

# A customer nobody refers to, by code; its old values go to the log.
id=$(crm-add --name 测试客户甲 --owner zhanglei --scale-tonnes 500)
code=$(sql "SELECT code FROM customers WHERE id = $id")
run crm-rm customers "$code"
rc_is 0 "a customer with nothing under it, by code"
is "$out" "" "prints nothing"
is "$(sql "SELECT count(*) FROM customers WHERE id = $id")" 0 "it is gone"
is "$(sql "SELECT field, old, ifnull(new, 'NULL') FROM changes
	WHERE program = 'crm-rm' AND ifnull(field, '') NOT LIKE '%_at' ORDER BY id")" \
"code|$code|NULL
name|测试客户甲|NULL
tier|C|NULL
category|enterprise|NULL
stage|customer|NULL
owner|zhanglei|NULL
scale_tonnes|500|NULL
customer_since|2026-11-27|NULL
|测试客户甲|NULL" "each old value logged, then a row naming the record"
is "$(sql "SELECT count(*) FROM changes WHERE program = 'crm-rm' AND field = 'created_at' AND old IS NOT NULL")" 1 \
	"the time stamps too"
is "$(sql "SELECT DISTINCT entity || ' ' || entity_id || ' ' || who FROM changes WHERE program = 'crm-rm'")" \
	"customer $id tester" "under the record's entity and id, by the acting user"

# A staff member by login.
crm-staff add --login zhanglie --name 张磊 --role account_manager >/dev/null
run crm-rm staff zhanglie
rc_is 0 "a mistyped login"
is "$(sql "SELECT count(*) FROM staff WHERE login = 'zhanglie'")" 0 "removed"
is "$(sql "SELECT old FROM changes WHERE entity = 'staff' AND program = 'crm-rm' AND field IS NULL")" \
	zhanglie "the last row names the login"

# Ids from stdin, as -o ids prints them.
printf 'name,owner\n测试甲,zhanglei\n测试乙,zhanglei\n' >test.csv
crm-import -q customers test.csv 2>/dev/null
crm-list --search 测试 -o ids >ids
is "$(wc -l <ids | tr -d ' ')" 2 "two test customers"
run_in ids crm-rm customers -
rc_is 0 "ids from stdin"
is "$(crm-list --search 测试 -o ids)" "" "both removed"
: >none
sum=$(dbsum)
run_in none crm-rm customers -
rc_is 0 "nothing on stdin: nothing removed, as crm edit - does (a search that found nothing)"
is "$(dbsum)" "$sum" "the database is as it was"
printf '1\tC000001\n' >row
run_in row crm-rm customers -
fails 65 "is a table row, not an id" "a table row piped by mistake"

# All or nothing: every refusal reported, then nothing removed.
a=$(crm-add --name 甲 --owner zhanglei)
b=$(crm-add --name 乙 --owner zhanglei)
sum=$(dbsum)
run crm-rm customers "$a" C000001 C000999 "$b" C000002
rc_is 65 "a refusal wins over an unknown id"
is "$err" "crm-rm: cannot remove customer 'C000001': 2 contacts refer to it
crm-rm: no customer 'C000999'
crm-rm: cannot remove customer 'C000002': 2 contacts refer to it" "every refusal and unknown id, each on its own line"
is "$(dbsum)" "$sum" "nothing removed, nothing logged"
run crm-rm customers "$a" C000999 "$b"
rc_is 1 "an unknown id among good ones"
is "$(dbsum)" "$sum" "nothing removed"

# Records under a customer go first, then the customer.
k=$(crm-add --contact -c "$a" --name 联系人)
run crm-rm customers "$a"
fails 65 "1 contact refers to it" "one referrer, in the singular"
run crm-rm contacts "$k"
rc_is 0 "a contact by id"
run crm-rm customers "$a" "$b"
rc_is 0 "then the customer"

# A plan carried out by a visit is refused; the visit goes first.
p=$(crm-visit plan --as zhanglei -c C000003 --date 2026-11-27 --purpose 回访)
crm-visit review "$p" --as wangfang
crm-visit approve "$p" --as chenjianhua
v=$(crm-visit add -c C000003 --by zhanglei --plan "$p" 现场回访)
run crm-rm plans "$p"
fails 65 "cannot remove plan '$p': 1 visit refers to it" "a plan a visit carried out"
run crm-rm visits "$v"
rc_is 0 "the visit"
run crm-rm plans "$p"
rc_is 0 "then the plan"
is "$(sql "SELECT count(*) FROM plans")" 0 "no plan left"

# A complaint's steps are part of it: never removed alone, removed with it.
k=$(crm-complaint new -c C000003 --severity low --channel phone --category 账单 录错了)
crm-complaint note "$k" 备注
step=$(sql "SELECT min(id) FROM complaint_events WHERE complaint = $k")
sum=$(dbsum)
run crm-rm complaint_events "$step"
fails 65 "cannot remove complaint_event '$step': a complaint_event is part of its complaint" "a step alone"
is "$(dbsum)" "$sum" "nothing removed"
run crm-rm complaints "$k"
rc_is 0 "a complaint entered by mistake, with its steps"
is "$(sql "SELECT count(*) FROM complaint_events WHERE complaint = $k")" 0 "its steps are gone"
is "$(sql "SELECT count(DISTINCT entity_id) FROM changes WHERE entity = 'complaint_event' AND program = 'crm-rm'")" 2 \
	"each step's removal is logged"
s=$(crm-survey add -c C000003 --service-score 4)
k=$(crm-complaint new -c C000003 --severity low --channel phone --category 账单 已回访)
printf 'id,complaint\n%s,%s\n' "$s" "$k" | crm-import --update surveys
run crm-rm complaints "$k"
fails 65 "1 survey refers to it" "a complaint a survey names as its callback"

done_testing
