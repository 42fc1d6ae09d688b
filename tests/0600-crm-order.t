#!/bin/sh
# crm-order: orders and contracts.  add prints the id and keeps the amount
# in whole fen exactly; bad amounts, kinds and customers are refused with
# nothing written; list filters and formats (the amount a number in
# JSON); crm-show; crm-import and crm-export of orders, round trip and the
# same refusals.
. "$(dirname "$0")/lib.sh"

export TZ=UTC
crm-init --empty >/dev/null
tester_staff
crm-import -q customers >/dev/null <<'EOF'
code,name,tier,category
K1,甲污水厂,C,enterprise
K2,乙化工,C,enterprise
K3,丙水务,C,government
EOF

# snap: what a refused command must leave as it was, as a digest.
snap() {
	sqlite3 -batch "$CRM_DB" 'SELECT * FROM orders; SELECT count(*) FROM changes' |
	    md5sum | cut -c1-32
}

# --- add -----------------------------------------------------------------
run crm-order add -c K1 --kind contract --date 2026-11-20 --amount 12345.67 \
	--description "二期运维合同"
rc_is 0 "add with every option"
is "$out" 1 "add prints the id alone"
is "$(sql "SELECT customer, date, kind, amount, description FROM orders WHERE id = 1")" \
	"1|2026-11-20|contract|1234567|二期运维合同" "every option stored, 12345.67 as 1234567 fen"
is "$(sql "SELECT typeof(amount) FROM orders WHERE id = 1")" integer "the amount is an integer"
is "$(sql "SELECT who || ' ' || program || ' ' || entity FROM changes WHERE entity = 'order' AND entity_id = 1 LIMIT 1")" \
	"tester crm-order order" "the order is in the change log"

run crm-order add -c K2 --amount 0.1
rc_is 0 "add with only -c and --amount"
is "$(sql "SELECT customer, date, kind, amount, ifnull(description, '-') FROM orders WHERE id = $out")" \
	"2|2026-11-27|order|10|-" "defaults: today, the model's kind; 0.1 is 10 fen"
run crm-order add -c 2 --amount 1 --kind renewal --date today-7
rc_is 0 "-c by id, --date today-7"
is "$(sql "SELECT customer, date, kind, amount FROM orders WHERE id = $out")" \
	"2|2026-11-20|renewal|100" "1 is 100 fen"

# More amounts, and a date after today, in a database of their own.
other=$work/other.db
CRM_DB=$other crm-init --empty >/dev/null
printf 'code,name,tier\nK1,甲污水厂,C\n' | CRM_DB=$other crm-import customers >/dev/null
for a in 0:0 0.05:5 99.9:9990 100.00:10000 9999999999999.99:999999999999999; do
	run crm-order add -d "$other" -c K1 --amount "${a%%:*}"
	is "$rc $(sqlite3 -batch "$other" "SELECT amount FROM orders WHERE id = '$out'")" \
		"0 ${a#*:}" "--amount ${a%%:*} is ${a#*:} fen"
done
# An order is recorded once it was placed, as a visit, a survey and a
# complaint are: a mistyped year would hide a silent customer.
run crm-order add -d "$other" -c K1 --amount 5 --date 2026-11-28
fails 65 "date: 2026-11-28 is after today \\(2026-11-27\\)" "a date after today is refused"
printf 'customer,date,amount\nK1,2027-11-27,5\n' >late.csv
run crm-import -d "$other" orders late.csv
rc_is 65 "and through crm-import"
like "$err" "late.csv:2: date: 2027-11-27 is after today" "naming the line"

sum=$(snap)
for a in -1 1e3 12.345 abc 1,00 " 12" 12. .5 +1 10000000000000; do
	run crm-order add -c K1 --amount "$a"
	rc_is 65 "--amount '$a' is refused"
	is "$err" "crm-order: amount: '$a' is not an amount like 12345.67 (or ¥12,345.67, 12345.67元, 1.2万)" \
		"--amount '$a': one line, naming the value"
done
run crm-order add -c K1 --amount ""
fails 65 "^crm-order: cannot add order: amount: a value is required$" \
	"--amount '' is refused"
run crm-order add -c K1 --amount 5 --kind sale
fails 65 "^crm-order: kind: 'sale' is not one of: contract order renewal equipment referral$" \
	"a bad kind is refused, naming the kinds"
