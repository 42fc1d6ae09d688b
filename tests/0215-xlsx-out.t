#!/bin/sh
# Workbooks out: crm-export --xlsx and -o xlsx write Office Open XML that
# a spreadsheet reads as crm means it: text as text (phones, QQ, credit
# codes keep their digits), numbers as numbers, amounts with two decimals,
# dates as dates; a bold frozen header; columns as wide as their Chinese
# text.  Read back without crm (tests/xlsx.py: zipfile and xml.etree), and
# by LibreOffice where it is installed.
. "$(dirname "$0")/lib.sh"

# skip REASON: one test passed over, with the reason.
skip() {
	t_n=$((t_n + 1))
	echo "ok $t_n # skip $1"
}

# The temporary files of workbooks: where the test can see them.
export TMPDIR="$work/tmp"
mkdir "$TMPDIR"

demo_db
# Numbers that a spreadsheet would take for numbers, and text that looks
# like a formula or an escape.
run crm-add --contact -c C000001 --name 王磊 --phone 09126797525 \
	--qq 0123456789 --notes '=SUM(A1) _x0041_ tab	end'
rc_is 0 "a contact with a phone of leading zero"
crm-export customers --raw >"$work/customers.csv"
crm-export contacts --raw >"$work/contacts.csv"

# --- crm-export --xlsx: every cell the CSV's value, of its column's type ---
# (By column name, --names, so the checks know each column's type; the
# default header, the labels, is checked after.)
for t in customers contacts; do
	run crm-export $t --names --xlsx "$work/$t.xlsx"
	rc_is 0 "crm-export $t --xlsx"
	is "$out$err" "" "nothing on stdout or stderr"
	is "$(stat -c %a "$work/$t.xlsx")" 600 "$t.xlsx is private (0600)"
	python3 - "$top/tests" "$work/$t.xlsx" "$work/$t.csv" $t <<'PY' >"$work/check.tap"
import csv, sys
sys.path.insert(0, sys.argv[1])
import xlsx
book, want, table = sys.argv[2], sys.argv[3], sys.argv[4]
sheets = xlsx.read(book)
rows = list(csv.reader(open(want, encoding='utf-8', newline='')))
n = 0
def at(row, j):
    return row[j] if j < len(row) else xlsx.Cell()
def check(cond, name, *diag):
    global n
    n += 1
    print(('ok' if cond else 'not ok') + ' %d - %s' % (n, name))
    if not cond:
        for d in diag: print('#   %r' % (d,))
check(len(sheets) == 1 and sheets[0].name == table, 'one sheet, named ' + table,
      [s.name for s in sheets])
s = sheets[0]
header = rows[0]
# The columns of each type (crm-schema(5)); all others are text.
numbers = {'id', 'scale_tonnes'}
money = {'investment'}
dates = {'customer_since'}
bad = []
kinds = {}
check(len(s.rows) == len(rows), 'as many rows as the CSV (%d)' % len(rows),
      len(s.rows))
for i, row in enumerate(rows):
    cells = s.rows[i] if i < len(s.rows) else []
    for j, v in enumerate(row):
        c = cells[j] if j < len(cells) else xlsx.Cell()
        col = header[j]
        if i == 0:
            ok = c.kind == 'text' and c.value == v and c.bold
        elif v == '':
            ok = c.kind == 'blank'
        elif col in money:
            ok = c.kind == 'number' and c.fmt == '0.00' and c.value == float(v)
        elif col in numbers:
            ok = c.kind == 'number' and c.fmt == 'General' and c.value == float(v)
        elif col in dates:
            ok = c.kind == 'date' and c.fmt == 'yyyy-mm-dd' and c.value.isoformat() == v
        else:
            ok = c.kind == 'text' and c.value == v and c.fmt == '@' and not c.bold
        if i:
            kinds.setdefault(col, set()).add(c.kind)
        if not ok:
            bad.append((i + 1, col, v, c))
    if len(cells) > len(row):
        bad.append((i + 1, 'extra cells', cells[len(row):]))
