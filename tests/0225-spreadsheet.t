#!/bin/sh
# What a spreadsheet does to a CSV round trip (issue 12's failing inputs):
# phones that lost their leading 0, codes turned into E-notation, a UTF-8
# file read as gb18030, every unknown column at once, amounts as people
# type them, trailing empty columns, and the Chinese labels as headers.
. "$(dirname "$0")/lib.sh"

demo_db >/dev/null 2>&1
sum=$(dbsum)

# 1. A phone whose leading zero a spreadsheet stripped.
printf 'customer,name,phone,mobile\nC000001,王五,9126797525,13912345678\nC000001,赵六,09126797525,\n' >ph.csv
run crm-import contacts ph.csv
rc_is 0 "a stripped phone is imported (a warning)"
like "$err" "^crm-import: ph.csv:2: phone: '9126797525' looks like a phone number that lost its leading 0 in a spreadsheet \(09126797525\?\)" \
	"the warning names the line, the column and the number with its 0"
unlike "$err" "ph.csv:3" "a phone with its 0 is no warning"
unlike "$err" "mobile" "nor is a mobile number (11 digits from 1)"
sum=$(dbsum)
run crm-import --strict contacts ph.csv
rc_is 65 "--strict refuses it"
like "$err" "ph.csv:2: phone: '9126797525' looks like a phone number that lost its leading 0" "with the same words"
is "$(dbsum)" "$sum" "and nothing is imported"
printf 'customer,name,phone\nC000001,钱七,912-6797525\nC000001,孙八,12345678\n' >ph2.csv
run crm-import --strict contacts ph2.csv
rc_is 0 "numbers that cannot be a stripped landline pass --strict (a dash, 8 digits)"

# --update of a record whose phone or QQ had its leading 0: the file's
# value is the stored one without it, which a spreadsheet did; the stored
# one is kept, said in a warning, with --strict too (nothing is damaged).
zl=$(sql "SELECT id FROM contacts WHERE name = '赵六'")
sql "UPDATE contacts SET qq = '0123456' WHERE id = $zl"
sum=$(dbsum)
printf 'id,phone,qq,title
%s,9126797525,123456,
' "$zl" >zero.csv
run crm-import --update contacts zero.csv
rc_is 0 "--update: a phone and a QQ without their 0 are taken"
is "$err" "crm-import: zero.csv:2: phone: '9126797525' is the stored '09126797525' without its leading 0, which a spreadsheet drops: '09126797525' is kept
crm-import: zero.csv:2: qq: '123456' is the stored '0123456' without its leading 0, which a spreadsheet drops: '0123456' is kept
crm-import: zero.csv: 1 row: 0 added, 0 updated, 1 unchanged" "each said, and the stored values kept"
run crm-import --strict --update contacts zero.csv
rc_is 0 "--strict too: nothing is damaged"
is "$(dbsum)" "$sum" "the record is as it was"
printf 'id,phone
%s,9126797520
' "$zl" >zero2.csv
run crm-import --update contacts zero2.csv
like "$err" "zero2.csv:2: phone: '9126797520' looks like a phone number that lost its leading 0" "another number is the warning of a stripped phone"
is "$(sql "SELECT phone FROM contacts WHERE id = $zl")" 9126797520 "and is what the file says"
sql "UPDATE contacts SET phone = '09126797525', qq = NULL WHERE id = $zl"

# 2. A USCC or a code a spreadsheet wrote in E-notation.
sum=$(dbsum)
printf 'code,name,tier,uscc\nE1,某公司,A,9.16108023082463E+17\n' >en.csv
run crm-import customers en.csv
rc_is 65 "a USCC in E-notation is refused"
like "$err" "en.csv:2: uscc: '9.16108023082463E\+17' is a number a spreadsheet wrote in E-notation: its digits are lost; format the column as Text" \
	"saying that a spreadsheet destroyed it and how to avoid it"
