#!/bin/sh
# crm-list: filters, full-text search (CJK included), sort, columns, formats.
. "$(dirname "$0")/lib.sh"

crm-init --empty >/dev/null
tester_staff
sql "INSERT INTO staff (login, name, role, created_at) VALUES
	('zhanglei', '张磊', 'account_manager', '2026-01-01T00:00:00Z'),
	('lina', '李娜', 'account_manager', '2026-01-01T00:00:00Z')"
crm-add --name 榆阳区环保局 --tier A --category government --region 榆阳区 \
	--owner zhanglei --credit A --scale-tonnes 8000 \
	--notes '区属三座污水站委托运营' >/dev/null
crm-add --name 陕西榆通化工有限公司 --tier B --region 榆阳区 --owner zhanglei \
	--credit B --scale-tonnes 12000 --investment 15600000.5 >/dev/null
crm-add --name 'ACME 100% "quoted" OR NEAR*' --tier C --owner lina \
	--region 神木市 --scale-tonnes 500 >/dev/null
crm-add --name 神木市第二净水厂 --tier C --category other --stage lead \
	--region 神木市 --credit D >/dev/null
crm-add --contact -c C000002 --name 张三 --title 设备部 --phone 0912-3827223 >/dev/null
crm-add --contact -c C000004 --name 王小张 --mobile 13800001111 >/dev/null

ids() { printf '%s\n' "$out" | tr '\n' ' ' | sed 's/ $//'; }

run crm-list
rc_is 0 "crm-list runs"
is "$(printf '%s\n' "$out" | head -1)" \
	"$(printf 'id\tcode\tname\ttier\tstage\tcategory\tregion\towner\tcredit\tscale_tonnes')" \
	"tsv by default when not a terminal, with the default columns"
is "$(printf '%s\n' "$out" | sed -n 2p)" \
	"$(printf '1\tC000001\t榆阳区环保局\tA\tcustomer\tgovernment\t榆阳区\tzhanglei\tA\t8000')" \
	"a row"
is "$(printf '%s\n' "$out" | wc -l)" 5 "every customer, in id order"

# Filters: repeated or comma-separated values of one filter are OR-ed,
# different filters AND-ed; an empty value matches no value.
run crm-list -o ids --tier A
is "$(ids)" "1" "--tier A"
run crm-list -o ids --tier A,B
is "$(ids)" "1 2" "--tier A,B"
run crm-list -o ids --tier A --tier C
is "$(ids)" "1 3 4" "--tier A --tier C"
run crm-list -o ids --stage lead
is "$(ids)" "4" "--stage"
run crm-list -o ids --owner lina
is "$(ids)" "3" "--owner"
run crm-list -o ids --owner ''
is "$(ids)" "4" "--owner '' finds customers without an owner"
run crm-list -o ids --region 神木市
is "$(ids)" "3 4" "--region"
run crm-list -o ids --credit B,D
is "$(ids)" "2 4" "--credit"
run crm-list -o ids --credit ''
is "$(ids)" "3" "--credit '' finds unrated customers"
run crm-list -o ids --category government,other
is "$(ids)" "1 4" "--category"
run crm-list -o ids --region 榆阳区 --tier B
is "$(ids)" "2" "two filters both apply"

# Search.
run crm-list -o ids --search 环保
is "$(ids)" "1" "a two-character CJK word finds 榆阳区环保局"
run crm-list -o ids --search 阳区环
is "$(ids)" "1" "a three-character substring through the trigram index"
run crm-list -o ids --search 张三
is "$(ids)" "2" "a contact's name finds the customer"
run crm-list -o ids --search 张
is "$(ids)" "2 4" "a one-character name finds every contact with it"
run crm-list -o ids --search 3827
is "$(ids)" "2" "a phone number fragment"
run crm-list -o ids --search 污水站
is "$(ids)" "1" "the notes are searched"
run crm-list -o ids --search 'acme'
is "$(ids)" "3" "latin text is case-insensitive"
run crm-list -o ids --search '张 神木'
is "$(ids)" "4" "several terms must all match"
run crm-list -o ids --search '榆阳 设备部'
is "$(ids)" "2" "short and long terms together"
run crm-list -o ids --search '%'
is "$(ids)" "3" "% is plain text"
run crm-list -o ids --search '_'
is "$(ids)" "" "_ is plain text"
run crm-list -o ids --search '100%'
is "$(ids)" "3" "100% is plain text"
run crm-list -o ids --search '"quoted"'
is "$(ids)" "3" "double quotes are plain text"
run crm-list -o ids --search 'OR'
is "$(ids)" "3" "OR is a word, not an operator"
run crm-list -o ids --search 'NEAR*'
is "$(ids)" "3" "NEAR and * are plain text"
run crm-list -o ids --search '环保 OR 神木'
is "$(ids)" "" "OR between terms is just another term"
run crm-list -o ids --search 'NEAR(a b)'
rc_is 0 "FTS syntax is never parsed"
run crm-list -o ids --search "it's"
rc_is 0 "a single quote is harmless"
run crm-list -o ids --search 不存在的词
is "$(ids)" "" "no match, no rows"
crm-edit 4 --name 神木市第三净水厂
run crm-list -o ids --search 第三
is "$(ids)" "4" "the index follows edits"

