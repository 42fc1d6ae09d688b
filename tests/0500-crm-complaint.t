#!/bin/sh
# crm-complaint: the complaint specialist's procedure (SPEC section 6, the
# rulebook's Complaints): new with its SLA due date (tests/sla-cases.txt,
# worked out by hand), every allowed and every refused move, reopenings,
# the steps and the change log, notes, list, show, the handling notice,
# what is due (crm-visit-due), and the same rules through crm-import.
. "$(dirname "$0")/lib.sh"

# Local time is UTC unless a test says otherwise (received_at, stamps).
export TZ=UTC

# fresh [--calendar]: a new empty database (with the shipped calendar),
# its staff and two customers; the acting user is the specialist.
fresh() {
	rm -f "$CRM_DB" "$CRM_DB-wal" "$CRM_DB-shm"
	crm-init --empty >/dev/null || exit 1
	crm-staff add --login admin --name 管理员 --role admin >/dev/null || exit 1
	if [ "${1:-}" = --calendar ]; then
		crm-import -q --as admin calendar "$top/data/calendar.csv" || exit 1
	fi
	crm-import -q --as admin staff >/dev/null <<-'EOF' || exit 1
	login,name,email,role,reports_to
	boss,老板,boss@example.com,division_head,
	mgr,刘经理,mgr@example.com,dept_manager,boss
	spec,小张,spec@example.com,complaint_specialist,mgr
	h1,王工,h1@example.com,account_manager,mgr
	h2,赵工,h2@example.com,account_manager,mgr
	EOF
	crm-import -q --as admin customers >/dev/null <<-'EOF' || exit 1
	code,name,tier,category
	K1,甲污水厂,C,enterprise
	K2,乙化工,C,enterprise
	EOF
}

# snap: what a refused command must leave as it was (every complaint,
# the number of steps and of change-log entries), as a digest.
snap() {
	sqlite3 -batch "$CRM_DB" 'SELECT * FROM complaints;
	SELECT count(*) FROM complaint_events; SELECT count(*) FROM changes' |
	    md5sum | cut -c1-32
}

# new [OPTIONS...]: a complaint of K1, normal unless the options say;
# prints its id.
new() {
	crm-complaint new -c K1 --severity normal --channel phone \
	    --category 水质 "$@" "出水超标"
}

# col ID FIELD: one column of complaint ID.
col() { sql "SELECT $2 FROM complaints WHERE id = $1"; }

# steps ID: the actions of complaint ID's steps, in order.
steps() {
	sql "SELECT group_concat(action, ' ') FROM (SELECT action FROM
	complaint_events WHERE complaint = $1 ORDER BY at, id)"
}

fresh
export CRM_USER=spec

# --- new -----------------------------------------------------------------
run crm-complaint new -c K1 --severity normal --channel phone \
	--category 水质 --contact 李四 --phone 0912-7654321 --place 二号泵房 \
	"出水 COD 超标"
rc_is 0 "new"
is "$out" 1 "new prints the id alone"
is "$(sql "SELECT customer, channel, contact, category, severity, description,
	status, escalated, due_date, reopen_count, created_by, place,
	contact_phone, substr(received_at, 1, 11) FROM complaints WHERE id = 1")" \
	"1|phone|李四|水质|normal|出水 COD 超标|open|0|2026-12-04|0|spec|二号泵房|0912-7654321|2026-11-27T" \
	"every option stored; open, due in 7 calendar days, taken by the acting user"
like "$(col 1 received_at)" '^2026-11-27T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z$' \
	"received now, a UTC time stamp"
is "$(sql "SELECT who, action, substr(at, 1, 10), text FROM complaint_events WHERE complaint = 1")" \
	"spec|new|2026-11-27|severity: normal; due_date: 2026-12-04" \
	"a new step, by the specialist, saying the severity and due date"

for sev in critical:2026-11-28:yes high:2026-11-30:yes normal:2026-12-04:no low:2026-12-12:no; do
	s=${sev%%:*} rest=${sev#*:}
	id=$(new --severity "$s")
	is "$(col "$id" "due_date || ' ' || iif(escalated, 'yes', 'no')")" "${rest%:*} ${rest#*:}" \
		"$s: due ${rest%:*} (sla.$s calendar days), escalated ${rest#*:}"
done
crm-config set sla.critical 2 >/dev/null
id=$(new --severity critical)
is "$(col "$id" due_date)" 2026-11-29 "crm-config set sla.critical 2 changes the due date"
crm-config set sla.critical 1 >/dev/null

id=$(new --as h2 --severity low)
is "$(col "$id" created_by)" h2 "created_by is the acting user (--as)"
is "$(sql "SELECT who FROM complaint_events WHERE complaint = $id")" h2 "so is the new step's who"

run crm-complaint new -c K1 --severity normal --channel phone --category x \
	--received 2026-11-20 "上周的投诉"
is "$(col "$out" "received_at || ' ' || due_date")" "2026-11-20T12:00:00Z 2026-11-27" \
	"--received DATE: noon local time; due counts from that day"

sum=$(snap)
run crm-complaint new --severity normal --channel phone --category x d
rc_is 64 "new without -c"
is "$(printf '%s\n' "$err" | head -1)" \
	"crm-complaint: new needs -c CUSTOMER, --severity, --channel and --category" \
	"says what is missing"
like "$(printf '%s\n' "$err" | sed -n 2p)" "^usage: crm-complaint new" "then the usage"
run crm-complaint new -c K1 --channel phone --category x d
rc_is 64 "new without --severity"
run crm-complaint new -c K1 --severity normal --category x d
rc_is 64 "new without --channel"
run crm-complaint new -c K1 --severity normal --channel phone d
rc_is 64 "new without --category"
run crm-complaint new -c K1 --severity normal --channel phone --category x
rc_is 64 "new without a description"
run crm-complaint new -c K9 --severity normal --channel phone --category x d
fails 1 "no customer 'K9'" "new for an unknown customer"
run crm-complaint new -c K1 --severity urgent --channel phone --category x d
fails 65 "severity: 'urgent' is not one of: low normal high critical" \
	"a bad severity names the allowed words"
run crm-complaint new -c K1 --severity normal --channel fax --category x d
fails 65 "channel: 'fax' is not one of: phone visit email qq wechat letter other" \
	"a bad channel names the allowed words"
run crm-complaint new -c K1 --severity normal --channel phone --category x \
	--received 2026-11-28 d
fails 65 "received_at: 2026-11-28T12:00:00Z is after today \\(2026-11-27\\)" \
	"a complaint received tomorrow is refused"
is "$(snap)" "$sum" "no failed new wrote anything"

# --- the SLA table (tests/sla-cases.txt) ---------------------------------
fresh --calendar
export CRM_USER=spec
n=0
while IFS='	' read -r received days mode due; do
	case $received in '#'* | '') continue ;; esac
	crm-config set sla.days "$mode" >/dev/null
	crm-config set sla.normal "$days" >/dev/null
	id=$(crm-complaint new -c K1 --severity normal --channel phone \
	    --category sla --received "$received" --today "$received" \
	    "$received + $days" 2>/dev/null)
	is "$(col "${id:-0}" due_date)" "$due" \
		"received $received, $days $mode days: due $due"
	n=$((n + 1))
