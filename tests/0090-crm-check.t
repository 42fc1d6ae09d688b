#!/bin/sh
# crm-check: file integrity, archive completeness, tiers against the rules.
. "$(dirname "$0")/lib.sh"

hdr="customer_id	code	customer	problem"
thdr="customer_id	code	customer	tier	expected	reason"

crm-init --empty >/dev/null
tester_staff
run crm-check
rc_is 0 "an empty database is clean"
is "$out" "$hdr" "header only, the SPEC's columns"
run crm-check --tiers
rc_is 0 "no tier to check"
is "$out" "$thdr" "header only"

# A complete archive, then one customer lacking each item in turn.
crm-staff add --login zhanglei --name 张磊 --role account_manager >/dev/null
full="--owner zhanglei --uscc 91350100M000100Y43 --address 榆林市 --credit A"
# shellcheck disable=SC2086
crm-add --name 完整 $full >/dev/null
crm-add --contact -c 1 --name 甲 --mobile 13800001111 >/dev/null
run crm-check
rc_is 0 "a complete archive passes"
is "$out" "$hdr" "nothing listed"

n=1
for gap in owner uscc address credit; do
	n=$((n + 1))
	# shellcheck disable=SC2086
	crm-add --name "缺$gap" $(printf '%s\n' $full | paste -sd' ' | sed "s/--$gap [^ ]*//") >/dev/null
	crm-add --contact -c $n --name 乙 --phone 0912-1234567 >/dev/null
done
# shellcheck disable=SC2086
crm-add --name 无电话 $full >/dev/null
crm-add --contact -c 6 --name 丙 --email a@example.com >/dev/null
crm-add --contact -c 6 --name 丁 --mobile 13900001111 --primary=no >/dev/null
# shellcheck disable=SC2086
crm-add --name 无联系人 $full >/dev/null
# shellcheck disable=SC2086
crm-add --name 空格地址 $full >/dev/null
sql "UPDATE customers SET address = '  ' WHERE id = 8"
crm-add --contact -c 8 --name 戊 --phone 1 >/dev/null
# shellcheck disable=SC2086
crm-add --name 线索 --stage lead >/dev/null
sum=$(dbsum)
run crm-check
rc_is 1 "problems found: exit 1"
is "$out" "$hdr
2	C000002	缺owner	no_owner
3	C000003	缺uscc	no_uscc
4	C000004	缺address	no_address
5	C000005	缺credit	no_credit
6	C000006	无电话	no_primary_phone
7	C000007	无联系人	no_primary_phone
8	C000008	空格地址	no_address" \
	"each kind of gap, one row each; a primary contact without a phone, no contact, a blank address"
is "$(dbsum)" "$sum" "crm-check changes nothing"
run crm-check --all --no-header
is "$(printf '%s\n' "$out" | grep -c '^9	')" 5 "--all also checks the lead, which lacks everything"
is "$(printf '%s\n' "$out" | grep '^9	' | cut -f4 | paste -sd' ')" "no_owner no_uscc no_primary_phone no_address no_credit" \
	"problems in a fixed order"
run crm-check -o ids
is "$(printf '%s\n' "$out" | paste -sd' ')" "2 3 4 5 6 7 8" "-o ids: the customer ids"
run crm-check -o json
like "$out" '\{"customer_id":6,"code":"C000006","customer":"无电话","problem":"no_primary_phone"\}' "json"
sql "UPDATE customers SET stage = 'lost' WHERE id = 2"
run crm-check -o ids
is "$(printf '%s\n' "$out" | head -1)" 3 "a lost customer is not checked"
sql "UPDATE customers SET stage = 'handover' WHERE id = 2"
run crm-check -o ids
is "$(printf '%s\n' "$out" | head -1)" 2 "a customer at handover is"

# The file: a broken reference is reported without a customer.
sqlite3 "$CRM_DB" "PRAGMA foreign_keys = OFF; INSERT INTO contacts (customer, name, created_at) VALUES (999, '幽灵', '2026-01-01T00:00:00Z')"
run crm-check
rc_is 1 "a foreign key problem"
is "$(printf '%s\n' "$out" | sed -n 2p)" "			foreign key: contacts row $(sql 'SELECT max(id) FROM contacts') refers to a missing customers" \
	"reported first, with empty customer columns"
sqlite3 "$CRM_DB" "DELETE FROM contacts WHERE customer = 999"

# Tiers.
crm-add --name 政府 --category government --tier B >/dev/null
crm-add --name 大厂 --tier B --scale-tonnes 20000 >/dev/null
crm-add --name 中厂 --tier C --scale-tonnes 19999 >/dev/null
crm-add --name 中厂2 --tier B --scale-tonnes 10000 >/dev/null
crm-add --name 小厂 --tier A --scale-tonnes 9999 >/dev/null
crm-add --name 不详 --tier B >/dev/null
crm-add --name 不详C --tier C >/dev/null
crm-add --name 政府A --category government --tier A --scale-tonnes 10 >/dev/null
run crm-check --tiers
rc_is 1 "tier mismatches: exit 1"
is "$out" "$thdr
10	C000010	政府	B	A	government unit
11	C000011	大厂	B	A	scale 20000 t, 20000 t or more
12	C000012	中厂	C	B	scale 19999 t, 10000 to 19999 t
14	C000014	小厂	A	C	scale 9999 t, under 10000 t
15	C000015	不详	B	C	scale not recorded" \
	"the boundaries, government first, an unknown scale expects C"
