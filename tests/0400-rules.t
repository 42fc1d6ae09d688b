#!/bin/sh
# The library owns every rule: each one holds for every writer, the program
# made for it and crm-import alike (issue 7's inputs, each kind fixed).
. "$(dirname "$0")/lib.sh"

# refused WANT-RC ERR-REGEX NAME: crm-import refused the file: the status,
# the row's reason first, then the summary of bad rows
refused() {
	rc_is "$1" "$3 (exit $1)"
	like "$(printf '%s\n' "$err" | head -1)" "$2" "$3 (the row's reason)"
	like "$(printf '%s\n' "$err" | tail -1)" "bad rows? of [0-9]+: nothing imported" "$3 (nothing imported)"
}

crm-init --empty >/dev/null
tester_staff
crm-import -q staff >/dev/null <<'EOF'
login,name,email,role,reports_to
dh,DH,dh@example.com,division_head,
dm,DM,dm@example.com,dept_manager,dh
am1,AM1,am1@example.com,account_manager,dm
am2,AM2,am2@example.com,account_manager,dm
xiaoli,小李,xiaoli@example.com,account_manager,dm
EOF
crm-import -q customers >/dev/null <<'EOF'
code,name,tier,owner
K1,甲厂,C,am1
K2,乙厂,C,am2
EOF

# 1. A visit carries out only an approved plan, which is then done.
crm-visit plan --as am1 -c K1 --date 2026-12-01 --purpose a >/dev/null
crm-visit plan --as am1 -c K1 --date 2026-12-02 --purpose b >/dev/null
crm-visit reject 1 --as dm --reason 不去 >/dev/null
crm-visit review 2 --as dm && crm-visit approve 2 --as dh
sum=$(dbsum)
printf 'customer,date,staff,plan,summary\nK1,2026-11-20,am1,1,按计划\n' >v1.csv
run crm-import visits v1.csv
refused 65 "v1.csv:2: plan: plan 1 is rejected: needs approved" \
	"crm-import: a visit that carries out a rejected plan is refused"
is "$(dbsum)" "$sum" "nothing written, the plan stays rejected"
run crm-visit add -c K1 --by am1 --plan 1 x
fails 65 "plan: plan 1 is rejected: needs approved" "crm-visit: the same"
printf 'customer,date,staff,plan,summary\nK1,2026-11-20,am1,2,按计划\n' >v2.csv
run crm-import visits v2.csv
rc_is 0 "crm-import: a visit that carries out an approved plan"
is "$(sql "SELECT status FROM plans WHERE id = 2")" done "marks it done in the same import"
is "$(sql "SELECT program || ' ' || old || ' ' || new FROM changes WHERE entity = 'plan' AND entity_id = 2 AND field = 'status' ORDER BY id DESC LIMIT 1")" \
	"crm-import approved done" "and logs it"
is "$(sql "SELECT level FROM visits WHERE plan = 2")" account_manager "at the plan's level"
run crm-import visits v2.csv
refused 65 "plan: plan 2 is done: it was carried out by visit 1" "a plan is carried out once"
printf 'id,status\n1,approved\n' >p.csv
run crm-import --update plans p.csv
refused 65 "p.csv:2: status: a plan that is rejected cannot become approved" \
	"crm-import --update: a plan moves only as the review allows"
crm-visit plan --as am1 -c K1 --date 2026-12-03 --purpose c >/dev/null
printf 'id,status\n3,approved\n' >p.csv
run crm-import --update plans p.csv
refused 65 "status: a plan that is submitted cannot become approved" \
	"not past the department manager's review"
printf 'id,status\n3,reviewed\n' >p.csv
run crm-import --as dm --update plans p.csv
rc_is 0 "a review by import"
is "$(sql "SELECT status, reviewer, reviewed_at IS NOT NULL FROM plans WHERE id = 3")" \
	"reviewed|dm|1" "stamped with who and when, as the program stamps it"

