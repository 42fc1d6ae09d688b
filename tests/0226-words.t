#!/bin/sh
# A sheet as Chinese staff make it, in Excel or WPS (issue 12's review):
# the closed lists' words by their Chinese labels, dates as a Chinese
# Excel saves them (2021/6/1, 2021年6月1日, 2026/11/27 9:30), TRUE and 是
# for yes, headers with ASCII brackets, a customer's name where its code
# belongs, a day shown as its serial in a workbook.  Each through
# crm-import and through crm-add and crm-edit, whatever the locale.
. "$(dirname "$0")/lib.sh"

demo_db >/dev/null 2>&1

# 1. The labels of lib/labels.c are the catalogue's (po/zh_CN.po,
# msgctxt "word"), so that a word reads back as -o table shows it.
out=$(python3 - "$top/lib/labels.c" "$top/po/zh_CN.po" <<'PY'
import re, sys
src = open(sys.argv[1], encoding='utf-8').read()
table = src.split('word_labels[] = {')[1].split('};')[0]
labels = dict(re.findall(r'\{"([^"]+)", "([^"]+)"\}', table))
po = open(sys.argv[2], encoding='utf-8').read()
words = dict(re.findall(r'msgctxt "word"\nmsgid "([^"]*)"\nmsgstr "([^"]*)"', po))
# every model word of the catalogue (#: lib/model.c) has a label
model = re.findall(r'#: lib/model\.c\nmsgctxt "word"\nmsgid "([^"]*)"', po)
bad = ['%s: labels.c %s, zh_CN.po %s' % (w, l, words.get(w))
       for w, l in labels.items() if words.get(w) != l]
bad += ['%s: no label in labels.c' % w for w in model if w not in labels]
print('%d' % len(labels))
for b in bad: print(b)
PY
)
is "$(printf '%s\n' "$out" | sed 1d)" "" "lib/labels.c's word labels are zh_CN.po's (msgctxt word)"
ok "$([ "$(printf '%s\n' "$out" | head -1)" -gt 60 ]; echo $?)" "and there are all of them ($(printf '%s\n' "$out" | head -1))"

# 2. Chinese words of closed lists, in any locale.
printf '客户名称,等级,类别,阶段,负责人\n测试,A,政府单位,成交客户,zhanglei\n' >zh.csv
run crm-import customers zh.csv
rc_is 0 "crm-import takes the labels of category and stage"
is "$(sql "SELECT tier, category, stage FROM customers WHERE name = '测试'")" \
	"A|government|customer" "stored as the words"
run env LC_ALL=zh_CN.UTF-8 crm-import customers zh.csv
rc_is 0 "under zh_CN too"
run env LC_ALL=C crm-import -q customers zh.csv
rc_is 0 "and under C"
run crm-add --name 测试2 --category 企业 --stage 意向
rc_is 0 "crm-add takes labels"
id=$out
is "$(sql "SELECT category, stage FROM customers WHERE id = $id")" \
	"enterprise|intent" "crm-add stores the words"
run crm-edit "$id" --stage 已流失
rc_is 0 "crm-edit takes a label"
is "$(sql "SELECT stage FROM customers WHERE id = $id")" "churned" "crm-edit stores the word"
run crm-edit "$id" --stage 流失
fails 65 "stage: '流失' is not one of: lead contacted" "a label's part is no label"
run crm-edit "$id" --category 成交客户
fails 65 "category: '成交客户' is not one of" "a label of another list is refused"
printf 'customer,date,kind,level\nC000001,2026-11-20,电话,客户经理\n' >vz.csv
run crm-import visits vz.csv
rc_is 0 "visits: kind and level by labels"
is "$(sql "SELECT kind, level FROM visits ORDER BY id DESC LIMIT 1")" \
	"phone|account_manager" "stored as the words"

# 3. Dates as a Chinese Excel or WPS saves them.
sum=$(dbsum)
printf 'code,customer_since\nC000001,2021/6/1\n' >d.csv
run crm-import --dry-run --update customers d.csv
rc_is 0 "2021/6/1 is a date (--dry-run)"
printf 'code,customer_since\nC000001,2021/6/1\nC000002,2021年6月2日\nC000003,2021-6-3\nC000004,2021/06/04\n' >d.csv
run crm-import --update customers d.csv
rc_is 0 "YYYY/M/D, YYYY年M月D日, YYYY-M-D, YYYY/MM/DD"
is "$(sql "SELECT group_concat(customer_since, ' ') FROM customers WHERE id <= 4")" \
	"2021-06-01 2021-06-02 2021-06-03 2021-06-04" "stored as YYYY-MM-DD"