run crm-order add -c K1 --amount 5 --date 2026-02-30
fails 65 "date: '2026-02-30' is not a valid date" "a date that does not exist"
run crm-order add -c K9 --amount 5
fails 1 "^crm-order: no customer 'K9'$" "an unknown customer"
run crm-order add --amount 5
rc_is 64 "add needs -c"
like "$err" "add needs -c CUSTOMER" "and says so"
run crm-order add -c K1
rc_is 64 "add needs --amount"
like "$err" "add needs --amount AMOUNT" "and says so"
run crm-order add -c K1 --amount 5 extra
rc_is 64 "add takes no arguments"
run crm-order add -c K1 --amount 5 -x
rc_is 64 "a bad option"
run crm-order
rc_is 64 "no command word"
run crm-order sell
rc_is 64 "an unknown command word"
is "$(snap)" "$sum" "no refused order was stored"

# --- list ----------------------------------------------------------------
crm-order add -c K1 --kind equipment --amount 8000 --date 2026-11-25 \
	--description "鼓风机更换" >/dev/null
crm-order add -c K3 --kind referral --amount 0.5 --date 2026-10-31 >/dev/null
# 1 K1 11-20 contract 12345.67; 2 K2 11-27 order 0.10; 3 K2 11-20 renewal
# 1.00; 4 K1 11-25 equipment 8000.00; 5 K3 10-31 referral 0.50
list() {
	run crm-order list -o ids "$@"
	printf '%s\n' "$out" | tr '\n' ' ' | sed 's/ $//'
}
run crm-order list -o tsv
is "$(printf '%s\n' "$out" | head -1)" \
	"id	date	customer_id	code	customer	kind	amount	description" "list columns"
is "$(printf '%s\n' "$out" | sed 1d)" "5	2026-10-31	3	K3	丙水务	referral	0.50	
1	2026-11-20	1	K1	甲污水厂	contract	12345.67	二期运维合同
3	2026-11-20	2	K2	乙化工	renewal	1.00	
4	2026-11-25	1	K1	甲污水厂	equipment	8000.00	鼓风机更换
2	2026-11-27	2	K2	乙化工	order	0.10	" "tsv rows, by date then id, two decimals"
is "$(list)" "5 1 3 4 2" "every order, by date then id"
is "$(list -c K1)" "1 4" "-c by code"
is "$(list -c 2)" "3 2" "-c by id"
is "$(list -c K1,K3)" "5 1 4" "-c with a comma list"
is "$(list -c K1 -c K2)" "1 3 4 2" "-c repeated"
is "$(list --kind contract)" "1" "--kind"
is "$(list --kind contract,order,referral)" "5 1 2" "--kind with a comma list"
is "$(list --from 2026-11-20 --to 2026-11-25)" "1 3 4" "--from and --to, both days included"
is "$(list --from 2026-11-21)" "4 2" "--from alone"
is "$(list --to 2026-10-31)" "5" "--to alone"
is "$(list --from today-2)" "4 2" "--from today-2"
is "$(list -c K1 --kind equipment --from 2026-11-01)" "4" "filters together"
is "$(list --kind renewal -c K1)" "" "no match"
run crm-order list --kind sale
fails 65 "^crm-order: kind: 'sale' is not one of: contract order renewal equipment referral$" \
	"a bad --kind"
run crm-order list -c K9
fails 1 "no customer 'K9'" "an unknown -c"
run crm-order list --from 2026-13-01
fails 64 "from: '2026-13-01' is not a valid date" "a bad --from"
run crm-order list extra
rc_is 64 "list takes no arguments"

run crm-order list -c K1 -o csv
is "$(printf '%s\n' "$out" | tr -d '\r')" "id,date,customer_id,code,customer,kind,amount,description
1,2026-11-20,1,K1,甲污水厂,contract,12345.67,二期运维合同
4,2026-11-25,1,K1,甲污水厂,equipment,8000.00,鼓风机更换" "csv"
run crm-order list -c K1 -o csv --no-header
is "$(printf '%s\n' "$out" | head -1 | tr -d '\r')" "1,2026-11-20,1,K1,甲污水厂,contract,12345.67,二期运维合同" \
	"csv --no-header"
run crm-order list -o json
is "$(printf '%s\n' "$out" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print(" ".join(repr(r["amount"]) for r in d), type(d[1]["amount"]).__name__,
	d[0]["description"], d[1]["customer_id"], d[1]["code"])')" \
	"0.5 12345.67 1.0 8000.0 0.1 float None 1 K1" "json: the amount a number, no description null"
like "$out" '"amount":12345\.67[,}]' "json: 12345.67 written as a number"
run crm-order list -o jsonl -c K3
is "$out" '{"id":5,"date":"2026-10-31","customer_id":3,"code":"K3","customer":"丙水务","kind":"referral","amount":0.50,"description":null}' \
	"jsonl"
