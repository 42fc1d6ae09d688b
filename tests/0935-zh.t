#!/bin/sh
# Chinese for the people who use crm (gettext, zh_CN.UTF-8): messages,
# --help, table headers and words, the mail, the notice, the summary;
# the catalogue complete and in the glossary's words; every machine format
# byte for byte the same as under C.UTF-8; names in pinyin order; times
# shown to people in local time.
. "$(dirname "$0")/lib.sh"

ZH=zh_CN.UTF-8
# This test sets the language itself (make check-locale's LANGUAGE=en,
# which holds messages English for the other tests, would hide it).
unset LANGUAGE
if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\?8'; then
	_report 1 "the locale $ZH is installed" \
	    "generate it: sudo localedef -i zh_CN -f UTF-8 zh_CN.UTF-8"
	done_testing
	exit 1
fi
zh() { export LC_ALL=$ZH; }
en() { export LC_ALL=C.UTF-8; }

# --- the catalogue --------------------------------------------------------
po="$top/po/zh_CN.po"
# (gettext's own tools speak the locale too: their figures in English.)
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1)
ok $? "msgfmt --check accepts zh_CN.po (formats, plurals, header)"
like "$stats" '^[0-9]+ translated messages\.$' \
	"zh_CN.po: every message translated, none fuzzy ($stats)"

# The catalogue covers what the sources say now: po/crm.pot made afresh
# (xgettext over lib/ and cmd/, the model's columns and words) has no
# message that zh_CN.po lacks.
LC_ALL=C make -s -C "$top" POT="$work/crm.pot" pot >"$work/pot.log" 2>&1
ok $? "make pot extracts the messages" 
msgmerge -q --no-fuzzy-matching "$po" "$work/crm.pot" -o "$work/merged.po" 2>&1
stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$work/merged.po" 2>&1)
like "$stats" '^[0-9]+ translated messages\.$' \
	"every message of the sources now is translated ($stats)"
n_new=$(msgcomm --less-than=2 -u "$work/crm.pot" "$top/po/crm.pot" 2>/dev/null | grep -c '^msgid ')
is "$n_new" "0" "po/crm.pot is up to date (make pot)"

# What msgfmt does not check: the {placeholders} of --help and the ':'
# after which crm appends the system's reason; and the glossary's words
# are the catalogue's.
python3 - "$po" "$top/po/GLOSSARY.md" >"$work/po.tap" <<'PY'
import re, sys
po, gl = sys.argv[1], sys.argv[2]
def unq(s):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t', '"': '"', '\\': '\\'}.get(m.group(1), m.group(1)), s)
entries = []
cur = {}
key = None
for line in open(po, encoding='utf-8'):
    line = line.rstrip('\n')
    if not line.strip():
        if cur: entries.append(cur)
        cur, key = {}, None
        continue
    if line.startswith('#'):
        continue
    m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
    if m:
        key = m.group(1)
        cur[key] = unq(m.group(2))
    elif line.startswith('"') and key:
        cur[key] += unq(line[1:-1])
if cur: entries.append(cur)
bad = []
for e in entries:
    mid = e.get('msgid', '')
    if not mid: continue
    strs = [v for k, v in e.items() if k.startswith('msgstr')]
    for s in strs:
        if sorted(re.findall(r'\{[a-z.]+\}', mid)) != sorted(re.findall(r'\{[a-z.]+\}', s)):
            bad.append('placeholders: %r' % mid[:60])
        if mid.endswith(':') != s.endswith(':'):
            bad.append("trailing ':': %r -> %r" % (mid[:60], s[:60]))
print(('ok' if not bad else 'not ok') + ' 1 - every translation keeps its {placeholders} and trailing ":"')
for b in bad[:20]: print('#   ' + b)
# glossary
g = open(gl, encoding='utf-8').read()
def table(section):
    part = g.split('## ' + section)[1].split('\n## ')[0]
    m = {}
    for line in part.splitlines():
        if not line.startswith('|') or '---' in line: continue
        cells = [c.strip() for c in line.strip('|').split('|')]
        for i in range(0, len(cells) - 1, 2):
            if cells[i] and cells[i + 1] and cells[i] not in ('word', 'column', 'entity'):
                m[cells[i]] = cells[i + 1]
    return m
