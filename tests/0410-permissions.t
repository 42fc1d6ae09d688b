#!/bin/sh
# Who may do what (lib/permit.c): one table, and each of its rules holds
# for every writer, the program made for the step and crm-import or
# crm-edit alike.
. "$(dirname "$0")/lib.sh"
export TZ=UTC

# refused WANT-RC ERR-REGEX NAME: the command was refused with one line
# (crm-import: the row's reason, then the summary) and wrote nothing.
refused() {
	rc_is "$1" "$3 (exit $1)"
	like "$(printf '%s\n' "$err" | head -1)" "$2" "$3 (the reason)"
	is "$(dbsum)" "$sum" "$3 (nothing written)"
}

crm-init --empty >/dev/null
tester_staff
crm-import -q staff >/dev/null <<'EOF'
login,name,email,role,reports_to
pres,总裁,pres@example.com,president,
dh,DH,dh@example.com,division_head,pres
dm,DM,dm@example.com,dept_manager,dh
dm2,DM2,dm2@example.com,dept_manager,dh
am1,AM1,am1@example.com,account_manager,dm
spec,小张,spec@example.com,complaint_specialist,dh
EOF
crm-import -q customers >/dev/null <<'EOF'
code,name,tier,owner
K1,甲厂,A,am1
EOF

# --- any write: an active member of the staff ------------------------------
sum=$(dbsum)
run crm-add --as nosuchperson --name 某公司
refused 65 "^crm-add: 'nosuchperson' is not on the staff: who writes must be an active staff member" \
    "crm-add --as a login that is no member's"
printf 'name\n某公司\n' >c.csv
run crm-import --as nosuchperson customers c.csv
refused 65 "^crm-import: 'nosuchperson' is not on the staff" "crm-import too"

# --- a visit at a level: by someone of that role or above ------------------
sum=$(dbsum)
run crm-visit add --as am1 -c K1 --level president 年度走访
refused 65 "^crm-visit: cannot add visit: level: 'am1' \\(account_manager\\) is below that level: a visit counts at its visitor's level or below$" \
    "an account manager does not make the president's visit"
run crm-visit add --as tester --by am1 -c K1 --level president 年度走访
refused 65 "level: 'am1' \\(account_manager\\) is below that level" \
    "nor does an admin log one for them: the visitor's role counts"
run crm-visit add --as tester --by spec -c K1 年度走访
refused 65 "level: 'spec' \\(complaint_specialist\\) is not on the reporting line of the levels" \
    "a specialist makes no cadence visit"
printf 'customer,date,staff,level,summary\nK1,2026-11-20,am1,account_manager,电话\nK1,2026-11-21,am1,president,年度走访\n' >v.csv
run crm-import visits v.csv
refused 65 "^crm-import: v.csv:3: level: 'am1' \\(account_manager\\) is below that level" \
    "crm-import: the same rule, with the line"
run crm-visit add --as dh -c K1 --level dept_manager 走访
is "$rc:$out" "0:1" "someone above the level may make the visit"
run crm-visit add --as pres -c K1 --level president 年度走访
is "$rc:$out" "0:2" "the president makes the president's"
sum=$(dbsum)
printf 'id,staff\n2,am1\n' >vu.csv
run crm-import --update visits vu.csv
refused 65 "^crm-import: vu.csv:2: level: 'am1' \\(account_manager\\) is below that level" \
    "crm-import --update cannot give the president's visit to an account manager"
run crm-visit-due -c K1 --level president --status overdue,due -o ids
is "$out" "" "so the president's yearly visit is met by the president's own"

# --- a plan: reviewed and approved by a manager above its planner ----------
crm-visit plan --as dm -c K1 --date 2026-12-10 --level dept_manager --purpose 二期 >/dev/null
sum=$(dbsum)
run crm-visit review 1 --as dm2
refused 65 "^crm-visit: cannot change plan 1: reviewer: 'dm2' \\(dept_manager\\) may not review a plan of 'dm' \\(dept_manager\\): that is for a manager above$" \
    "a department manager does not review another department manager's plan"
printf 'id,status\n1,reviewed\n' >p.csv
run crm-import --as dm2 --update plans p.csv
refused 65 "^crm-import: p.csv:2: reviewer: 'dm2' \\(dept_manager\\) may not review a plan of 'dm'" \
    "nor through crm-import --update"
run crm-visit review 1 --as dh
rc_is 0 "the division head above reviews it"
sum=$(dbsum)
run crm-visit approve 1 --as dh
refused 65 "approver: 'dh' is the reviewer of plan 1: someone else must approve it" \
    "the reviewer does not approve what they reviewed"
run crm-visit approve 1 --as pres
rc_is 0 "the president approves it"
crm-visit plan --as am1 -c K1 --date 2026-12-11 --purpose 回访 >/dev/null
run crm-visit review 2 --as tester
rc_is 0 "an admin is above every planner"

# --- complaints: confirmed and called back by the specialist or an admin ---
export CRM_USER=spec
k=$(crm-complaint new -c K1 --severity normal --channel phone --category 水质 出水浑浊)
crm-complaint assign --dept 运行部 --handler am1 "$k"
crm-complaint resolve --as am1 --result 已处理 "$k"
sum=$(dbsum)
run crm-complaint confirm --as am1 "$k"
refused 65 "status: 'am1' \\(account_manager\\) may not confirm: that is for complaint_specialist admin" \
    "an account manager does not record the customer's confirmation"
run crm-complaint confirm --as am1 --rejected "$k"
refused 65 "status: 'am1' \\(account_manager\\) may not reject: that is for complaint_specialist admin" \
    "nor the customer's rejection"
printf 'id,status,confirmed_at\n%s,confirmed,2026-11-27 10:00\n' "$k" >k.csv
run crm-import --as dm --update complaints k.csv
refused 65 "^crm-import: k.csv:2: status: 'dm' \\(dept_manager\\) may not confirm" \
    "nor through crm-import --update"
run crm-complaint confirm "$k"
rc_is 0 "the specialist does"
sum=$(dbsum)
run crm-complaint callback --as dh --score 5 "$k"
refused 65 "status: 'dh' \\(division_head\\) may not callback: that is for complaint_specialist admin" \
    "the callback is the specialist's too"
run crm-complaint callback --as tester --score 5 "$k"
rc_is 0 "or an admin's"
is "$(sql "SELECT status || ' ' || (SELECT who FROM complaint_events WHERE complaint = $k AND action = 'callback') FROM complaints WHERE id = $k")" \
    "closed tester" "closed, by the admin"

done_testing