check(not bad, 'every cell is the CSV value, of its column\'s type', *bad[:10])
check(all(c.bold for c in s.rows[0]) and not any(c.bold for r in s.rows[1:] for c in r),
      'the header row is bold, and only it')
check(s.frozen_rows == 1, 'the header row is frozen', s.frozen_rows)
# Every text column is Text (@) as a whole, so that a value the admin
# types below the rows (a phone number's leading 0) stays text; the
# columns of numbers, amounts and dates are not.
textcols = [col for col in header if col not in numbers | money | dates]
check(all(s.col_fmts.get(header.index(col)) == '@' for col in textcols),
      'text columns are formatted Text (@)',
      [(col, s.col_fmts.get(header.index(col))) for col in textcols])
check(all(s.col_fmts.get(header.index(col)) is None
          for col in numbers | money | dates if col in header),
      'columns of numbers, amounts and dates are not')
if table == 'customers':
    check(kinds['uscc'] == {'text', 'blank'}, 'credit codes are text', kinds['uscc'])
    check(kinds['code'] == {'text'}, 'codes are text')
    check(kinds['investment'] == {'number', 'blank'}, 'amounts are numbers')
    inv = [at(r, header.index('investment')) for r in s.rows[1:]]
    check(any(c.kind == 'number' and c.value == 86000000.0 and c.fmt == '0.00' for c in inv),
          'an amount is the number 86000000 with format 0.00')
    since = [at(r, header.index('customer_since')) for r in s.rows[1:]]
    check(any(c.kind == 'date' and c.value.isoformat() == '2021-06-01' for c in since),
          'a date is the date 2021-06-01')
    # Widths: each column as wide as its widest text, a Chinese
    # character two (wide and full-width forms), within 4..60.
    import unicodedata
    def width(t):
        return max(sum(2 if unicodedata.east_asian_width(ch) in 'WF' else 1
                       for ch in line) for line in t.split('\n'))
    for name in ('name', 'address', 'code'):
        j = header.index(name)
        w = max(width(r[j]) for r in rows)
        check(w + 2 <= s.widths[j] <= w + 4,
              'column %s fits its widest text (%d wide)' % (name, w), s.widths[j])
    jn, jc = header.index('name'), header.index('code')
    check(s.widths[jn] > 2 * s.widths[jc], 'Chinese names make a wide column',
          s.widths[jn], s.widths[jc])
    check(all(4 <= w <= 61 for w in s.widths.values()), 'widths within bounds',
          s.widths)
else:
    for col in ('phone', 'mobile', 'qq'):
        check(kinds[col] <= {'text', 'blank'}, col + ' numbers are text', kinds[col])
    last = s.rows[-1]
    phone = at(last, header.index('phone'))
    check(phone.kind == 'text' and phone.value == '09126797525',
          'the phone 09126797525 is the text 09126797525', phone)
    qq = at(last, header.index('qq'))
    check(qq.kind == 'text' and qq.value == '0123456789', 'a QQ number keeps its 0', qq)
    notes = at(last, header.index('notes'))
    check(notes.kind == 'text' and notes.value == '=SUM(A1) _x0041_ tab\tend',
          'a formula, an escape and a tab stay text as they are', notes)
print('1..%d' % n)
PY
	prove_tap=$(cat "$work/check.tap")
	case $prove_tap in
	*"not ok"*) _report 1 "$t.xlsx reads back" "$prove_tap" ;;
	"") _report 1 "$t.xlsx reads back" "the check printed nothing" ;;
	*) _report 0 "$t.xlsx reads back ($(grep -c '^ok' "$work/check.tap") checks)" ;;
	esac
done

