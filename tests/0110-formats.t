#!/bin/sh
# Awkward text survives every output format unchanged: quotes, SQL, tabs,
# newlines, backslashes, emoji, Chinese, a leading = for spreadsheets.
. "$(dirname "$0")/lib.sh"

crm-init --empty >/dev/null
tester_staff
nasty=$(printf 'He said "hi", it'"'"'s\tx\\y\nline2\r\n😀 榆阳区; DROP TABLE customers;--')
crm-add --name "$nasty" --notes "=SUM(A1)" >/dev/null
crm-add --name '普通客户' --notes 'plain' --investment 1234.5 >/dev/null
is "$(sql "SELECT count(*) FROM customers")" 2 "the SQL in a value did nothing"
printf '%s' "$nasty" >"$work/want"

# python reads each format back and prints the name of customer 1 raw.
check() {
	fmt=$1
	crm-list --columns id,name,notes,investment -o "$fmt" >"$work/o.$fmt"
	python3 - "$fmt" "$work/o.$fmt" "$work/want" <<'PY'
import csv, io, json, sys
fmt, path, want = sys.argv[1], sys.argv[2], open(sys.argv[3], encoding='utf-8', newline='').read()
data = open(path, encoding='utf-8', newline='').read()
if fmt == 'tsv':
    lines = data.split('\n')
    assert lines[0] == 'id\tname\tnotes\tinvestment', lines[0]
    assert len(lines) == 4 and lines[3] == '', lines
    f = lines[1].split('\t')
    def un(s):
        out, i = '', 0
        while i < len(s):
            if s[i] == '\\':
                out += {'t': '\t', 'n': '\n', 'r': '\r', '\\': '\\'}[s[i+1]]; i += 2
            else:
                out += s[i]; i += 1
        return out
    name, notes = un(f[1]), un(f[2])
    assert lines[2].split('\t')[3] == '1234.50'
elif fmt == 'csv':
    rows = list(csv.reader(io.StringIO(data, newline='')))
    assert rows[0] == ['id', 'name', 'notes', 'investment'], rows[0]
    name, notes = rows[1][1], rows[1][2]
    assert notes == "'=SUM(A1)", notes   # the formula guard
    notes = notes[1:]
    assert rows[2][3] == '1234.50'
elif fmt == 'json':
    rows = json.loads(data)
    name, notes = rows[0]['name'], rows[0]['notes']
    assert rows[0]['investment'] is None and rows[1]['investment'] == 1234.5
    assert rows[0]['id'] == 1
elif fmt == 'jsonl':
    rows = [json.loads(l) for l in data.splitlines()]
    name, notes = rows[0]['name'], rows[0]['notes']
    assert rows[1]['investment'] == 1234.5
assert name == want, (name, want)
assert notes == '=SUM(A1)', notes
PY
	ok $? "-o $fmt round-trips the text"
}
for f in tsv csv json jsonl; do check $f; done

run crm-list --columns notes -o csv --raw
like "$out" '^=SUM\(A1\)' "--raw writes the value as it is"
run crm-list --columns notes -o csv --bom
is "$(printf '%s' "$out" | head -c 3 | od -An -tx1 | tr -d ' ')" efbbbf "--bom starts with the UTF-8 BOM"
run crm-list -o ids
is "$out" "$(printf '1\n2')" "-o ids: the first column, one a line"
run crm-list -o tsv --no-header --columns id
is "$out" "$(printf '1\n2')" "--no-header"
run crm-list -o yaml
rc_is 64 "an unknown format is a usage error"

# The table lines up Chinese and Latin names by display width.
crm-add --name 'ABC Ltd' --region 横山区 >/dev/null
crm-add --name '神木市第二污水处理厂' --region x >/dev/null
crm-list -o table --columns id,name,region,tier >"$work/table"
python3 - "$work/table" <<'PY'
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 0 if unicodedata.combining(c) else 1 for c in s)
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
# tier is the last column: it must start at the same display column on every line
cols = set()
for l in lines:
    head = l.rsplit(' ', 1)[0]
    cols.add(width(head))
assert len(cols) == 1, (cols, lines)
assert not any(l.endswith(' ') for l in lines)
PY
ok $? "-o table aligns columns by display width (CJK counts two)"
run crm-list -o table --columns name
unlike "$out" "$(printf '\033')" "no colour when not a terminal"
# On a terminal the header is bold unless NO_COLOR is set.
if command -v script >/dev/null; then
	script -qec "crm-list -o table --columns id" /dev/null >"$work/tty" 2>&1
	grep -q "$(printf '\033\\[1m')" "$work/tty"; ok $? "bold header on a terminal"
	NO_COLOR=1 script -qec "crm-list -o table --columns id" /dev/null >"$work/tty" 2>&1
	grep -q "$(printf '\033')" "$work/tty"; ok $((! $?)) "NO_COLOR turns it off"
	script -qec "crm-list --columns id" /dev/null >"$work/tty" 2>&1
	grep -q "$(printf '\033\\[1m')" "$work/tty"; ok $? "table is the default on a terminal"
fi
run crm-list --columns id
is "$(printf '%s\n' "$out" | head -1)" "id" "tsv is the default into a pipe"

# A full disk is an error, not a silent success.
if [ -w /dev/full ]; then
	crm-list >/dev/full 2>"$work/err"
	rc=$?
	is "$rc" 74 "writing to a full disk exits 74"
	like "$(cat "$work/err")" "cannot write standard output" "and says so"
fi
done_testing
