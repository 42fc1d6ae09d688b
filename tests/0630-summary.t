#!/bin/sh
# crm-report summary for a month and for a week, as text, JSON and one
# HTML page checked by a parser against the JSON; crm-mail --html sending
# that page with its plain-text alternative.  A small world worked out by
# hand.
. "$(dirname "$0")/lib.sh"
export TZ=UTC

crm-init --empty >/dev/null
crm-staff add --login admin --name 管理员 --role admin >/dev/null
crm-import -q --as admin --today 2026-08-15 staff >/dev/null <<'EOF'
login,name,email,role,reports_to,intent_target
pres,总经理,pres@example.com,president,,0
div,事业部长,div@example.com,division_head,pres,0
dm,部门经理,dm@example.com,dept_manager,div,0
s1,电销一,s1@example.com,account_manager,dm,2
gone,离职,gone@example.com,account_manager,dm,0
noaddr,无邮箱,,account_manager,dm,0
EOF
crm-staff add --as dm --login s2 --name 电销二 --email s2@example.com --role account_manager --reports-to dm --intent-target 1 --today 2026-11-10 >/dev/null
crm-staff --as admin edit gone --active no >/dev/null
export CRM_USER=s1
crm-add --code C1 --name 榆林甲厂 --tier A --owner s1 --stage customer --today 2026-08-20 >/dev/null
crm-add --code L1 --name 神木乙厂 --tier C --owner s1 --stage lead --today 2026-08-20 >/dev/null
crm-edit L1 --stage intent --today 2026-11-05 >/dev/null
c() { crm-complaint "$@" >/dev/null; }
k1=$(crm-complaint new -c C1 --severity high --channel phone --category 水质 --received 2026-11-02 --today 2026-11-02 出水超标)
c assign --dept 运营部 --handler s1 "$k1" --today 2026-11-03
c resolve --result 调整 "$k1" --today 2026-11-06
c confirm --as admin "$k1" --today 2026-11-07
c callback --as admin --score 4 "$k1" --today 2026-11-08
crm-complaint new -c C1 --severity normal --channel letter --category 账单 --received 2026-10-05 --today 2026-10-05 发票有误 >/dev/null
crm-complaint new -c C1 --severity low --channel phone --category 噪音 --received 2026-11-25 --today 2026-11-25 夜间噪音 >/dev/null
crm-visit add -c C1 --by s1 --date 2026-11-20 回访 >/dev/null
crm-survey add -c C1 --date 2026-11-26 --service-score 4 --operation-ok yes --staff-score 5 >/dev/null

# jq-like reads of the summary's JSON: KEY then a Python expression on it.
js() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"; }

# --- the month -------------------------------------------------------------
crm-report summary --month 2026-11 --today 2026-12-01 -o json >nov.json
is "$(js nov.json 'list(d)')" "['period', 'tiers', 'visits', 'complaints', 'complaint_months', 'satisfaction', 'kpi', 'funnel', 'churn']" \
	"the summary's sections, after its period"
is "$(js nov.json 'd["period"]')" "{'from': '2026-11-01', 'to': '2026-11-30'}" "the period it counts"
is "$(js nov.json '[(r["month"], r["received"], r["closed"]) for r in d["complaint_months"] if r["received"] or r["closed"]]')" \
	"[('2026-10', 1, 0), ('2026-11', 2, 1)]" \
	"complaints per month: October one received; November two received, one closed (the callback closed it)"
is "$(js nov.json '[r["month"] for r in d["complaint_months"]][::11]')" "['2025-12', '2026-11']" \
	"twelve months, from December of the year before to the month"
is "$(js nov.json '(d["complaints"][0]["count"], d["complaints"][0]["mean_days_to_resolve"])')" "(2, 4.0)" \
	"November's complaints: two received, one resolved in four days: mean 4"
is "$(js nov.json '[(r["staff"], r["target"], r["achieved"], r["months_missed"], r["review"]) for r in d["kpi"]]')" \
	"[('s1', 2, 1, 4, 'yes'), ('s2', 1, 0, 1, 'no')]" \
	"KPI: s1 below target since August, four months: review; s2 came in November and is not blamed for the months before"