want = {'word': table('Closed-list words'), 'column': table('Column labels'),
        'entity': table('Entity names')}
have = {(e.get('msgctxt'), e.get('msgid')): e.get('msgstr') for e in entries if 'msgctxt' in e}
diff = ['%s %s: glossary %s, catalogue %s' % (c, w, t, have.get((c, w)))
        for c in want for w, t in want[c].items()
        if (c, w) in have and have[(c, w)] != t]
print(('ok' if not diff else 'not ok') + ' 2 - column labels, closed-list words and entity names are the glossary\'s')
for d in diff[:20]: print('#   ' + d)
missing = [w for w in want['word'] if w != 'A B C D' and ('word', w) not in have]
print(('ok' if not missing else 'not ok') + ' 3 - every word of the glossary is a word of the model')
for d in missing[:20]: print('#   ' + d)
PY
while IFS= read -r l; do
	case $l in
	ok*) _report 0 "${l#ok [0-9]* - }" ;;
	"not ok"*) _report 1 "${l#not ok [0-9]* - }" "$(sed -n '/^#/p' "$work/po.tap")" ;;
	esac
done <"$work/po.tap"

# --- people read Chinese --------------------------------------------------
CRM_USER=yangxue sh "$top/data/demo.sh" >/dev/null 2>"$work/demo.err"
ok $? "the demo database (data/demo.sh)"
export CRM_USER=yangxue

zh
run crm-list --tier Z
fails 65 "^crm-list: tier：'Z'不是以下取值之一：A B C$" "an error message in Chinese"
en
run crm-list --tier Z
fails 65 "^crm-list: tier: 'Z' is not one of: A B C$" "the same in English under C.UTF-8"
# LANG alone, and LANGUAGE, choose the language as they do for any GNU
# program.
run env -u LC_ALL LANG=$ZH crm-list --tier Z
like "$err" "不是以下取值之一" "LANG=zh_CN.UTF-8 alone"
run env -u LC_ALL LANG=C.UTF-8 LANGUAGE=zh_CN crm-list --tier Z
like "$err" "不是以下取值之一" "LANGUAGE=zh_CN"
run env LC_ALL=$ZH LC_MESSAGES=C.UTF-8 crm-list --tier Z
like "$err" "不是以下取值之一" "LC_ALL wins over LC_MESSAGES"
run env -u LC_ALL LANG=$ZH LC_MESSAGES=C crm-list --tier Z
like "$err" "is not one of" "LC_MESSAGES=C keeps messages English"
zh
run crm-init
like "$err" "^crm-init: 无法创建.*已有文件" "crm-init on an existing database says so in Chinese"
run crm-import customers "$work/none.csv"
like "$err" "^crm-import: .*none.csv" "a missing file: names it"
unlike "$err" "[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}" "and in no English sentence"