printf 'code,name,tier\n1.2E+11,某公司,A\n' >en2.csv
run crm-import customers en2.csv
like "$err" "en2.csv:2: code: '1.2E\+11' is a number a spreadsheet wrote in E-notation" "a code too"
run crm-add --name "9.1E+17" --tier A
rc_is 65 "crm-add refuses it the same way (one rule for every writer)"
is "$(dbsum)" "$sum" "nothing imported or added"

# 3. A UTF-8 file with a BOM read with --encoding gb18030.
printf '\357\273\277code,name,tier\nB1,某公司,A\n' >bom.csv
run crm-import --encoding gb18030 customers bom.csv
fails 65 "^crm-import: bom.csv:1: the file is UTF-8 \(it starts with a UTF-8 byte order mark\), not gb18030: drop --encoding gb18030$" \
	"a BOM says the file is UTF-8"
run crm-import customers bom.csv
rc_is 0 "and without --encoding it imports"

# 4. Every unknown column at once, in one line.
printf '客户编号,客户名称,等级,foo,bar\nX1,a,A,b,c\n' >unk.csv
run crm-import customers unk.csv
fails 65 "^crm-import: unk.csv:1: unknown columns 'foo' \(column 4\), 'bar' \(column 5\): the columns of customers are \(by name or label\): id/编号 code/客户编号 " \
	"both unknown columns named at once, with each column's name and label"
printf 'code,name,tier\nN1,x,Z\nC000001,dup,A\nN2,a,A\nN2,b,A\n' >dup.csv
run crm-import customers dup.csv
rc_is 65 "a file with several faults"
like "$err" "dup.csv:2: tier: 'Z'" "the bad value"
like "$err" "dup.csv:3: code: 'C000001' already exists" "the duplicate of the database, in the same run"
like "$err" "dup.csv:5: code: 'N2'" "the duplicate within the file, in the same run"
like "$err" "dup.csv: 3 bad rows of 4: nothing imported" "and how many rows were bad"

# 5. Amounts as people type them; trailing empty columns.
printf 'code,name,tier,investment,,,\nM1,甲,A,"¥12,345.60",,,\nM2,乙,A,"12,345.6",,\nM3,丙,A,1.2万,,,\nM4,丁,A,3000元,,,\n' >m.csv
run crm-import customers m.csv
rc_is 0 "¥, thousands commas, 万 and 元 are read, trailing empty columns ignored"
is "$(sql "SELECT code, investment FROM customers WHERE code LIKE 'M_' ORDER BY code" | tr '\n' ' ')" \
	"M1|1234560 M2|1234560 M3|1200000 M4|300000 " "to the fen"
printf 'code,name,tier,investment\nM5,戊,A,"1,23"\nM6,己,A,12.345\nM7,庚,A,-5\n' >m2.csv
run crm-import customers m2.csv
rc_is 65 "an ambiguous amount is refused"
like "$err" "m2.csv:2: investment: '1,23' is not an amount like 12345.67 .or ¥12,345.67, 12345.67元, 1.2万." \
	"the message shows the accepted forms"
like "$err" "m2.csv:3: investment: '12.345'" "a third decimal"
like "$err" "m2.csv:4: investment: '-5'" "a sign"

# Chinese headers: the labels, written by crm-export --labels, read back.
crm-export --labels customers >lab.csv
like "$(head -1 lab.csv)" "^编号,客户编号,客户名称,等级,类别," "crm-export --labels writes the labels"
crm-init --db new.db >/dev/null 2>&1
crm-staff add --db new.db --login tester --name 测试员 --role admin >/dev/null
crm-import -q -d new.db staff "$top/data/demo/staff.csv" >/dev/null 2>&1
run crm-import -d new.db customers lab.csv
rc_is 0 "crm-import reads a header of labels"
is "$(crm-export -d new.db customers | cut -d, -f2-19 | md5sum)" "$(crm-export customers | cut -d, -f2-19 | md5sum)" \
	"and stores the same values"