# --- -o xlsx: any table, to standard output --------------------------
# check_tsv NAME CMD...: CMD -o xlsx holds what CMD -o tsv does: a number
# cell where tsv has a number that json calls one, text where it has text.
check_tsv() {
	name=$1
	shift
	"$@" -o tsv >"$work/t.tsv"
	"$@" -o json >"$work/t.json"
	run "$@" -o xlsx
	rc_is 0 "$name -o xlsx"
	"$@" -o xlsx >"$work/t.xlsx"
	python3 - "$top/tests" "$work/t.xlsx" "$work/t.tsv" "$work/t.json" <<'PY'
import json, re, sys
sys.path.insert(0, sys.argv[1])
import xlsx
s = xlsx.read(sys.argv[2])[0]
lines = open(sys.argv[3], encoding='utf-8').read().split('\n')[:-1]
objs = json.load(open(sys.argv[4], encoding='utf-8'))
def un(v):
    return v.replace('\\\\', '\0').replace('\\t', '\t').replace('\\n', '\n').replace('\\r', '\r').replace('\0', '\\')
rows = [[un(v) for v in l.split('\t')] for l in lines]
assert len(s.rows) == len(rows), (len(s.rows), len(rows))
assert s.frozen_rows == 1
assert len(rows) > 1, 'some rows'
for i, row in enumerate(rows):
    for j, v in enumerate(row):
        c = s.rows[i][j] if j < len(s.rows[i]) else xlsx.Cell()
        if i == 0:
            # the labels people read: checked below
            assert c.kind == 'text' and c.value and c.bold, (i, j, c)
            continue
        jv = objs[i - 1][rows[0][j]]
        if v == '':
            assert c.kind == 'blank', (i, j, v, c)
        elif isinstance(jv, (int, float)):
            assert c.kind == 'number' and c.value == float(v), (i, j, v, c)
            want = '0.' + '0' * len(v.split('.')[1]) if '.' in v else 'General'
            assert c.fmt == want, (i, j, v, c)
        elif re.fullmatch(r'\d{4}-\d{2}-\d{2}', v):
            # a day is a date cell (the due list's due, a list's dates)
            assert c.kind == 'date' and c.value.isoformat() == v, (i, j, v, c)
        else:
            assert c.kind == 'text' and c.value == v and c.fmt == '@', (i, j, v, c)
# A column of text cells alone is Text (@) as a whole: what is typed
# below the rows stays text; any other is not.
for j in range(len(rows[0])):
    kinds = {s.rows[i][j].kind for i in range(1, len(rows))
             if j < len(s.rows[i])} - {'blank'}
    want = '@' if kinds == {'text'} else None
    assert s.col_fmts.get(j) == want, (j, rows[0][j], kinds, s.col_fmts.get(j))
PY
	ok $? "$name: -o xlsx holds the cells of -o tsv, numbers as numbers, days as dates, text columns Text"
}
check_tsv "crm-list" crm-list --columns id,code,name,investment,customer_since,uscc
check_tsv "crm-visit-due" crm-visit-due --within 3
check_tsv "crm-report tiers" crm-report tiers
check_tsv "crm-staff list" crm-staff list
check_tsv "crm-log" crm-log --entity contact

# The header of -o xlsx is the labels people read: a table's column its
# Chinese label in any locale (as crm-export --xlsx, which crm-import
# reads back), any other the label -o table shows, in the messages'
# language.
heads() {
	python3 - "$top/tests" "$work/h.xlsx" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import xlsx
print(" ".join(str(c.value) for c in xlsx.read(sys.argv[2])[0].rows[0]))
PY
}
crm-list -o xlsx --columns code,name,tier,investment >"$work/h.xlsx"
is "$(heads)" "$(crm-export customers --labels | head -1 | tr -d '\r' | cut -d, -f2,3,4,16 | tr , ' ')" "crm-list -o xlsx: the columns' labels, under LC_ALL=C.UTF-8 too"
(unset LC_ALL LANGUAGE; LANG=zh_CN.UTF-8 crm-visit-due --within 3 -o xlsx >"$work/h.xlsx")
zh=$(unset LC_ALL LANGUAGE; LANG=zh_CN.UTF-8 crm-visit-due --within 3 -o table | head -1 | tr -s ' ' | sed 's/ $//')
is "$(heads)" "$zh" "crm-visit-due -o xlsx under zh_CN: the Chinese header of -o table"
like "$zh" "客户" "which is Chinese"
(unset LC_ALL LANGUAGE; LANG=zh_CN.UTF-8 crm-report tiers -o xlsx >"$work/h.xlsx")
zh=$(unset LC_ALL LANGUAGE; LANG=zh_CN.UTF-8 crm-report tiers -o table | head -1 | tr -s ' ' | sed 's/ $//')
is "$(heads)" "$zh" "crm-report -o xlsx under zh_CN: the Chinese header of -o table"
crm-export contacts --redact --xlsx "$work/h.xlsx"
like "$(heads)" "^编号 客户 姓名 职务 联系电话（已脱敏） 手机（已脱敏）" \
	"a redacted column is labelled as such"