done <"$top/tests/sla-cases.txt"
is "$n" "$(grep -c '^[0-9]' "$top/tests/sla-cases.txt")" "every case of sla-cases.txt was read"

crm-config set sla.days working >/dev/null
crm-config set sla.normal 15 >/dev/null
run crm-complaint new -c K1 --severity normal --channel phone --category sla \
	--received 2026-12-26 --today 2026-12-26 "into 2027"
rc_is 0 "working days counted into 2027, a year without calendar data"
is "$(col "$out" due_date)" 2027-01-18 "Monday to Friday in 2027"
is "$(printf '%s\n' "$err" | grep -c .)" 1 "one warning however many 2027 days are counted"
like "$err" "^crm-complaint: .*2027" "the warning names 2027"
crm-config set sla.days calendar >/dev/null
run crm-complaint new -c K1 --severity normal --channel phone --category sla \
	--received 2026-12-26 --today 2026-12-26 "into 2027"
is "$(col "$out" due_date) [$err]" "2027-01-10 []" \
	"the same day in calendar mode: no warning, 15 calendar days"

# --- every allowed and every refused move --------------------------------
fresh
export CRM_USER=spec

# mk STATE: a new complaint moved to STATE; prints its id.
mk() {
	_id=$(new) || return 1
	case $1 in assigned | resolved | confirmed | closed)
		crm-complaint assign --dept 运营部 --handler h1 "$_id" ;;
	esac
	case $1 in resolved | confirmed | closed)
		crm-complaint resolve --result 更换滤料 "$_id" ;;
	esac
	case $1 in confirmed | closed) crm-complaint confirm "$_id" ;; esac
	case $1 in closed) crm-complaint callback --score 3 "$_id" ;; esac
	echo "$_id"
}

# The moves of SPEC section 6: verb, the states it moves from, where to.
for st in open assigned resolved confirmed closed; do
	for verb in assign resolve confirm reject callback; do
		id=$(mk $st)
		case $verb in
		assign) set -- assign --dept 客服部 --handler h2
			from="open assigned" to=assigned need="open or assigned" ;;
		resolve) set -- resolve --result 已修复
			from=assigned to=resolved need=assigned ;;
		confirm) set -- confirm --note 认可
			from=resolved to=confirmed need=resolved ;;
		reject) set -- confirm --rejected --note 不认可
			from=resolved to=assigned need=resolved ;;
		callback) set -- callback --score 4
			from=confirmed to=closed need=confirmed ;;
		esac
		sum=$(snap)
		run crm-complaint "$@" "$id"
		case " $from " in
		*" $st "*)
			rc_is 0 "$verb a complaint that is $st"
			is "$(col "$id" status)" "$to" "$verb: $st -> $to"
			;;
		*)
			fails 65 "^crm-complaint: complaint $id is $st: needs $need\$" \
				"$verb a complaint that is $st is refused"
			is "$(snap)" "$sum" "$verb when $st: nothing changed"
			;;
		esac
	done
done

a=$(mk open) b=$(mk assigned) c=$(mk confirmed)
sum=$(snap)
run crm-complaint assign --handler h1 "$a"
rc_is 64 "assign without --dept"
is "$(printf '%s\n' "$err" | head -1)" "crm-complaint: assign needs --dept" "says so"
run crm-complaint resolve "$b"
rc_is 64 "resolve without --result"
run crm-complaint resolve "$a"
rc_is 64 "resolve without --result, of a complaint in the wrong state too: usage first"
run crm-complaint callback "$c"
rc_is 64 "callback without --score"
run crm-complaint callback --score 0 "$c"
fails 65 "evaluation: '0' is not a whole number from 1 to 5" "--score 0"
run crm-complaint callback --score 6 "$c"
fails 65 "evaluation: '6' is not a whole number from 1 to 5" "--score 6"
run crm-complaint callback --score x "$c"
fails 65 "evaluation: 'x' is not a whole number from 1 to 5" "--score x"
run crm-complaint assign --dept 运营部 --handler nobody "$a"
fails 65 "handler: no staff member with login 'nobody'" "assign to someone not on the staff"
run crm-complaint assign --dept 运营部 999
fails 1 "no complaint 999" "a move on a missing complaint"
run crm-complaint callback --score 4 "$c" 999
rc_is 1 "a missing complaint among several"
is "$(snap)" "$sum" "none of these wrote anything"