sum=$(dbsum)
printf 'code,customer_since\nC000001,6/1/2021\nC000002,2021/2/29\nC000003,2021.6.1\nC000004,21/6/1\n' >d.csv
run crm-import --update customers d.csv
rc_is 65 "day-first, impossible and dotted dates are refused"
like "$err" "d.csv:2: customer_since: '6/1/2021' is not a valid date YYYY-MM-DD \(or YYYY/M/D, YYYY-M-D, YYYY年M月D日\)$" \
	"the message lists the forms taken"
like "$err" "d.csv:3: customer_since: '2021/2/29' is not a valid date" "2021/2/29 is no day"
like "$err" "d.csv:4: .*'2021.6.1'" "nor is 2021.6.1 taken"
like "$err" "d.csv:5: .*'21/6/1'" "nor a two-digit year"
is "$(dbsum)" "$sum" "nothing changed"
run crm-add --name 日期 --customer-since 2020/1/2
rc_is 0 "crm-add --customer-since 2020/1/2"
is "$(sql "SELECT customer_since FROM customers WHERE id = $out")" "2020-01-02" "stored as YYYY-MM-DD"
run crm-edit C000001 --customer-since 2019年12月31日
rc_is 0 "crm-edit --customer-since 2019年12月31日"
is "$(sql "SELECT customer_since FROM customers WHERE id = 1")" "2019-12-31" "stored as YYYY-MM-DD"
run crm-edit C000001 --customer-since 12/31/2019
fails 65 "customer_since: '12/31/2019' is not a valid date YYYY-MM-DD \(or" "crm-edit refuses a day-first date"
run env CRM_USER=zhanglei crm-visit add -c C000001 --date 2026/11/20 x
rc_is 0 "crm-visit add --date 2026/11/20 (the value of a date column)"
run crm-visit list --from 2026/11/20
rc_is 64 "but a query's bound stays YYYY-MM-DD (an option, not a value)"
# time stamps: the same days and H:MM or H:MM:SS
export TZ=CST-8
printf 'customer,received_at,description,channel,severity,category\nC000001,2026/11/25 9:30,a,电话,一般,c\nC000001,2026年11月24日 09:30:15,b,phone,normal,c\n' >t.csv
run crm-import complaints t.csv
rc_is 0 "received_at: 2026/11/25 9:30 and 2026年11月24日 09:30:15 (local time)"
is "$(sql "SELECT group_concat(received_at || '/' || channel || '/' || severity, ' ') FROM (SELECT * FROM complaints ORDER BY id DESC LIMIT 2)")" \
	"2026-11-24T01:30:15Z/phone/normal 2026-11-25T01:30:00Z/phone/normal" "as UTC time stamps (UTC+8), and the labels as words"
sum=$(dbsum)
printf 'customer,received_at,description\nC000001,2026/11/27 9:3,a\nC000001,11/27/2026 9:30,b\n' >t.csv
run crm-import complaints t.csv
rc_is 65 "a minute of one digit, a day-first day: refused"
like "$err" "t.csv:2: received_at: '2026/11/27 9:3' is not a time stamp YYYY-MM-DDTHH:MM:SSZ \(UTC\), a local time YYYY-MM-DD HH:MM\[:SS\] or a date YYYY-MM-DD \(the day also YYYY/M/D, YYYY-M-D or YYYY年M月D日, the hour also H\)$" \
	"the message lists the forms"
is "$(dbsum)" "$sum" "nothing changed"
run crm-complaint new -c C000001 --severity low --channel phone --category c --received "2026/11/23 8:05" d
rc_is 0 "crm-complaint new --received '2026/11/25 8:05'"
is "$(sql "SELECT received_at FROM complaints ORDER BY id DESC LIMIT 1")" "2026-11-23T00:05:00Z" "stored in UTC"
unset TZ

# 4. Yes and no as Excel writes them (TRUE), and 是 and 否.
printf 'customer,name,primary\nC000005,甲,TRUE\nC000006,乙,Yes\nC000007,丙,是\nC000008,丁,FALSE\nC000009,戊,否\nC000010,己,NO\n' >b.csv
run crm-import contacts b.csv
rc_is 0 "TRUE, Yes, 是, FALSE, 否, NO"
is "$(sql "SELECT group_concat(\"primary\", '') FROM (SELECT \"primary\" FROM contacts WHERE name IN ('甲','乙','丙','丁','戊','己') ORDER BY customer)")" \
	"111000" "stored as yes and no"
