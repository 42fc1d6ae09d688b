#!/bin/sh
# crm-import: CSV into every table, strict, line-numbered, all or nothing.
. "$(dirname "$0")/lib.sh"

crm-init --empty >/dev/null
tester_staff

# --- the shipped demo data and holiday calendar -------------------------
for t in staff customers contacts; do
	run crm-import $t "$top/data/demo/$t.csv"
	rc_is 0 "the demo $t import"
	is "$out" "" "and print nothing on stdout"
done
run crm-import holidays "$top/data/holidays.csv"
rc_is 0 "data/holidays.csv imports"
is "$(sql "SELECT count(*) FROM holidays WHERE date BETWEEN '2026-01-01' AND '2027-12-31'")" 14 \
	"14 holidays in 2026-2027"
is "$(sql "SELECT count(*) FROM staff") $(sql "SELECT count(*) FROM customers") $(sql "SELECT count(*) FROM contacts")" \
	"12 40 61" "every demo row is there (and tester)"
is "$(sql "SELECT count(*) FROM changes WHERE program = 'crm-import'")" 126 \
	"one change-log entry per imported record"
is "$(sql "SELECT count(DISTINCT entity || entity_id) FROM changes")" 127 "none twice (tester's is crm-staff's)"
is "$(sql "SELECT who || ' ' || entity || ' ' || new FROM changes WHERE entity = 'customer' ORDER BY id LIMIT 1")" \
	"tester customer 榆阳区环保局" "the log names who and the record"
is "$(sql "SELECT notes FROM customers WHERE code = 'C000002'")" \
	"$(printf '2024年中标，运营期五年。\n出水执行一级A标准，每月向环保局报送台账。')" \
	"a quoted field keeps its newline"
is "$(sql "SELECT investment FROM customers WHERE code = 'C000002'")" 8600000000 "money stored in fen"
is "$(sql "SELECT customer FROM contacts WHERE name = '李卫东'")" 1 "a contact's customer code becomes its id"
is "$(sql "SELECT count(*) FROM customer_search s JOIN customer_search_doc d ON d.id = s.rowid AND d.doc = s.doc")" 40 \
	"the bulk load leaves the search index as the triggers would"
is "$(sql "SELECT count(*) FROM customer_search")" 40 "one search document per customer"
is "$(sql "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name IN ('customers', 'contacts') AND sql IS NOT NULL ORDER BY name)")" \
	"contacts_ad contacts_ai contacts_au contacts_customer customers_ad customers_ai customers_au customers_owner customers_stage_tier" \
	"indexes and triggers dropped for the bulk load are back"
is "$(sql "SELECT rowid FROM customer_search WHERE doc LIKE '%15199224448%'")" 1 \
	"a contact's phone finds its customer"

# An import into a table that has rows: the search documents of the
# customers it touches are written once at the end (lib/searchdefer.c),
# where the triggers wrote a customer's whole document at each contact.
printf 'customer,name,mobile\nC000003,新联系人,13900001111\n' >more.csv
awk 'BEGIN { for (i = 0; i < 300; i++) printf "C000005,联系人%03d,139%08d\n", i, i }' >>more.csv
run crm-import contacts more.csv
rc_is 0 "a second contacts import"
is "$(sql "SELECT rowid FROM customer_search WHERE doc LIKE '%13900001111%'")" 3 \
	"and its contact is searchable at once"
is "$(sql "SELECT rowid FROM customer_search WHERE doc LIKE '%联系人299%'")" 5 \
	"the last of 300 contacts of one customer too"
is "$(sql "SELECT count(*) FROM customer_search s JOIN customer_search_doc d ON d.id = s.rowid AND d.doc = s.doc")" 40 \
	"the search index is as the triggers would leave it"
is "$(sql "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'contacts' ORDER BY name)")" \
	"contacts_ad contacts_ai contacts_au" "the triggers are back"
sql "UPDATE contacts SET mobile = '13700009999' WHERE name = '联系人007'"
is "$(sql "SELECT rowid FROM customer_search WHERE doc LIKE '%13700009999%'")" 5 \
	"and keep the index after it (a write by the sqlite3 shell)"