# Someone who leaves hands over first, and is given nothing afterwards.
crm-staff add --login gone --name 走了 --role account_manager --reports-to mgr >/dev/null
g=$(mk open)
crm-complaint assign --dept 运营部 --handler gone "$g"
run crm-staff edit gone --active no --handover h2
rc_is 0 "the handler leaves, handing over"
is "$(col "$g" handler)" h2 "the complaint goes to the one taking over"
sum=$(snap)
run crm-complaint assign --dept 运营部 --handler gone "$a"
fails 65 "handler: 'gone' is inactive" "assign to an inactive staff member"
is "$(snap)" "$sum" "nothing changed"

# Assigned again: a new handler and an assign step.
d=$(mk assigned)
run crm-complaint assign --dept 客服部 --handler h2 "$d"
rc_is 0 "assign again while assigned"
is "$(col "$d" "status || ' ' || dept || ' ' || handler")" "assigned 客服部 h2" \
	"the new department and handler"
is "$(steps "$d")" "new assign assign" "a second assign step"
is "$(sql "SELECT text FROM complaint_events WHERE complaint = $d ORDER BY id DESC LIMIT 1")" \
	"dept: 客服部; handler: h2" "saying what changed"

sum=$(snap)
run crm-complaint assign --dept 客服部 --handler h2 "$d"
rc_is 0 "assign again to the same department and handler"
is "$(snap)" "$sum" "writes nothing: no step, no change"
run crm-complaint assign --dept 客服部 --handler "" "$d"
rc_is 0 "--handler '' takes the handler off"
is "$(col "$d" "status || ' ' || dept || ' [' || ifnull(handler, '') || ']'") $(steps "$d")" \
	"assigned 客服部 [] new assign assign assign" "still assigned, to the department, with a step"

# The common options may come before the command word.
run crm-complaint --as h2 --today 2026-11-26 note "$d" "前置选项"
is "$(sql "SELECT who || ' ' || substr(at, 1, 10) || ' ' || text FROM complaint_events
	WHERE complaint = $d ORDER BY id DESC LIMIT 1")" "h2 2026-11-26 前置选项" \
	"--as and --today before the command word"

# Several ids: all or none.
e1=$(mk assigned) e2=$(mk open) e3=$(mk assigned)
sum=$(snap)
run crm-complaint resolve --result 一起修好 "$e1" "$e2" "$e3"
fails 65 "complaint $e2 is open: needs assigned" "one complaint in the wrong state among several"
is "$(snap)" "$sum" "and none is moved"
printf '%s\n%s\n' "$e1" "$e3" >ids
run_in ids crm-complaint resolve --result 一起修好 -
rc_is 0 "ids from stdin with -"
is "$(col "$e1" status) $(col "$e3" "status || ' ' || result")" \
	"resolved resolved 一起修好" "both moved"

# --- reopenings ----------------------------------------------------------
r=$(mk resolved)
run crm-complaint confirm --rejected --note 气味仍在 "$r"
rc_is 0 "the customer rejects the result"
is "$(col "$r" "status || '|' || reopen_count || '|' || confirmation")" \
	"assigned|1|气味仍在" "back to assigned, reopened once, the customer's word kept"
is "$(steps "$r")" "new assign resolve reject" "a reject step"
is "$(sql "SELECT text FROM complaint_events WHERE complaint = $r AND action = 'reject'")" \
	"confirmation: 气味仍在" "saying why"
crm-complaint resolve --result 再次处理 "$r"
run crm-complaint confirm --rejected --note 还是不行 "$r"
is "$(col "$r" "status || '|' || reopen_count")" "assigned|2" "rejected twice: reopened twice"
is "$(steps "$r")" "new assign resolve reject resolve reject" "two reject steps"

# --- the whole life of one complaint: steps and change log ---------------
L=$(crm-complaint new -c K1 --severity high --channel visit --category 异味 \
	--place 厂区东门 --today 2026-11-20 --as spec "厂区臭味")
crm-complaint assign "$L" --dept 运营部 --handler h1 --today 2026-11-21 --as mgr
crm-complaint resolve "$L" --result 更换除臭滤料 --today 2026-11-22 --as h1
crm-complaint confirm "$L" --note 客户认可 --today 2026-11-23 --as spec
run crm-complaint callback "$L" --score 4 --note 很满意 --today 2026-11-24 --as spec
rc_is 0 "new, assign, resolve, confirm, callback"
is "$(sql "SELECT substr(at, 1, 10) || '|' || who || '|' || action || '|' || ifnull(text, '')
	FROM complaint_events WHERE complaint = $L ORDER BY at, id")" \
	"2026-11-20|spec|new|severity: high; due_date: 2026-11-23
2026-11-21|mgr|assign|dept: 运营部; handler: h1
2026-11-22|h1|resolve|result: 更换除臭滤料
2026-11-23|spec|confirm|confirmation: 客户认可
2026-11-24|spec|callback|evaluation: 4; evaluation_note: 很满意" \
	"one step per move, in order, by whoever made it, saying what it says"