printf '客户编号,name,等级\nL1,混合,A\n' >mix.csv
run crm-import -d new.db customers mix.csv
rc_is 0 "names and labels may be mixed"
printf '客户编号,code,name\nL2,L2,重复\n' >twice.csv
run crm-import -d new.db customers twice.csv
fails 65 "column 'code' appears twice" "a column named by its label and its name is a column twice"

# The round trip of crm.7's "Spreadsheets": export with a BOM and the
# labels, import --update: nothing changes but what was edited.
crm-export --bom --labels customers >rt.csv
before=$(crm-export customers | md5sum)
run crm-import --update customers rt.csv
rc_is 0 "the exported file imports back with --update"
is "$(crm-export customers | md5sum)" "$before" "and changes nothing"
sed 's/榆阳区环保局/榆阳区生态环境局/' rt.csv >rt2.csv
run crm-import --update customers rt2.csv
like "$err" "rt2.csv: 45 rows: 0 added, 1 updated, 44 unchanged$" "an edited name is the one update"
is "$(crm-log -o tsv --entity customer | tail -1 | cut -f7-9)" "name	榆阳区环保局	榆阳区生态环境局" "logged as such"

# A workbook written by crm reads back: labels as its header, codes,
# phones and credit codes as text, amounts as numbers, dates as dates.
crm-export --xlsx c.xlsx customers
crm-export --xlsx k.xlsx contacts
crm-init --db wb.db >/dev/null 2>&1
crm-staff add --db wb.db --login tester --name 测试员 --role admin >/dev/null
crm-import -q -d wb.db staff "$top/data/demo/staff.csv" 2>/dev/null
run crm-import -d wb.db customers c.xlsx
rc_is 0 "crm-import reads the workbook crm-export wrote"
run crm-import -d wb.db contacts k.xlsx
rc_is 0 "contacts too"
is "$(crm-export -d wb.db customers | cut -d, -f2-19 | md5sum)" "$(crm-export customers | cut -d, -f2-19 | md5sum)" \
	"customers come back unchanged"
is "$(crm-export -d wb.db contacts | cut -d, -f2-11 | md5sum)" "$(crm-export contacts | cut -d, -f2-11 | md5sum)" \
	"contacts come back unchanged (phones keep their 0)"

# Progress of a long import: redrawn in place on a terminal (script(1)
# gives it one), never in a file or a pipe.
awk 'BEGIN { print "code,name,tier"; for (i = 0; i < 30000; i++) printf "P%06d,客户%d,%s\n", i, i, substr("ABC", i % 3 + 1, 1) }' >big.csv
slow="(head -n 2000 big.csv; sleep 1.3; tail -n +2001 big.csv)"
crm-init --db p1.db >/dev/null 2>&1
script -qc "sh -c '$slow | crm-import -d p1.db customers -'" /dev/null >tty.out 2>&1
grep -q "rows/s" tty.out; ok $? "on a terminal: rows and their rate while it runs"
LC_ALL=C grep -q "$(printf '\r')" tty.out; ok $? "redrawn in place (carriage returns)"
like "$(tr '\r' '\n' <tty.out | grep -v '^$' | tail -1)" "imported 30000 customers" "then the one line of the end"
# An export whose reader is slow shows its rows the same way.
script -qc "sh -c 'crm-export -d p1.db customers | (sleep 1.3; cat >/dev/null)'" /dev/null >etty.out 2>&1
grep -q "<stdout>: [0-9]* rows" etty.out; ok $? "a long export on a terminal: its rows while it runs"
crm-export -d p1.db customers 2>eerr.out | (sleep 1.3; cat >/dev/null)
is "$(cat eerr.out)" "" "and nothing when stderr is a file"
crm-init --db p2.db >/dev/null 2>&1
sh -c "$slow | crm-import -d p2.db customers -" 2>pipe.err
is "$(cat pipe.err)" "crm-import: <stdin>: imported 30000 customers" "stderr to a file: the end's line alone"

