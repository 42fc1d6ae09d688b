#!/bin/sh
# crm-visit-due: the cadence engine, case by case from tests/due-cases.txt,
# then the output formats, iCalendar, options and errors.
. "$(dirname "$0")/lib.sh"

# q TEXT: TEXT as an SQL string literal ('-' is NULL)
q() {
	if [ "$1" = - ] || [ -z "$1" ]; then printf 'NULL'
	else printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"; fi
}

# The fixture every case starts from.
fresh() {
	rm -f "$CRM_DB" "$CRM_DB-wal" "$CRM_DB-shm"
	crm-init --empty >/dev/null || exit 1
	tester_staff || exit 1
	sql "INSERT INTO staff (login, name, email, role, reports_to, created_at)
	VALUES ('pres', 'P', 'pres@example.com', 'president', NULL, 'x'),
	('dh', 'DH', 'dh@example.com', 'division_head', 'pres', 'x'),
	('dm', 'DM', 'dm@example.com', 'dept_manager', 'dh', 'x'),
	('am1', 'AM1', 'am1@example.com', 'account_manager', 'dm', 'x'),
	('am2', 'AM2', 'am2@example.com', 'account_manager', 'dm', 'x')"
}

# cust CODE: the id of a customer code
cust() { printf '(SELECT id FROM customers WHERE code = %s)' "$(q "$1")"; }

# The rows compared: due status code obligation level assignee detail.
rows() {
	awk -F '\t' '{ printf "%s %s %s %s %s %s %s\n", $1, $2, $4, $7,
	    ($8 == "" ? "-" : $8), ($9 == "" ? "-" : $9), $11 }'
}

cases="$top/tests/due-cases.txt"
name= state=
while IFS= read -r line || [ -n "$line" ]; do
	case $state in
	expect)
		if [ "$line" = end ]; then
			# shellcheck disable=SC2086
			run crm-visit-due --today "$day" $args -o tsv --no-header
			if [ "$rc" != 0 ]; then
				_report 1 "$name" "exit $rc: $err"
			else
				is "$(printf '%s' "$out" | rows)" \
				    "$(printf '%s' "$want")" "$name"
			fi
			state=
		else
			want="$want$line
"
		fi
		continue
		;;
	esac
	set -f
	# shellcheck disable=SC2086
	set -- $line
	set +f
	[ $# = 0 ] && continue
	kw=$1
	shift
	case $kw in
	\#*) ;;
	case)
		name="$*" day= args= want= rules=0 state=case
		fresh
		;;
	today) day=$1 ;;
	args) args="$*" ;;
	rule)
		[ "$rules" = 0 ] && sql "DELETE FROM visit_rules"
		rules=1
		sql "INSERT INTO visit_rules (tiers, level, count, period)
		    VALUES ('$1', '$2', $3, '$4')"
		;;
	staff)
		sql "INSERT INTO staff (login, name, email, role, reports_to,
		    created_at) VALUES ('$1', '$1', '$1@example.com', '$2',
		    $(q "$3"), 'x')"
		;;
	inactive) sql "UPDATE staff SET active = 0 WHERE login = '$1'" ;;
	customer)
		sql "INSERT INTO customers (code, name, tier, owner, stage,
		    customer_since, created_at, updated_at) VALUES ('$1',
		    'name of $1', '$2', $(q "$3"), '${4:-customer}',
		    $(q "${5:-}"), 'x', 'x')"
		;;
	visit)
		sql "INSERT INTO visits (customer, level, date, kind, next_date,
		    staff, created_at) VALUES ($(cust "$1"), '$2', '$3',
		    '$(if [ "${4:--}" = - ]; then echo onsite; else echo "$4"; fi)',
		    $(q "${5:-}"), $(q "${6:-}"), 'x')"
		;;
	holiday)
		sql "INSERT INTO holidays (name, date, window_days, tiers)
		    VALUES ('$1', '$2', $3, '$4')"
		;;
	plan)
		sql "INSERT INTO plans (customer, date, level, staff, status,
		    created_at) VALUES ($(cust "$1"), '$2', '$3', '$4', '$5',
		    'x')"
		;;
	complaint)
		sql "INSERT INTO complaints (customer, received_at, description,
		    status, confirmed_at, handler) VALUES ($(cust "$1"),
		    '2026-11-01T08:00:00Z', 'd', '$2', $(q "$3"), '$4')"
		;;
	setting)
		sql "INSERT OR REPLACE INTO settings (key, value)
		    VALUES ('$1', '$2')"
		;;
	expect) state=expect want= ;;
	*) _report 1 "due-cases.txt: unknown line '$line'" ;;
	esac