is "$(sql "SELECT status, evaluation, evaluation_note, substr(assigned_at, 1, 10),
	substr(resolved_at, 1, 10), substr(confirmed_at, 1, 10), substr(closed_at, 1, 10)
	FROM complaints WHERE id = $L")" \
	"closed|4|很满意|2026-11-21|2026-11-22|2026-11-23|2026-11-24" \
	"closed with the evaluation; each step stamped with its --today day"
ts() { col "$L" "$1"; }
run crm-log --entity complaint --id "$L" -o tsv --no-header
is "$(printf '%s\n' "$out" | awk -F '\t' '{ print substr($1, 1, 10) "|" $2 "|" $4 "|" $7 "|" $8 "|" $9 }')" \
	"2026-11-20|spec|crm-complaint|||异味
2026-11-21|mgr|crm-complaint|status|open|assigned
2026-11-21|mgr|crm-complaint|dept||运营部
2026-11-21|mgr|crm-complaint|handler||h1
2026-11-21|mgr|crm-complaint|assigned_at||$(ts assigned_at)
2026-11-22|h1|crm-complaint|status|assigned|resolved
2026-11-22|h1|crm-complaint|result||更换除臭滤料
2026-11-22|h1|crm-complaint|resolved_at||$(ts resolved_at)
2026-11-23|spec|crm-complaint|status|resolved|confirmed
2026-11-23|spec|crm-complaint|confirmation||客户认可
2026-11-23|spec|crm-complaint|confirmed_at||$(ts confirmed_at)
2026-11-24|spec|crm-complaint|status|confirmed|closed
2026-11-24|spec|crm-complaint|evaluation||4
2026-11-24|spec|crm-complaint|evaluation_note||很满意
2026-11-24|spec|crm-complaint|closed_at||$(ts closed_at)" \
	"the change log holds every field each move changed, when and by whom"
is "$(sql "SELECT group_concat(c.who || ':' || c.new, ' ') FROM changes c
	JOIN complaint_events e ON e.id = c.entity_id
	WHERE c.entity = 'complaint_event' AND e.complaint = $L")" \
	"spec:new mgr:assign h1:resolve spec:confirm spec:callback" \
	"every step is in the change log too"

# --- note ----------------------------------------------------------------
for st in open assigned resolved confirmed; do
	id=$(mk $st)
	run crm-complaint note "$id" "客户来电催办 $st"
	rc_is 0 "note on a complaint that is $st"
	is "$(sql "SELECT action || '|' || who || '|' || text FROM complaint_events
		WHERE complaint = $id ORDER BY id DESC LIMIT 1") $(col "$id" status)" \
		"note|spec|客户来电催办 $st $st" "a note step; the state stays $st"
done
id=$(mk open)
sum=$(snap)
run crm-complaint note "$id" "   "
fails 65 "text: a value is required when the action is note" "a blank note is refused"
run crm-complaint note "$id" ""
rc_is 65 "an empty note is refused"
run crm-complaint note 999 text
fails 1 "no complaint 999" "a note on a missing complaint"
is "$(snap)" "$sum" "nothing written"
id=$(mk closed)
sum=$(snap)
run crm-complaint note "$id" "结案后补记"
rc_is 65 "a note on a closed complaint is refused, at once after closing"
like "$err" "closed" "saying it is closed"
is "$(snap)" "$sum" "nothing written"
run crm-complaint note "$id" "结案后补记" --today 2026-11-27
rc_is 65 "a note on a closed complaint, the same day"
run crm-complaint note "$id" "倒填日期" --today 2026-11-20
rc_is 65 "a note on a closed complaint is refused whatever --today says"
is "$(snap)" "$sum" "nothing written"

# --- list ----------------------------------------------------------------
fresh
export CRM_USER=spec
# 1: K1 critical 11-10 assigned 运营部/h1 (due 11-11); 2: K2 low 11-15 open
# (due 11-30); 3: K1 normal 11-20 assigned 客服部/h2 (due today); 4: K2 high
# 11-25 resolved 运营部/h2 (due 11-28); 5: K1 critical 11-20 closed
# 客服部/h1 (due 11-21); 6: K1 normal 11-19 open (due yesterday).
new --severity critical --received 2026-11-10 >/dev/null
crm-complaint new -c K2 --severity low --channel qq --category 服务 --received 2026-11-15 x >/dev/null
new --received 2026-11-20 >/dev/null
crm-complaint new -c K2 --severity high --channel email --category 水质 --received 2026-11-25 x >/dev/null
new --severity critical --received 2026-11-20 >/dev/null
new --received 2026-11-19 >/dev/null
crm-complaint assign --dept 运营部 --handler h1 1
crm-complaint assign --dept 客服部 --handler h2 3
crm-complaint assign --dept 运营部 --handler h2 4
crm-complaint resolve --result r 4
crm-complaint assign --dept 客服部 --handler h1 5
crm-complaint resolve --result r 5
crm-complaint confirm 5
crm-complaint callback --score 5 5
list() {
	run crm-complaint list -o ids "$@"
	printf '%s\n' "$out" | tr '\n' ' ' | sed 's/ $//'
}
run crm-complaint list -o tsv
is "$(printf '%s\n' "$out" | head -1)" \
	"id	received	customer_id	code	customer	category	severity	escalated	status	dept	handler	due_date	reopen_count" \
	"list columns"
is "$(printf '%s\n' "$out" | sed -n 2p)" \
	"1	2026-11-10	1	K1	甲污水厂	水质	critical	yes	assigned	运营部	h1	2026-11-11	0" \
	"a row"
