#!/bin/sh
# crm-holiday: the holiday calendar.
. "$(dirname "$0")/lib.sh"

crm-init --empty >/dev/null
tester_staff

run crm-holiday add 元旦 2027-01-01
rc_is 0 "add a holiday"
is "$out" 1 "add prints the new id"
is "$(sql "SELECT name, date, window_days, tiers FROM holidays WHERE id = 1")" \
	"元旦|2027-01-01|7|ABC" "defaults: a window of 7 days, every tier"
is "$(sql "SELECT program, entity, entity_id, new FROM changes WHERE entity = 'holiday'")" \
	"crm-holiday|holiday|1|元旦" "the change log has it"

sql "UPDATE settings SET value = '10' WHERE key = 'holiday.window_days'"
run crm-holiday add 春节 2027-02-06 --tiers ba
is "$(sql "SELECT window_days, tiers FROM holidays WHERE id = $out")" "10|AB" \
	"the window from setting holiday.window_days; tiers written sorted"
run crm-holiday add 国庆 2026-10-01 --window-days 0 --tiers A
is "$(sql "SELECT window_days, tiers FROM holidays WHERE id = $out")" "0|A" \
	"--window-days and --tiers"

# The columns as options, as every adding program takes them.
run crm-holiday add --name 清明 --date 2027-04-05
rc_is 0 "add --name --date"
is "$(sql "SELECT name, date, window_days, tiers FROM holidays WHERE id = $out")" \
	"清明|2027-04-05|10|ABC" "the same defaults as with operands"
run crm-holiday add --tiers c --window-days 2 --date 2027-05-01 --name 劳动节
is "$(sql "SELECT name, date, window_days, tiers FROM holidays WHERE id = $out")" \
	"劳动节|2027-05-01|2|C" "options in any order"
run crm-holiday add 端午 --date 2027-06-09
is "$(sql "SELECT name, date FROM holidays WHERE id = $out")" "端午|2027-06-09" \
	"NAME as an operand, --date as an option"
crm-staff add --login boss --name 老板 --role president >/dev/null
run crm-holiday --as boss add --name 中秋 --date 2027-09-15
is "$(sql "SELECT who FROM changes WHERE entity = 'holiday' AND entity_id = $out")" \
	boss "common options before the command word"
sql "DELETE FROM holidays WHERE id > 3"

sum=$(dbsum)
run crm-holiday add 元旦 2027-01-01 --name 元旦
fails 64 "^crm-holiday: give NAME or --name, not both$" "NAME and --name together"
run crm-holiday add --date 2027-01-01 元旦 2027-01-02
fails 64 "^crm-holiday: give DATE or --date, not both$" "DATE and --date together"
run crm-holiday add --name x
rc_is 64 "--name without a date"
is "$(printf '%s\n' "$err" | head -1)" "crm-holiday: add needs a NAME and a DATE" "says what is missing"
run crm-holiday add --date 2027-03-01
is "$(printf '%s\n' "$err" | head -1)" "crm-holiday: add needs a NAME and a DATE" "--date without a name"
run crm-holiday add x 2027-03-01 extra
rc_is 64 "a third operand"
run crm-holiday add --name x --date 2027-03-01 --year 2027
rc_is 64 "add takes no --year"
run crm-holiday list --name x
rc_is 64 "list takes no --name"
run crm-holiday
rc_is 64 "no command word"
is "$(printf '%s\n' "$err" | head -1)" "crm-holiday: needs a command: use add or list" "names the commands"
like "$(printf '%s\n' "$err" | sed -n 2p)" "^usage: crm-holiday" "then the usage"
run crm-holiday remove 1
is "$(printf '%s\n' "$err" | head -1)" "crm-holiday: unknown command 'remove': use add or list" "an unknown command is named"
is "$(dbsum)" "$sum" "nothing written by these refusals"

run crm-holiday add 元旦 2027-01-01
fails 65 "holiday '元旦' on 2027-01-01 already exists \\(id 1\\)" "a holiday twice"
run crm-holiday add 元旦 2027-02-30
fails 65 "date: '2027-02-30' is not a valid date" "a bad date"
run crm-holiday add x 2027-03-01 --tiers ABD
fails 65 "tiers: 'ABD' is not a set of tiers" "bad tiers"
run crm-holiday add x 2027-03-01 --window-days -1
fails 65 "window_days: '-1' is not a whole number from 0 to 366" "a negative window"
run crm-holiday add "" 2027-03-01
fails 65 "name: a value is required" "a name is needed"
run crm-holiday add x
rc_is 64 "add needs NAME and DATE"
is "$(printf '%s\n' "$err" | head -1)" "crm-holiday: add needs a NAME and a DATE" "says what is missing"
like "$(printf '%s\n' "$err" | sed -n 2p)" "^usage: crm-holiday" "then the usage"
run crm-holiday add
is "$(printf '%s\n' "$err" | head -1)" "crm-holiday: add needs a NAME and a DATE" "add alone"
rc_is 64 "add alone exits 64"
run crm-holiday list --tiers A
rc_is 64 "list takes no --tiers"
run crm-holiday remove 1
rc_is 64 "an unknown subcommand"
like "$err" "usage: crm-holiday" "usage on stderr"
is "$(dbsum)" "$sum" "nothing written by the failures"

run crm-holiday list
is "$out" "id	name	date	window_days	tiers
3	国庆	2026-10-01	0	A
1	元旦	2027-01-01	7	ABC
2	春节	2027-02-06	10	AB" "list, by date"
run crm-holiday list --year 2026 -o ids
is "$out" 3 "--year"
run crm-holiday list --year 26
fails 64 "--year: '26' is not a year YYYY" "a bad --year"
run crm-holiday list -o json --year 2027
like "$out" '"window_days":7' "json numbers"

# The shipped calendar.
rm -f "$CRM_DB"
crm-init --empty >/dev/null
tester_staff
run crm-import holidays "$top/data/holidays.csv"
rc_is 0 "crm-import holidays data/holidays.csv"
run crm-holiday list --year 2027
is "$(printf '%s\n' "$out" | sed 1d | cut -f2,3 | tr '\t\n' ' ;')" \
	"元旦 2027-01-01;春节 2027-02-06;清明 2027-04-05;劳动节 2027-05-01;端午 2027-06-09;中秋 2027-09-15;国庆 2027-10-01;" \
	"the 2027 holidays"
run crm-holiday list --year 2026 -o ids
is "$(printf '%s\n' "$out" | wc -l)" 7 "and 7 in 2026"
run crm-visit-due --today 2026-12-28 --within 4 --obligation holiday
rc_is 0 "crm-visit-due reads the calendar"

# The man page's examples (after the shipped calendar).
run crm-holiday add 公司周年庆 2027-06-18 --window-days 3 --tiers AB
rc_is 0 "example: a company holiday"
run crm-holiday add --name 公司成立日 --date 2027-03-18 --tiers A
rc_is 0 "example: every column named"
run crm-holiday list --year 2027 -o table
rc_is 0 "example: list a year"
run crm-holiday add --name 腊八 2027-01-15
rc_is 0 "an operand fills the column not given as an option"
is "$(sql "SELECT date FROM holidays WHERE name = '腊八'")" 2027-01-15 "--name N DATE: the operand is the date"

done_testing