printf 'id,status\n3,rejected\n' >p.csv
run crm-import --as dm --update plans p.csv
refused 65 "p.csv:2: reason: a value is required when the status is rejected: a rejected plan says why" \
	"crm-import: a rejected plan needs a reason, as crm-visit reject does"
crm-visit plan --as dm -c K1 --date 2026-12-04 --purpose 自己的 >/dev/null
run crm-visit review 4 --as dm
fails 65 "reviewer: 'dm' is the planner of plan 4: someone else must review it" "nobody reviews their own plan"
run crm-visit plans -o tsv --planner dm
is "$(printf '%s\n' "$out" | sed 1d | cut -f13)" dh "a department manager's own plan waits for the division head above"
crm-staff add --login gone --name 走了 --role dept_manager --reports-to dh --active no >/dev/null
run crm-visit review 4 --as gone
fails 65 "'gone' has left \\(inactive\\): who writes must be an active staff member" "someone who has left reviews nothing"
printf 'customer,staff,date,status,created_at\nK1,am1,2026-10-01,submitted,2026-09-20T08:00:00Z\n' >old.csv
run crm-import plans old.csv
rc_is 0 "an exported plan still waiting, dated before today but not before it was made, imports back"
printf 'customer,staff,date,status,created_at\nK1,am1,2026-09-01,submitted,2026-09-20T08:00:00Z\n' >old.csv
run crm-import plans old.csv
refused 65 "old.csv:2: date: 2026-09-01 is before the plan was made \\(2026-09-20\\)" "one dated before it was made does not"

# A plan and the visit that carried it out stay together.
p=$(crm-visit plan --as am2 -c K2 --date 2026-12-05 --purpose 走访)
crm-visit review "$p" --as dm && crm-visit approve "$p" --as dh
v=$(crm-visit add -c K2 --by am2 --plan "$p" 走访完成)
sum=$(dbsum)
printf 'id,customer\n%s,K1\n' "$p" >pc.csv
run crm-import --update plans pc.csv
refused 65 "pc.csv:2: customer: visits $v names it with another customer" \
	"a plan carried out cannot move to another customer"
printf 'id,status\n%s,approved\n' "$p" >pd.csv
run crm-import --update plans pd.csv
refused 65 "status: a plan goes from done to approved only through the visit that carries it out" \
	"nor go back by hand"
is "$(dbsum)" "$sum" "nothing written"
printf 'id,plan\n%s,\n' "$v" >vu.csv
run crm-import --update visits vu.csv
rc_is 0 "a visit no longer carrying out its plan"
is "$(sql "SELECT status FROM plans WHERE id = $p")" approved "the plan waits again"
run crm-visit add -c K2 --by am2 --plan "$p" 再一次
rc_is 0 "and one visit carries it out"
crm-rm visits "$out"
is "$(sql "SELECT status FROM plans WHERE id = $p")" approved "crm rm of that visit: the plan waits again"
p=$(crm-visit plan --as am2 -c K2 --date 2026-12-06 --purpose 直接完成)
crm-visit review "$p" --as dm && crm-visit approve "$p" --as dh
printf 'id,status\n%s,done\n' "$p" >pd.csv
run crm-import --update plans pd.csv
refused 65 "pd.csv:2: status: a plan goes from approved to done only through the visit that carries it out" \
	"a plan becomes done only by its visit"
p=$(crm-visit plan --as am2 -c K2 --date 2026-12-07 --purpose 一人两步)
crm-visit review "$p" --as dh
run crm-visit approve "$p" --as dh
fails 65 "approver: 'dh' is the reviewer of plan $p: someone else must approve it" \
	"the two steps are two people"
run crm-visit reject "$p" --as dh --reason ' '
fails 65 "reason: a value is required when the status is rejected" "a blank reason says nothing"
run crm-visit review 1 1 --as dm
fails 65 "plan 1 is rejected: needs submitted" "a plan named twice is judged once"

# 2. One primary contact per customer.
printf 'customer,name,primary\nK1,a,yes\nK1,b,yes\nK2,c,\nK2,d,\n' >k.csv
run crm-import contacts k.csv
rc_is 0 "crm-import contacts with two primary contacts of one customer"
is "$(sql "SELECT name || '=' || \"primary\" FROM contacts ORDER BY id" | tr '\n' ' ')" \
	"a=0 b=1 c=1 d=0 " "the later one keeps the flag; a customer's first contact takes it"
