#!/bin/sh
# crm-config: get, set (checked, logged), list.
. "$(dirname "$0")/lib.sh"

crm-init --empty >/dev/null
tester_staff
crm-staff add --login wangfang --name 王芳 --role dept_manager >/dev/null

run crm-config get sla.high
rc_is 0 "get"
is "$out" 3 "the rulebook's default"
run crm-config list
is "$out" "key	value
complaint.callback_days	7
holiday.window_days	7
lead.followup_days	7
lead.followup_days.contacted	
lead.followup_days.handover	
lead.followup_days.intent	
lead.followup_days.lead	
mail.from	
plan.steps	2
sla.critical	1
sla.days	calendar
sla.high	3
sla.low	15
sla.normal	7" "list: every default, sorted by key"
run crm-config list -o json
like "$out" '^\[$' "json array"
like "$out" '\{"key":"sla.high","value":"3"\}' "json values are text"
run crm-config list -o ids
is "$(printf '%s\n' "$out" | head -2)" "complaint.callback_days
holiday.window_days" "-o ids: the keys"

# The man page's examples.
run crm-config set sla.high 2
rc_is 0 "set"
is "$out" "" "set prints nothing"
is "$(crm-config get sla.high)" 2 "get returns the new value"
run crm-config set mail.from 'crm <crm@example.com>'
rc_is 0 "mail.from is free text"
is "$(crm-config get mail.from)" "crm <crm@example.com>" "stored as given"
run crm-config list -o table
like "$out" "^key +value$" "table"
like "$out" "mail.from +crm <crm@example.com>" "table row"

is "$(sql "SELECT who||'|'||program||'|'||entity||'|'||entity_id||'|'||field||'|'||ifnull(old,'NULL')||'|'||new FROM changes WHERE entity = 'setting' ORDER BY id")" \
"tester|crm-config|setting|2|sla.high|3|2
tester|crm-config|setting|7|mail.from||crm <crm@example.com>" "each set is in the change log: entity setting, the row, key, old, new"

run crm-config set sla.high 2
is "$(sql "SELECT count(*) FROM changes WHERE entity = 'setting'")" 2 "setting the same value logs nothing"
run crm-config --as wangfang set complaint.callback_days 010
is "$(crm-config get complaint.callback_days)" 10 "numbers are stored without leading zeros"
is "$(sql "SELECT who FROM changes ORDER BY id DESC LIMIT 1")" wangfang "--as is recorded"
run crm-config set holiday.window_days 0
rc_is 0 "0 days is allowed"
run crm-config set mail.from ''
is "$(crm-config get mail.from)" "" "mail.from can be cleared"

# Bad input: 65, one line, nothing changed.
sum=$(dbsum)
while IFS='|' read -r key val msg; do
	run crm-config set "$key" "$val"
	fails 65 "$msg" "set $key '$val' is refused"
done <<'CASES'
sla.low|x|sla.low: 'x' is not a whole number of days from 0 to 36600
sla.normal|1.5|sla.normal: '1.5' is not a whole number
sla.critical||sla.critical: '' is not a whole number
complaint.callback_days|99999999999|complaint.callback_days: '99999999999' is not
holiday.window_days| 7|holiday.window_days: ' 7' is not
sla.hihg|3|unknown setting 'sla.hihg': known settings are sla.low sla.normal sla.high sla.critical complaint.callback_days holiday.window_days mail.from plan.steps sla.days lead.followup_days lead.followup_days.lead lead.followup_days.contacted lead.followup_days.intent lead.followup_days.handover
CASES
run crm-config set sla.low -- -1
fails 65 "sla.low: '-1' is not a whole number" "a negative number (after --)"
run crm-config set mail.from "$(printf 'a@example.com\nBcc: all@example.com')"
fails 65 "mail.from: control characters are not allowed" "no header injection through mail.from"
is "$(dbsum)" "$sum" "the database is unchanged after every refusal"

run crm-config get no.such.key
fails 1 "no setting 'no.such.key'" "get of an unset key exits 1"
run crm-config get
rc_is 64 "get without a key"
is "$(printf '%s\n' "$err" | head -1)" "crm-config: get needs a KEY" "says what is missing"
run crm-config set sla.low
rc_is 64 "set without a value"
is "$(printf '%s\n' "$err" | head -1)" "crm-config: set needs a KEY and a VALUE" "says what is missing"
run crm-config frob
rc_is 64 "an unknown command"
like "$err" "usage: crm-config" "prints usage"
run crm-config --help
rc_is 0 "--help"
like "$out" "^usage: crm-config" "usage on stdout"
run crm-config get sla.low --db "$work/none.db"
rc_is 66 "a missing database"

# sla.days: a word of its list, in any case, stored as the list spells it.
# lead.followup_days.STAGE: whole days, or empty for lead.followup_days.
run crm-config set lead.followup_days.intent 3
rc_is 0 "a stage's own follow-up days"
run crm-config set lead.followup_days.intent ''
rc_is 0 "empty again: lead.followup_days"
is "$(crm-config get lead.followup_days.intent)" "" "stored empty"
run crm-config set lead.followup_days.intent soon
fails 65 "lead.followup_days.intent: 'soon' is not a whole number of days" "not a number"
run crm-config set lead.followup_days ''
rc_is 65 "lead.followup_days itself is never empty"

run crm-config set sla.days Working
rc_is 0 "sla.days Working"
is "$(crm-config get sla.days)" working "stored as 'working'"
sum=$(dbsum)
run crm-config set sla.days weekdays
fails 65 "sla.days: 'weekdays' is not one of: calendar working" "sla.days takes calendar or working only"
is "$(dbsum)" "$sum" "nothing changed"
sqlite3 "$CRM_DB" "UPDATE settings SET value = 'bogus' WHERE key = 'sla.days'"
crm-add --name 甲厂 --code K1 >/dev/null
run crm-complaint new -c K1 --severity low --channel phone --category 水质 出水超标
like "$err" "setting sla.days = 'bogus' is not one of: calendar working; using calendar" \
    "a stored value outside the list warns and counts as the default"
is "$(sql "SELECT due_date FROM complaints WHERE id = $out")" 2026-12-12 "calendar days: 15 after 2026-11-27"
done_testing