# A load into an empty table that fails is rolled back: nothing is built
# for it (no "bulk load" line under -v) and the schema is as it was.
schema() { sql "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master ORDER BY name)"; }
keep_db=$CRM_DB
printf 'code,name,tier\nZ1,甲,Q\nZ2,乙,Q\n' >allbad-customers.csv
printf 'customer,name\nNOPE1,张三\nNOPE2,李四\n' >allbad-contacts.csv
for t in customers contacts; do
	export CRM_DB=$PWD/empty-$t.db
	crm-init --empty >/dev/null
	tester_staff
	crm-import -q staff "$top/data/demo/staff.csv"
	[ $t = contacts ] && crm-import -q customers "$top/data/demo/customers.csv"
	before=$(schema) sum1=$(dbsum)
	run crm-import -v $t allbad-$t.csv
	rc_is 65 "an all-bad $t import into an empty table fails"
	like "$err" '2 bad rows of 2: nothing imported' "and says so"
	unlike "$err" 'bulk load' "and builds no index nor search document for it"
	is "$(schema)" "$before" "its indexes and triggers are back"
	is "$(dbsum)" "$sum1" "nothing written"
done
export CRM_DB=$keep_db

# --- bad files: FILE:LINE, exit 65, nothing written -----------------------
sum=$(dbsum)
# bad NAME CONTENT-printf-format ERR-REGEX [crm-import options...]
bad() {
	_name=$1 _fmt=$2 _re=$3
	shift 3
	printf "$_fmt" >bad.csv
	run crm-import "$@" customers bad.csv
	rc_is 65 "$_name: refused"
	like "$err" "$_re" "$_name: message"
	is "$(dbsum)" "$sum" "$_name: database unchanged"
}
bad "stray quote" 'name,tier\nA,B\nsay "hi",C\n' \
	'^crm-import: bad.csv:3:5: stray quote in a field that does not start with one'
bad "text after a closing quote" 'name,tier\n"a" b,C\n' \
	'^crm-import: bad.csv:2:5: text after the closing quote'
bad "unterminated quote at end of file" 'name,tier\nA,B\n"open,C\nstill open\n' \
	"^crm-import: bad.csv:4: the file ends inside a quoted field \\(a quote opened in the row that starts on line 3 is never closed\\)$"
bad "unterminated quote, no final newline" 'name,notes\nA,"x' \
	"^crm-import: bad.csv:2: the file ends inside a quoted field"
bad "invalid UTF-8" 'name,tier\nab\303\050,C\n' \
	"^crm-import: bad.csv:2:3: invalid UTF-8 \\(byte 0x28 after 0xC3\\); if the file was saved by Excel as Chinese CSV, try --encoding gb18030$"
bad "overlong UTF-8" 'name,tier\n\300\257,C\n' '^crm-import: bad.csv:2:1: invalid UTF-8 \(byte 0xC0\)'
bad "overlong 3-byte UTF-8" 'name,tier\n\340\200\257,C\n' '^crm-import: bad.csv:2:1: invalid UTF-8 \(byte 0x80 after 0xE0\)'
bad "UTF-8 surrogate" 'name,tier\nx\355\240\200,C\n' '^crm-import: bad.csv:2:2: invalid UTF-8 \(byte 0xA0 after 0xED\)'
bad "past U+10FFFF" 'name,tier\n\364\220\200\200,C\n' '^crm-import: bad.csv:2:1: invalid UTF-8'
bad "truncated UTF-8 at the end" 'name,tier\nA,\344\270' 'bad.csv:2:3: invalid UTF-8 \(the file ends in the middle'
bad "NUL byte" 'name,tier\nA\0B,C\n' '^crm-import: bad.csv:2:2: NUL byte'
bad "UTF-16" '\377\376n\0a\0m\0e\0' 'bad.csv:1:1: the file looks like UTF-16'
bad "UTF-16 without a BOM" 'n\0a\0m\0e\0' 'bad.csv:1:2: NUL byte: the file looks like UTF-16'
bad "empty file" '' '^crm-import: bad.csv: empty file: the first line must name the columns$'
bad "unknown column" 'name,teir\nA,B\n' \
	"^crm-import: bad.csv:1: unknown column 'teir' \\(column 2\\): the columns of customers are \\(by name or label\\): id/编号 code/客户编号 name/客户名称 tier/等级"