is "$(sql "SELECT count(*) FROM changes WHERE entity = 'contact' AND field = 'primary' AND old = 'yes' AND new = 'no'")" 1 \
	"the flag's move is logged"
printf 'id,primary\n1,yes\n' >k2.csv
run crm-import --update contacts k2.csv
is "$(sql "SELECT name || '=' || \"primary\" FROM contacts WHERE customer = 1 ORDER BY id" | tr '\n' ' ')" \
	"a=1 b=0 " "crm-import --update: the same"
crm-add --contact -c K1 --name e --primary >/dev/null
is "$(sql "SELECT count(*) FROM contacts WHERE customer = 1 AND \"primary\" = 1")" 1 "crm-add --contact --primary: the same"
e=$(sql "SELECT id FROM contacts WHERE name = 'e'")
printf 'id,customer\n%s,K2\n' "$e" >k3.csv
crm-import -q --update contacts k3.csv
is "$(sql "SELECT group_concat(name, ' ') FROM contacts WHERE \"primary\" = 1 ORDER BY customer")" "a e" \
	"a primary contact moved to another customer: the first other contact takes the flag, the new customer keeps one"
crm-rm contacts "$(sql "SELECT id FROM contacts WHERE name = 'a'")"
is "$(sql "SELECT name FROM contacts WHERE customer = 1 AND \"primary\" = 1")" b "crm rm of a primary contact: the next one takes it"
printf 'id,primary\n%s,no\n' "$(sql "SELECT id FROM contacts WHERE name = 'b'")" >k4.csv
run crm-import --update contacts k4.csv
refused 65 "primary: the only contact of its customer keeps the flag" "the only contact stays primary"

# 3. A reporting line never loops, whoever writes it.
sum=$(dbsum)
printf 'login,reports_to\ndh,am1\n' >loop.csv
run crm-import --update staff loop.csv
refused 65 "loop.csv:2: reports_to would make a cycle: dh -> am1 -> dm -> dh" \
	"crm-import --update staff: a loop is refused"
printf 'login,reports_to\nam1,am2\nam2,xiaoli\nxiaoli,am1\n' >loop.csv
run crm-import --update staff loop.csv
refused 65 "loop.csv:4: reports_to would make a cycle: xiaoli -> am1 -> am2 -> xiaoli" \
	"a loop made over three rows"
is "$(dbsum)" "$sum" "nothing written"
run crm-staff edit dh --reports-to am1
fails 65 "cannot edit 'dh': reports_to would make a cycle" "crm-staff edit: the same"
run crm-staff edit dh --login dh2 --reports-to am1
fails 65 "cannot edit 'dh': reports_to would make a cycle: dh -> am1 -> dm -> dh" \
	"a loop closed by a rename in the same command"
run crm-staff edit am1 --login am9 --reports-to am1
fails 65 "reports_to would make a cycle: am1 -> am1" "reporting to one's own old login"
printf 'login,name,role,reports_to\nx1,甲,account_manager,x2\nx2,乙,dept_manager,x1\n' >held.csv
run crm-import staff held.csv
like "$err" "held.csv:2: reports_to would make a cycle: x1 -> x2 -> x1 \\(rows of this file\\)" \
	"two new rows of one file that report to each other"
rc_is 65 "are refused"
printf 'login,reports_to\nam1,am1\n' >self.csv
run crm-import --update staff self.csv
refused 65 "self.csv:2: reports_to would make a cycle: am1 -> am1" "reporting to oneself"
# Written past crm: the due list still ends.
sql "UPDATE staff SET reports_to = 'am1' WHERE login = 'dh'"
run crm-visit-due --escalate 0
rc_is 0 "crm-visit-due over a loop written past crm ends"
sql "UPDATE staff SET reports_to = NULL WHERE login = 'dh'"

