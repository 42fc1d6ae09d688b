#!/bin/sh
# crm-import from .xlsx: the same rows, checks, rejects and all-or-nothing
# as CSV, with the sheet's row numbers in messages.  The workbooks are
# tests/data/*.xlsx, written by tests/data/make-xlsx.py.
. "$(dirname "$0")/lib.sh"

data="$top/tests/data"
cp "$data"/*.xlsx "$data"/*.csv "$work"/

# export_rows DB TABLE: crm-export's csv without the time stamps crm
# stamps at import (the two imports below are seconds apart).
export_rows() {
	crm-export -d "$1" "$2" | python3 -c 'import csv, sys
r = list(csv.reader(sys.stdin))
keep = [i for i, c in enumerate(r[0]) if c not in ("created_at", "updated_at")]
w = csv.writer(sys.stdout, lineterminator="\n")
for row in r:
    w.writerow([row[i] for i in keep])'
}

setup() {
	crm-init --empty --db "$1" >/dev/null &&
	tester_staff --db "$1" &&
	crm-import -q -d "$1" staff "$top/data/demo/staff.csv"
}
setup "$work/x.db"
setup "$work/c.db"
export CRM_DB="$work/x.db"

# --- the same as CSV ------------------------------------------------------
run crm-import customers customers.xlsx
rc_is 0 "customers from a workbook"
like "$err" "^crm-import: customers.xlsx: imported 3 customers; 1 without a tier: its tier from the rulebook's criteria$" \
	"and the summary names the file"
run crm-import -d c.db customers customers.csv
rc_is 0 "the same customers from CSV"
is "$(export_rows x.db customers)" "$(export_rows c.db customers)" \
	"the workbook's customers are the CSV file's: Chinese text, rich text, dates, money, gaps"
is "$(sql "SELECT customer_since FROM customers WHERE code = 'C000102'")" 2025-01-01 \
	"a date in a custom format (yyyy\"年\"m\"月\"d\"日\")"
is "$(sql "SELECT investment, notes FROM customers WHERE code = 'C000102'")" "123450|12" \
	"a money cell in fen; a number in a text column is its shortest decimal"
is "$(sql "SELECT count(*) FROM customers")" 3 "an absent row and a row of empty cells are no customers"

run crm-import --sheet 联系人 contacts office.xlsx
rc_is 0 "contacts from the second sheet of an Excel-shaped workbook (--sheet)"
run crm-import -d c.db contacts contacts.csv
rc_is 0 "the same contacts from CSV"
is "$(export_rows x.db contacts)" "$(export_rows c.db contacts)" \
	"the contacts are the CSV file's: booleans, a mobile number as a number, a time"
is "$(sql "SELECT name, mobile, \"primary\" FROM contacts ORDER BY id")" "李卫东|15199224448|1
高晓燕|18643130847|0" "a mobile number typed as a number is kept; TRUE and FALSE are yes and no"

run crm-import --dry-run contacts hidden.xlsx
rc_is 0 "the first worksheet that is not hidden, past a chart sheet"
like "$err" "2 rows: 2 added" "its rows are read"

run crm-import visits date1904.xlsx
rc_is 0 "a workbook of the 1904 date system"
is "$(sql "SELECT date FROM visits")" 2024-01-01 "its days are counted from 1904"

# --- bad rows: FILE:ROW with the sheet's row number, nothing imported -----
sum=$(dbsum)
run crm-import customers bad-row.xlsx
rc_is 65 "a bad row: refused"
is "$err" "crm-import: bad-row.xlsx:5: tier: 'Z' is not one of: A B C
crm-import: bad-row.xlsx: 1 bad row of 4: nothing imported" \
	"named by the sheet's row number, as CSV names its line"
is "$(dbsum)" "$sum" "nothing imported"

run crm-import --rejects rejects.csv customers bad-row.xlsx
rc_is 0 "--rejects imports the good rows"
is "$(sql "SELECT group_concat(name, ' ') FROM customers WHERE name LIKE '_厂'")" "甲厂 乙厂 丁厂" \
	"the three good ones"
is "$(tail -n +2 rejects.csv | tr -d '\r')" "丙厂,Z,line 5: tier: 'Z' is not one of: A B C" \
	"the bad one in the rejects file, with its row number"
is "$(head -1 rejects.csv | tr -d '\r')" "$(printf '\357\273\277name,tier,reason')" \
	"which is CSV with a BOM, for Excel"

# --- numbers a spreadsheet made from text ---------------------------------
sum=$(dbsum)
run crm-import customers uscc-number.xlsx
rc_is 65 "a credit code stored as a number is refused"
like "$err" "^crm-import: uscc-number.xlsx:3: uscc: 1.26108027430909E\\+17 is a number the spreadsheet made from text \\(digits lost\\); format the column as Text in the spreadsheet and type the values again$" \
	"with the row, the value as the file has it, and what to do"
like "$err" "uscc-number.xlsx:4: uscc: the cell holds the spreadsheet's error #N/A" \
	"an error value (#N/A) is refused too"
is "$(dbsum)" "$sum" "nothing imported"
run crm-import --rejects - customers uscc-number.xlsx
like "$out" "乙厂,1.26108027430909E\\+17,line 3: uscc:" \
	"the rejects file shows the number as the file has it"
sql "DELETE FROM customers WHERE name IN ('甲厂')"

run crm-import contacts phone-number.xlsx
rc_is 65 "a phone number with its area code stored as a number is refused"
like "$err" "^crm-import: phone-number.xlsx:2: phone: 9126797525 is a number in the spreadsheet, which drops a phone number's leading 0 \\(was it 09126797525\\?\\); format the column as Text" \
	"with the hint that its leading 0 is lost"

# sheet_book FILE ROW...: a workbook of one sheet whose rows are the
# XML of their cells (<c> elements, without references).
sheet_book() {
	python3 - "$@" <<'PY'
import sys, zipfile
NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
P = 'http://schemas.openxmlformats.org/package/2006/relationships'
rows = ''.join('<row r="%d">%s</row>' % (i + 1, r) for i, r in enumerate(sys.argv[2:]))
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    z.writestr('_rels/.rels', '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % (P, R))
    z.writestr('xl/workbook.xml', '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>' % (NS, R))
    z.writestr('xl/_rels/workbook.xml.rels', '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % (P, R))
    z.writestr('xl/worksheets/sheet1.xml', '<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (NS, rows))
PY
}
is_() { printf '<c t="inlineStr"><is><t>%s</t></is></c>' "$@"; }

# --- cells that say no value of their column ------------------------------
C=$(sql "SELECT code FROM customers ORDER BY id LIMIT 1")
sum=$(dbsum)
sheet_book formula.xlsx "$(is_ customer name)" \
	"$(is_ $C)<c t=\"str\"><f>\"王\"&amp;\"磊\"</f></c>" \
	"$(is_ $C)<c t=\"str\"><f>\"李\"</f><v>李</v></c>"
run crm-import contacts formula.xlsx
rc_is 65 "a formula whose value was never computed is refused"
is "$err" "crm-import: formula.xlsx:2: name: the cell holds a formula whose value was never computed: open the workbook in a spreadsheet and save it again
crm-import: formula.xlsx: 1 bad row of 2: nothing imported" \
	"with its row and what to do; a computed formula is its value"
# openpyxl writes a formula with an empty <v></v> and no type: never
# computed too, where a formula whose value is "" says t="str".
sheet_book formula2.xlsx "$(is_ customer name title)" \
	"$(is_ $C)<c><f>UPPER(\"b\")</f><v></v></c>$(is_ x)" \
	"$(is_ $C 赵)<c t=\"str\"><f>\"\"</f><v></v></c>"
run crm-import contacts formula2.xlsx
rc_is 65 "a formula with an empty value and no type is refused (openpyxl)"
is "$err" "crm-import: formula2.xlsx:2: name: the cell holds a formula whose value was never computed: open the workbook in a spreadsheet and save it again
crm-import: formula2.xlsx: 1 bad row of 2: nothing imported" \
	"and a formula whose value is the empty string is an empty cell"
is "$(dbsum)" "$sum" "nothing imported"
sheet_book bool.xlsx "$(is_ customer name)" "$(is_ $C)<c t=\"b\"><v>1</v></c>"
run crm-import contacts bool.xlsx
rc_is 65 "a boolean in a text column is refused"
like "$err" "^crm-import: bool.xlsx:2: name: the cell holds the spreadsheet's TRUE, and the column is not yes or no; type the value as text$" \
	"not taken for the text yes"
is "$(dbsum)" "$sum" "nothing imported"
sheet_book amount.xlsx "$(is_ customer date kind amount)" \
	"$(is_ $C)$(is_ 2026-11-27 order)<c><v>12345.675</v></c>" \
	"$(is_ $C)$(is_ 2026-11-27 order)<c><v>0.30000000000000004</v></c>"
run crm-import orders amount.xlsx
rc_is 65 "an amount of three decimals is refused, not rounded"
like "$err" "^crm-import: amount.xlsx:2: amount: .*12345.675" "naming the amount"
like "$err" "1 bad row of 2" "0.1 + 0.2 is 0.30"
run crm-import --rejects rej.csv orders amount.xlsx
is "$(sql "SELECT amount FROM orders WHERE date = '2026-11-27'")" 30 "stored as 0.30"
sheet_book qq.xlsx "$(is_ customer name)<c t=\"inlineStr\"><is><t>qq</t></is></c>$(is_ phone)" \
	"$(is_ $C 张三)<c><v>2876543210</v></c><c><v>4008001234</v></c>"
run crm-import contacts qq.xlsx
rc_is 0 "a QQ number of 10 digits and a 400 number, as numbers, are taken"
is "$(sql "SELECT qq, phone FROM contacts WHERE name = '张三'")" "2876543210|4008001234" \
	"as they are"
printf 'customer,name,phone,qq\n%s,李四,4008001234,2876543210\n%s,王五,8008101234,\n' "$C" "$C" >svc.csv
run crm-import --strict --dry-run contacts svc.csv
rc_is 0 "CSV agrees: a 400 or 800 number and a QQ number are no stripped phone (--strict)"
is "$err" "crm-import: svc.csv: 2 rows: 2 added, 0 updated, 0 rejected (dry run: nothing written)" "without a warning"

# --- files that are not workbooks: one line each --------------------------
sum=$(dbsum)
run crm-import customers not-zip.xlsx
fails 65 "^crm-import: not-zip.xlsx: not an .xlsx workbook \\(not a zip file\\): save it from the spreadsheet as an Excel workbook \\(.xlsx\\)" \
	"a CSV file named .xlsx"
run crm-import customers encrypted.xlsx
fails 65 "^crm-import: encrypted.xlsx: not an .xlsx workbook but an encrypted one or an old .xls file" \
	"an encrypted workbook (OLE2)"
run crm-import customers corrupt.xlsx
fails 65 "^crm-import: corrupt.xlsx: the workbook is damaged: .*\\(a file cut short" \
	"a workbook cut short"
run crm-import customers no-workbook.xlsx
fails 65 "^crm-import: no-workbook.xlsx: not an .xlsx workbook: it has no xl/workbook.xml$" \
	"a zip that holds no workbook"
run crm-import customers bad-xml.xlsx
fails 65 "^crm-import: bad-xml.xlsx: xl/worksheets/sheet1.xml:2:[0-9]+: mismatched tag: the workbook is damaged$" \
	"XML that is not well-formed"
run crm-import customers doctype.xlsx
fails 65 "^crm-import: doctype.xlsx: xl/worksheets/sheet1.xml: a document type declaration" \
	"a document type declaration (entities that would grow a billion times)"
run crm-import customers bad-sst.xlsx
fails 65 "^crm-import: bad-sst.xlsx:2: cell A2: there is no shared string '7'" \
	"a cell naming a shared string there is not"
run crm-import --sheet 客 customers office.xlsx
fails 66 "^crm-import: office.xlsx: the workbook has no sheet '客' \\(its sheets: '客户', '联系人'\\)$" \
	"--sheet naming no sheet: 66, with the sheets there are"
run crm-import --sheet 图表 customers hidden.xlsx
fails 65 "sheet '图表' is a chartsheet, not a worksheet of rows" "--sheet naming a chart"
run crm-import --sheet 客户 customers customers.csv
fails 64 "^crm-import: --sheet names a sheet of an .xlsx workbook, and 'customers.csv' is read as CSV$" \
	"--sheet for a CSV file"
run crm-import customers missing.xlsx
fails 66 "^crm-import: cannot read 'missing.xlsx': No such file or directory$" "a workbook that is not there"
mkdir dir.xlsx
run crm-import customers dir.xlsx
fails 66 "^crm-import: cannot read 'dir.xlsx': it is a directory$" "a folder named .xlsx"
is "$(dbsum)" "$sum" "none of them wrote anything"

# The name says CSV: a workbook named .csv is read as CSV, and refused.
cp customers.xlsx book.csv
run crm-import customers book.csv
rc_is 65 "a workbook named .csv is read as CSV"
fails 65 "^crm-import: book.csv: this is an .xlsx workbook, not CSV: name the file with .xlsx \(crm-import reads a workbook only from a file\)$" \
	"and is refused as a workbook that is not named .xlsx"
cp hidden.xlsx UPPER.XLSX
run crm-import --dry-run contacts UPPER.XLSX
rc_is 0 "the name's .XLSX in any case"

# --- workbooks written by another program (openpyxl: make-openpyxl.py) ---
setup "$work/o.db"
run crm-import -d "$work/o.db" customers "$top/tests/data/openpyxl-customers.xlsx"
rc_is 0 "a workbook openpyxl wrote, its header the Chinese labels"
is "$(crm-export -d "$work/o.db" customers | tr -d "\r" | cut -d, -f2-4,10,16,19,22 | tail -n +2)" \
"W001,榆林市新能源科技有限公司,A,91610802111578286W,1234567.80,二期扩建,2023-05-20
W002,神木市清源水务有限公司,B,91610802575136259X,98000.00,,2024-01-02
W003,府谷县金源化工有限公司,C,,,只有名称,2026-11-27" \
	"its text cells, amounts and date cells are stored as they show; the other sheet is not read"
run crm-import -d "$work/o.db" customers "$top/tests/data/openpyxl-damaged.xlsx"
rc_is 65 "a credit code that openpyxl was given as a number is refused"
like "$err" "openpyxl-damaged.xlsx:2: uscc: 9.16108023082463e\+17 is a number the spreadsheet made from text" \
	"with the hint, naming the sheet's row"

done_testing