bad "duplicate column" 'name,tier,name\nA,B,C\n' "^crm-import: bad.csv:1: column 'name' appears twice \\(columns 1 and 3\\)$"
bad "missing required column" 'tier,region\nA,x\n' "^crm-import: bad.csv:1: required column 'name' is missing$"

# Every bad row is listed, with its physical line (quoted newlines count).
cat >bad.csv <<'EOF'
name,tier,category,stage,owner,uscc,credit,scale_tonnes,investment,created_at
好,A,government,customer,zhanglei,,,,,
"two
lines",D,,,,,,,,
三,B,,,,,,99999999999999999999,1e999,
四,C,factory,prospect,nobody,123,E,-5,-1,
五,C,,,,,,1.5,12.345,2026-02-30T00:00:00Z
"六, with ""quotes""",C,,,,91350100M000100Y44,,,,
七,C
八,C,,,,,,,,,extra
EOF
run crm-import customers bad.csv
rc_is 65 "a file with bad rows is refused"
is "$err" "crm-import: bad.csv:3: tier: 'D' is not one of: A B C
crm-import: bad.csv:5: scale_tonnes: '99999999999999999999' is not a whole number from 0 to 1000000000000
crm-import: bad.csv:5: investment: '1e999' is not an amount like 12345.67 (or ¥12,345.67, 12345.67元, 1.2万)
crm-import: bad.csv:6: category: 'factory' is not one of: government enterprise other
crm-import: bad.csv:6: stage: 'prospect' is not one of: lead contacted intent handover customer lost churned
crm-import: bad.csv:6: owner: no staff member with login 'nobody'
crm-import: bad.csv:6: uscc: '123' is not a valid unified social credit code (18 characters, GB 32100-2015 check character)
crm-import: bad.csv:6: credit: 'E' is not one of: A B C D
crm-import: bad.csv:6: scale_tonnes: '-5' is not a whole number from 0 to 1000000000000
crm-import: bad.csv:6: investment: '-1' is not an amount like 12345.67 (or ¥12,345.67, 12345.67元, 1.2万)
crm-import: bad.csv:7: scale_tonnes: '1.5' is not a whole number from 0 to 1000000000000
crm-import: bad.csv:7: investment: '12.345' is not an amount like 12345.67 (or ¥12,345.67, 12345.67元, 1.2万)
crm-import: bad.csv:7: created_at: '2026-02-30T00:00:00Z' is not a time stamp YYYY-MM-DDTHH:MM:SSZ (UTC), a local time YYYY-MM-DD HH:MM[:SS] or a date YYYY-MM-DD (the day also YYYY/M/D, YYYY-M-D or YYYY年M月D日, the hour also H)
crm-import: bad.csv:8: uscc: '91350100M000100Y44' is not a valid unified social credit code (18 characters, GB 32100-2015 check character)
crm-import: bad.csv:9: the row has 2 fields, the header has 10
crm-import: bad.csv:10: the row has 11 fields, the header has 10
crm-import: bad.csv: 7 bad rows of 8: nothing imported" \
	"every bad row, each reason as FILE:LINE: column: reason"
is "$(dbsum)" "$sum" "and the database is unchanged"

run crm-import --max-errors 2 customers bad.csv
rc_is 65 "--max-errors"
is "$(printf '%s\n' "$err" | wc -l)" 5 "shows the two first bad rows (three reasons), then a count of the rest and the summary"
like "$err" "bad.csv: 5 more bad rows not shown" "the rest are counted"