# 5. Someone who leaves owns nothing.
crm-add --name 丙厂 --code K3 --owner xiaoli >/dev/null
crm-visit plan --as xiaoli -c K3 --date 2026-12-05 --purpose 交接前 >/dev/null
sum=$(dbsum)
run crm-staff edit xiaoli --active no
fails 65 "cannot edit 'xiaoli': active: 'xiaoli' still holds 1 customer \\(owner\\), 1 plan \\(staff\\)" \
	"deactivating someone who owns customers or open plans is refused, with the count"
printf 'login,active\nxiaoli,no\n' >leave.csv
run crm-import --update staff leave.csv
refused 65 "leave.csv:2: active: 'xiaoli' still holds" "crm-import --update staff: the same"
is "$(dbsum)" "$sum" "nothing written"
run crm-staff edit dm --active no --handover am1
fails 65 "cannot hand over from 'dm' to 'am1': 'am1' reports to 'dm' \\(am1 -> dm\\): hand over to someone outside the team" \
	"a manager does not hand the team over to one of its members"
run crm-staff edit xiaoli --active no --handover nobody
fails 65 "cannot hand over from 'xiaoli' to 'nobody'" "a handover to no one"
run crm-staff edit xiaoli --active no --handover am2
rc_is 0 "--handover LOGIN: everything moves, then she leaves"
is "$(sql "SELECT owner FROM customers WHERE code = 'K3'; SELECT staff FROM plans WHERE purpose = '交接前'; SELECT active FROM staff WHERE login = 'xiaoli'" | tr '\n' ' ')" \
	"am2 am2 0 " "the customer and the open plan are am2's"
is "$(sql "SELECT entity || ' ' || field || ' ' || old || ' ' || new FROM changes WHERE program = 'crm-staff' AND field IS NOT NULL ORDER BY id" | tr '\n' ';')" \
	"customer owner xiaoli am2;plan staff xiaoli am2;staff active yes no;" "each move logged"
sum=$(dbsum)
run crm-edit K3 --owner xiaoli
fails 65 "owner: 'xiaoli' is inactive" "crm-edit: an inactive owner is refused"
run crm-add --name 丁厂 --owner xiaoli
fails 65 "owner: 'xiaoli' is inactive" "crm-add: the same"
printf 'name,owner\n戊厂,xiaoli\n' >c.csv
run crm-import customers c.csv
refused 65 "c.csv:2: owner: 'xiaoli' is inactive" "crm-import: the same"
run crm-visit plan --as xiaoli -c K3 --date 2026-12-06 --purpose x
fails 65 "'xiaoli' has left \\(inactive\\): who writes must be an active staff member" "someone who left plans nothing"
is "$(dbsum)" "$sum" "nothing written"
# Written past crm, or left before this rule: crm check lists them.
sql "UPDATE customers SET owner = 'xiaoli', stage = 'lead' WHERE code = 'K3'"
run crm-check --all
like "$out" "K3	丙厂	owner_inactive" "crm check lists a customer whose owner has left (any stage)"
rc_is 1 "and exits 1"
run crm-edit K3 --notes 备注
rc_is 0 "the customer can still be edited otherwise"
sql "UPDATE customers SET owner = 'am2', stage = 'customer' WHERE code = 'K3'"

run crm-edit K1 --customer-since 2027-01-01
fails 65 "customer_since: 2027-01-01 is after today" "a customer from a day to come is not one yet"

# 6. A missing tier comes from the rulebook's criteria.
cat >t.csv <<'EOF'
code,name,category,scale_tonnes,tier
T1,区政府,government,,
T2,大厂,enterprise,25000,
T3,中厂,enterprise,12000,
T4,小厂,enterprise,500,
T5,无规模,,,
T6,指定,enterprise,25000,C
EOF
run crm-import customers t.csv
rc_is 0 "crm-import customers without tiers"
is "$err" "crm-import: t.csv: imported 6 customers; 5 without a tier: their tier from the rulebook's criteria" "says so in its summary"
is "$(sql "SELECT code || '=' || tier FROM customers WHERE code GLOB 'T*' ORDER BY code" | tr '\n' ' ')" \
	"T1=A T2=A T3=B T4=C T5=C T6=C " "government or 20000 t: A; 10000 t: B; else C; a tier given stays"