printf 'customer,name,primary\nC000005,庚,maybe\nC000005,辛,对\n' >b.csv
run crm-import contacts b.csv
rc_is 65 "maybe and 对 are not yes or no"
like "$err" "b.csv:2: primary: 'maybe' is not yes or no \(nor true or false, 1 or 0, 是 or 否\)$" "the message lists them"
run crm-add --contact -c C000011 --name 壬 --primary TRUE
rc_is 0 "crm-add --contact --primary TRUE"
is "$(sql "SELECT \"primary\" FROM contacts WHERE name = '壬'")" "1" "stored as yes"
run crm-staff add --login lz --name 李 --role admin --active=否
rc_is 0 "crm-staff add --active=否"
is "$(sql "SELECT active FROM staff WHERE login = 'lz'")" "0" "stored as no"

# 5. A header with ASCII brackets, blanks beside them.
printf '客户名称,规模(吨), 成交日期 \n括号,120,2021/6/1\n' >h.csv
run crm-import customers h.csv
rc_is 0 "规模(吨) and ' 成交日期 ' are columns"
is "$(sql "SELECT scale_tonnes, customer_since FROM customers WHERE name = '括号'")" "120|2021-06-01" "read into them"
printf '客户名称,规 模(吨)\n括号,120\n' >h.csv
run crm-import customers h.csv
fails 65 "unknown column '规 模\(吨\)'" "a blank inside a word still counts"

# 6. A customer's name where its code belongs.
sum=$(dbsum)
printf 'customer,name\n榆阳区环保局,王五\n' >n.csv
run crm-import contacts n.csv
rc_is 65 "a customer's name is not taken for it"
like "$err" "n.csv:2: customer: '榆阳区环保局' is a customer's name: the column takes its code \(C000001\) or id$" \
	"the message says so, with the code"
is "$(dbsum)" "$sum" "nothing changed"
run crm-add --name 榆阳区环保局
run crm-import contacts n.csv
like "$err" "customer: '榆阳区环保局' is the name of 2 customers: the column takes a customer's code or id$" \
	"two of that name: no code given"
printf 'customer,name\n没有这家,王五\n' >n.csv
run crm-import contacts n.csv
like "$err" "customer: no customer '没有这家'$" "a text that is no name: as before"
run crm-add --contact -c 榆阳区第一污水处理厂 --name 王五
fails 1 "^crm-add: '榆阳区第一污水处理厂' is a customer's name: give its code \(C000002\) or id$" \
	"crm-add -c says the same"
run crm-order add -c 榆阳区第一污水处理厂 --amount 1 --date 2026-11-01
fails 1 "is a customer's name: give its code \(C000002\)" "as does crm-order -c"

# 7. A workbook: a day typed into a column of General format is its
# serial.
python3 - <<'PY'
import zipfile
def w(path, rows):
    cells = []
    for r, row in enumerate(rows, 1):
        cs = ''
        for c, v in enumerate(row):
            ref = 'ABCDEFGH'[c] + str(r)
            if isinstance(v, str):
                cs += '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)
            else:
                cs += '<c r="%s"><v>%s</v></c>' % (ref, v)
        cells.append('<row r="%d">%s</row>' % (r, cs))
    z = zipfile.ZipFile(path, 'w')
    z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    z.writestr('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr('xl/worksheets/sheet1.xml', '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % ''.join(cells))
    z.close()
w('serial.xlsx', [['code', 'customer_since'], ['C000001', 46000]])
w('text.xlsx', [['code', '成交日期', '类别'], ['C000001', '2021年6月1日', '其他']])
PY
sum=$(dbsum)
run crm-import --update customers serial.xlsx
rc_is 65 "a date serial in a General cell is refused"
like "$err" "serial.xlsx:2: customer_since: 46000 is a number in the spreadsheet, which looks like a spreadsheet's date serial \(2025-12-09\); format the column as Date in the spreadsheet$" \
	"with the day it would be and the hint"
is "$(dbsum)" "$sum" "nothing changed"
run crm-import --update customers text.xlsx
rc_is 0 "a workbook's text 2021年6月1日 and 其他"
is "$(sql "SELECT customer_since, category FROM customers WHERE id = 1")" "2021-06-01|other" "read as a day and a word"

done_testing