is "$(crm-check --tiers --all -o ids | paste -sd' ')" "10 11 12 14 15" "the lead (tier C, no scale) matches"

# The demo data: the shipped archive's known gaps and tier mismatches.
export CRM_DB="$work/demo.db"
if [ -x "$CRM_BIN/crm-import" ]; then
	demo_db >/dev/null 2>&1
else
	crm-init --empty >/dev/null
	tester_staff
	sqlite3 -batch "$CRM_DB" <<SQL
.import --csv $top/data/demo/staff.csv s_staff
.import --csv $top/data/demo/customers.csv s_cust
.import --csv $top/data/demo/contacts.csv s_cont
INSERT INTO staff (login, name, email, role, reports_to, region, intent_target, active, created_at)
  SELECT login, name, nullif(email, ''), role, nullif(reports_to, ''), nullif(region, ''),
    CAST(intent_target AS INTEGER), CAST(active AS INTEGER), '2026-01-01T00:00:00Z'
  FROM s_staff ORDER BY reports_to <> '', rowid;
INSERT INTO customers (code, name, tier, category, stage, region, address, owner, uscc, credit,
    scale_tonnes, created_at, updated_at)
  SELECT code, name, tier, category, stage, nullif(region, ''), nullif(address, ''), nullif(owner, ''),
    nullif(uscc, ''), nullif(credit, ''), CAST(nullif(scale_tonnes, '') AS INTEGER),
    '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM s_cust;
INSERT INTO contacts (customer, name, phone, mobile, "primary", created_at)
  SELECT (SELECT id FROM customers WHERE code = customer), name, nullif(phone, ''), nullif(mobile, ''),
    CAST("primary" AS INTEGER), '2026-01-01T00:00:00Z' FROM s_cont;
DROP TABLE s_staff; DROP TABLE s_cust; DROP TABLE s_cont;
SQL
fi
is "$(sql 'SELECT count(*) FROM customers')" 40 "demo data loaded"
run crm-check --no-header
rc_is 1 "the demo archive has gaps"
is "$(printf '%s\n' "$out" | cut -f2,4 | tr '\t' ' ')" "C000012 no_primary_phone
C000016 no_uscc
C000016 no_primary_phone
C000022 no_credit
C000028 no_address
C000029 no_primary_phone
C000037 no_primary_phone
C000039 no_credit
C000040 no_owner
C000040 no_primary_phone" "every gap of the demo customers"
run crm-check --all --no-header
is "$(printf '%s\n' "$out" | awk -F '\t' '$4 == "no_owner" { print $2 }' | paste -sd' ')" "C000024 C000040" \
	"with --all, the lead without an owner too"
run crm-check --tiers --no-header
rc_is 1 "demo tier mismatches"
is "$(printf '%s\n' "$out" | cut -f2,4,5 | tr '\t' ' ')" "C000014 A C
C000021 B A
C000033 B A" "C000014, C000021 and C000033"

# The man page's examples.
run sh -c "crm-check | awk -F '\t' '\$4 == \"no_credit\" { print \$2 }'"
is "$out" "C000022
C000039" "codes lacking a credit rating"
run crm-check --tiers -o table
is "$out" "customer_id  code     customer                  tier  expected  reason
         14  C000014  陕西雄山食品有限公司      A     C         scale 6000 t, under 10000 t
         21  C000021  陕西神木天元化工有限公司  B     A         scale 22000 t, 20000 t or more
         33  C000033  靖边县住房和城乡建设局    B     A         government unit" "the table in the man page"

# The files' layout.
chmod 0644 "$CRM_DB"
run crm-check
rc_is 1 "a database every account may read is a problem"
like "$out" "^			file: '$CRM_DB' is open to every account \\(mode 0644\\): 'chmod o-rwx $CRM_DB'$" \
    "a row with the mode and the mending command"
chmod 0600 "$CRM_DB"
run crm-check
unlike "$out" "file:" "not once it is private"
grp=$(id -gn)
crm-init --empty --db "$work/team/crm.db" --group "$grp" >/dev/null
run crm-check --db "$work/team/crm.db"
is "$rc:$out" "0:customer_id	code	customer	problem" "a database made with --group is sound"
chmod 0750 "$work/team"
run crm-check --db "$work/team/crm.db"
rc_is 1 "a folder the group cannot write"
like "$out" "file: the folder '$work/team' \\(group $grp, mode 2750\\) does not let group $grp make the database's side files: 'chgrp $grp $work/team && chmod 2770 $work/team'" \
    "is named with the mending command"
chmod 0660 "$work/team/crm.db"

run crm-check --bogus
rc_is 64 "a bad option"
like "$err" "usage: crm-check" "prints usage"
run crm-check extra
rc_is 64 "a stray argument"
run crm-check --db "$work/none.db"
rc_is 66 "a missing database"
done_testing
