#!/bin/sh
# crm-export: every column as CSV that Excel opens and crm-import reads
# back unchanged.
. "$(dirname "$0")/lib.sh"

demo_db || exit 1
tables="staff customers contacts plans visits complaints complaint_events surveys orders holidays calendar"
# A row in every other table, with the values that test the format.
cat >plans.csv <<'EOF'
customer,staff,level,date,purpose,status
C000001,zhanglei,dept_manager,2026-12-03,"年度回访, 带杂志",approved
EOF
cat >visits.csv <<'EOF'
customer,level,staff,kind,date,summary,feedback,next_date,plan
C000001,account_manager,zhanglei,onsite,2026-11-03,"said ""fine""
and more","=SUM(A1)",2026-12-01,1
C000002,dept_manager,wangfang,phone,2026-11-10,"  padded  ",''-already guarded,,
EOF
cat >complaints.csv <<'EOF'
customer,received_at,channel,contact,category,severity,description,status,escalated,dept,handler,due_date
C000003,2026-11-20T08:00:00Z,phone,张三,水质,high,"出水COD超标",assigned,yes,生产运行部,zhanglei,2026-11-23
EOF
cat >surveys.csv <<'EOF'
customer,date,channel,service_score,operation_ok,staff_score,suggestion,staff
C000001,2026-11-15,form,5,no,4,+86 more visits,zhanglei
EOF
cat >orders.csv <<'EOF'
customer,date,kind,amount,description
C000002,2026-10-01,contract,1234567.89,@bob
C000003,2026-10-02,order,0.5,'''quoted
EOF
for t in plans visits complaints surveys orders; do
	run crm-import $t $t.csv
	rc_is 0 "fixture: $t"
done
sql "UPDATE customers SET notes = 'a' || char(9) || 'tab, and ' || char(13) || ' CR' WHERE id = 5"

# --- the format ------------------------------------------------------------
run crm-export orders
rc_is 0 "export orders"
is "$(tr -d '\r' <"$work/out")" "id,customer,date,kind,amount,description,created_at
1,C000002,2026-10-01,contract,1234567.89,'@bob,$(sql "SELECT created_at FROM orders WHERE id = 1")
2,C000003,2026-10-02,order,0.50,'''quoted,$(sql "SELECT created_at FROM orders WHERE id = 2")" \
	"header, every column, money with two decimals, the customer's code"
is "$(od -An -c "$work/out" | tr -s ' ' | head -1)" " i d , c u s t o m e r , d a t e" "starts with the header"
ok "$(grep -c "$(printf '\r')\$" "$work/out" | grep -qx 3; echo $?)" "CRLF line ends (RFC 4180)"
run crm-export visits
like "$out" '1,C000001,account_manager,zhanglei,onsite,2026-11-03,"said ""fine""' "quotes doubled inside a quoted field"
like "$out" "'=SUM\\(A1\\)" "a formula is guarded with '"
like "$out" "\"  padded  \"" "blanks at the ends are quoted"
like "$out" "''-already guarded" "a value that looks guarded gets another '"
is "$(sql "SELECT feedback FROM visits WHERE id = 2")" "'-already guarded" "(as stored)"
run crm-export --raw visits
like "$out" ",=SUM\\(A1\\)," "--raw: no guard"
run crm-export surveys
like "$out" ",no,4,'\\+86 more visits,zhanglei," "flags as yes/no, a leading + guarded"
run crm-export --no-header holidays
is "$(printf '%s\n' "$out" | head -1 | tr -d '\r')" "1,元旦,2026-01-01,7,ABC" "--no-header"

run crm-export --bom customers
is "$(head -c 3 "$work/out" | od -An -tx1 | tr -d ' ')" efbbbf "--bom writes a UTF-8 BOM first"
run crm-export customers
is "$(head -c 2 "$work/out")" "id" "none without"

run crm-export --encoding gb18030 customers
rc_is 0 "--encoding gb18030"
crm-export customers >utf8.csv
is "$(iconv -f GB18030 -t UTF-8 "$work/out" | md5sum)" "$(md5sum <utf8.csv)" "is the UTF-8 export in GB18030"
is "$(head -2 "$work/out" | tail -1 | head -c 14 | od -An -tx1 | tr -d ' \n')" "312c433030303030312cd3dcd1f4" \
	"(榆阳 in GB18030)"