is "$(js nov.json '[(r["stage"], r["reached"]) for r in d["funnel"]]')" \
	"[('lead', 2), ('contacted', 2), ('intent', 2), ('handover', 1), ('customer', 1)]" \
	"the funnel: L1 reached intent, C1 is a customer"
for key in tiers funnel; do
	crm-report $key --today 2026-12-01 -o json >one.json
	is "$(js nov.json "d['$key']")" "$(js one.json 'd')" "the summary's $key is crm-report $key"
done
crm-report kpi --month 2026-11 --today 2026-12-01 -o json >one.json
is "$(js nov.json 'd["kpi"]')" "$(js one.json 'd')" "the summary's kpi is crm-report kpi --month"

# --- the page --------------------------------------------------------------
run crm-report summary --month 2026-11 --today 2026-12-01 -o html
rc_is 0 "summary -o html"
printf '%s\n' "$out" >nov.html
run python3 "$top/tests/summary-check.py" nov.html nov.json
is "$out" "bars visits=2 complaint_months=24 kpi=2 funnel=5" \
	"the page is well-formed and self-contained; every table equals the JSON; a bar a row and series with the JSON's figure: compliance per person, received and closed for twelve months, KPI per person with its target, the funnel's five stages"
rc_is 0 "the parser finds nothing wrong"
like "$(sed -n 1,12p nov.html)" "<title>Customer service summary, month 2026-11</title>" "the page's title names the month"
like "$(cat nov.html)" '<line class="mark" data-value="2"' "s1's target is drawn as a mark"
# The checker fails on a page whose figure differs from the JSON.
sed 's/data-label="s1" data-value="1"/data-label="s1" data-value="2"/' nov.html >bad.html
run python3 "$top/tests/summary-check.py" bad.html nov.json
rc_is 1 "a drawn figure that is not the JSON's is caught"
like "$out" "^kpi: bars" "and named"
sed 's|<td class="n">4.0</td>|<td class="n">4.5</td>|' nov.html >bad.html
run python3 "$top/tests/summary-check.py" bad.html nov.json
like "$out" "^complaints: rows" "a table cell that is not the JSON's is caught"
sed 's|</section>||' nov.html >bad.html
run python3 "$top/tests/summary-check.py" bad.html nov.json
rc_is 1 "a page that is not well-formed is caught"

# An empty month: every section there, tables empty, charts of nothing
# left out, twelve months of zeros.
crm-report summary --month 2026-01 --today 2026-12-01 -o json >jan.json
crm-report summary --month 2026-01 --today 2026-12-01 -o html >jan.html
run python3 "$top/tests/summary-check.py" jan.html jan.json
is "$out" "bars visits=0 complaint_months=24 kpi=0 funnel=5" "an empty month: the page still holds"
is "$(grep -c '<p class="none">None.</p>' jan.html)" 4 \
	"visits, complaints, satisfaction and kpi say there is none"

# --- the week (the rulebook's Saturday review) -----------------------------
run crm-report summary --week 2026-W48 --today 2026-11-28
rc_is 0 "summary --week"
is "$(printf '%s\n' "$out" | grep '^== ' | sed -n '2,5p')" "== Visit compliance by person, monthly rules (2026-11-01 to 2026-11-28) ==
== Complaints received (2026-11-23 to 2026-11-29) ==
== Complaints received and closed per month (twelve months to 2026-11) ==
== Satisfaction surveys (2026-11-23 to 2026-11-29) ==" \
	"a week: complaints and surveys of its days; visits and KPI of its month to date"
crm-report summary --week 2026-W48 --today 2026-11-28 -o json >w48.json
is "$(js w48.json '(d["complaints"][0]["count"], d["satisfaction"][0]["surveys"])')" "(1, 1)" \
	"the week's one complaint (25 November) and one survey (26 November)"
is "$(js w48.json '[(r["staff"], r["achieved"], r["months_missed"], r["review"]) for r in d["kpi"]]')" \
	"[('s1', 1, 3, 'yes'), ('s2', 0, 0, 'no')]" \
	"November is not over: not missed yet; s1's three months before it call for a review"
