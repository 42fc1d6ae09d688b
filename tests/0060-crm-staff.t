#!/bin/sh
# crm-staff: add, edit (renames cascade, no reporting cycles), list.
. "$(dirname "$0")/lib.sh"

crm-init --empty >/dev/null

# The man page's examples.  The first member comes from anyone (tester
# is on no staff yet); then who writes must be an active member.
run crm-staff add --login liuguoqiang --name 刘国强 --role president
rc_is 0 "add a staff member"
is "$out" 1 "prints the new id alone"
run crm-staff add --login zhanglei --name 张磊 --role account_manager
fails 65 "^crm-staff: 'tester' is not on the staff: who writes must be an active staff member \\(--as LOGIN, CRM_USER, or a member's os_user\\)$" \
    "then a login that is not on the staff may not write"
is "$(sql 'SELECT count(*) FROM staff')" 1 "and nothing is written"
export CRM_USER=liuguoqiang
run crm-staff add --login zhanglei --name 张磊 --role account_manager \
	--reports-to liuguoqiang --region 榆阳区 --intent-target 5
is "$out" 2 "second id"
run crm-staff edit zhanglei --intent-target 6 --email zhanglei@example.com
rc_is 0 "edit two fields"
is "$out" "" "edit prints nothing"
run crm-staff list --role account_manager -o ids
is "$out" zhanglei "list --role -o ids prints the logins"

is "$(sql "SELECT login, name, role, reports_to, region, intent_target, active FROM staff WHERE id = 2")" \
	"zhanglei|张磊|account_manager|liuguoqiang|榆阳区|6|1" "stored as given, active by default"

crm-staff add --login wangfang --name 王芳 --role dept_manager --reports-to liuguoqiang >/dev/null
crm-staff add --login old --name 老员工 --role admin --active=no >/dev/null
run crm-staff list
rc_is 0 "list"
is "$out" "login	name	email	role	reports_to	region	intent_target	active
liuguoqiang	刘国强		president			0	yes
old	老员工		admin			0	no
wangfang	王芳		dept_manager	liuguoqiang		0	yes
zhanglei	张磊	zhanglei@example.com	account_manager	liuguoqiang	榆阳区	6	yes" \
	"tsv, sorted by login, the SPEC's columns"
run crm-staff list --inactive -o ids
is "$out" old "--inactive"
run crm-staff list --active --role admin --no-header
is "$out" "" "--active with --role admin: none, no header"
run crm-staff -o json list --role dept_manager
is "$out" '[
{"login":"wangfang","name":"王芳","email":null,"role":"dept_manager","reports_to":"liuguoqiang","region":null,"intent_target":0,"active":"yes"}
]' "json: numbers as numbers, missing as null; common options before the command"
run crm-staff list -o csv --role president
is "$(printf '%s\n' "$out" | tr -d '\r')" 'login,name,email,role,reports_to,region,intent_target,active
liuguoqiang,刘国强,,president,,,0,yes' "csv"
run crm-staff list --role president,admin -o ids
is "$(echo $out)" "liuguoqiang old" "--role with a comma list: any matches"
run crm-staff list --role admin --role dept_manager --active -o ids
is "$(echo $out)" "wangfang" "--role repeated, with --active"
run crm-staff list -o table --role president
like "$out" "^login        name    email  role       reports_to  region  intent_target  active$" "table aligned by display width"

# Reporting cycles are refused.
sum=$(dbsum)
run crm-staff edit liuguoqiang --reports-to zhanglei
fails 65 "cannot edit 'liuguoqiang': reports_to would make a cycle: liuguoqiang -> zhanglei -> liuguoqiang" "a two-step cycle is refused"
run crm-staff edit wangfang --reports-to wangfang
fails 65 "cycle: wangfang -> wangfang" "reporting to oneself is refused"
is "$(dbsum)" "$sum" "nothing changed"

# Bad values: each reported, exit 65, nothing written.
run crm-staff add --login x --name X --role boss --intent-target -1
rc_is 65 "bad values exit 65"
like "$err" "role: 'boss' is not one of: account_manager" "names the bad role"
like "$err" "intent_target: '-1' is not a whole number from 0 to 100000" "and the bad target"
while IFS='|' read -r args msg; do
	# shellcheck disable=SC2086
	run crm-staff $args
	fails 65 "$msg" "crm-staff $args"
done <<'CASES'
add --login x --role admin|cannot add staff: name: a value is required
add --name X --role admin|login: a value is required
add --login x --name X|role: a value is required
add --login x --name X --role admin --reports-to nobody|reports_to: no staff member with login 'nobody'
add --login zhanglei --name X --role admin|a record with that login already exists
add --login x --name X --role admin --active=maybe|active: 'maybe' is not yes or no
edit zhanglei --login wangfang|a record with that login already exists
CASES
is "$(dbsum)" "$sum" "the database is unchanged after every refusal"