# Sort and columns.
run crm-list -o ids --sort scale_tonnes
is "$(ids)" "4 3 1 2" "--sort ascending, empty values first"
run crm-list -o ids --sort -scale_tonnes
is "$(ids)" "2 1 3 4" "--sort -COLUMN descending"
run crm-list -o ids --sort region,-id
# Text sorts in the locale's order: code points under C.UTF-8 (榆 U+6986
# before 神 U+795E), pinyin under zh_CN (shén before yú).
case "${LC_ALL:-${LANG:-}}" in
zh_CN*) is "$(ids)" "4 3 2 1" "several sort keys (text in pinyin order: 神 before 榆)" ;;
*) is "$(ids)" "2 1 4 3" "several sort keys (text in code point order: 榆 before 神)" ;;
esac
run crm-list --columns code,name,investment --tier B
is "$out" "$(printf 'code\tname\tinvestment\nC000002\t陕西榆通化工有限公司\t15600000.50')" \
	"--columns picks and orders columns; money with two decimals"
run crm-list --columns nope,name
fails 64 "--columns: unknown column 'nope'" "an unknown column"
run crm-list --sort -nope
fails 64 "--sort: unknown column 'nope'" "an unknown sort column"

# Formats.
run crm-list -o json --columns id,name,investment,credit --tier B,C --sort id
is "$(printf '%s\n' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["id"]+1, d[0]["investment"], d[1]["credit"])')" \
	"3 15600000.5 None" "json: numbers as numbers, money as a number, null for missing"
run crm-list -o jsonl --tier A
is "$out" '{"id":1,"code":"C000001","name":"榆阳区环保局","tier":"A","stage":"customer","category":"government","region":"榆阳区","owner":"zhanglei","credit":"A","scale_tonnes":8000}' "jsonl"
run crm-list -o csv --columns code,name --tier C
is "$out" "$(printf 'code,name\r\nC000003,"ACME 100%% ""quoted"" OR NEAR*"\r\nC000004,神木市第三净水厂\r')" "csv: quoted only where needed"
run crm-list -o tsv --no-header --columns code --tier A
is "$out" "C000001" "--no-header"
run crm-list -o table --columns id,name,tier,region
rc_is 0 "table"
# The column after the name starts at the same display column on every
# line (East Asian wide characters take two columns).
cols=$(printf '%s\n' "$out" | python3 -c '
import re, sys, unicodedata
def w(s): return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for line in sys.stdin:
    m = re.search(r"\s{2,}(tier|[ABC])(\s{2,}|$)", line)
    print(w(line[:m.start(1)]) if m else "no tier column: " + line.strip())' | sort -u)
is "$cols" 33 "table columns line up after Chinese names"
like "$(printf '%s\n' "$out" | sed -n 2p)" "^ 1  榆阳区环保局  +A     榆阳区$" "a table row"

# Bad input.
sum=$(dbsum)
run crm-list --tier D
fails 65 "tier: 'D' is not one of: A B C" "a bad tier"
run crm-list --stage prospect
fails 65 "stage: 'prospect' is not one of" "a bad stage"
run crm-list --credit E,A
fails 65 "credit: 'E' is not one of: A B C D" "a bad credit rating"
run crm-list --category factory
fails 65 "category: 'factory' is not one of" "a bad category"
run crm-list --owner nobody
fails 65 "owner: no staff member with login 'nobody'" "an unknown owner"
run crm-list --owner zhanglei --owner lina,nobody
fails 65 "^crm-list: owner: no staff member with login 'nobody'$" "an unknown owner among repeated ones"
run crm-list --colour red
rc_is 64 "an unknown option exits 64"
like "$err" "usage: crm-list" "with usage on stderr"
run crm-list --tier
rc_is 64 "a missing argument exits 64"
run crm-list extra
rc_is 64 "a stray argument exits 64"
run crm-list -o yaml
fails 64 "unknown output format 'yaml'" "an unknown format"
run crm-list --today 2026-02-30
rc_is 64 "a bad --today date exits 64"
is "$(dbsum)" "$sum" "listing never changes the database"

# The man page's examples.
run crm-list --tier A,B --region 榆阳区 --sort -scale_tonnes
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "id 2 1 " "example: A and B customers of a region, biggest first"
run crm-list --search 环保 -o json
like "$out" '"name":"榆阳区环保局"' "example: search"
run crm-list --columns code,name,owner --credit '' --no-header
is "$out" "$(printf 'C000003\tACME 100%% "quoted" OR NEAR*\tlina')" "example: unrated customers"
crm-list --tier C -o ids | crm-edit - --owner zhanglei
is "$(sql "SELECT group_concat(owner) FROM customers WHERE tier = 'C'")" "zhanglei,zhanglei" "example: reassign with crm-edit -"
done_testing