cp "$work/h.xlsx" "$work/red.xlsx"
run crm-import --dry-run contacts "$work/red.xlsx"
rc_is 65 "and crm-import takes it for no column"
like "$err" "unknown columns '联系电话（已脱敏）'" "naming it"

run crm-list -o xlsx --no-header --columns id,name
python3 - "$top/tests" "$work/out" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import xlsx
s = xlsx.read(sys.argv[2])[0]
assert s.frozen_rows == 0 and s.rows[0][0].kind == 'number', s.rows[0]
PY
ok $? "--no-header: no header row, nothing frozen"

# A workbook is binary: never to a terminal.
python3 - "$CRM_BIN/crm-list" <<'PY' >"$work/tty"
import os, pty, subprocess, sys
m, s = pty.openpty()
p = subprocess.run([sys.argv[1], '-o', 'xlsx'], stdout=s, stderr=subprocess.PIPE)
os.close(s)
os.close(m)
print(p.returncode)
sys.stdout.write(p.stderr.decode())
PY
is "$(head -1 "$work/tty")" 64 "-o xlsx to a terminal is refused (exit 64)"
like "$(sed 1d "$work/tty")" "^crm-list: a workbook is binary" "and says why, in one line"
run crm-show C000001 -o xlsx
fails 64 "is for lists and reports" "crm-show's several tables are no workbook"
run crm-report summary --month 2026-10 -o xlsx
fails 64 "summary is one page" "nor is the summary"
run crm-list -o xslx
fails 64 "use table, tsv, csv, json, jsonl, ids or xlsx" "the formats named"

# --- files: whole or not at all ----------------------------------------
mkdir "$work/dir"
run crm-export customers --xlsx "$work/dir"
fails 73 "cannot create '.*/dir': it is a directory" "a folder as FILE"
is "$(ls -A "$work/dir")" "" "the folder is left as it was"
is "$(ls -A "$work" | grep -c crm-xlsx)" 0 "and no temporary file is left"
run crm-export customers --xlsx "$work/none/c.xlsx"
fails 73 "cannot create '.*/none/c.xlsx': No such file" "a missing folder"
run crm-export customers --xlsx /dev/full
fails 74 "cannot write '/dev/full': No space left" "a full disk"
"$CRM_BIN/crm-list" -o xlsx >/dev/full 2>"$work/err"
is "$?" 74 "-o xlsx to a full disk exits 74"
like "$(cat "$work/err")" "cannot write standard output: No space left" "and says so"
run crm-export customers --xlsx /dev/stdout
rc_is 0 "a device is written through"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).testzip()' "$work/out"
ok $? "the workbook came through whole"
run crm-export customers --names -o xlsx "$work/o.xlsx"
rc_is 0 "-o xlsx FILE is --xlsx FILE"
python3 - "$work/o.xlsx" "$work/customers.xlsx" <<'PY'
import sys, zipfile
a, b = (zipfile.ZipFile(p).read('xl/worksheets/sheet1.xml') for p in sys.argv[1:])
assert a == b
PY
ok $? "and writes the same sheet"