# Dates, enums, references and duplicates in other tables.
printf 'customer,date,kind,amount\nC000001,2026-02-30,order,1\nC999999,2026-01-01,order,1\nC000001,2026-01-01,gift,1\nC000001,2026-01-01,order,\nC000001,2026-01-01,order,-3\n' >o.csv
run crm-import orders o.csv
rc_is 65 "bad orders"
is "$err" "crm-import: o.csv:2: date: '2026-02-30' is not a valid date YYYY-MM-DD (or YYYY/M/D, YYYY-M-D, YYYY年M月D日)
crm-import: o.csv:3: customer: no customer 'C999999'
crm-import: o.csv:4: kind: 'gift' is not one of: contract order renewal equipment referral
crm-import: o.csv:5: amount: a value is required
crm-import: o.csv:6: amount: '-3' is not an amount like 12345.67 (or ¥12,345.67, 12345.67元, 1.2万)
crm-import: o.csv: 5 bad rows of 5: nothing imported" "dates, references, enums, required values and money"
printf 'code,name\nC000001,dup of an existing code\nC900001,new\nC900001,twice in the file\n' >d.csv
run crm-import customers d.csv
rc_is 65 "duplicate codes"
is "$err" "crm-import: d.csv:2: code: 'C000001' already exists
crm-import: d.csv:4: code: 'C900001' is also on line 3 of this file
crm-import: d.csv: 2 bad rows of 3: nothing imported" "a code taken in the database or earlier in the file"
printf 'name,date\n春节,2026-02-17\n' >h.csv
run crm-import holidays h.csv
like "$err" "h.csv:2: date, name: a record with these values already exists" "a holiday twice"
printf 'id,name\n1,taken id\n' >i.csv
run crm-import customers i.csv
like "$err" "i.csv:2: id: 1 already exists" "an id taken"
printf 'customer,date,service_score,operation_ok,staff\nC000001,2026-11-01,6,maybe,ghost\n' >sv.csv
run crm-import surveys sv.csv
is "$err" "crm-import: sv.csv:2: service_score: '6' is not a whole number from 1 to 5
crm-import: sv.csv:2: operation_ok: 'maybe' is not yes or no (nor true or false, 1 or 0, 是 or 否)
crm-import: sv.csv:2: staff: no staff member with login 'ghost'
crm-import: sv.csv: 1 bad row of 1: nothing imported" "surveys: scores, flags, staff logins"
printf 'name,date,tiers\n元宵,2026-03-03,ABD\n' >h2.csv
run crm-import holidays h2.csv
like "$err" "h2.csv:2: tiers: 'ABD' is not a set of tiers" "holiday tiers"
long=$(printf 'x%.0s' $(seq 1 65))
printf 'login,name,role\n%s,x,admin\n' "$long" >lg.csv
run crm-import staff lg.csv
like "$err" "lg.csv:2: login: longer than 64 characters" "a login of 65 characters (the table's CHECK, checked first)"
is "$(dbsum)" "$sum" "none of these changed the database"

run crm-import --encoding klingon customers d.csv
rc_is 64 "an unknown encoding is a usage error"
run crm-import nosuch d.csv
fails 64 "unknown table 'nosuch'" "an unknown table"
run crm-import customers missing.csv
fails 66 "cannot read 'missing.csv': No such file or directory" "a missing file"
run crm-import
rc_is 64 "no table"
is "$(printf '%s\n' "$err" | head -1)" "crm-import: needs a TABLE" "says what is missing"
like "$err" "^usage: crm-import" "usage on stderr"
run crm-import --help
rc_is 0 "--help"
like "$out" "^usage: crm-import" "usage on stdout"

# --- a field too big, and --max-field --------------------------------------
{ printf 'name,notes\nbig,"'; head -c 5242880 /dev/zero | tr '\0' x; printf '"\nsmall,y\n'; } >big.csv
run crm-import customers big.csv
fails 65 "^crm-import: big.csv:2: a field is longer than 1048576 bytes \\(the limit; see --max-field\\)$" \
	"a 5 MB field is refused by default"
is "$(dbsum)" "$sum" "nothing written"
run crm-import --max-field 6M customers big.csv
rc_is 0 "--max-field 6M takes it"
is "$(sql "SELECT length(notes) FROM customers WHERE name = 'big'")" 5242880 "all of it"
run crm-import --max-field 0 customers big.csv
rc_is 64 "--max-field 0 is a usage error"
sql "DELETE FROM customers WHERE name IN ('big', 'small')"
sum=$(dbsum)

# --- Excel's habits: CRLF, BOM, quotes, blank rows, blanks, GB18030 --------
printf '\357\273\277code,name,tier,notes\r\nX1,"Quote ""q"", comma",A,"line1\r\nline2"\r\n,,,\r\n\r\nX2,  padded  ,B," kept "\r\n' >excel.csv
run crm-import customers excel.csv
rc_is 0 "a CRLF file with a BOM"
is "$(sql "SELECT code || '|' || name || '|' || tier FROM customers WHERE code IN ('X1', 'X2') ORDER BY code")" \
	"X1|Quote \"q\", comma|A