# 6. One run names every problem of the file, each said so that the
# person who mends it knows what to do; none of them writes anything.
sum=$(dbsum)
printf 'code,tier,tier,foo\nC1,A,A,1\n' >hdr.csv
run crm-import customers hdr.csv
rc_is 65 "a header with three problems"
is "$(printf '%s\n' "$err" | cut -d: -f1-4)" "crm-import: hdr.csv:1: unknown column 'foo' (column 4)
crm-import: hdr.csv:1: column 'tier' appears twice (columns 2 and 3)
crm-import: hdr.csv:1: required column 'name' is missing" "names them all in one run, a line each"
printf 'code,name,tier\nC000001,x,Z\n' >both.csv
run crm-import customers both.csv
rc_is 65 "a row with a bad value and a taken code"
is "$err" "crm-import: both.csv:2: tier: 'Z' is not one of: A B C
crm-import: both.csv:2: code: 'C000001' already exists
crm-import: both.csv: 1 bad row of 1: nothing imported" "names both"
printf 'customer,name,phone\nC000001,,1.2E+10\n' >req.csv
run crm-import contacts req.csv
rc_is 65 "a row with a bad value and a required one missing"
like "$err" "req.csv:2: phone: '1.2E\+10' is a number a spreadsheet wrote in E-notation" "names the bad value"
like "$err" "req.csv:2: name: a value is required" "and the missing one"
printf 'code,name,tier\nC9,x,Z\nC9,y,A\nC8,a,A\nC8,b,A\n' >again.csv
run crm-import customers again.csv
rc_is 65 "a code twice in the file, the first row bad"
is "$err" "crm-import: again.csv:2: tier: 'Z' is not one of: A B C
crm-import: again.csv:3: code: 'C9' is also on line 2 of this file
crm-import: again.csv:5: code: 'C8' is also on line 4 of this file
crm-import: again.csv: 3 bad rows of 4: nothing imported" \
	"the second is named with the line of the first, bad or good, not as a code that exists"
is "$(dbsum)" "$sum" "none of them wrote anything"
# The keys of the rows added are found by the table's own index and the
# line of each by the record it added; the keys of bad rows are kept
# apart: whichever row came first is named, by its line.
while IFS='|' read -r table csv want what; do
	printf "$csv" >k.csv
	run crm-import "$table" k.csv
	is "$err" "$(printf "$want")" "$what"
	is "$(dbsum)" "$sum" "$what: nothing written"
done <<'EOF'
customers|code,name,tier\nK1,a,A\nK1,b,Z\nK1,c,A\n|crm-import: k.csv:3: tier: 'Z' is not one of: A B C\ncrm-import: k.csv:3: code: 'K1' is also on line 2 of this file\ncrm-import: k.csv:4: code: 'K1' is also on line 2 of this file\ncrm-import: k.csv: 2 bad rows of 3: nothing imported|a good row, then a bad one with its code, then a third: both name the first
customers|id,name\n900001,a\n900001,b\n|crm-import: k.csv:3: id: 900001 is also on line 2 of this file\ncrm-import: k.csv: 1 bad row of 2: nothing imported|an id twice
customers|id,name,tier\n900002,a,Z\n900002,b,A\n|crm-import: k.csv:2: tier: 'Z' is not one of: A B C\ncrm-import: k.csv:3: id: 900002 is also on line 2 of this file\ncrm-import: k.csv: 2 bad rows of 2: nothing imported|an id twice, the first row bad
customers|code,name\nK2,a\nK3,b\nK2,c\nC000001,d\nK3,e\n|crm-import: k.csv:4: code: 'K2' is also on line 2 of this file\ncrm-import: k.csv:5: code: 'C000001' already exists\ncrm-import: k.csv:6: code: 'K3' is also on line 3 of this file\ncrm-import: k.csv: 3 bad rows of 5: nothing imported|codes of the file and of the database apart
holidays|name,date\n测试节,2030-01-01\n测试节,2030-01-01\n|crm-import: k.csv:3: date, name: a record with these values is also on line 2 of this file\ncrm-import: k.csv: 1 bad row of 2: nothing imported|a key of two columns twice
EOF
# A code or id crm gave a row is not in that row's cells: a later row
# with it is told it exists, not that it is on that line.
next=$(sql "SELECT max(id) + 1 FROM customers")
printf 'code,name\n,auto\n%s,given\n' "$(printf 'C%06d' "$next")" >k.csv
run crm-import customers k.csv
is "$err" "crm-import: k.csv:3: code: '$(printf 'C%06d' "$next")' already exists
crm-import: k.csv: 1 bad row of 2: nothing imported" "a code crm gave on line 2, then given on line 3"
printf 'id,name\n,auto\n%s,given\n' "$next" >k.csv
run crm-import customers k.csv
is "$err" "crm-import: k.csv:3: id: $next already exists
crm-import: k.csv: 1 bad row of 2: nothing imported" "an id crm gave on line 2, then given on line 3"
is "$(dbsum)" "$sum" "nothing written"