run crm-export --encoding klingon customers
rc_is 64 "an unknown encoding is a usage error"

# --- redaction ---------------------------------------------------------------
run crm-export --redact contacts
like "$out" "^1,C000001,李卫东,局长,091\\*-\\*\\*\\*7223,151\\*\\*\\*\\*4448,l\\*\\*\\*@example.cn," \
	"--redact masks phones (151****4448) and e-mail local parts"
unlike "$out" "15199224448|liweidong@" "no number or address left"
like "$out" ",高晓燕,污防科科长,.*,w\\*\\*\\*,no," "--redact masks WeChat ids (personal data too)"
unlike "$out" "wx_gaoxiaoyan83" "no WeChat id left"
qqid=$(crm-add --contact -c C000002 --name 测试 --qq 123456789 --wechat 微信号abc)
run crm-export --redact contacts
like "$out" "^$qqid,C000002,测试,,,,,\\*\\*\\*\\*\\*\\*\\*89,微\\*\\*\\*,no," "--redact masks QQ numbers and a WeChat id starting with a Chinese character"
unlike "$out" "123456789|微信号abc" "no QQ number or WeChat id left"
crm-rm contacts "$qqid" 2>/dev/null || sql "DELETE FROM contacts WHERE id = $qqid"
is "$(printf "%s\n" "$out" | head -1 | tr -d "\r")" "id,customer,name,title,phone_redacted,mobile_redacted,email_redacted,qq_redacted,wechat_redacted,primary,notes,created_at" \
	"masked columns are renamed in the header"
printf '%s\n' "$out" >"$work/red.csv"
sum=$(dbsum)
run crm-import --update contacts "$work/red.csv"
rc_is 65 "a redacted file does not import back"
like "$err" "phone_redacted" "naming the masked column"
is "$(dbsum)" "$sum" "and the real numbers stay"
run crm-export --redact staff
like "$out" "3,chenjianhua,陈建华,c\\*\\*\\*@example.com," "staff e-mail too"

# codes: the customer codes in $out
codes() { printf '%s\n' "$out" | grep -o '^[0-9]*,C[0-9]*,' | cut -d, -f2 | tr '\n' ' '; }

# --- filters like crm-list -----------------------------------------------------
run crm-export --tier A --owner zhanglei customers
is "$(codes)" "$(sql "SELECT group_concat(code, ' ') || ' ' FROM (SELECT code FROM customers WHERE tier = 'A' AND owner = 'zhanglei' ORDER BY id)")" "--tier --owner"
run crm-export --tier A,B --search 污水 customers
is "$(codes)" "$(sql "SELECT group_concat(code, ' ') || ' ' FROM (SELECT code FROM customers WHERE tier IN ('A','B') AND id IN (SELECT rowid FROM customer_search WHERE +doc LIKE '%污水%') ORDER BY id)")" \
	"--search"
run crm-export --tier Z customers
fails 65 "tier: 'Z' is not one of: A B C" "a bad filter value"
run crm-export --tier A orders
fails 64 "filters apply to customers only" "filters on another table"
run crm-export -o json customers
fails 64 "writes CSV or xlsx only" "-o other than csv"
run crm-export nosuch
fails 64 "unknown table 'nosuch'" "an unknown table"
run crm-export
rc_is 64 "no table"
is "$(printf '%s\n' "$err" | head -1)" "crm-export: needs a TABLE" "says what is missing"
like "$(printf '%s\n' "$err" | sed -n 2p)" "^usage: crm-export" "then the usage"
run crm-export --help
rc_is 0 "--help"
like "$out" "^usage: crm-export" "usage on stdout"

# --- to a file: private, complete or absent --------------------------------------
umask 022
echo old >cust.csv
chmod 644 cust.csv
run crm-export customers cust.csv
rc_is 0 "export to a file"
is "$out" "" "nothing on stdout"
is "$(stat -c %a cust.csv)" 600 "the file is mode 0600, even over an existing one"
is "$(md5sum <cust.csv)" "$(md5sum <utf8.csv)" "same content as on stdout"
run crm-export customers "$work/nodir/x.csv"
fails 73 "cannot create '$work/nodir/x.csv'" "a folder that does not exist"
is "$(ls -a | grep -c crm-export)" 0 "no temporary file is left"