X2|padded|B" "BOM skipped, quotes undone, blank rows skipped, bare fields trimmed"
is "$(sql "SELECT hex(notes) FROM customers WHERE code = 'X1'")" "6C696E65310A6C696E6532" "CR LF inside a quoted field is read as LF"
is "$(sql "SELECT notes FROM customers WHERE code = 'X2'")" " kept " "a quoted field keeps its blanks"

printf 'code,name,tier,notes\nG1,广州环保局,A,"多行\n备注"\nG2,深圳水务,B,"引号""在内"\n' | iconv -f UTF-8 -t GB18030 >gb.csv
sum=$(dbsum)
run crm-import customers gb.csv
rc_is 65 "a GB18030 file read as UTF-8 is refused"
like "$err" "gb.csv:2:4: invalid UTF-8 .*try --encoding gb18030" "with the line, the column and the hint"
is "$(dbsum)" "$sum" "nothing written"
run crm-import --encoding gb18030 customers gb.csv
rc_is 0 "--encoding gb18030"
is "$(sql "SELECT name || '|' || notes FROM customers WHERE code IN ('G1', 'G2') ORDER BY code")" \
	"广州环保局|多行
备注
深圳水务|引号\"在内" "converted to UTF-8"
printf 'name\n' >gbk.csv; printf '\271\343\326\335\n\201\060\n' >>gbk.csv
run crm-import --encoding gbk customers gbk.csv
rc_is 65 "a byte that is not GBK"
like "$err" "gbk.csv:3:1: byte 0x81 does not start a valid gbk character" "names the line and column"

# stdin
printf 'code,name\nS1,from stdin\n' | crm-import customers - 2>"$work/err"
is "$? $(sql "SELECT name FROM customers WHERE code = 'S1'")" "0 from stdin" "FILE - reads standard input"
printf 'name,tier\nA,Q\n' | crm-import customers 2>"$work/err"
is "$? $(cat "$work/err")" "65 crm-import: <stdin>:2: tier: 'Q' is not one of: A B C
crm-import: <stdin>: 1 bad row of 1: nothing imported" "no FILE reads standard input too"

# --- --dry-run ------------------------------------------------------------
sum=$(dbsum)
printf 'code,name\nD1,dry\n' >dry.csv
run crm-import --dry-run customers dry.csv
rc_is 0 "--dry-run of a good file"
like "$err" "dry.csv: 1 row: 1 added, 0 updated, 0 rejected; 1 without a tier: its tier from the rulebook's criteria \\(dry run: nothing written\\)$" "reports what it would do"
is "$(dbsum)" "$sum" "and writes nothing"
run crm-import --dry-run customers bad.csv
rc_is 65 "--dry-run of a bad file fails like the import"

# --- --rejects ------------------------------------------------------------
printf 'code,name,tier\nR1,good one,A\nR2,bad tier,Z\nR3,good two,B\nR4,"short"\n' >rej.csv
run crm-import --rejects rejected.csv customers rej.csv
rc_is 0 "--rejects imports the good rows"
is "$(sql "SELECT group_concat(code) FROM customers WHERE code GLOB 'R*'")" "R1,R3" "only those"
is "$(tail -c +4 rejected.csv | tr -d '\r')" 'code,name,tier,reason
R2,bad tier,Z,line 3: tier: '"'Z'"' is not one of: A B C
R4,short,,"line 5: the row has 2 fields, the header has 3"' "and writes the bad ones with a reason column"
is "$(head -c 3 rejected.csv | od -An -tx1 | tr -d ' ')" efbbbf "with a BOM, for Excel"
is "$(stat -c %a rejected.csv)" 600 "the rejects file is private"
like "$err" "rej.csv: 4 rows: 2 added, 0 updated, 2 rejected" "a summary on stderr"
is "$(ls -a | grep -c crm-import)" 0 "no temporary file is left"
run crm-import --rejects - --dry-run customers rej.csv
like "$out" "^.?code,name,tier,reason" "--rejects - writes to standard output"
rm -f rejected2.csv
run crm-import --rejects rejected2.csv --dry-run customers rej.csv
ok "$(test ! -e rejected2.csv; echo $?)" "a dry run writes no rejects file"