# The line of the end.
crm-export customers >rt3.csv
n=$(sql "SELECT count(*) FROM customers")
run crm-import --update customers rt3.csv
is "$err" "crm-import: rt3.csv: $n rows: 0 added, 0 updated, $n unchanged" \
	"an unchanged --update round trip says so, not 'imported 0'"
run crm-import -q --update customers rt3.csv
is "$err" "" "-q: nothing when all is well"
printf 'code,name,tier\nQ1,甲,A\nQ2,乙,Z\n' >q.csv
run crm-import -q --dry-run --rejects - customers q.csv
is "$err" "crm-import: q.csv:3: tier: 'Z' is not one of: A B C" "-q: the bad rows alone, no summary"
run crm-import -v --dry-run customers q.csv
unlike "$(printf '%s\n' "$err" | grep -v 'dry run: nothing written')" "written" \
	"-v of a dry run claims nothing was written"
crm-init --db p3.db >/dev/null 2>&1
script -qc "sh -c '$slow | crm-import -q -d p3.db customers -'" /dev/null >qtty.out 2>&1
is "$(cat qtty.out)" "" "-q on a terminal: no progress either"
is "$(dbsum)" "$sum" "none of them wrote anything"

# Files of the wrong kind, named for what they are.
crm-export --xlsx book.xlsx customers
run_in book.xlsx crm-import customers
fails 65 "^crm-import: <stdin>: this is an .xlsx workbook, not CSV: name the file with .xlsx \(crm-import reads a workbook only from a file\)$" \
	"a workbook on standard input"
printf '\320\317\021\340\241\261\032\341\0\0\0\0' >old.xls
run crm-import customers old.xls
fails 65 "^crm-import: old.xls: this is an Excel 97-2003 workbook \(.xls\), not CSV: save it from the spreadsheet as an Excel workbook \(.xlsx\) or as \"CSV UTF-8\"$" \
	"an old .xls"
run crm-import --encoding gb18030 customers old.xls
fails 65 "old.xls: this is an Excel 97-2003 workbook" "with --encoding too"
printf 'code\tname\ttier\nT1\t甲\tA\n' >tab.csv
run crm-import customers tab.csv
fails 65 "^crm-import: tab.csv:1: the columns are separated by tabs, and crm-import reads comma-separated CSV: save the file from the spreadsheet as \"CSV UTF-8\"$" \
	"a file separated by tabs"
printf 'code;name;tier\nT1;甲;A\n' >semi.csv
run crm-import customers semi.csv
fails 65 "^crm-import: semi.csv:1: the columns are separated by semicolons, and crm-import reads comma-separated CSV" \
	"by semicolons"
printf '客户导入表,,,\ncode,name,tier\nT1,甲,A\n' >title.csv
run crm-import customers title.csv
fails 65 "^crm-import: title.csv:1: the first row is the one cell '客户导入表', which names no column: the first row must name the columns \(delete a title row above them\); the columns of customers are" \
	"a title row above the header"