is "$(list)" "1 2 6 3 5 4" "every complaint, by the time received"
is "$(list --status open)" "2 6" "--status"
is "$(list --status open,assigned)" "1 2 6 3" "--status with a comma list"
is "$(list --dept 运营部)" "1 4" "--dept"
is "$(list --dept 运营部,客服部)" "1 3 5 4" "--dept with a comma list"
is "$(list --severity critical)" "1 5" "--severity"
is "$(list --severity low,high)" "2 4" "--severity with a comma list"
is "$(list -c K2)" "2 4" "-c by code"
is "$(list -c 1)" "1 6 3 5" "-c by id"
is "$(list -c K1,K2)" "1 2 6 3 5 4" "-c with a comma list"
is "$(list --handler h1)" "1 5" "--handler"
is "$(list --handler h1,h2)" "1 3 5 4" "--handler with a comma list"
is "$(list --escalated)" "1 5 4" "--escalated: high and critical"
is "$(list --from 2026-11-15 --to 2026-11-20)" "2 6 3 5" "--from and --to, both days included"
is "$(list --from 2026-11-21)" "4" "--from alone"
is "$(list --overdue)" "1 6" "--overdue: due yesterday or before, not closed; not one due today"
is "$(list --overdue --today 2026-11-28)" "1 6 3" "--overdue a day later: due the day before"
is "$(list --overdue --today 2026-11-29)" "1 6 3 4" "a resolved one past its due date is not done yet"
is "$(list --overdue --severity critical)" "1" "filters combine; a closed one is never overdue"
run crm-complaint list --status waiting
fails 65 "status: 'waiting' is not one of" "a bad --status"
run crm-complaint list --severity urgent
fails 65 "severity: 'urgent' is not one of" "a bad --severity"
run crm-complaint list -c K9
fails 1 "no customer 'K9'" "list -c an unknown customer"
run crm-complaint list --handler nobody
fails 65 "handler: no staff member with login 'nobody'" "list --handler someone not on the staff"
run crm-complaint list --from 2026-13-01
rc_is 64 "list --from that is not a date"

# --- show ----------------------------------------------------------------
run crm-complaint show 5 -o tsv
rc_is 0 "show"
is "$(printf '%s\n' "$out" | sed -n '2,/^$/p' | sed '/^$/d' | cut -f1 | tr '\n' ' ')" \
	"id customer customer_name received_at channel contact category severity description status escalated dept handler due_date result confirmation evaluation evaluation_note reopen_count created_by assigned_at resolved_at confirmed_at closed_at place contact_phone " \
	"every column"
like "$out" "$(printf 'customer_name\t甲污水厂')" "the customer's name"
like "$out" "$(printf 'evaluation\t5')" "with its values"
is "$(printf '%s\n' "$out" | sed -n '/^== steps/,$p' | sed 1,2d | cut -f4 | tr '\n' ' ')" \
	"new assign resolve confirm callback " "then the steps"
like "$out" "== steps \\(5\\) ==" "counted"
run crm-complaint show 5 -o json
printf '%s\n' "$out" | python3 -c 'import json,sys; json.load(sys.stdin)'
ok $? "show -o json is valid JSON"
is "$(printf '%s\n' "$out" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print(d["id"], d["status"], d["evaluation"], len(d["steps"]), " ".join(s["action"] for s in d["steps"]))')" \
	"5 closed 5 5 new assign resolve confirm callback" "with a steps array of the right length"
run crm-complaint show 99
fails 1 "no complaint 99" "show a missing complaint"
run crm-complaint notice 99
fails 1 "no complaint 99" "notice of a missing complaint"

# --- the complaint handling notice ---------------------------------------
crm-add --contact -c K1 --name 李四 --mobile 13800000000 --phone 0912-1234567 --primary >/dev/null
crm-add --contact -c K1 --name 王五 --mobile 13900000000 --phone 0912-2222222 >/dev/null
N=$(crm-complaint new -c K1 --severity high --channel visit --category 异味 \
	--place 厂区东门 "厂区臭味严重")
crm-complaint assign --dept 运营部 --handler h1 "$N"
run crm-complaint notice "$N"
rc_is 0 "notice"
for want in "Number: *$N\$" "Customer code: *K1\$" "Customer: *甲污水厂\$" \
	"Contact: *李四\$" "Phone: *13800000000\$" "Place: *厂区东门\$" \
	"Received: *2026-11-27 " "Channel: *visit\$" "Severity: *high\$" \
	"Due date: *2026-11-30\$" "Department: *运营部\$" "Handler: *h1\$" \
	"Handler name: *王工\$" "Description: *厂区臭味严重\$"; do
	like "$out" "$want" "the notice has ${want%%:*}"
done
run crm-complaint notice "$N" -o json
is "$(printf '%s\n' "$out" | python3 -c 'import json,sys
d = json.load(sys.stdin)
if isinstance(d, list): d = d[0]
print("|".join(str(d[k]) for k in ("number", "code", "customer", "contact", "phone",
    "place", "channel", "severity", "due_date", "dept", "handler", "handler_name",
    "description")), d["received"][:10])')" \
	"$N|K1|甲污水厂|李四|13800000000|厂区东门|visit|high|2026-11-30|运营部|h1|王工|厂区臭味严重 2026-11-27" \
	"notice -o json: the same keys and values"
N2=$(crm-complaint new -c K1 --severity low --channel phone --category x --contact 王五 d)
run crm-complaint notice "$N2" -o json
is "$(printf '%s\n' "$out" | python3 -c 'import json,sys
d = json.load(sys.stdin)
if isinstance(d, list): d = d[0]
print(d["contact"], d["phone"])')" "王五 13900000000" "the named contact's mobile"
N3=$(crm-complaint new -c K1 --severity low --channel phone --category x --contact 王五 --phone 0912-7654321 d)
run crm-complaint notice "$N3"
like "$out" "Phone: *0912-7654321\$" "--phone wins over the contact's mobile"