crm-report summary --week 2026-W48 --today 2026-11-28 -o html >w48.html
run python3 "$top/tests/summary-check.py" w48.html w48.json
rc_is 0 "the week's page holds too"
like "$(cat w48.html)" "<h1>Customer service summary, week 2026-W48</h1>" "its heading names the week"
is "$(crm-report summary --week this --today 2026-11-28 -o json | js /dev/stdin 'd["period"]')" \
	"{'from': '2026-11-23', 'to': '2026-11-29'}" "--week this: today's week"
is "$(crm-report summary --week last --today 2026-11-28 -o json | js /dev/stdin 'd["period"]')" \
	"{'from': '2026-11-16', 'to': '2026-11-22'}" "--week last"
# A week ending in a month that has not begun (Saturday 31 October): its
# months count to today.
run crm-report summary --week this --today 2026-10-31
rc_is 0 "a week whose Sunday is in a month to come"
like "$out" "^== Visit compliance by person, monthly rules \(2026-10-01 to 2026-10-31\) ==$" \
	"its visits and KPI count October to date"
# A past week: the KPI counts its month up to the week's end.
crm-report summary --week 2026-W45 -o json >w45.json
crm-report summary --week 2026-W44 -o json >w44.json
is "$(js w45.json 'd["kpi"][0]["achieved"]') $(js w44.json 'd["kpi"][0]["achieved"]')" "1 0" \
	"s1's intent of 5 November is on the page of the week of 2-8 November, not of 26 October-1 November"
# A past week's page counts November only to its Sunday: that part of a
# month is not judged a month missed (the whole month's kpi does that).
crm-report summary --week 2026-W48 --today 2026-12-07 -o json >w48late.json
is "$(js w48late.json '[(r["staff"], r["months_missed"]) for r in d["kpi"]]')" "[('s1', 3), ('s2', 0)]" \
	"a week's part of a month is not judged missed"
is "$(crm-report kpi --month 2026-11 --today 2026-12-07 --no-header | cut -f1,6 | tr '\n' ' ')" "s1	4 s2	1 " \
	"the whole month is"
run crm-report summary --week 2026-W54
fails 64 "--week: '2026-W54' is not a week YYYY-Www \(W01 to W52, or W53 in a year that has it\)" "a week that does not exist"
run crm-report summary --week 2027-W53
fails 64 "'2027-W53' is not a week" "2027 has 52 weeks"
run crm-report summary --week 2026-W49 --today 2026-11-28
fails 64 "summary: the week has not begun" "a week to come"
run crm-report summary --week 2026-W48 --month 2026-11
fails 64 "one of --month, --week" "a week and a month"
run crm-report kpi --week 2026-W48
fails 64 "kpi takes no --week" "--week is the summary's"
run crm-report tiers --week 2026-W48
fails 64 "tiers takes no --week" "and says so to a report without dates too"
run crm-report tiers -o html
fails 64 "-o html is summary's: tiers is one table" "other reports are one table"
run crm-list -o html
fails 64 "unknown output format 'html'" "other programs write no HTML"
run crm-report summary --month 2026-11 -o jsonl
fails 64 "summary is one page" "summary is one JSON object, not lines"

# --- mailing it --------------------------------------------------------------
export CRM_MAIL_FROM='客服中心 <crm@example.com>'
cat >parts.py <<'EOF'
import email, email.policy, mailbox, sys
page = open(sys.argv[2], 'rb').read()
for m in mailbox.mbox(sys.argv[1], factory=None):
    m = email.message_from_bytes(m.as_bytes(), policy=email.policy.default)
    kinds = [p.get_content_type() for p in m.walk()]
    text = m.get_body(('plain',)).get_content()
    html = m.get_body(('html',)).get_payload(decode=True)
    print(m['To'], '|', m['Subject'], '|', ' '.join(kinds), '|',
          'same page' if html == page else 'another page', '|',
          len(text.splitlines()), 'lines')