# --- round trip: a fresh database gets every table back unchanged -------------------
mkdir ex
for t in $tables; do
	crm-export $t ex/$t.csv || echo "export $t failed"
done
CRM_DB=$work/copy.db crm-init --empty >/dev/null
for t in $tables; do
	run env CRM_DB="$work/copy.db" crm-import $t ex/$t.csv
	rc_is 0 "round trip: import $t"
done
for t in $tables; do
	is "$(sqlite3 "$work/copy.db" "SELECT * FROM $t" | md5sum)" "$(sql "SELECT * FROM $t" | md5sum)" \
		"round trip: $t is the same, ids, codes and time stamps included"
	is "$(CRM_DB=$work/copy.db crm-export $t | md5sum)" "$(md5sum <ex/$t.csv)" "round trip: $t exports the same"
done
is "$(sqlite3 "$work/copy.db" "SELECT count(*) FROM customer_search s JOIN customer_search_doc d ON d.id = s.rowid AND d.doc = s.doc")" 40 \
	"round trip: the search index is whole"

# And through GB18030, with a BOM: what old Excel gets, crm-import reads.
crm-export --bom --encoding gb18030 customers gb.csv
CRM_DB=$work/gb.db crm-init --empty >/dev/null
CRM_DB=$work/gb.db crm-import -q staff ex/staff.csv
run env CRM_DB="$work/gb.db" crm-import --encoding gb18030 customers gb.csv
rc_is 0 "a GB18030 export with a BOM imports"
is "$(sqlite3 "$work/gb.db" "SELECT * FROM customers" | md5sum)" "$(sql "SELECT * FROM customers" | md5sum)" "unchanged"

# The man page's examples.
run crm-export --bom --redact contacts contacts.csv
rc_is 0 "EXAMPLES: redacted contacts for Excel"
is "$(grep -c '^[0-9]*,C[0-9]*,' contacts.csv)" "$(sql "SELECT count(*) FROM contacts")" "every contact"
unlike "$(cat contacts.csv)" "1[3-9][0-9]{9}" "and no whole mobile number"
crm-export staff staff.csv && crm-export customers all.csv &&
	crm-init --empty --db new.db >/dev/null &&
	crm-import -q --db new.db staff staff.csv &&
	crm-import -q --db new.db customers all.csv
ok $? "EXAMPLES: copy the staff and the customers into another database"
is "$(sqlite3 new.db "SELECT * FROM customers" | md5sum)" "$(sql "SELECT * FROM customers" | md5sum)" "as they were"
run crm-export --encoding gb18030 contacts contacts.csv
rc_is 0 "EXAMPLES: contacts for old Excel"
is "$(iconv -f GB18030 -t UTF-8 contacts.csv | md5sum)" "$(crm-export contacts | md5sum)" "in GB18030"

# A device or a pipe is written as it is, never replaced by a file.
run crm-export contacts /dev/stdout
rc_is 0 "crm-export to /dev/stdout"
like "$out" "^id,customer,name" "writes the CSV there"
if [ -w /dev/full ]; then
	run crm-export contacts /dev/full
	fails 74 "cannot write '/dev/full': No space left on device" "a full device"
	ok "$([ -c /dev/full ]; echo $?)" "and /dev/full stays a device"
fi
mkfifo "$work/fifo"
cat "$work/fifo" >"$work/from-fifo" &
run crm-export contacts "$work/fifo"
wait
rc_is 0 "crm-export into a named pipe"
is "$(md5sum <"$work/from-fifo")" "$(crm-export contacts | md5sum)" "the reader gets the CSV"
ok "$([ -p "$work/fifo" ]; echo $?)" "and the pipe stays a pipe"
mkdir "$work/outdir"
run crm-export contacts "$work/outdir"
fails 73 "it is a directory" "a folder is refused"

# Full-width digits, as a Chinese input method types them, are digits.
id=$(crm-add --contact -c C000003 --name 全角 --mobile '１３９１２３４５６７８' --qq '８８８８８８８８')
run crm-export --redact contacts
like "$out" "^$id,C000003,全角,,,１３９\\*\\*\\*\\*５６７８,,\\*\\*\\*\\*\\*\\*８８," "--redact masks full-width digits too"

done_testing
