#!/bin/sh
# The pipeline history (SPEC section 3, stage_changes): every change of a
# customer's stage, by any writer, with when, who, from, to and the owner
# at that moment; what the reports read.
. "$(dirname "$0")/lib.sh"

crm-init --empty >/dev/null
crm-staff add --login admin --name 管理员 --role admin >/dev/null
crm-import -q --as admin staff >/dev/null <<'EOF'
login,name,email,role,reports_to
boss,老板,boss@example.com,dept_manager,
ts1,电销一,ts1@example.com,account_manager,boss
ts2,电销二,ts2@example.com,account_manager,boss
EOF
export CRM_USER=ts1

# history CODE: the customer's rows, oldest first.
history() {
	sql "SELECT group_concat(\"from\" || '>' || \"to\" || ' ' || who || ' '
	    || ifnull(owner, '-') || ' ' || substr(at, 1, 10), ';') FROM (SELECT s.*
	    FROM stage_changes s JOIN customers c ON c.id = s.customer
	    WHERE c.code = '$1' ORDER BY s.at, s.id)"
}

crm-add --code L1 --name 榆林某化工 --stage lead --owner ts1 >/dev/null
is "$(history L1)" "" "a customer added at a stage has no change yet"
crm-edit L1 --stage contacted --today 2026-11-02 >/dev/null
crm-edit L1 --stage intent --today 2026-11-10 >/dev/null
is "$(history L1)" "lead>contacted ts1 ts1 2026-11-02;contacted>intent ts1 ts1 2026-11-10" \
	"crm-edit --stage: from, to, who, the owner, the day"
crm-edit L1 --stage contacted --as ts2 >/dev/null
crm-edit L1 --stage lost >/dev/null
is "$(history L1 | cut -d';' -f3-)" "intent>contacted ts2 ts1 2026-11-27;contacted>lost ts1 ts1 2026-11-27" \
	"moving backwards and to lost are recorded"
crm-edit L1 --notes 电话无人接 >/dev/null
is "$(sql "SELECT count(*) FROM stage_changes")" 4 "a change of another field is not a stage change"

# The owner at that moment: one write that hands the customer over and
# moves it records the new owner; a later handover does not rewrite it.
crm-add --code L2 --name 神木某煤化 --stage lead --owner ts1 >/dev/null
crm-edit L2 --stage intent --owner ts2 >/dev/null
crm-edit L2 --owner ts1 >/dev/null
is "$(history L2)" "lead>intent ts1 ts2 2026-11-27" \
	"the owner after the write that moved it, kept when the owner changes later"

# crm-import --update is a writer like the others.
printf 'code,stage\nL2,handover\n' | crm-import --update customers
is "$(history L2 | cut -d';' -f2)" "intent>handover ts1 ts1 2026-11-27" "crm-import --update"
printf 'code,stage\nL2,handover\n' | crm-import --update customers
is "$(sql "SELECT count(*) FROM stage_changes s JOIN customers c ON c.id = s.customer WHERE c.code = 'L2'")" 2 \
	"an update to the same stage changes nothing"

# A renamed staff member keeps their history.
crm-staff edit ts2 --login ts2b >/dev/null
is "$(history L2 | cut -d';' -f1)" "lead>intent ts1 ts2b 2026-11-27" "the owner follows a rename"

# Shown, exported, logged.
run crm-show L2
like "$out" "== stage_changes \\(2\\) ==" "crm-show lists the history"
run crm-export stage_changes
is "$(printf '%s\n' "$out" | head -1 | tr -d '\r')" "id,customer,at,who,from,to,owner" "crm-export stage_changes"
like "$out" "L2,.*,ts1,intent,handover,ts1" "with the customer's code"
is "$(sql "SELECT count(*) FROM changes WHERE entity = 'stage_change' AND field IS NULL")" 6 "each row is in the change log"
is "$(sql "SELECT count(*) FROM changes WHERE entity = 'stage_change' AND field = 'owner' AND new = 'ts2b'")" 1 \
	"and so is the rename that reached it"

# History is kept: never removed alone, removed with its customer.
row=$(sql "SELECT min(id) FROM stage_changes")
sum=$(dbsum)
run crm-rm stage_changes "$row"
fails 65 "a stage_change is part of its customer" "a history row alone"
is "$(dbsum)" "$sum" "nothing removed"
run crm-rm customers L1
rc_is 0 "a customer with nothing else refers to it"
is "$(history L1)" "" "its history goes with it"

# Imported history: checked like any row.
cat >h.csv <<'EOF'
customer,at,who,from,to,owner
L2,2026-10-01T08:00:00Z,old,lead,contacted,ts1
L2,2026-10-01T08:00:00Z,old,lead,prospect,ts1
L2,2030-01-01T08:00:00Z,old,lead,contacted,ts1
L2,2026-10-02T08:00:00Z,old,lead,lead,ts1
EOF
sum=$(dbsum)
run crm-import stage_changes h.csv
rc_is 65 "a history file with bad rows"
like "$err" "h.csv:3: to: 'prospect' is not one of: lead contacted intent handover customer lost churned" "a stage that does not exist"
like "$err" "h.csv:4: at: 2030-01-01T08:00:00Z is after today" "a change to come"
like "$err" "h.csv:5: to: lead is the same as from: a change goes somewhere" "a change to the same stage"
is "$(dbsum)" "$sum" "nothing imported"

# --- leads are followed up (crm-visit-due, obligation followup) ----------
# From the day added, the last stage change or the last visit, whichever
# is latest, lead.followup_days (by stage) later, for the owner.
fu() {
	crm-visit-due --obligation followup -o tsv --no-header "$@" |
	    awk -F '\t' '$4 == "L5" { print $1, $2, $9, $11 }'
}
crm-add --code L5 --name 府谷某镁业 --stage lead --owner ts1 --today 2026-11-01 >/dev/null
is "$(fu --today 2026-11-07)" "" "not due before lead.followup_days (7) have passed"
is "$(fu --today 2026-11-08)" "2026-11-08 due ts1 lead, no visit or call since 2026-11-01" \
	"due for the owner 7 days after it was added"
crm-edit L5 --stage contacted --today 2026-11-05 >/dev/null
is "$(fu --today 2026-11-13)" "2026-11-12 overdue ts1 contacted, no visit or call since 2026-11-05" \
	"a stage change starts the count again"
crm-visit add -c L5 --kind phone --by ts1 --date 2026-11-13 电话跟进 --today 2026-11-13 >/dev/null
is "$(fu --today 2026-11-13)" "" "a call meets it"
crm-config set lead.followup_days.contacted 2 >/dev/null
is "$(fu --today 2026-11-15)" "2026-11-15 due ts1 contacted, no visit or call since 2026-11-13" \
	"lead.followup_days.STAGE for that stage"
run sh -c 'crm-visit-due --obligation followup --escalate 0 --today 2026-11-16 -o tsv --no-header | cut -f9'
is "$out" "ts1
boss" "--escalate: the owner's manager when it stays untouched"
crm-edit L5 --stage customer --today 2026-11-16 >/dev/null
is "$(fu --today 2026-12-30)" "" "a customer is followed up by its cadence, not as a lead"

done_testing