# --help of every program: Chinese, its words filled in, no line wider than
# a terminal.
for p in "$CRM_BIN"/crm-*; do
	name=${p##*/}
	run "$name" --help
	rc_is 0 "$name --help exits 0"
	like "$out" "^用法：$name" "$name --help: 用法：..."
	unlike "$out" "\{[a-z.]+\}" "$name --help: every {placeholder} filled in"
	wide=$(printf '%s\n' "$out" | python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(max(w(l.rstrip("\n")) for l in sys.stdin))')
	ok "$([ "$wide" -le 80 ]; echo $?)" "$name --help: lines of 80 columns or fewer ($wide)"
done
run crm --help
like "$out" "^用法：crm COMMAND" "crm --help in Chinese"
like "$out" "客户" "with the commands' descriptions"

# Table output: the headers and the closed lists' words.
run crm-list -o table --tier A --columns code,name,tier,stage,category
like "$(printf '%s\n' "$out" | head -1)" "^客户编号 +名称 +等级 +阶段 +类别$" "table headers are the columns' labels"
like "$out" "政府单位" "category government is 政府单位"
like "$out" "成交客户" "stage customer is 成交客户"
run crm-list -o tsv --tier A --columns code,name,tier,stage,category
like "$(printf '%s\n' "$out" | head -1)" "^code	name	tier	stage	category$" "tsv keeps the column names"
like "$out" "	government$|	enterprise$" "and the words"
run crm-visit-due --today 2026-11-27 --within 3 -o table
like "$(printf '%s\n' "$out" | head -1)" "^到期日 +状态 +客户ID +客户编号 +客户 +等级 +事项 +拜访级别 +负责人 +电子邮箱 +说明$" "the due list's headers"
like "$out" "逾期" "status overdue is 逾期"
like "$out" "例行拜访" "obligation cadence is 例行拜访"
like "$out" "客户经理" "level account_manager is 客户经理"
like "$out" "本月第1次（共2次）" "the detail '1 of 2 this month' in Chinese"
run crm-staff list -o table
like "$out" "部门经理" "roles in Chinese"

# Every table's header line, of every program: labels, no column name
# left in English (a computed column needs its line in po/columns.txt).
while IFS= read -r cmd; do
	head=$(LC_ALL=$ZH sh -c "$cmd" 2>/dev/null | head -1)
	case $cmd in *summary*) head=$(LC_ALL=$ZH sh -c "$cmd" 2>/dev/null | sed -n 2p) ;; esac
	ok "$(printf '%s\n' "$head" | grep -Eq '[a-z_]{2,}|^$'; [ $? = 1 ]; echo $?)" \
	    "header in Chinese: $cmd: $head"
done <<'EOF'
crm-list -o table --columns id,code,name,tier,stage,category,region,address,owner,uscc,credit,credit_note,scale_tonnes,process,materials,investment,industry,source,notes,created_at,updated_at,customer_since
crm-staff list -o table
crm-visit list -o table
crm-visit rules -o table
crm-visit plans -o table
crm-visit-due --today 2026-11-27 --within 30 -o table
crm-complaint list -o table
crm-survey list -o table
crm-order list -o table
crm-holiday list -o table
crm-config list -o table
crm-log -o table
crm-check -o table
crm-check --tiers -o table
crm-report tiers -o table
crm-report complaints --month 2026-11 -o table
crm-report satisfaction --month 2026-11 -o table
crm-report funnel -o table
crm-report churn -o table
crm-report kpi --month 2026-11 -o table
crm-report visits --month 2026-11 -o table
crm-report summary --month 2026-11 -o table
crm-visit-due --today 2026-11-27 --within 3 | crm-mail --dry-run -o table
EOF

# The nightly mail: Chinese, in blocks that fit a phone.
crm-visit-due --today 2026-11-27 --within 3 --escalate 7 >"$work/due.tsv"
run_in "$work/due.tsv" env CRM_MAIL_FROM=crm@example.cn crm-mail --mbox --today 2026-11-27
rc_is 0 "crm-mail --mbox under zh_CN"
like "$out" "^负责人：" "the assignee's line"
like "$out" "^每行：状态 · 事项 · 拜访级别 · 说明$" "the legend of a line"
like "$out" "^到期日 2026-" "a heading per due date"
like "$out" "^- 逾期 · 例行拜访 · 客户经理$" "a line per obligation, in Chinese"
like "$out" "^  本月第1次（共2次）$" "its detail goes on under it when the line is full"
like "$out" "· 等级 [ABC]$" "the customer's title line with its tier"
unlike "$out" "overdue|cadence|account_manager| of [0-9]+ this " "no English word of the due list in the body"
# The bodies only (after each message's header block).
wide=$(printf '%s\n' "$out" | python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
body, m = False, 0
for l in sys.stdin:
    l = l.rstrip("\n")
    if l.startswith("From "): body = False
    elif not l: body = True
    elif body: m = max(m, w(l))
print(m)')
ok "$([ "$wide" -le 40 ]; echo $?)" "no line of a mail body is wider than 40 columns ($wide): it fits a phone"
like "$out" "^Subject: =\?UTF-8\?B\?" "the default subject is encoded Chinese"
subject=$(printf '%s\n' "$out" | sed -n 's/^Subject: //p' | head -1 | python3 -c '
import sys
from email.header import decode_header, make_header
print(str(make_header(decode_header(sys.stdin.read().strip()))))')
like "$subject" "^crm 2026-11-27：共[0-9]+项$" "the default subject reads in Chinese: $subject"

# The complaint handling notice.
run crm-complaint notice 1
rc_is 0 "crm-complaint notice under zh_CN"
like "$out" "投诉处理通知单" "the notice's title"
like "$out" "严重程度" "its labels"

# The summary report, text and HTML.
run crm-report summary --month 2026-11 -o table
like "$out" "^== 客户等级与阶段分布" "the text summary's headings are Chinese"
run crm-report summary --month 2026-11 -o html
like "$out" "<title>客户服务月度汇总（2026-11）</title>" "the HTML summary's title is Chinese"
like "$out" "<th>等级</th>" "its table headers"
like "$out" "<html lang=\"zh-CN\"" "the page says it is Chinese"
en
run crm-report summary --month 2026-11 -o html
like "$out" "<html lang=\"en\"" "and English under C.UTF-8"

# --- machine formats are the same in every locale ------------------------
# Every program that writes a machine format, in each of them, under C.UTF-8
# and zh_CN.UTF-8 (and LANG alone): the same bytes and the same exit status.
cat >"$work/machine.cmds" <<'EOF'
crm-list -o tsv
crm-list -o csv
crm-list -o json
crm-list -o jsonl
crm-list -o ids
crm-list --sort id --columns id,code,name,tier,stage,category,region,owner,credit,scale_tonnes,investment,created_at -o tsv
crm-list --search 环保 -o tsv
crm-show C000001 -o tsv
crm-show C000001 -o json
crm-show C000001 -o csv
crm-log -o tsv
crm-log -o jsonl
crm-log --entity customer -o json
crm-staff list -o tsv
crm-staff list -o json
crm-config list -o tsv
crm-holiday list -o tsv
crm-visit list -o tsv
crm-visit rules -o tsv
crm-visit plans -o tsv
crm-visit-due --today 2026-11-27 --within 30 -o tsv
crm-visit-due --today 2026-11-27 --within 30 -o csv
crm-visit-due --today 2026-11-27 --within 30 -o json
crm-visit-due --today 2026-11-27 --within 30 -o jsonl
crm-visit-due --today 2026-11-27 --within 30 -o ids
crm-visit-due --today 2026-11-27 --within 30 --escalate 3 -o tsv
crm-visit-due --today 2026-11-27 --within 30 -o ics | grep -v '^DTSTAMP'
crm-complaint list -o tsv
crm-complaint list -o json
crm-complaint show 1 -o tsv
crm-complaint notice 1 -o json
crm-survey list -o tsv
crm-order list -o tsv
crm-order list -o json
crm-report tiers -o tsv
crm-report complaints --month 2026-11 -o tsv
crm-report satisfaction --month 2026-11 -o json
crm-report funnel -o tsv
crm-report churn -o tsv
crm-report kpi --month 2026-11 -o tsv
crm-report visits --month 2026-11 -o tsv
crm-report summary --month 2026-11 -o tsv
crm-report summary --month 2026-11 -o json
crm-check -o tsv
crm-check --tiers -o tsv
crm-check --tiers -o json
crm-export customers
crm-export contacts --bom
crm-export visits
crm-export complaints
crm-export staff --redact
crm-visit-due --today 2026-11-27 --within 3 | crm-mail --dry-run -o tsv
crm-list --tier Z -o tsv
crm-edit C000001 --tier Q
EOF
n=0
while IFS= read -r cmd; do
	n=$((n + 1))
	LC_ALL=C.UTF-8 sh -c "$cmd" >"$work/c.out" 2>/dev/null; rc_c=$?
	LC_ALL=$ZH sh -c "$cmd" >"$work/z.out" 2>/dev/null; rc_z=$?
	env -u LC_ALL LANG=$ZH sh -c "$cmd" >"$work/l.out" 2>/dev/null; rc_l=$?
	if cmp -s "$work/c.out" "$work/z.out" && cmp -s "$work/c.out" "$work/l.out" \
	    && [ "$rc_c" = "$rc_z" ] && [ "$rc_c" = "$rc_l" ]; then
		_report 0 "same bytes and status ($rc_c) under zh_CN: $cmd"
	else
		_report 1 "same bytes and status under zh_CN: $cmd" \
		    "status C $rc_c, zh $rc_z, LANG $rc_l" "$(diff "$work/c.out" "$work/z.out" | head -10)"
	fi
done <"$work/machine.cmds"
ok "$([ "$n" -ge 50 ]; echo $?)" "the machine formats of $n command lines compared"
# A write through crm-import under zh_CN stores what it stores under C.
en
crm-export customers >"$work/cust.csv"
crm-init --db "$work/a.db" >/dev/null 2>&1 && crm-init --db "$work/b.db" >/dev/null 2>&1
LC_ALL=C.UTF-8 crm-import -d "$work/a.db" customers "$work/cust.csv" 2>/dev/null
LC_ALL=$ZH crm-import -d "$work/b.db" customers "$work/cust.csv" 2>/dev/null
is "$(crm-export -d "$work/b.db" customers | md5sum)" "$(crm-export -d "$work/a.db" customers | md5sum)" \
	"an import under zh_CN stores the same values as under C"

# --- pinyin order -----------------------------------------------------------
export CRM_DB="$work/names.db"
crm-init >/dev/null 2>&1
for n in 张家港水务 陈氏化工 北方水务 安达制药 成都化工 阿城环保; do
	crm-add --name "$n" --tier C >/dev/null
done
zh
run crm-list --sort name --columns name -o tsv --no-header
is "$(printf '%s\n' "$out" | tr '\n' ' ')" "阿城环保 安达制药 北方水务 陈氏化工 成都化工 张家港水务 " \
	"--sort name under zh_CN: pinyin order (a an bei chen cheng zhang)"
run crm-list --sort -name --columns name -o tsv --no-header
is "$(printf '%s\n' "$out" | head -1)" "张家港水务" "--sort -name: descending pinyin"
en
run crm-list --sort name --columns name -o tsv --no-header
is "$(printf '%s\n' "$out" | tr '\n' ' ')" "北方水务 安达制药 张家港水务 成都化工 阿城环保 陈氏化工 " \
	"under C.UTF-8: code point order"
run env LC_ALL= LANG=$ZH LC_COLLATE=C crm-list --sort name --columns name -o tsv --no-header
is "$(printf '%s\n' "$out" | head -1)" "北方水务" "LC_COLLATE=C: byte order whatever the language"

# --- times people read are local ----------------------------------------------
export CRM_DB="$work/crm.db"
run env TZ=Asia/Shanghai crm-show C000001 -o table
like "$out" "^(创建时间|created_at) +[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} \+0800$" "crm-show: times in local time with the zone"
run env TZ=Asia/Shanghai crm-log -o table
like "$out" "[0-9]{2}:[0-9]{2} \+0800" "crm-log -o table: local time"
run env TZ=Asia/Shanghai crm-log -o tsv
like "$(printf '%s\n' "$out" | sed -n 2p)" "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z	" "crm-log -o tsv: UTC as stored"
a=$(TZ=Asia/Shanghai crm-log -o tsv | sed -n 2p | cut -f1)
b=$(TZ=UTC crm-log -o tsv | sed -n 2p | cut -f1)
is "$a" "$b" "tsv times do not depend on TZ"

done_testing
