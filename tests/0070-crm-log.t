#!/bin/sh
# crm-log: every change with who, old and new; filters; oldest first.
. "$(dirname "$0")/lib.sh"

crm-init --empty >/dev/null
run crm-log
rc_is 0 "an empty log"
is "$out" "at	who	os_user	program	entity	entity_id	field	old	new" "the header, the SPEC's columns"

me=$(id -un)
crm-staff --today 2026-11-01 add --login zhanglei --name 张磊 --role account_manager >/dev/null
crm-staff --today 2026-11-01 --as zhanglei add --login tester --name 测试员 --role admin >/dev/null
crm-staff --today 2026-11-02 --as zhanglei edit zhanglei --region 榆阳区 --intent-target 5
crm-config --today 2026-11-03 set sla.high 2
crm-add --name 榆阳区环保局 --owner zhanglei >/dev/null
crm-staff edit zhanglei --intent-target 6

run crm-log --no-header
rc_is 0 "the whole log"
is "$(printf '%s\n' "$out" | cut -f2-9)" "tester	$me	crm-staff	staff	1			zhanglei
zhanglei	$me	crm-staff	staff	2			tester
zhanglei	$me	crm-staff	staff	1	region		榆阳区
zhanglei	$me	crm-staff	staff	1	intent_target	0	5
tester	$me	crm-config	setting	2	sla.high	3	2
tester	$me	crm-add	customer	1			榆阳区环保局
tester	$me	crm-staff	staff	1	intent_target	5	6" \
	"each change with who, os user, program, entity, id, field, old and new, oldest first"
like "$(printf '%s\n' "$out" | head -1 | cut -f1)" '^2026-11-01T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z$' "at is a UTC time stamp on the day of --today"

run crm-log --entity staff --id 1 --field intent_target -o tsv --no-header
is "$(printf '%s\n' "$out" | cut -f7-9)" "intent_target	0	5
intent_target	5	6" "--entity --id --field"
run crm-log --entity staff --who zhanglei --field region -o ids
is "$(printf '%s\n' "$out" | cut -c1-11 | uniq)" "2026-11-02T" "--who; -o ids prints the time stamps"
run crm-log --entity setting -o json
like "$out" '"entity":"setting","entity_id":2,"field":"sla.high","old":"3","new":"2"' "json: entity_id a number, values text"
run crm-log --entity customers --no-header
is "$(printf '%s\n' "$out" | cut -f5,6,9)" "customer	1	榆阳区环保局" "a table name works as the entity"
run crm-log --entity customer --id C000001 --no-header
is "$(printf '%s\n' "$out" | wc -l)" 1 "a customer by its code"
run crm-log --entity customer --id C999999
fails 1 "no customer 'C999999'" "an unknown code exits 1"

run crm-log --since 2026-11-02 --until 2026-11-03 --no-header
is "$(printf '%s\n' "$out" | cut -f5,7)" "staff	region
staff	intent_target
setting	sla.high" "--since and --until take whole days"
run crm-log --since 2026-11-28
is "$out" "at	who	os_user	program	entity	entity_id	field	old	new" "nothing after today: header only"
rc_is 0 "and exit 0"
run crm-log --limit 2 --no-header
is "$(printf '%s\n' "$out" | cut -f6-9)" "1			榆阳区环保局
1	intent_target	5	6" "--limit keeps the newest, still oldest first"
run crm-log --limit 0 --no-header
is "$out" "" "--limit 0"
run crm-log -o jsonl --limit 1
like "$out" '^\{"at":"2026-11-27T.*"new":"6"\}$' "jsonl"

# The man page's examples.
run crm-log --entity customer --id C000001 -o table
like "$out" "^at +who +os_user +program +entity +entity_id +field +old +new" "table"
run crm-log --who zhanglei --limit 5
rc_is 0 "--who with --limit"
run crm-log --entity setting --since 2026-11-01
is "$(printf '%s\n' "$out" | wc -l)" 2 "settings changed this month"
run crm-log --who wangfang,zhanglei --entity customer,contact
rc_is 0 "example: what two people changed in customers and contacts"
is "$out" "at	who	os_user	program	entity	entity_id	field	old	new" "example: none here"
run crm-log --who nobody,zhanglei --entity customer,staff --no-header
is "$(printf '%s\n' "$out" | cut -f2,5,7 | tr '\n' ' ')" "zhanglei	staff	 zhanglei	staff	region zhanglei	staff	intent_target " \
	"the same for customers and staff"

# --entity and --who: repeated or comma lists, any value matches.
run crm-log --entity setting,customer --no-header
is "$(printf '%s\n' "$out" | cut -f5,6 | tr '\n' ' ')" "setting	2 customer	1 " "--entity with a comma list"
run crm-log --entity setting --entity customers --no-header
is "$(printf '%s\n' "$out" | cut -f5,6 | tr '\n' ' ')" "setting	2 customer	1 " "--entity repeated, a table name too"
run crm-log --who zhanglei,tester --entity setting,staff --no-header
is "$(printf '%s\n' "$out" | cut -f2,5,7 | tr '\n' ' ')" "tester	staff	 zhanglei	staff	 zhanglei	staff	region zhanglei	staff	intent_target tester	setting	sla.high tester	staff	intent_target " \
	"--who with a comma list, with an --entity list"
run crm-log --who nobody --who zhanglei --no-header
rc_is 0 "--who takes any login: the log records any --as"
is "$(printf '%s\n' "$out" | cut -f2 | uniq)" "zhanglei" "--who repeated (nobody was never on the staff)"
sum=$(dbsum)
run crm-log --entity customer_x
fails 65 "^crm-log: entity: 'customer_x' is not one of: customer contact staff visit plan complaint complaint_event survey order holiday calendar stage_change setting visit_rule mail_sent$" "an unknown entity"
run crm-log --entity staff,customer_x
fails 65 "^crm-log: entity: 'customer_x' is not one of: customer " "an unknown entity in a list"
run crm-log --entity staff --entity ''
fails 65 "^crm-log: entity: '' is not one of: customer " "an empty --entity"
is "$(dbsum)" "$sum" "crm-log writes nothing"

# Bad options: exit 64, one line.
run crm-log --since 2026-02-30
fails 64 "'2026-02-30' is not a valid date" "an impossible date"
run crm-log --until yesterday
fails 64 "--until: 'yesterday' is not a valid date" "a word for a date"
run crm-log --limit -3
fails 64 "--limit: '-3' is not a whole number" "a negative limit"
run crm-log --id abc
fails 64 "--id: 'abc' is not a record id" "a non-numeric id outside customers"
run crm-log stray
rc_is 64 "a stray argument"
like "$err" "usage: crm-log" "prints usage"
run crm-log --db "$work/none.db"
rc_is 66 "a missing database"
run crm-log --since today --until today-0 -o ids
rc_is 0 "--since and --until take today, today-N as every date option does"
run crm-log --since yesterday
fails 64 "--since: 'yesterday' is not a valid date" "but not other words"

done_testing