EOF
run_in nov.html crm-mail --html --to div,pres --subject '月度客服报告' --mbox
rc_is 0 "crm-mail --html --mbox"
printf '%s\n' "$out" >nov.mbox
is "$(python3 parts.py nov.mbox nov.html | sed 's/| [0-9]* lines$/| N lines/')" \
	"div@example.com | 月度客服报告 | multipart/alternative text/plain text/html | same page | N lines
pres@example.com | 月度客服报告 | multipart/alternative text/plain text/html | same page | N lines" \
	"a message each, the text first, then the page as it was written"
python3 -c '
import email, email.policy, mailbox, sys
m = next(iter(mailbox.mbox(sys.argv[1])))
m = email.message_from_bytes(m.as_bytes(), policy=email.policy.default)
sys.stdout.write(m.get_body(("plain",)).get_content())' nov.mbox >nov.txt
like "$(cat nov.txt)" "^Customer service summary, month 2026-11$" "the text begins with the page's title"
like "$(cat nov.txt)" "^Complaints received \(2026-11-01 to 2026-11-30\)$" "each section's heading"
like "$(cat nov.txt)" "^s1          2         1          1           50\.0              4  yes$" \
	"its table in aligned columns, figures to the right"
unlike "$(cat nov.txt)" "<|&amp;|svg|font-family" "no markup, no style, no drawing"
run_in nov.html crm-mail --html --to s1 --mbox
like "$(printf '%s\n' "$out" | grep '^Subject:')" "^Subject: Customer service summary, month 2026-11$" \
	"without --subject: the page's title"
run_in nov.html crm-mail --html --to 'dm, boss@example.org,dm' --to s2 -n
is "$out" "to	login
dm@example.com	dm
boss@example.org	
s2@example.com	s2" "--dry-run: each address once, a login or an address; --to again adds"
run_in nov.html crm-mail --html --to nobody -n
fails 1 "--to: no staff member 'nobody'" "a login not on the staff"
run_in nov.html crm-mail --html --to gone -n
fails 65 "--to: 'gone' has left" "a member who has left"
run_in nov.html crm-mail --html --to noaddr -n
fails 65 "--to: 'noaddr' has no email address" "a member without an address"
run_in nov.html crm-mail --html --to 'a@b@c' -n
fails 65 "--to: bad address 'a@b@c'" "a bad address"
run_in nov.html crm-mail --html -n
fails 64 "--html needs --to" "--html without --to"
run_in nov.html crm-mail --to div -n
fails 64 "--to goes with --html" "--to without --html"
run_in nov.html crm-mail --html --to '' -n
fails 64 "--to needs a login or an address" "an empty --to"
run_in /dev/null crm-mail --html --to div -n
fails 65 "stdin: empty: nothing to mail" "an empty document"
printf '<p>ok</p>\n<p>\377</p>\n' >bad.html
run crm-mail --html --to div -n bad.html
fails 65 "bad.html:2: not UTF-8" "a document that is not UTF-8, with its line"
run crm-mail --html --to div -n missing.html
fails 66 "cannot open 'missing.html'" "a document that is not there"
# Sent through sendmail, and --once sends it once a day.
mkdir sent
cat >fake-sendmail <<'EOF'
#!/bin/sh
cat >"$(dirname "$0")/sent/$(ls "$(dirname "$0")/sent" | wc -l).eml"
EOF
chmod +x fake-sendmail
export CRM_SENDMAIL="$work/fake-sendmail -t -oi"
run_in nov.html crm-mail --html --to div --once
rc_is 0 "sent through sendmail"
like "$(cat sent/0.eml)" "^Content-Type: multipart/alternative;" "as multipart/alternative"
run_in nov.html crm-mail --html --to div,pres --once
is "$(ls sent | wc -l | tr -d ' ')" 2 "--once: div had it today; pres gets it"
# The README's monthly line, as cron runs it on the 1st.
crm-report summary --month last --today 2026-12-01 -o html | crm-mail --html --to div,pres --subject '月度客服报告' --today 2026-12-01
is "$(ls sent | wc -l | tr -d ' ')" 4 "the monthly pipeline mails the page to the division head and the president"

done_testing