done <"$cases"

# The whole row, every column, in the other formats.
fresh
sql "INSERT INTO customers (code, name, tier, owner, created_at, updated_at)
    VALUES ('C000001', '榆林, \"测试\" 公司', 'A', 'am1', 'x', 'x')"
run crm-visit-due --today 2026-11-27
rc_is 0 "the default run"
is "$out" "due	status	customer_id	code	customer	tier	obligation	level	assignee	email	detail
2026-11-15	overdue	1	C000001	榆林, \"测试\" 公司	A	cadence	account_manager	am1	am1@example.com	1 of 2 this month" \
	"tsv: the header and every column in order"
run crm-visit-due -o json
is "$out" '[
{"due":"2026-11-15","status":"overdue","customer_id":1,"code":"C000001","customer":"榆林, \"测试\" 公司","tier":"A","obligation":"cadence","level":"account_manager","assignee":"am1","email":"am1@example.com","detail":"1 of 2 this month"}
]' "json: customer_id is a number"
run crm-visit-due -o csv
like "$out" '^2026-11-15,overdue,1,C000001,"榆林, ""测试"" 公司",A,cadence' "csv quotes where needed"
run crm-visit-due -o ids
is "$out" "1" "ids: the customer, not the first column"

# iCalendar: well-formed, folded, escaped, stable.
sql "UPDATE customers SET name = '榆林市榆阳区第一污水处理厂（城区生活污水、工业园区尾水, A²/O 工艺; 运营期五年）\\备注'"
sql "INSERT INTO holidays (name, date, window_days, tiers) VALUES ('元旦', '2027-01-01', 7, 'ABC')"
sql "INSERT INTO visits (customer, level, staff, date, next_date, created_at) VALUES (1, 'account_manager', 'am1', '2026-11-20', '2026-11-26', 'x')"
run crm-visit-due --within 40 --escalate 0 -o ics
rc_is 0 "-o ics"
printf '%s' "$out" >/dev/null
cp "$work/out" "$work/due.ics"
check=$(python3 - "$work/due.ics" <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
problems = []
if not data.endswith(b'\r\n'):
    problems.append('does not end in CRLF')
lines = data.split(b'\r\n')[:-1]
for i, l in enumerate(lines):
    if b'\n' in l or b'\r' in l:
        problems.append('bare LF or CR in line %d' % i)
    if len(l) > 75:
        problems.append('line %d has %d octets' % (i, len(l)))
    try:
        l.decode('utf-8')
    except UnicodeDecodeError:
        problems.append('line %d splits a UTF-8 sequence' % i)
# Unfold, then check the structure.
unfolded = []
for l in lines:
    if l.startswith(b' '):
        unfolded[-1] += l[1:]
    else:
        unfolded.append(l)
text = [l.decode('utf-8') for l in unfolded]
depth = []
todos = 0
uids = []
for l in text:
    if l.startswith('BEGIN:'):
        depth.append(l[6:])
        if l == 'BEGIN:VTODO':
            todos += 1
    elif l.startswith('END:'):
        if not depth or depth.pop() != l[4:]:
            problems.append('unbalanced ' + l)
    elif l.startswith('UID:'):
        uids.append(l[4:])
    elif ':' not in l:
        problems.append('no colon: ' + l)
if depth:
    problems.append('unclosed ' + ','.join(depth))
if text[0] != 'BEGIN:VCALENDAR' or 'VERSION:2.0' not in text:
    problems.append('not a VCALENDAR 2.0')
if len(set(uids)) != len(uids):
    problems.append('duplicate UIDs')
for l in text:
    if l.startswith('SUMMARY:') and '\\\\' in l and '\\,' in l and '\\;' in l:
        break
else:
    problems.append('SUMMARY not escaped')
print('%d todos' % todos)
print('\n'.join(problems) if problems else 'ok')
print('\n'.join(sorted(uids)))
EOF
)
is "$(printf '%s\n' "$check" | sed -n 2p)" ok "ics: lines of 75 octets or less, CRLF, UTF-8 unsplit, BEGIN/END balanced, escaped"
is "$(printf '%s\n' "$check" | sed -n 1p)" "7 todos" "ics: one VTODO per row"
is "$(printf '%s\n' "$check" | sed -n '3,$p')" "cadence-1-account_manager-20261101-2@crm
cadence-1-dept_manager-20261101-1@crm
cadence-1-division_head-20261001-1@crm
cadence-1-president-20260101-1@crm
escalated-meeting-1@crm
holiday-1-20270101-1@crm
meeting-1@crm" "ics: UIDs derived from the obligation"
like "$(tr -d '\r' <"$work/due.ics")" 'DUE;VALUE=DATE:20261126' "ics: DUE as a date"
like "$(tr -d '\r' <"$work/due.ics")" 'DTSTAMP:20261127T[0-9]{6}Z' "ics: DTSTAMP in UTC"
grep -c 'BEGIN:VTODO' "$work/due.ics" >/dev/null
run crm-visit-due --within 40 --escalate 0 -o ics
is "$(grep -v '^DTSTAMP' "$work/out")" "$(grep -v '^DTSTAMP' "$work/due.ics")" \
	"ics: the same obligations give the same calendar"