# A workbook's header is the columns' Chinese labels unless --names.
crm-export customers --xlsx "$work/lab.xlsx"
is "$(python3 - "$top/tests" "$work/lab.xlsx" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import xlsx
sheet = xlsx.read(sys.argv[2])[0]
print(",".join(str(c.value) for c in sheet.rows[0][:4]))
PY
)" "编号,客户编号,客户名称,等级" "the default header of a workbook is the labels"

# A text longer than a cell holds: refused, naming where, and the file
# that was there is left as it was.
long=$(python3 -c 'print("长" * 32768)')
crm-edit C000002 --notes "$long" >/dev/null
before=$(md5sum <"$work/customers.xlsx")
run crm-export customers --xlsx "$work/customers.xlsx"
fails 65 "row 3, column '备注': more characters than a cell holds \(32767\)" \
	"a text past a cell's 32767 characters"
is "$(md5sum <"$work/customers.xlsx")" "$before" "the old file is untouched"
is "$(ls -A "$work" | grep -c crm-xlsx)" 0 "no temporary file is left"
crm-edit C000002 --notes "$(python3 -c 'print("长" * 32767)')" >/dev/null
run crm-export customers --xlsx "$work/customers.xlsx"
rc_is 0 "32767 characters fit"

# libxlsxwriter does not check what it writes to its temporary files:
# crm reads each workbook back before it gives it out.  Under a file size
# limit the sheet (with its long note) is cut short, the zip not.
mkdir "$work/lim"
(trap '' XFSZ; ulimit -f 128 && exec crm-export customers \
	--xlsx "$work/lim/c.xlsx") >"$work/out" 2>"$work/err"
rc=$? err=$(cat "$work/err")
fails 74 "cannot write '.*/lim/c.xlsx': a temporary file in '$TMPDIR' was cut short" \
	"a temporary file cut short"
is "$(ls -A "$work/lim")" "" "nothing is left"
(trap '' XFSZ; ulimit -f 128 && exec crm-list -o xlsx --columns id,notes) \
	>"$work/out" \
	2>"$work/err"
rc=$? err=$(cat "$work/err")
fails 74 "cannot write standard output: a temporary file in '$TMPDIR' was cut short" \
	"-o xlsx: a temporary file cut short"

run crm-export customers --xlsx "$work/x.xlsx" --encoding gb18030
fails 64 "are for CSV" "--encoding is CSV's"
run crm-export customers --xlsx "$work/x.xlsx" "$work/y.xlsx"
fails 64 "give no other FILE" "--xlsx and a FILE"
run crm-export customers -o json
fails 64 "writes CSV or xlsx only" "crm-export's formats"

is "$(ls -A "$TMPDIR")" "" "whatever happened, nothing is left in TMPDIR"
run env TMPDIR="$work/none" crm-list -o xlsx
fails 73 "cannot create a temporary file in '.*/none'" "a TMPDIR that is not there"

# --- LibreOffice, where it is installed, reads what the CSV holds ------
if command -v soffice >/dev/null 2>&1; then
	mkdir "$work/lo"
	crm-export contacts --names --xlsx "$work/lo/contacts.xlsx"
	HOME="$work/lo" soffice --headless \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' \
		--outdir "$work/lo" "$work/lo/contacts.xlsx" >/dev/null 2>&1
	# The last contact's note looks like an _xHHHH_ escape, which not
	# every version of LibreOffice reads as ECMA-376 says: left out.
	python3 - "$work/lo/contacts.csv" "$work/contacts.csv" <<'PY'
import csv, sys
got = list(csv.reader(open(sys.argv[1], encoding='utf-8', newline='')))
want = list(csv.reader(open(sys.argv[2], encoding='utf-8', newline='')))
assert len(got) == len(want), (len(got), len(want))
got, want = got[:-1], want[:-1]
assert got == want, [(g, w) for g, w in zip(got, want) if g != w][:3]
PY
	ok $? "LibreOffice reads the contacts as the CSV has them"
else
	skip "LibreOffice (soffice) is not installed"
fi

done_testing