run crm-check --tiers --all
is "$(printf '%s\n' "$out" | cut -f2 | sed 1d | tr '\n' ' ')" "T6 " "crm check --tiers agrees but for the tier given"
run crm-add --name 新厂 --scale-tonnes 15000
is "$(sql "SELECT tier FROM customers WHERE id = $out")" B "crm-add: the same"

# 7. Go-live day: the archive imported today owes no slot already past.
rm -f "$CRM_DB" "$CRM_DB-wal" "$CRM_DB-shm"
crm-init --empty >/dev/null
tester_staff
crm-import -q staff "$top/data/demo/staff.csv"
cat >arch.csv <<'EOF'
code,name,tier,stage,owner
C000001,甲,A,customer,zhanglei
C000002,乙,B,customer,sunli
C000003,丙,C,customer,mahui
C000007,丁,C,lead,zhanglei
C000008,戊,C,contacted,sunli
EOF
crm-import -q customers arch.csv
run crm-visit-due --today 2026-11-27 --status overdue --obligation cadence -o ids
is "$out" "" "an archive imported today: no cadence slot is overdue"
run crm-visit-due --today 2026-11-27 --within 3 --obligation cadence --level account_manager -o tsv
is "$(printf '%s\n' "$out" | sed 1d | cut -f1,11 | sort -u | tr '\n' ' ')" "2026-11-30	2 of 2 this month " \
	"the month's second slot is owed"
run crm-visit-due --today 2026-12-17 --status overdue --obligation cadence --level account_manager -o ids
is "$(printf '%s\n' "$out" | wc -l)" "$(sql "SELECT count(*) FROM customers WHERE stage = 'customer'")" \
	"next month every customer owes its slots again"
is "$(sql "SELECT count(DISTINCT customer_since) || ' ' || min(customer_since) FROM customers WHERE stage = 'customer'")" \
	"1 2026-11-27" "crm-import stamps customer_since with the day of the import"
is "$(sql "SELECT count(*) FROM customers WHERE stage <> 'customer' AND customer_since IS NOT NULL")" 0 \
	"not for leads"
crm-edit C000007 --stage customer
is "$(sql "SELECT customer_since FROM customers WHERE code = 'C000007'")" 2026-11-27 \
	"crm-edit: moved to stage customer today, a customer since today"
printf 'code,stage\nC000008,customer\n' >s.csv
crm-import -q --update customers s.csv --today 2026-11-28
is "$(sql "SELECT customer_since FROM customers WHERE code = 'C000008'")" 2026-11-28 \
	"crm-import --update: the same"
printf 'code,name,customer_since\nG1,老客户,2020-05-01\n' >g.csv
crm-import -q customers g.csv
is "$(sql "SELECT customer_since FROM customers WHERE code = 'G1'")" 2020-05-01 \
	"a file that says since when keeps it"
run crm-visit-due --today 2026-11-27 --status overdue -o ids
is "$out" "$(sql "SELECT id FROM customers WHERE code = 'G1'")" "and it owes the slots already past"

# 10. make demo asks crm for today, so it works with CRM_TODAY set.
run env CRM_TODAY=2026-11-20 CRM_DB="$work/demo.db" sh "$top/data/demo.sh"
rc_is 0 "the demo with CRM_TODAY set"
is "$(sqlite3 "$work/demo.db" "SELECT min(date) || ' ' || max(date) || ' ' || max(next_date) FROM visits")" \
	"2026-11-20 2026-11-20 2026-11-22" "its visits are dated by crm's today"
like "$out" "due within 3 days" "and it shows the due list"
like "$out" "the same summary as one HTML page for a browser or a mail: $work/demo-summary.html" \
	"and says where it wrote the summary's page"
python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$work/demo-summary.html"
ok $? "the demo's page, next to its database, is well-formed"

done_testing