# --- --update -------------------------------------------------------------
printf 'code,tier,notes\nC000001,B,\nC000002,A,新备注\nC777777,C,\n' >upd.csv
run crm-import --update customers upd.csv
rc_is 65 "an update row for a new customer needs its required columns"
like "$err" "upd.csv:4: name: a value is required" "says which"
printf 'code,tier,notes\nC000001,B,\nC000002,A,新备注\n' >upd.csv
before=$(sql "SELECT name || region || owner FROM customers WHERE code = 'C000001'")
run crm-import --update customers upd.csv
rc_is 0 "--update by code"
is "$(sql "SELECT tier || '|' || ifnull(notes, 'NULL') FROM customers WHERE code IN ('C000001', 'C000002') ORDER BY id")" \
	"B|NULL
A|新备注" "changes the columns present (an empty cell clears)"
is "$(sql "SELECT name || region || owner FROM customers WHERE code = 'C000001'")" "$before" "and leaves the others"
is "$(sql "SELECT entity_id || ' ' || field || ' ' || ifnull(old, '') || ' ' || ifnull(new, '') FROM changes WHERE program = 'crm-import' AND field IS NOT NULL ORDER BY id")" \
	"1 tier A B
1 notes 区属三座污水站委托运营，每季度考核出水水质 
2 notes 2024年中标，运营期五年。
出水执行一级A标准，每月向环保局报送台账。 新备注" "each changed field logged with old and new value"
printf 'code,tier\nC000001,\n' >upd2.csv
run crm-import --update customers upd2.csv
like "$err" "upd2.csv:2: tier: cannot be emptied" "a column that must have a value cannot be emptied"
printf 'name,tier\nx,A\n' >upd3.csv
run crm-import --update customers upd3.csv
fails 65 "upd3.csv:1: --update needs a 'code' column" "--update needs the key column"
printf 'login,region,intent_target\nzhanglei,榆林,7\n' >su.csv
run crm-import --update staff su.csv
rc_is 0 "--update staff by login"
is "$(sql "SELECT region || ' ' || intent_target FROM staff WHERE login = 'zhanglei'")" "榆林 7" "staff updated"

# --- staff that report to someone later in the file -----------------------
cat >st.csv <<'EOF'
login,name,role,reports_to
am1,一,account_manager,dm1
dm1,二,dept_manager,dh1
dh1,三,division_head,liuguoqiang
EOF
run crm-import staff st.csv
rc_is 0 "reports_to may name a login defined later in the file"
is "$(sql "SELECT login || '>' || reports_to FROM staff WHERE login IN ('am1', 'dm1', 'dh1') ORDER BY login")" \
	"am1>dm1
dh1>liuguoqiang
dm1>dh1" "every manager set"
is "$(sql "SELECT count(*) FROM changes WHERE entity = 'staff' AND entity_id IN (SELECT id FROM staff WHERE login IN ('am1', 'dm1', 'dh1'))")" 3 \
	"still one log entry each"
printf 'login,name,role,reports_to\nx1,x,admin,ghost\nx2,x,admin,x1\n' >st2.csv
sum=$(dbsum)
run crm-import staff st2.csv
is "$rc $err" "65 crm-import: st2.csv:2: reports_to: no staff member with login 'ghost'
crm-import: st2.csv:3: reports_to: no staff member with login 'x1'
crm-import: st2.csv: 2 bad rows of 2: nothing imported" "a manager nowhere to be found, and one who depends on it"
is "$(dbsum)" "$sum" "nothing written"

# --- kill -9 at any moment: none or all of the file ------------------------
awk 'BEGIN { print "name,tier,region,address,notes";
	for (i = 1; i <= 150000; i++)
		printf "客户%d,%s,地区%d,\"榆林市, 第%d号\",note %d\n", i, substr("ABC", i % 3 + 1, 1), i % 50, i, i }' >k.csv
n0=$(sql "SELECT count(*) FROM customers")
crm-import -q customers k.csv 2>/dev/null &
pid=$!
sleep 0.4
kill -9 $pid 2>/dev/null; killed=$?
wait $pid 2>/dev/null
n1=$(sql "SELECT count(*) FROM customers")
ok "$(test "$n1" = "$n0" || test "$n1" = $((n0 + 150000)); echo $?)" \
	"kill -9 leaves none or all of the file (killed mid-way: $([ $killed = 0 ] && echo yes || echo no), rows $n0 -> $n1)"