run crm-visit-due -o ics -o tsv --no-header
like "$out" '^2026-11-' "a later -o wins over -o ics"

# Options and errors.
sum=$(dbsum)
run crm-visit-due --within x
fails 64 "--within: 'x' is not a number of days" "a bad --within"
run crm-visit-due --escalate -1
rc_is 64 "a negative --escalate"
run crm-visit-due --level boss
fails 65 "^crm-visit-due: level: 'boss' is not one of: account_manager dept_manager division_head president$" "a bad --level"
run crm-visit-due --obligation visit
fails 65 "^crm-visit-due: obligation: 'visit' is not one of: cadence holiday meeting plan callback complaint followup review$" "a bad --obligation"
run crm-visit-due --status late
fails 65 "^crm-visit-due: status: 'late' is not one of: due overdue$" "a bad --status"
run crm-visit-due --tier D
fails 65 "^crm-visit-due: tier: 'D' is not one of: A B C$" "a bad --tier"
run crm-visit-due --assignee nobody
fails 65 "^crm-visit-due: assignee: no staff member with login 'nobody'$" "an unknown --assignee"
run crm-visit-due --owner nobody
fails 65 "^crm-visit-due: owner: no staff member with login 'nobody'$" "an unknown --owner"
run crm-visit-due extra
rc_is 64 "no arguments"
like "$err" "usage: crm-visit-due" "usage on stderr"
run crm-visit-due -o xml
rc_is 64 "an unknown format"
run crm-visit-due --help
rc_is 0 "--help"
like "$out" "usage: crm-visit-due" "--help prints usage on stdout"
is "$(dbsum)" "$sum" "crm-visit-due writes nothing"
run crm-visit-due --db "$work/none.db"
rc_is 66 "a missing database"

# Filters may be repeated or hold comma lists; any value matches.
fresh
sql "INSERT INTO customers (code, name, tier, owner, created_at, updated_at)
    VALUES ('C000001', 'a', 'A', 'am1', 'x', 'x'),
    ('C000002', 'b', 'B', 'am2', 'x', 'x'),
    ('C000003', 'c', 'C', 'am1', 'x', 'x')"
# due FILTERS...: the code and level of each row, with --within 3.
due() {
	run crm-visit-due --within 3 -o tsv --no-header "$@"
	[ "$rc" = 0 ] || echo "exit $rc: $err"
	printf '%s\n' "$out" | awk -F '\t' '{ printf "%s:%s ", $4, $8 }'
}
all="C000001:account_manager C000002:account_manager C000003:account_manager C000001:dept_manager C000002:dept_manager C000003:dept_manager "
is "$(due)" "$all" "the fixture: two cadence rows a customer"
is "$(due --tier A --tier C)" "C000001:account_manager C000003:account_manager C000001:dept_manager C000003:dept_manager " \
	"--tier repeated: any matches"
is "$(due --tier A,C)" "$(due --tier A --tier C)" "--tier A,C is the same"
is "$(due --owner am2,am1 --tier B)" "C000002:account_manager C000002:dept_manager " \
	"--owner list with --tier"
is "$(due --assignee am2 --assignee dm)" "C000002:account_manager C000001:dept_manager C000002:dept_manager C000003:dept_manager " \
	"--assignee repeated"