printf 'code,notes\nC000001,环保\n' >u8.csv
run crm-import --update --encoding gb18030 customers u8.csv
fails 65 "^crm-import: u8.csv:2: the file reads as UTF-8, not gb18030: drop --encoding gb18030$" \
	"a UTF-8 file without a BOM read as gb18030 is refused, not garbled"
# The first block read (64 KiB) ends inside a character: still UTF-8.
awk 'BEGIN { printf "code,notes\nC000001,"; for (i = 0; i < 65536 - 20; i++) printf "a"; print "环保" }' >u8cut.csv
run crm-import --update --encoding gb18030 customers u8cut.csv
like "$err" "^crm-import: u8cut.csv:2: the file reads as UTF-8, not gb18030" \
	"also when the first block ends inside a character"
printf 'code,notes\nC000001,\271\244\312\341\n' >gb.csv
run crm-import --dry-run --update --encoding gb18030 customers gb.csv
rc_is 0 "a file that is gb18030 (工单) is read as such"
printf 'code,name,tier\nR1,甲,A\nR2,乙,Z\n' >r.csv
run crm-import --rejects rej.xlsx customers r.csv
fails 64 "^crm-import: --rejects 'rej.xlsx': the rejects file is CSV \(the bad rows as they were read, with a reason column\): name it .csv$" \
	"a rejects file named .xlsx"
test ! -e rej.xlsx; ok $? "is not written"
is "$(dbsum)" "$sum" "none of them wrote anything"

# Through LibreOffice, where it is installed, as an office uses it: the
# CSV opened with the types it guesses and saved again damages phones and
# credit codes, and crm-import says so; a workbook opened and saved again
# imports back with nothing changed.
if command -v soffice >/dev/null 2>&1; then
	mkdir lo
	lo() { HOME="$PWD/lo" soffice --headless "$@" --outdir lo >/dev/null 2>&1; }
	crm-export --bom contacts >lo-k.csv
	crm-export --bom customers >lo-c.csv
	lo --infilter='CSV:44,34,76,1' \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' lo-k.csv lo-c.csv
	grep -q ',9126797525,' lo/lo-k.csv; ok $? "LibreOffice strips 赵六's leading 0 (input 1)"
	data() { crm-export customers; crm-export contacts; }
	sum=$(data | md5sum)
	run crm-import --update contacts lo/lo-k.csv
	rc_is 0 "crm-import --update reads it back"
	like "$err" "lo/lo-k.csv:[0-9]*: phone: '9126797525' is the stored '09126797525' without its leading 0, which a spreadsheet drops: '09126797525' is kept" \
		"saying that it keeps the stored phone"
	is "$(data | md5sum)" "$sum" "and nothing changed that nobody changed"
	grep -q ',[0-9.]*E+0*17,' lo/lo-c.csv; ok $? "LibreOffice writes all-digit credit codes in E-notation (input 2)"
	run crm-import --update customers lo/lo-c.csv
	rc_is 65 "crm-import refuses them"
	like "$err" "lo/lo-c.csv:[0-9]*: uscc: '[0-9.]*E\+0*17' is a number a spreadsheet wrote in E-notation: its digits are lost; format the column as Text \(or use .xlsx\)" \
		"saying how to avoid it"
	is "$(data | md5sum)" "$sum" "and stores nothing"
	crm-export --xlsx lo-c.xlsx customers
	crm-export --xlsx lo-k.xlsx contacts
	mkdir lo/x
	HOME="$PWD/lo" soffice --headless --convert-to 'xlsx:Calc MS Excel 2007 XML' \
		--outdir lo/x lo-c.xlsx lo-k.xlsx >/dev/null 2>&1
	before=$(dbsum)
	run crm-import --update customers lo/x/lo-c.xlsx
	rc_is 0 "a workbook LibreOffice saved imports back with --update"
	run crm-import --update contacts lo/x/lo-k.xlsx
	rc_is 0 "contacts too"
	is "$(dbsum)" "$before" "and nothing changed"
else
	skip "LibreOffice (soffice) is not installed" 11
fi

done_testing