# --- what is due (crm-visit-due) -----------------------------------------
fresh
export CRM_USER=spec
crm-config set complaint.callback_days 7 >/dev/null
due() {
	run crm-visit-due --obligation complaint,callback -o tsv --no-header "$@"
	printf '%s\n' "$out" | cut -f1,2,4,7,9,11
}
u1=$(new --received 2026-11-25)
crm-complaint assign --dept 运营部 --handler h1 "$u1"
is "$(due)" "" "a complaint due in 5 days is not listed today"
is "$(due --within 5)" "2026-12-02	due	K1	complaint	h1	complaint $u1 (normal, 水质)" \
	"listed for its handler once --within reaches its due date"
is "$(due --today 2026-12-03)" "2026-12-02	overdue	K1	complaint	h1	complaint $u1 (normal, 水质)" \
	"overdue once past"
u2=$(new --received 2026-11-25)
is "$(due --within 5 | grep "complaint $u2 ")" "2026-12-02	due	K1	complaint	spec	complaint $u2 (normal, 水质)" \
	"without a handler: the specialist who took it"
crm-complaint assign --dept 运营部 --handler h2 "$u2"
crm-complaint resolve --result 修好 "$u2"
is "$(due --within 5 | grep -c "complaint $u2 ")" 0 "a resolved complaint is no longer due"
crm-complaint confirm "$u2" --today 2026-11-27
is "$(due --within 7 | grep "complaint $u2\$")" "2026-12-04	due	K1	callback	h2	complaint $u2" \
	"a confirmed one: a callback for the handler, complaint.callback_days after"
crm-config set complaint.callback_days 3 >/dev/null
is "$(due --within 3 | grep "complaint $u2\$")" "2026-11-30	due	K1	callback	h2	complaint $u2" \
	"complaint.callback_days decides when"
crm-complaint callback --score 5 "$u2"
is "$(due --within 30 | grep -c "complaint $u2")" 0 "the callback meets it"
u3=$(new --severity high --received 2026-11-20)
crm-complaint assign --dept 运营部 --handler h1 "$u3"
u4=$(new --severity normal --received 2026-11-10)
crm-complaint assign --dept 运营部 --handler h1 "$u4"
is "$(due --escalate 0 | grep "complaint $u3 ")" \
	"2026-11-23	overdue	K1	complaint	h1	complaint $u3 (high, 水质)
2026-11-23	overdue	K1	complaint	mgr	escalated from h1: complaint $u3 (high, 水质)" \
	"--escalate 0: a serious overdue complaint goes to the handler's manager too"
is "$(due --escalate 0 | grep -c "complaint $u4 ")" 1 "a normal one does not"