is "$(due --assignee am1,am2)" "C000001:account_manager C000002:account_manager C000003:account_manager " \
	"--assignee list"
is "$(due --level dept_manager,president)" "C000001:dept_manager C000002:dept_manager C000003:dept_manager " \
	"--level list"
is "$(due --status due --status overdue)" "$all" "--status repeated"
is "$(due --status overdue)" "C000001:account_manager C000002:account_manager C000003:account_manager " \
	"--status alone"
is "$(due --obligation cadence,plan --obligation callback)" "$all" "--obligation list, repeated"
sql "INSERT INTO holidays (name, date, window_days, tiers) VALUES ('h', '2026-11-29', 7, 'A')"
is "$(due --level '')" "C000001: " "an empty --level: rows without a level (the holiday)"
is "$(due --level ,president --obligation holiday,cadence)" "C000001: " "an empty value in a list"
sum=$(dbsum)
run crm-visit-due --tier A,Z
fails 65 "^crm-visit-due: tier: 'Z' is not one of: A B C$" "a bad value in a --tier list"
run crm-visit-due --tier A --tier x
fails 65 "^crm-visit-due: tier: 'x' is not one of: A B C$" "a bad repeated --tier"
run crm-visit-due --tier a -o tsv --no-header
is "$out" "$(crm-visit-due --tier A -o tsv --no-header)" "a value in another case is taken as written in the list (a is A)"
run crm-visit-due --level account_manager --level boss
fails 65 "^crm-visit-due: level: 'boss' is not one of" "a bad repeated --level"
run crm-visit-due --obligation cadence,visit
fails 65 "^crm-visit-due: obligation: 'visit' is not one of: cadence holiday meeting plan callback complaint followup review$" "a bad value in an --obligation list"
run crm-visit-due --status overdue,
fails 65 "^crm-visit-due: status: '' is not one of: due overdue$" "an empty --status"
run crm-visit-due --assignee am1,nobody
fails 65 "^crm-visit-due: assignee: no staff member with login 'nobody'$" "an unknown login in an --assignee list"
run crm-visit-due --owner am1 --owner nobody
fails 65 "^crm-visit-due: owner: no staff member with login 'nobody'$" "an unknown repeated --owner"
is "$(dbsum)" "$sum" "nothing written"

# The man page's examples, on the demo database.
rm -f "$CRM_DB" "$CRM_DB-wal" "$CRM_DB-shm"
demo_db >/dev/null
run crm-visit-due --within 3 --escalate 7 -o table
rc_is 0 "example: the morning list"
like "$out" "escalated from zhanglei" "example: with escalations"
run crm-visit-due --assignee zhanglei --status overdue
rc_is 0 "example: one person's overdue visits"
unlike "$(printf '%s\n' "$out" | sed 1d | cut -f9 | sort -u)" "^[^z]" \
	"example: all zhanglei's"
run crm-visit-due --within 7 --assignee zhanglei,sunli --tier A,B
rc_is 0 "example: two account managers, A and B customers"
is "$(printf '%s\n' "$out" | sed 1d | cut -f6,9 | sort -u | tr '\n' ' ')" \
	"A	sunli A	zhanglei B	sunli B	zhanglei " "example: both assignees, both tiers"
export CRM_SENDMAIL="cat >>$work/sent" CRM_MAIL_FROM=crm@example.com
run sh -c "crm-visit-due --within 3 --escalate 7 | crm-mail --once --subject '今日待拜访客户'"
rc_is 0 "example: the cron job"
like "$(cat "$work/sent")" "To: zhanglei@example.com" "example: the cron job mails the account manager"
like "$(cat "$work/sent")" "To: wangfang@example.com" "example: and the department manager the escalation"
unset CRM_SENDMAIL CRM_MAIL_FROM
run sh -c 'crm-visit-due --within 30 -o ics > due.ics'
rc_is 0 "example: a calendar for a month"
like "$(head -1 due.ics)" "BEGIN:VCALENDAR" "example: due.ics"
# -o ids: customer ids, once each, ready for crm show - / crm edit -
run crm-visit-due --within 30 -o ids
is "$out" "$(crm-visit-due --within 30 -o tsv --no-header | cut -f3 | sort -n -u)" "-o ids gives each customer's id once"
done_testing
