#!/bin/sh
# crm-mail: one message per recipient, read back by Python's mail parser.
. "$(dirname "$0")/lib.sh"
export TZ=UTC

# A stand-in sendmail: each message to sent/N.eml, its arguments to
# sent/N.args; it refuses (exit 1) mail to bad@example.com.
mkdir "$work/sent"
cat >"$work/fake-sendmail" <<'EOF'
#!/bin/sh
dir=$(dirname "$0")/sent
n=$(($(ls "$dir" | grep -c '\.eml$') + 1))
cat >"$dir/tmp"
if grep -q '^To: bad@example.com$' "$dir/tmp"; then
	echo "fake-sendmail: mailbox unavailable" >&2
	rm -f "$dir/tmp"
	exit 1
fi
mv "$dir/tmp" "$dir/$n.eml"
printf '%s\n' "$*" >"$dir/$n.args"
EOF
chmod +x "$work/fake-sendmail"
export CRM_SENDMAIL="$work/fake-sendmail -t -oi"
export CRM_MAIL_FROM='客服中心 <crm@example.com>'
clear_sent() { rm -f "$work"/sent/*; }
nsent() { ls "$work/sent" | grep -c '\.eml$'; }

# show FILE...: each message as the parser sees it, one header a line.
cat >"$work/show.py" <<'EOF'
import email, email.policy, email.utils, sys
for path in sys.argv[1:]:
    m = email.message_from_bytes(open(path, 'rb').read(),
                                 policy=email.policy.default)
    d = email.utils.parsedate_to_datetime(m['Date'])
    print('to=%s' % m['To'])
    print('from=%s' % m['From'])
    print('from_addr=%s' % m['From'].addresses[0].addr_spec)
    print('from_name=%s' % m['From'].addresses[0].display_name)
    print('subject=%s' % m['Subject'])
    print('date=%s' % d.strftime('%Y-%m-%d %z'))
    print('message_id=%s' % m['Message-ID'])
    print('mime=%s' % m['MIME-Version'])
    print('type=%s charset=%s' % (m.get_content_type(),
                                  m.get_content_charset()))
    print('cte=%s' % m['Content-Transfer-Encoding'])
    print('auto=%s' % m['Auto-Submitted'])
    print('defects=%d' % len(m.defects))
    print('headers=%s' % ','.join(m.keys()))
EOF
# body FILE: the decoded body of one message.
cat >"$work/body.py" <<'EOF'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(),
                             policy=email.policy.default)
sys.stdout.write(m.get_content())
EOF
# cols FILE REGEX...: the display column at which each REGEX first
# matches, on every line of the body (CJK characters count 2).
cat >"$work/cols.py" <<'EOF'
import email, email.policy, re, sys, unicodedata
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(),
                             policy=email.policy.default)
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
for line in m.get_content().splitlines():
    cols = []
    for r in sys.argv[2:]:
        f = re.search(r, line)
        cols.append(str(width(line[:f.start()])) if f else '-')
    print(' '.join(cols))
EOF
show() { python3 "$work/show.py" "$@"; }
body() { python3 "$work/body.py" "$1"; }

# The columns of crm-visit-due; two recipients, one row without anybody.
tab=$(printf '\t')
cat >due.tsv <<EOF
due${tab}status${tab}customer_id${tab}code${tab}customer${tab}tier${tab}obligation${tab}level${tab}assignee${tab}email${tab}detail
2026-11-26${tab}overdue${tab}3${tab}C000003${tab}宏达环保科技有限公司${tab}A${tab}cadence${tab}account_manager${tab}wang${tab}wang@example.com${tab}2 of 2 this month
2026-11-28${tab}due${tab}12${tab}C000012${tab}Acme Mining${tab}B${tab}holiday${tab}account_manager${tab}li${tab}li@example.com${tab}春节 2027-02-06
2026-11-29${tab}due${tab}4${tab}C000004${tab}东方${tab}C${tab}meeting${tab}account_manager${tab}wang${tab}wang@example.com${tab}agreed\\non the phone
2026-11-30${tab}due${tab}5${tab}C000005${tab}无人公司${tab}A${tab}cadence${tab}president${tab}${tab}${tab}1 of 1 this year
EOF

run_in due.tsv crm-mail --subject '今日待拜访客户'
rc_is 0 "mails the rows"
is "$(nsent)" 2 "one message per recipient"
like "$err" "^crm-mail: stdin:5: no address in column 'email'; not mailed: 2026-11-30 due 5 C000005 无人公司" \
	"the row without an address is reported with its line"
is "$(printf '%s\n' "$err" | wc -l)" 1 "one line for it"
is "$(cat "$work/sent/1.args")" "-t -oi" "CRM_SENDMAIL runs through the shell with its arguments"
s1=$(show "$work/sent/1.eml")
s2=$(show "$work/sent/2.eml")
like "$s1" "^to=wang@example.com$" "first message to the first address seen"
like "$s2" "^to=li@example.com$" "second message to the second"
like "$s1" "^from_addr=crm@example.com$" "From: address from CRM_MAIL_FROM"
like "$s1" "^from_name=客服中心$" "From: display name decoded"
like "$s1" "^subject=今日待拜访客户$" "the Chinese subject decodes to the original"
like "$s1" "^date=2026-11-27 \+0000$" "Date: parses, today's date"
like "$s1" "^message_id=<[^@<> ]+@[^@<> ]+>$" "Message-ID: <x@y>"
id1=$(printf '%s\n' "$s1" | sed -n 's/^message_id=//p')
id2=$(printf '%s\n' "$s2" | sed -n 's/^message_id=//p')
ok "$(test "$id1" != "$id2"; echo $?)" "Message-IDs differ"
like "$s1" "^mime=1.0$" "MIME-Version: 1.0"
like "$s1" "^type=text/plain charset=utf-8$" "text/plain; charset=UTF-8"
like "$s1" "^cte=8bit$" "8bit transfer encoding"
like "$s1" "^auto=auto-generated$" "Auto-Submitted: auto-generated"
like "$s1" "^defects=0$" "the parser finds no defects"
like "$s1" "^headers=From,To,Subject,Date,Message-ID,Auto-Submitted,MIME-Version,Content-Type,Content-Transfer-Encoding$" \
	"exactly these headers"
grep -q '^Subject: =?UTF-8?B?' "$work/sent/1.eml"; ok $? "the subject is RFC 2047 B-encoded"
is "$(sed '/^$/q' "$work/sent/1.eml" | LC_ALL=C grep -c '[^ -~]')" 0 \
	"the header block is plain ASCII"
b1=$(body "$work/sent/1.eml")
b2=$(body "$work/sent/2.eml")
is "$b1" "assignee: wang
each line: status · obligation · level
  detail

due 2026-11-26
宏达环保科技有限公司 (C000003) · tier A
- overdue · cadence · account_manager
  2 of 2 this month

due 2026-11-29
东方 (C000004) · tier C
- due · meeting · account_manager
  agreed\\non the phone" \
	"wang gets his two rows, in input order, in blocks by due date, without the email column"
like "$b2" "C000012" "li gets hers"
unlike "$b2" "C000003|C000004|wang" "and nobody else's"
unlike "$b1" "C000012|C000005" "wang gets no other rows"
unlike "$b1$b2" "@example.com" "the address column is dropped from the body"
is "$(printf '%s\n' "$b1" "$b2" | python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(max(w(l.rstrip("\\n")) for l in sys.stdin))')" 40 \
	"no line is wider than 40 columns (a phone held upright), not a table"

# The same with a FILE argument, and an ASCII subject; the default
# subject.
clear_sent
run crm-mail -s 'Visits due' due.tsv
rc_is 0 "FILE argument"
like "$(show "$work/sent/2.eml")" "^subject=Visits due$" "ASCII subject"
grep -q '^Subject: Visits due$' "$work/sent/2.eml"; ok $? "ASCII subject written as is"
clear_sent
run_in due.tsv crm-mail
like "$(show "$work/sent/1.eml")" "^subject=crm 2026-11-27: 2 items$" "default subject: crm, the day and how many rows"
clear_sent
long=$(printf '今日待拜访客户%.0s' 1 2 3 4 5 6 7 8 9 10)
run_in due.tsv crm-mail -s "$long"
like "$(show "$work/sent/1.eml")" "^subject=$long$" "a long Chinese subject decodes back"
is "$(sed '/^$/q' "$work/sent/1.eml" | awk 'length($0) > 76' | wc -l)" 0 \
	"its header lines are folded to 76 or fewer"
is "$(sed '/^$/q' "$work/sent/1.eml" | grep -c '^ =?UTF-8?B?')" 5 "into several encoded-words"

# --today moves the Date: header's day (the time is the real one).
clear_sent
run_in due.tsv crm-mail --today 2026-12-01
like "$(show "$work/sent/1.eml")" "^date=2026-12-01 " "Date: follows --today"
# The given day in the local zone, with the local time of day: never the
# UTC time of day on that day shown in local time, which lands on the
# next or the day before.  At any hour one of these zones (UTC+14,
# UTC-12) has a local day other than UTC's, so the test holds whenever
# it runs.
for tz in EAS-14 WES+12 Asia/Shanghai; do
	clear_sent
	h1=$(TZ=$tz date +%H)
	TZ=$tz run_in due.tsv crm-mail --today 2027-01-01
	h2=$(TZ=$tz date +%H)
	off=$(TZ=$tz date +%z)
	like "$(show "$work/sent/1.eml")" "^date=2027-01-01 \\$off$" "Date: is 2027-01-01 $off in TZ=$tz"
	like "$(sed -n 's/^Date: //p' "$work/sent/1.eml")" "^Fri, 1 Jan 2027 ($h1|$h2):[0-9]{2}:[0-9]{2} \\$off$" \
	    "with the local time of day"
done

# sendmail failing for one recipient: the others still go out.
clear_sent
sed 's/li@example.com/bad@example.com/' due.tsv >bad.tsv
printf '2026-11-30\tdue\t6\tC000006\t后来\tB\tcadence\tdept_manager\tzhao\tzhao@example.com\tx\n' >>bad.tsv
run_in bad.tsv crm-mail -s x
rc_is 74 "a refused message makes the exit status 74"
like "$err" "^crm-mail: cannot mail 'bad@example.com': '$work/fake-sendmail -t -oi' exited with status 1$" \
	"the failure names the recipient"
like "$err" "fake-sendmail: mailbox unavailable" "sendmail's own message passes through"
is "$(nsent)" 2 "the other two messages are sent"
is "$(show "$work"/sent/*.eml | sed -n 's/^to=//p' | tr '\n' ' ')" "wang@example.com zhao@example.com " \
	"to wang and zhao"
clear_sent
CRM_SENDMAIL="$work/no-such-sendmail" run_in due.tsv crm-mail -s x
rc_is 74 "a sendmail that cannot run fails every message with 74"
is "$(printf '%s\n' "$err" | grep -c 'cannot mail')" 2 "one line per recipient"

# --mbox: a file Python's mailbox reads, with From_ quoting.
clear_sent
run_in due.tsv crm-mail --mbox -s '今日待拜访客户'
rc_is 0 "--mbox"
is "$(nsent)" 0 "--mbox sends nothing"
printf '%s\n' "$out" >due.mbox
like "$(head -1 due.mbox)" "^From crm@example.com [A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9:]{8} 2026$" "From_ line"
is "$(python3 -c '
import mailbox, email.policy, sys
box = mailbox.mbox(sys.argv[1])
for m in box:
    print(m["To"], str(email.message_from_bytes(m.as_bytes(), policy=email.policy.default)["Subject"]))
' due.mbox)" "wang@example.com 今日待拜访客户
li@example.com 今日待拜访客户" "mailbox.mbox reads both messages"
printf 'note\temail\nFrom the office\twang@example.com\n>From here\twang@example.com\nok\tli@example.com\n' >from.tsv
run_in from.tsv crm-mail --mbox
printf '%s\n' "$out" >from.mbox
like "$out" "
>From the office
>>From here" "body lines starting with From are quoted (mboxrd)"
is "$(python3 -c '
import mailbox, sys
print(len(mailbox.mbox(sys.argv[1])))' from.mbox)" 2 "and do not split the mbox"

# --dry-run: who would get what; nothing sent; no sender needed.
clear_sent
CRM_MAIL_FROM= run_in due.tsv crm-mail --dry-run
rc_is 0 "--dry-run"
is "$out" "to	rows
wang@example.com	2
li@example.com	1" "one line per recipient with the row count"
is "$(nsent)" 0 "nothing sent"
run_in due.tsv crm-mail -n -o json
is "$out" '[
{"to":"wang@example.com","rows":2},
{"to":"li@example.com","rows":1}
]' "-o json"

# Other address columns.
printf 'customer\towner_mail\temail\n东方\tzhao@example.com\tignored@example.com\n' >to.tsv
run_in to.tsv crm-mail -n --to-column owner_mail
is "$out" "to	rows
zhao@example.com	1" "--to-column picks the column"
run_in to.tsv crm-mail -n --to-column nope
fails 65 "^crm-mail: stdin:1: no column 'nope' in the header$" "a missing address column is named"
printf 'customer\tassignee\n东方\twang\n' >noemail.tsv
run crm-mail noemail.tsv
fails 65 "^crm-mail: noemail.tsv:1: no column 'email' in the header$" "input without email is refused, naming the file"
is "$(nsent)" 0 "nothing sent"

# Empty input and bad input.
head -1 due.tsv >empty.tsv
run_in empty.tsv crm-mail -s x
rc_is 0 "a header only: exit 0"
is "$out$err" "" "silently"
is "$(nsent)" 0 "and no mail"
run_in /dev/null crm-mail -s x
rc_is 0 "no input at all: exit 0"
{ head -2 due.tsv; printf '2026-11-30\tdue\t7\tC\t\266\253\267\275\tA\tcadence\tx\ty\twang@example.com\tz\n'; } >gbk.tsv
run_in gbk.tsv crm-mail -s x
fails 65 "^crm-mail: stdin:3: not valid UTF-8" "input that is not UTF-8: 65 with the line"
is "$(nsent)" 0 "nothing is sent when any line is bad"
{ head -4 due.tsv; printf 'a\tb\n'; } >short.tsv
run_in short.tsv crm-mail -s x
fails 65 "^crm-mail: stdin:5: 2 fields, the header has 11$" "a row of the wrong width"
run crm-mail missing.tsv
fails 66 "cannot open 'missing.tsv'" "a missing input file: 66"

# Header injection: a newline anywhere must not make a header.
clear_sent
run_in due.tsv crm-mail -s "$(printf 'hi\nBcc: evil@example.com')"
fails 64 "bad --subject: contains a control character" "a newline in the subject is refused"
is "$(nsent)" 0 "nothing sent"
printf 'customer\temail\nA\twang@example.com\\nBcc: evil@example.com\nB\tli@example.com\nC\ta@b,evil@example.com\n' >inject.tsv
run_in inject.tsv crm-mail -s x
rc_is 65 "a bad address makes the exit status 65"
like "$err" "^crm-mail: stdin:2: bad address 'wang@example.com\\\\nBcc: evil@example.com' in column 'email': contains a space or control character; not mailed$" \
	"an address with a newline is refused, shown escaped"
like "$err" "stdin:4: bad address 'a@b,evil@example.com'" "an address list is refused"
is "$(nsent)" 1 "the good row still goes out"
! grep -qi 'evil' "$work"/sent/*.eml; ok $? "no trace of the injected header"
clear_sent
CRM_MAIL_FROM="$(printf 'crm@example.com\nBcc: evil@example.com')" run_in due.tsv crm-mail -s x
fails 64 "^crm-mail: bad sender 'crm@example.com\\\\nBcc: evil@example.com': contains a control character" "a newline in the sender is refused, shown escaped"
CRM_MAIL_FROM='not an address' run_in due.tsv crm-mail -s x
fails 64 "bad sender 'not an address'" "a sender that is no address is refused"
is "$(nsent)" 0 "nothing sent"
printf 'note\temail\nline1\\nSubject: evil\\r\\nBcc: x@y\twang@example.com\n' >body.tsv
run_in body.tsv crm-mail -s x
b=$(body "$work/sent/1.eml")
like "$b" 'line1\\nSubject: evil\\r\\nBcc: x@y' "newlines in values stay escaped in the body"
is "$(show "$work/sent/1.eml" | sed -n 's/^headers=//p')" \
	"From,To,Subject,Date,Message-ID,Auto-Submitted,MIME-Version,Content-Type,Content-Transfer-Encoding" \
	"and add no header"

# The sender: CRM_MAIL_FROM, else setting mail.from, else exit 64.
clear_sent
unset CRM_MAIL_FROM
run_in due.tsv crm-mail -s x
fails 64 "^crm-mail: no sender: set CRM_MAIL_FROM \(no database at '$CRM_DB' for setting mail.from\)$" \
	"no CRM_MAIL_FROM and no database"
crm-init --empty >/dev/null
tester_staff
run_in due.tsv crm-mail -s x
fails 64 "^crm-mail: no sender: set CRM_MAIL_FROM or 'crm config set mail.from ADDRESS'$" \
	"no CRM_MAIL_FROM and mail.from empty"
is "$(nsent)" 0 "nothing sent"
sql "UPDATE settings SET value = 'CRM Desk <desk@example.com>' WHERE key = 'mail.from'"
run_in due.tsv crm-mail -s x
rc_is 0 "mail.from from the database"
like "$(show "$work/sent/1.eml")" "^from=CRM Desk <desk@example.com>$" "is the From:"
clear_sent
CRM_MAIL_FROM=env@example.com run_in due.tsv crm-mail -s x
like "$(show "$work/sent/1.eml")" "^from=env@example.com$" "CRM_MAIL_FROM wins over mail.from"
export CRM_MAIL_FROM='客服中心 <crm@example.com>'

# --once: nothing twice on the same day; again the next day.
clear_sent
sum=$(dbsum)
run_in due.tsv crm-mail --once --db "$work/none.db" -s x
fails 66 "no database at '$work/none.db'" "--once needs the database"
is "$(nsent)" 0 "nothing sent without it"
run_in due.tsv crm-mail --once -s '今日待拜访客户'
rc_is 0 "--once, first run"
is "$(nsent)" 2 "sends both"
is "$(sql "SELECT day, recipient, length(digest), digest GLOB '*[^0-9a-f]*', at LIKE '2026-11-27T%' FROM mail_sent ORDER BY rowid")" \
	"2026-11-27|wang@example.com|16|0|1
2026-11-27|li@example.com|16|0|1" "mail_sent remembers day, recipient and digest"
is "$(sql "SELECT entity, field, new, who, program FROM changes WHERE entity = 'mail_sent' ORDER BY id")" \
	"mail_sent|recipient|wang@example.com|tester|crm-mail
mail_sent|recipient|li@example.com|tester|crm-mail" "each sent message is in the change log"
run_in due.tsv crm-mail --once -s '今日待拜访客户'
rc_is 0 "--once, second run the same day"
is "$(nsent)" 2 "sends nothing more"
run_in due.tsv crm-mail --once -s '今日待拜访客户' -n
is "$out" "to	rows" "--dry-run --once lists nobody left"
sed 's/2 of 2 this month/1 of 2 this month/' due.tsv >changed.tsv
run_in changed.tsv crm-mail --once -s '今日待拜访客户'
is "$(nsent)" 3 "changed rows for one recipient: only that one is sent"
like "$(show "$work/sent/3.eml")" "^to=wang@example.com$" "to wang"
run_in due.tsv crm-mail --once -s '今日待拜访客户' --today 2026-11-28
rc_is 0 "--once the next day"
is "$(nsent)" 5 "sends both again"
run_in due.tsv crm-mail --once --mbox -s z
is "$(grep -c '^From ' "$work/out")" 2 "--once --mbox writes both"
run_in due.tsv crm-mail --once -s z
is "$(nsent)" 5 "and remembers them: sendmail gets neither"
clear_sent
run_in bad.tsv crm-mail --once -s y
rc_is 74 "--once with a failing recipient"
is "$(sql "SELECT count(*) FROM mail_sent WHERE recipient = 'bad@example.com'")" 0 \
	"a refused message is not remembered"
run_in bad.tsv crm-mail --once -s y
rc_is 74 "a rerun tries the refused one again"
is "$(nsent)" 2 "and sends nothing more to the others"

# Runs that overlap: the second starts while the first is still handing
# its messages to a slow sendmail.  Each recipient gets the day's message
# once, both runs succeed, and a hand-over that failed in the first run is
# made by a later one.
clear_sent
cat >"$work/slow-sendmail" <<'EOF'
#!/bin/sh
sleep 1
exec "$(dirname "$0")/fake-sendmail" "$@"
EOF
chmod +x "$work/slow-sendmail"
CRM_SENDMAIL="$work/slow-sendmail" crm-mail --once -s overlap <due.tsv >/dev/null 2>"$work/err1" &
p1=$!
sleep 0.3
CRM_SENDMAIL="$work/slow-sendmail" crm-mail --once -s overlap <due.tsv >/dev/null 2>"$work/err2" &
p2=$!
CRM_SENDMAIL="$work/slow-sendmail" crm-mail --once -s overlap <due.tsv >/dev/null 2>"$work/err3"
r3=$?
wait $p1; r1=$?
wait $p2; r2=$?
is "$r1 $r2 $r3" "0 0 0" "three overlapping runs all succeed"
is "$(nsent)" 2 "and each recipient gets the message once"
is "$(sed -n 's/^To: //p' "$work"/sent/*.eml | sort | tr '\n' ' ')" "li@example.com wang@example.com " \
    "one each"
clear_sent
sed 's/li@example.com/bad@example.com/' due.tsv >late.tsv
crm-mail --once -s late <late.tsv >/dev/null 2>&1 &
p1=$!
CRM_SENDMAIL="$work/slow-sendmail" crm-mail --once -s late <late.tsv >/dev/null 2>&1 &
p2=$!
wait $p1
wait $p2
is "$(nsent)" 1 "overlapping runs with a refused recipient: the others once"
run_in late.tsv env CRM_SENDMAIL="$work/fake-sendmail -t -oi" crm-mail --once -s late
rc_is 74 "the refused one is tried again by the next run"
is "$(nsent)" 1 "and nothing else is sent twice"
# A killed run holds nobody up: the kernel drops its lock.
clear_sent
cat >"$work/hang-sendmail" <<'EOF'
#!/bin/sh
sleep 30
EOF
chmod +x "$work/hang-sendmail"
CRM_SENDMAIL="$work/hang-sendmail" crm-mail --once -s killed <due.tsv >/dev/null 2>&1 &
p1=$!
sleep 0.5
kill -9 $p1
wait $p1 2>/dev/null
run_in due.tsv crm-mail --once -s killed
rc_is 0 "a run killed while sending does not block the next"
is "$(nsent)" 2 "which sends what it did not"

# Usage.
run crm-mail --mbox --dry-run
rc_is 64 "--mbox and --dry-run together"
like "$err" "^usage: crm-mail" "print usage"
run crm-mail a b
rc_is 64 "two files"
run crm-mail --help
rc_is 0 "--help"
like "$out" "^usage: crm-mail" "--help prints usage"

# The man page's examples.
clear_sent
run sh -c "crm-mail --dry-run -o table < due.tsv"
is "$out" "to                rows
wang@example.com     2
li@example.com       1" "example: --dry-run -o table"
run sh -c "crm-mail --mbox -s 'Visits due' due.tsv > due.mbox"
rc_is 0 "example: --mbox to a file"
is "$(grep -c '^From ' due.mbox)" 2 "holds two messages"
if [ -x "$CRM_BIN/crm-visit-due" ]; then
	crm-staff add --login wang --name 王 --role account_manager --email wang@example.com >/dev/null 2>&1
	crm-add --name 宏达环保 --tier A --owner wang >/dev/null
	run sh -c "crm-visit-due --within 3 --escalate 7 | crm-mail --once --subject '今日待拜访客户'"
	rc_is 0 "example: the nightly pipeline"
	ok "$(test "$(nsent)" -ge 1; echo $?)" "mails the visits due"
	like "$(body "$work/sent/1.eml")" "宏达环保" "with the customer in the table"
	run sh -c "crm-visit-due --within 3 --escalate 7 | crm-mail --once --subject '今日待拜访客户'"
	is "$(nsent)" 1 "and sends nothing the second time"
fi
done_testing