# Tonight's mail: each handler gets the complaints that need them, the
# manager the serious one overdue.
run env CRM_MAIL_FROM=crm@example.com sh -c 'crm-visit-due --within 3 --escalate 0 | crm-mail --mbox --subject "Due"'
rc_is 0 "the nightly line, as mbox"
printf '%s\n' "$out" | awk '/^From /{n++} {print > ("msg." n)}'
h1msg=$(grep -l '^To: .*h1@example.com' msg.* | head -1)
mgrmsg=$(grep -l '^To: .*mgr@example.com' msg.* | head -1)
ok "$(test -n "$h1msg" && grep -q "complaint $u3 (high" "$h1msg" && grep -q "complaint $u4 (normal" "$h1msg"; echo $?)" \
	"the handler's message lists both complaints"
ok "$(test -n "$mgrmsg" && grep -q "escalated from h1: complaint $u3" "$mgrmsg" && ! grep -q "complaint $u4 " "$mgrmsg"; echo $?)" \
	"the manager's lists the serious one only"

# The callback's days count as sla.days says: across 春节 in working days.
crm-import -q calendar "$top/data/calendar.csv"
crm-config set complaint.callback_days 7 >/dev/null
u5=$(new --received 2026-02-12 --today 2026-02-12)
crm-complaint assign --dept 运营部 --handler h1 "$u5" --today 2026-02-12
crm-complaint resolve --result 修好 "$u5" --today 2026-02-13
crm-complaint confirm "$u5" --today 2026-02-13
is "$(due --today 2026-02-13 --within 30 | grep "complaint $u5\$" | cut -f1)" 2026-02-20 \
	"calendar days: confirmed 02-13, callback due 02-20 (a day off of 春节)"
crm-config set sla.days working >/dev/null
is "$(due --today 2026-02-13 --within 30 | grep "complaint $u5\$" | cut -f1)" 2026-03-02 \
	"working days: 02-14 (make-up), 02-24 .. 02-28 (make-up), 03-02"
crm-config set sla.days calendar >/dev/null

# --- the same rules through crm-import -----------------------------------
fresh
export CRM_USER=spec
sum=$(snap)
cat >bad.csv <<'EOF'
customer,received_at,channel,category,severity,description,status,dept,result,confirmed_at,closed_at,evaluation
K1,2026-11-01T09:00:00Z,phone,x,urgent,坏的等级,open,,,,,
K1,2026-11-30T09:00:00Z,phone,x,low,将来的,open,,,,,
K1,2026-11-01T09:00:00Z,phone,x,low,没有部门,assigned,,,,,
K1,2026-11-01T09:00:00Z,phone,x,low,没有评价,closed,运营部,好了,2026-11-05T09:00:00Z,2026-11-06T09:00:00Z,
K1,2026-11-01T09:00:00Z,phone,x,low,评价6,closed,运营部,好了,2026-11-05T09:00:00Z,2026-11-06T09:00:00Z,6
K1,2026-11-01T09:00:00Z,phone,x,low,好的,open,,,,,
EOF
run crm-import complaints bad.csv
rc_is 65 "crm-import complaints: a file with bad rows"
like "$err" "bad.csv:2: severity: 'urgent' is not one of: low normal high critical" "a bad severity"
like "$err" "bad.csv:3: received_at: 2026-11-30T09:00:00Z is after today" "received in the future"
like "$err" "bad.csv:4: dept: a value is required when the status is assigned" "assigned without a department"
like "$err" "bad.csv:5: evaluation: a value is required when the status is closed" "closed without an evaluation"
like "$err" "bad.csv:6: evaluation: '6' is not a whole number from 1 to 5" "evaluation 6"
unlike "$err" "bad.csv:7" "the good row is not named"
like "$(printf '%s\n' "$err" | tail -1)" "bad.csv: 5 bad rows of 6: nothing imported" "nothing imported"
is "$(snap)" "$sum" "the database is as it was"

cat >good.csv <<'EOF'
customer,received_at,channel,category,severity,description
K1,2026-11-02T09:00:00Z,phone,导入,high,导入的投诉
EOF
run crm-import complaints good.csv
rc_is 0 "a good file imports"
is "$(sql "SELECT status, due_date, escalated, created_by FROM complaints WHERE id = 1")" \
	"open|2026-11-05|1|spec" "due date computed from received_at and severity; escalated; who took it"
is "$(steps 1)" new "a row without id gets a new step"
printf 'id,customer,received_at,channel,category,severity,description,status,due_date\n7,K2,2026-11-03T09:00:00Z,qq,x,low,自带编号,open,2026-11-18\n' >withid.csv
run crm-import complaints withid.csv
rc_is 0 "a row with its own id"
is "$(col 7 "status || ' ' || due_date") [$(steps 7)]" "open 2026-11-18 []" \
	"keeps its due date and gets no step: its history comes with it"

printf 'id,customer,received_at,channel,category,severity,description,status,dept,handler\n8,K2,2026-11-03T09:00:00Z,qq,x,low,已分派,assigned,运营部,h1\n' >assigned.csv
crm-import -q complaints assigned.csv
printf 'id,status,result\n8,resolved,更换水泵\n' >up.csv
run crm-import --update complaints up.csv
rc_is 0 "crm-import --update: assigned -> resolved with a result"
is "$(col 8 "status || ' ' || result || ' ' || (resolved_at IS NOT NULL)")" "resolved 更换水泵 1" \
	"resolved, stamped"
is "$(sql "SELECT action || '|' || text FROM complaint_events WHERE complaint = 8")" \
	"resolve|result: 更换水泵" "a resolve step"
sum=$(snap)
printf 'id,status,dept,result,confirmed_at,evaluation\n1,closed,运营部,好了,2026-11-20T09:00:00Z,5\n' >up2.csv
run crm-import --update complaints up2.csv
rc_is 65 "crm-import --update: open -> closed is refused"
like "$err" "up2.csv:2: status: a complaint that is open cannot become closed" "says so"
is "$(snap)" "$sum" "nothing changed"

# A closed complaint takes no more steps.
printf 'id,customer,received_at,channel,category,severity,description,status,dept,result,confirmed_at,closed_at,evaluation\n9,K1,2026-11-01T09:00:00Z,phone,x,low,已结案,closed,运营部,好了,2026-11-05T09:00:00Z,2026-11-06T09:00:00Z,5\n' >closed.csv
crm-import -q complaints closed.csv
sum=$(snap)
printf 'complaint,at,who,action,text\n9,2026-11-07T09:00:00Z,spec,note,结案后\n' >ev.csv
run crm-import complaint_events ev.csv
rc_is 65 "crm-import complaint_events: a note after the complaint was closed"
like "$err" "ev.csv:2: .*closed" "says it was closed"
is "$(snap)" "$sum" "nothing imported"
printf 'complaint,at,who,action,text\n9,2026-11-04T09:00:00Z,spec,note,结案前\n' >ev2.csv
run crm-import complaint_events ev2.csv
rc_is 0 "a note from before it was closed is history"

# The official calendar.
sum=$(snap)
printf 'date,kind,name\n2027-01-04,work,调休\n2027-01-09,holiday,x\n2027-01-10,work,调休\n' >cal.csv
run crm-import calendar cal.csv
rc_is 65 "crm-import calendar: bad days"
like "$err" "cal.csv:2: date: 2027-01-04 is a weekday" "a make-up working day on a weekday"
like "$err" "cal.csv:3: kind: 'holiday' is not one of: off work" "a bad kind"
unlike "$err" "cal.csv:4" "a Sunday make-up day is fine"
is "$(snap)" "$sum" "nothing imported"

# Export, then import into an empty database: the same rows.
crm-complaint new -c K2 --severity critical --channel wechat --category 异味 --contact 钱七 \
	--phone 13700000000 --place 门口 "往返测试" >/dev/null
crm-complaint assign --dept 运营部 --handler h2 1
crm-complaint resolve --result 处理了 1
crm-complaint confirm --rejected --note 不行 1
crm-complaint note 1 "客户再次来电"
for t in staff customers complaints complaint_events; do
	crm-export "$t" >"ex-$t.csv"
done
CRM_DB=$work/copy.db crm-init --empty >/dev/null
for t in staff customers complaints complaint_events; do
	CRM_DB=$work/copy.db crm-import -q "$t" "ex-$t.csv"
done
is "$(CRM_DB=$work/copy.db crm-export complaints)" "$(cat ex-complaints.csv)" \
	"complaints: export, import into a fresh database, export: the same"
is "$(CRM_DB=$work/copy.db crm-export complaint_events)" "$(cat ex-complaint_events.csv)" \
	"complaint_events: the same"

# --- time zones ------------------------------------------------------------
# The local day of received_at is --today, whatever the zone (the zones
# 14 hours east and 11 hours west differ from UTC at any time of day).
for zone in Asia/Shanghai Pacific/Kiritimati Pacific/Pago_Pago; do
	id=$(TZ=$zone new --today 2026-11-20)
	r=$(col "$id" received_at)
	is "$(TZ=$zone date -d "$r" +%F) $(col "$id" due_date)" "2026-11-20 2026-11-27" \
		"TZ=$zone: received today's local day ($r), due 7 days later"
	run env TZ=$zone crm-complaint list -o tsv --no-header --from 2026-11-20 --to 2026-11-20 --today 2026-11-20
	is "$(printf '%s\n' "$out" | awk -F '\t' -v id="$id" '$1 == id { print $2 }')" 2026-11-20 \
		"TZ=$zone: listed on that local day"
done
id=$(TZ=Asia/Shanghai new --received 2026-11-20)
is "$(col "$id" received_at)" 2026-11-20T04:00:00Z "TZ=Asia/Shanghai --received DATE: noon in Beijing"
id=$(TZ=Asia/Shanghai new --received '2026-11-20 17:30')
is "$(col "$id" received_at)" 2026-11-20T09:30:00Z "--received as a local time: 17:30 in Beijing"
id=$(TZ=Asia/Shanghai new --received '2026-11-21 07:00')
is "$(col "$id" "received_at || ' ' || due_date")" "2026-11-20T23:00:00Z 2026-11-28" \
	"07:00 in Beijing is the day before in UTC: the due date counts from the Beijing day"
sum=$(snap)
run crm-complaint new -c K1 --severity normal --channel phone --category 水质 --received '2026-11-27 23:59:59' 出水超标
fails 65 "received_at: .* is later than now" "a time later today is refused"
is "$(snap)" "$sum" "nothing changed"

# --- from the new-user review ------------------------------------------
fresh
for o in severity channel category; do
	run crm-complaint new -c K1 --severity normal --channel phone --category 水质 --$o '' 出水超标
	rc_is 64 "a blank --$o is a usage error, not its default"
done
run crm-complaint new -c K1 --severity normal --channel phone --category 水质 '   '
rc_is 64 "a blank description"
id=$(new)
crm-complaint assign --dept 运营部 "$id"
run crm-complaint resolve --result '' "$id"
fails 64 "resolve needs --result" "a blank --result is no result"

# A register of past complaints, closed, without ids: each gets its new
# step, dated when it was received; one closed before it was received is
# refused.
cat >legacy.csv <<'EOF'
customer,received_at,channel,category,severity,description,status,dept,handler,result,confirmation,evaluation,confirmed_at,closed_at
K1,2026-03-02 09:15,phone,水质,high,出水浑浊,closed,运营部,h1,更换滤料,满意,5,2026-03-04T08:00:00Z,2026-03-05T08:00:00Z
K2,2026-04-01,letter,账单,low,发票抬头错误,closed,财务部,h2,重开发票,,4,2026-04-03T08:00:00Z,2026-04-08T08:00:00Z
EOF
run crm-import complaints legacy.csv
rc_is 0 "closed complaints without ids import"
is "$(sql "SELECT group_concat(e.action || '@' || e.at, ' ') FROM complaint_events e JOIN complaints k ON k.id = e.complaint WHERE k.description = '出水浑浊'")" \
	"new@2026-03-02T09:15:00Z" "the new step is dated when it was received (local time, TZ=UTC)"
cat >early.csv <<'EOF'
customer,received_at,channel,category,severity,description,status,dept,handler,result,evaluation,confirmed_at,closed_at
K1,2026-03-10T08:00:00Z,phone,水质,high,早关,closed,运营部,h1,x,5,2026-03-09T08:00:00Z,2026-03-09T09:00:00Z
EOF
sum=$(snap)
run crm-import complaints early.csv
rc_is 65 "closed before it was received"
like "$err" "early.csv:2: closed_at: 2026-03-09T09:00:00Z is before received_at" "names the line"
is "$(snap)" "$sum" "nothing imported"
printf 'complaint,at,action,text\n%s,2030-01-01T00:00:00Z,note,x\n' "$id" >future.csv
run crm-import complaint_events future.csv
rc_is 65 "a step dated after today is refused"

# The notice: a long description keeps its lines under the first; a
# phone given without a contact names no contact.
crm-add --contact -c K1 --name 张三 --mobile 13800000001 --primary yes >/dev/null
id=$(crm-complaint new -c K1 --severity high --channel phone --category 水质 \
    --phone 'QQ 123456' "$(printf '第一行\n第二行')")
run crm-complaint notice "$id"
like "$out" "Description: +第一行
 +第二行" "the description's second line is indented under the first"
like "$out" "Contact:
" "a --phone without --contact names no contact"
like "$out" "Phone: +QQ 123456" "the phone given"
if printf '%s\n' "$out" | grep -q ' $'; then t=1; else t=0; fi
is "$t" 0 "no line of the form ends in a blank"


done_testing