is "$(sql 'PRAGMA integrity_check')" ok "the database is intact"
is "$(sql "SELECT count(*) FROM sqlite_master WHERE name IN ('customers_ai', 'customers_owner')")" 2 \
	"with its triggers and indexes"

# --- the man page's examples, on a fresh demo database ---------------------
mkdir ex && cd ex || exit 1
export CRM_DB="$work/ex/crm.db"
demo_db || exit 1
run crm-export --bom contacts contacts.csv
rc_is 0 "EXAMPLES: crm-export --bom contacts contacts.csv"
sum=$(dbsum)
run crm-import --update contacts contacts.csv
rc_is 0 "EXAMPLES: crm-import --update contacts contacts.csv"
is "$(dbsum)" "$sum" "(nothing changed, nothing logged)"
printf 'customer,name,mobile\nC000001,王五,13900001111\nC000999,赵六,\n' > new.csv
run crm-import --rejects bad.csv contacts new.csv
rc_is 0 "EXAMPLES: crm-import --rejects bad.csv contacts new.csv"
is "$err" "crm-import: new.csv:3: customer: no customer 'C000999'
crm-import: new.csv: 2 rows: 1 added, 0 updated, 1 rejected" "reports the bad row and a summary"
like "$(cat bad.csv)" "line 3: customer: no customer 'C000999'" "the reason the page gives"
printf 'code,tier\nC000003,A\nC000004,A\n' > tiers.csv
run crm-import --update customers tiers.csv
rc_is 0 "EXAMPLES: crm-import --update customers tiers.csv"
is "$(sql "SELECT group_concat(tier) FROM customers WHERE code IN ('C000003', 'C000004')")" "A,A" "tiers changed"
run crm-export --encoding gb18030 customers customers.csv
rc_is 0 "EXAMPLES: crm-export --encoding gb18030 customers customers.csv"
sum=$(dbsum)
run crm-import --dry-run --update --encoding gb18030 customers customers.csv
rc_is 0 "EXAMPLES: crm-import --dry-run --update --encoding gb18030 customers customers.csv"
like "$err" "customers.csv: 40 rows: 0 added, 0 updated, 40 unchanged \(dry run: nothing written\)$" "says what it would do"
is "$(dbsum)" "$sum" "and writes nothing"
run crm-import --dry-run --update customers customers.csv
rc_is 65 "(the GB18030 file without --encoding is refused)"
# --- the rules between fields hold for imports too ---------------------------
crm-init --empty --db "$work/rules.db" >/dev/null
tester_staff --db "$work/rules.db"
crm-add --db "$work/rules.db" --name 规则测试 >/dev/null
printf 'customer,date,next_date,summary\nC000001,2026-11-20,2026-11-25,ok\nC000001,2027-01-01,,future\nC000001,2026-11-10,2026-11-01,backwards\n' >"$work/visits-bad.csv"
sum=$(sqlite3 "$work/rules.db" .dump | md5sum)
run crm-import --db "$work/rules.db" visits "$work/visits-bad.csv"
rc_is 65 "visits that break the visit rules are refused"
like "$err" "visits-bad.csv:3: date: 2027-01-01 is after today" "a visit after today, with its line"
like "$err" "visits-bad.csv:4: next_date: 2026-11-01 is not after date 2026-11-10" "a next meeting before its visit"
is "$(sqlite3 "$work/rules.db" .dump | md5sum)" "$sum" "nothing written"
crm-add --db "$work/rules.db" --name 另一客户 >/dev/null
crm-staff add --db "$work/rules.db" --login planner --name 规划 --role account_manager >/dev/null
crm-visit --db "$work/rules.db" --as planner plan -c C000001 --date 2026-12-05 --purpose 回访 >/dev/null
printf 'customer,date,plan\nC000002,2026-11-20,1\n' >"$work/visit-plan.csv"
sum=$(sqlite3 "$work/rules.db" .dump | md5sum)
run crm-import --db "$work/rules.db" visits "$work/visit-plan.csv"
like "$err" "visit-plan.csv:2: plan: plan 1 is for another customer" "a visit cannot carry out another customer's plan"
printf 'customer,description,status\nC000001,水质超标,confirmed\n' >"$work/complaint.csv"
run crm-import --db "$work/rules.db" complaints "$work/complaint.csv"
like "$err" "complaint.csv:2: confirmed_at: a value is required when the status is confirmed" "a confirmed complaint needs its confirmation time"
printf 'login,name,role\nnoname,,admin\n' >"$work/staff-noname.csv"
run crm-import --db "$work/rules.db" staff "$work/staff-noname.csv"
like "$err" "staff-noname.csv:2: name: a value is required" "a staff member needs a name, as with crm-staff add"
is "$(sqlite3 "$work/rules.db" .dump | md5sum)" "$sum" "none of them written"
printf 'code,notes\nC000001,x\nC000001,y\n' >"$work/twice.csv"
sum=$(sqlite3 "$work/rules.db" .dump | md5sum)
run crm-import --db "$work/rules.db" --update customers "$work/twice.csv"
like "$err" "twice.csv:3: code: 'C000001' is also on line 2 of this file" "--update: one record twice in a file is a bad row"
is "$(sqlite3 "$work/rules.db" .dump | md5sum)" "$sum" "nothing written"
printf 'login,name,role,reports_to\nnewa,A,account_manager,newb\nnewb,B,dept_manager,\n' >"$work/staff-fwd.csv"
run crm-import --db "$work/rules.db" --update staff "$work/staff-fwd.csv"
rc_is 0 "--update: a row held for a manager later in the file is not taken for a duplicate"
is "$(sqlite3 "$work/rules.db" "SELECT reports_to FROM staff WHERE login = 'newa'")" newb "and is imported"
printf 'code,name,tier\nG1,甲公司,Z\n' | iconv -f UTF-8 -t GB18030 >"$work/gb-bad.csv"
run crm-import --db "$work/rules.db" --encoding gb18030 --rejects "$work/gb-rej.csv" customers "$work/gb-bad.csv"
rc_is 0 "--rejects with a GB18030 file"
is "$(iconv -f GB18030 -t UTF-8 "$work/gb-rej.csv" | tr -d '\r' | tail -1)" "G1,甲公司,Z,line 2: tier: 'Z' is not one of: A B C" "the rejects come back in GB18030, as they were read"