run crm-order list -o table -c K1
is "$out" "id  date        customer_id  code  customer  kind         amount  description
 1  2026-11-20            1  K1    甲污水厂  contract   12345.67  二期运维合同
 4  2026-11-25            1  K1    甲污水厂  equipment   8000.00  鼓风机更换" \
	"table: aligned, the amount to the right"

# --- crm-show ------------------------------------------------------------
run crm-show K1 -o tsv
is "$(printf '%s\n' "$out" | sed -n '/^== orders/,/^$/p' | sed '1,2d;/^$/d' | cut -f1-4)" \
	"4	2026-11-25	equipment	8000.00
1	2026-11-20	contract	12345.67" "crm-show lists the customer's orders, the latest first"
like "$out" "== orders \\(2\\) ==" "counted"
run crm-show K2 -o json
is "$(printf '%s\n' "$out" | python3 -c 'import json,sys
d = json.load(sys.stdin)
if isinstance(d, list): d = d[0]
print(len(d["orders"]), [o["amount"] for o in d["orders"]])')" \
	"2 [0.1, 1.0]" "crm-show -o json nests the orders, amounts as numbers"

# --- crm-import and crm-export orders ------------------------------------
crm-export orders >ex-orders.csv
is "$(head -1 ex-orders.csv | tr -d '\r')" "id,customer,date,kind,amount,description,created_at" \
	"crm-export orders: the header"
is "$(grep '^1,' ex-orders.csv | cut -d, -f1-6)" "1,K1,2026-11-20,contract,12345.67,二期运维合同" \
	"a row: the customer by code, the amount with two decimals"
crm-export customers >ex-customers.csv
CRM_DB=$work/copy.db crm-init --empty >/dev/null
CRM_DB=$work/copy.db crm-import -q customers ex-customers.csv
run crm-import -d "$work/copy.db" orders ex-orders.csv
rc_is 0 "crm-import orders reads what crm-export wrote"
is "$(CRM_DB=$work/copy.db crm-export orders)" "$(cat ex-orders.csv)" \
	"orders: export, import into a fresh database, export: the same"
is "$(sqlite3 -batch "$work/copy.db" 'SELECT id, amount FROM orders ORDER BY id' | tr '\n' ' ')" \
	"1|1234567 2|10 3|100 4|800000 5|50 " "the amounts in fen, exactly"

cat >bad.csv <<'EOF'
customer,date,kind,amount,description
K1,2026-11-01,order,-1,
K1,2026-11-01,order,1e3,
K1,2026-11-01,order,12.345,
K1,2026-11-01,order,abc,
K1,2026-11-01,order,,
K1,2026-11-01,sale,1,
K9,2026-11-01,order,1,
K1,2026-11-31,order,1,
K1,2026-11-02,equipment,99.5,备用风机
EOF
sum=$(snap)
run crm-import orders bad.csv
rc_is 65 "crm-import orders: a file with bad rows"
like "$err" "bad.csv:2: amount: '-1' is not an amount like 12345.67" "amount -1"
like "$err" "bad.csv:3: amount: '1e3' is not an amount like 12345.67" "amount 1e3"
like "$err" "bad.csv:4: amount: '12.345' is not an amount like 12345.67" "amount 12.345"
like "$err" "bad.csv:5: amount: 'abc' is not an amount like 12345.67" "amount abc"
like "$err" "bad.csv:6: amount: a value is required" "no amount"
like "$err" "bad.csv:7: kind: 'sale' is not one of: contract order renewal equipment referral" "a bad kind"
like "$err" "bad.csv:8: customer: no customer 'K9'" "an unknown customer"
like "$err" "bad.csv:9: date: '2026-11-31' is not a valid date" "a date that does not exist"
unlike "$err" "bad.csv:10" "the good row is not named"
like "$(printf '%s\n' "$err" | tail -1)" "bad.csv: 8 bad rows of 9: nothing imported" "nothing imported"
is "$(snap)" "$sum" "the database is as it was"
sed -n '1p;10p' bad.csv >good.csv
run crm-import orders good.csv
rc_is 0 "a good file imports"
is "$(sql "SELECT customer, date, kind, amount, description FROM orders ORDER BY id DESC LIMIT 1")" \
	"1|2026-11-02|equipment|9950|备用风机" "every column stored, 99.5 as 9950 fen"
printf 'customer,date,amount\nK2,,3\n' >short.csv
run crm-import orders short.csv
rc_is 65 "crm-import: an order needs its date"
like "$err" "short.csv:2: date: a value is required" "and names the column"
printf 'customer,amount\nK2,3\n' >short.csv
run crm-import orders short.csv
fails 65 "short.csv:1: required column 'date' is missing" "a file without the date column"

done_testing