# A rename cascades and every cascaded change is logged.
crm-add --name 榆阳区环保局 --owner zhanglei >/dev/null
crm-staff add --login sunli --name 孙丽 --role account_manager --reports-to zhanglei >/dev/null
run crm-staff edit zhanglei --login zhang.lei --region 横山区
rc_is 0 "rename a login"
is "$(sql "SELECT owner FROM customers")" zhang.lei "the customer's owner follows"
is "$(sql "SELECT reports_to FROM staff WHERE login = 'sunli'")" zhang.lei "so does the reporting line"
is "$(sql "SELECT entity||' '||entity_id||' '||field||' '||old||' '||new FROM changes WHERE old = 'zhanglei' ORDER BY id")" \
"customer 1 owner zhanglei zhang.lei
staff 5 reports_to zhanglei zhang.lei
staff 2 login zhanglei zhang.lei" "the rename and each cascaded change are in the change log"
run crm-staff edit zhang.lei --region 横山区
is "$(sql "SELECT count(*) FROM changes WHERE field = 'region'")" 1 "an unchanged value is not logged"
run crm-staff edit zhang.lei --reports-to ''
is "$(sql "SELECT reports_to IS NULL FROM staff WHERE login = 'zhang.lei'")" 1 "an empty value clears"
run crm-staff --as old edit old --active
fails 65 "^crm-staff: 'old' has left \\(inactive\\): who writes must be an active staff member$" \
    "an inactive member may not write"
run crm-staff --as wangfang edit old --active
is "$(sql "SELECT who||' '||field||' '||old||' '||new FROM changes ORDER BY id DESC LIMIT 1")" "wangfang active no yes" "--active reactivates, logged with --as"

# A member's Unix account: its programs act as that member by default,
# and as another only when the member is an admin.
me=$(id -un)
run crm-staff edit wangfang --os-user "$me"
rc_is 0 "--os-user records a member's Unix account"
run crm-staff --as wangfang edit sunli --os-user "$me"
fails 65 "os_user" "one member per Unix account"
unset CRM_USER
run crm-staff edit sunli --region 神木市
rc_is 0 "without --as or CRM_USER the account's member acts"
is "$(sql "SELECT who || ' ' || os_user FROM changes ORDER BY id DESC LIMIT 1")" "wangfang $me" \
    "recorded as that member, beside the real account"
run crm-staff --as liuguoqiang edit sunli --region 榆阳区
fails 65 "^crm-staff: 'wangfang' \\(Unix account $me\\) may not act as 'liuguoqiang': that is for admin$" \
    "acting as someone else needs the admin role"
CRM_USER=liuguoqiang run crm-staff edit sunli --region 榆阳区
rc_is 65 "CRM_USER too"
crm-staff --as wangfang edit wangfang --os-user '' >/dev/null
crm-staff --as wangfang edit old --os-user "$me" --role admin >/dev/null
run crm-staff --as liuguoqiang edit sunli --region 榆阳区
rc_is 0 "an admin's account may act as another member"
is "$(sql "SELECT who || ' ' || os_user FROM changes ORDER BY id DESC LIMIT 1")" "liuguoqiang $me" \
    "recorded as the one acted for, beside the real account"
crm-staff --as old edit old --os-user '' >/dev/null
export CRM_USER=liuguoqiang

run crm-staff edit nobody --name x
fails 1 "no staff member 'nobody'" "editing an unknown login exits 1"

# Usage errors.
run crm-staff
rc_is 64 "no command"
like "$err" "usage: crm-staff" "usage on stderr"
run crm-staff fire zhang.lei
rc_is 64 "unknown command"
like "$err" "unknown command 'fire'" "is named"
run crm-staff edit zhang.lei
rc_is 64 "edit without fields"
is "$(printf '%s\n' "$err" | head -1)" "crm-staff: edit needs a --FIELD VALUE to change" "says what is missing"
run crm-staff edit --region x
rc_is 64 "edit without a login"
is "$(printf '%s\n' "$err" | head -1)" "crm-staff: edit needs a LOGIN" "says the login is missing"
like "$(printf '%s\n' "$err" | sed -n 2p)" "^usage: crm-staff" "then the usage"
run crm-staff edit zhang.lei --role
rc_is 64 "an option without its value"
like "$err" "requires an argument" "getopt says so"
run crm-staff list --active --inactive
fails 64 "not both" "--active with --inactive"
run crm-staff list --role boss
fails 65 "^crm-staff: role: 'boss' is not one of: account_manager dept_manager division_head president complaint_specialist archive_specialist admin$" "a bad --role filter"
run crm-staff list --role admin,boss
fails 65 "^crm-staff: role: 'boss' is not one of" "a bad value in a --role list"
run crm-staff list --role admin --role Adm1n
fails 65 "^crm-staff: role: 'Adm1n' is not one of" "a bad repeated --role"
run crm-staff add --login x --name X --role admin extra
rc_is 64 "a stray argument"
run crm-staff --help
rc_is 0 "--help"
like "$out" "^usage: crm-staff add" "usage on stdout"
run crm-staff list --db "$work/none.db"
rc_is 66 "a missing database"
run crm-staff add --login tmp1 --name 临时 --role admin
run crm-staff edit tmp1 --active no
rc_is 0 "--active no (a space, not =) is taken as the value"
is "$(sql "SELECT active FROM staff WHERE login = 'tmp1'")" 0 "and sets it"
run crm-staff edit tmp1 --active --region 测试区
is "$(sql "SELECT active || region FROM staff WHERE login = 'tmp1'")" "1测试区" "--active alone still means yes"
done_testing