# --rejects into a folder is refused before anything is imported; a
# device or a pipe is written, never replaced by a file.
mkdir -p "$work/rejdir"
printf 'code,name,tier\nR1,甲,A\nR2,乙,Z\n' >"$work/rd.csv"
sum=$(sqlite3 "$work/rules.db" .dump | md5sum)
run crm-import --db "$work/rules.db" --rejects "$work/rejdir" customers "$work/rd.csv"
fails 73 "cannot create '.*rejdir': it is a directory" "--rejects into a folder"
is "$(sqlite3 "$work/rules.db" .dump | md5sum)" "$sum" "and nothing imported"
run crm-import --db "$work/rules.db" --rejects /dev/stdout customers "$work/rd.csv"
rc_is 0 "--rejects /dev/stdout"
like "$out" "R2,乙,Z,line 3: tier" "writes into the device"
ok "$([ -c /dev/stdout ] || [ -p /dev/stdout ] || [ -S /dev/stdout ]; echo $?)" "which is still what it was"

# An update that collides with another record is a bad row of its line.
crm-init --empty -d "$work/uc.db" >/dev/null
printf 'name,date\n元旦,2027-01-01\n清明,2027-04-05\n' | crm-import -d "$work/uc.db" holidays
printf 'id,name,date\n2,元旦,2027-01-01\n1,bad,2027-02-30\n' >"$work/uc.csv"
sum=$(sqlite3 "$work/uc.db" .dump | md5sum)
run crm-import -d "$work/uc.db" --update holidays "$work/uc.csv"
rc_is 65 "--update into the values another record has"
like "$(printf '%s\n' "$err" | head -1)" "uc.csv:2: a record with that date, name already exists" "is a bad row, with its line"
like "$(printf '%s\n' "$err" | sed -n 2p)" "uc.csv:3: date: '2027-02-30' is not a valid date" "and the other bad rows are still listed"
is "$(sqlite3 "$work/uc.db" .dump | md5sum)" "$sum" "nothing written"
run crm-import -d "$work/uc.db" --update --rejects "$work/uc-rej.csv" holidays "$work/uc.csv"
rc_is 0 "with --rejects"
is "$(tail -n +2 "$work/uc-rej.csv" | cut -d, -f1 | tr '\n' ' ')" "2 1 " "both go to the rejects file"

done_testing
