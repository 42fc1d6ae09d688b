#!/bin/sh
# crm-list --search against a plain scan: for every kind of word (Chinese
# of one to five characters, codes, phone fragments, Latin letters in any
# case, % _ " and \, a word whose trigrams are all in a document that does
# not hold it), the customers found through the trigram index are those
# that SELECT id FROM customer_search_doc WHERE doc LIKE ... finds reading
# every document.  The index is kept by the triggers, the bulk load and
# the deferred contacts alike; a database of schema version 5 (the index
# with positions, searched with MATCH) is migrated and finds the same.
. "$(dirname "$0")/lib.sh"

demo_db || exit 1
# Letters whose case LIKE does not fold; text with \ and %.
crm-add --name 'ＡＢＣ环保科技' --notes 'ÉCOLE 合作' >/dev/null
crm-add --name 'ａｂｃ新材料' --notes 'école 合作' >/dev/null
crm-add --name '达标工程' --notes 'C:\data\x 出水100%达标 50_50' >/dev/null
ncust=$(sql "SELECT count(*) FROM customers")

set -f	# the words below are never file names

# scan TEXT: the ids of the customers whose document holds every word of
# TEXT, LIKE's wildcards escaped, reading every document.
scan() {
	_q="SELECT id FROM customer_search_doc WHERE 1"
	for _w in $1; do
		_p=$(printf '%s' "$_w" | sed "s/[\\\\%_]/\\\\&/g; s/'/''/g")
		_q="$_q AND doc LIKE '%$_p%' ESCAPE '\\'"
	done
	sql "$_q ORDER BY id" | tr '\n' ' ' | sed 's/ $//'
}

# found TEXT: what crm-list --search finds.
found() {
	run crm-list -o ids --search "$1"
	printf '%s\n' "$out" | sort -n | tr '\n' ' ' | sed 's/ *$//'
}

# The words: one a line (several words on one line are searched together).
cat >words <<'EOF'
张
环
局
环保
张三
神木
榆林
环保局
神木市
污水站
阳区环
榆阳区环保
锦界工业园
第一污水处
C000001
c000017
C0000
000
3827
0912-38
-3827
912-
15199224448
LiWeiDong
EXAMPLE.CN
@Example
Wx_GaoXiao
a
Ex
A标准
a标准
wx_
wx_gao
_gao
%
_
100%
100%达标
50_50
0_5
"
"品牌客户"
集团"品牌
\
C:\data
\data\
it's
市榆阳区环保局
环保局榆林市
C000001榆阳
ＡＢＣ
ａｂｃ
ＡＢＣ环保
ÉCOLE
école
abc
张 神木
榆阳 设备部 0912
wx_ 环保局
ＡＢＣ 合作
不存在的词
zzzzz
EOF

nwords=0 nempty=0
while IFS= read -r w; do
	want=$(scan "$w")
	[ -n "$want" ] || nempty=$((nempty + 1))
	nwords=$((nwords + 1))
	is "$(found "$w")" "$want" "--search '$w' finds what a scan finds (${want:-nothing})"
done <words
# An ideographic space (U+3000, what a Chinese input method types)
# separates words as a space does.
want=$(found "环保 榆阳")
[ -n "$want" ]
ok $? "two words find some customers"
is "$(found "环保　榆阳")" "$want" "an ideographic space separates words (${want:-nothing})"
is "$(found "　环保　")" "$(found "环保")" "and may come before and after them"
[ "$nempty" -le 10 ]
ok $? "most words find something ($nempty of $nwords find nothing)"

# The index is used, and its trigrams alone would find more: SQLite checks
# each document it gives.
is "$(sql "SELECT rowid FROM customer_search WHERE customer_search MATCH '市榆阳 AND 榆阳区 AND 阳区环 AND 区环保 AND 环保局'")" 1 \
	"every trigram of 市榆阳区环保局 is in customer 1's document"
is "$(found 市榆阳区环保局)" "" "but the word is not, so it is not found"

# Case: ASCII letters either way, every other letter as it is.
is "$(found 'liweidong')" "$(found 'LIWEIDONG')" "ASCII letters in any case"
is "$(found 'ＡＢＣ')" "$((ncust - 2))" "a full-width word finds itself only"
is "$(found 'ａｂｃ')" "$((ncust - 1))" "the same in lower case likewise"
is "$(found 'ÉCOLE')" "$((ncust - 2))" "so does an accented capital"

# The index follows every kind of write.
sqlite3 "$CRM_DB" ".backup before.db"
crm-edit 1 --name 榆阳区生态环境局 >/dev/null
is "$(found 生态环境)" 1 "an edited name is found"
is "$(found 榆阳区环保局)" "" "and its old name no longer"
crm-add --contact -c C000002 --name 欧阳修远 --mobile 13312345678 >/dev/null
is "$(found 13312345678)" 2 "a contact added"
sql "UPDATE contacts SET mobile = '13387654321' WHERE name = '欧阳修远'"
is "$(found 13387654321)" 2 "a contact changed by the sqlite3 shell"
printf 'customer,name,mobile\nC000003,司马光明,13598765432\nC000003,司马光亮,13598765433\n' >more.csv
crm-import -q contacts more.csv
is "$(found 1359876543)" 3 "contacts imported into a table that has some"
is "$(found 司马光)" 3 "their names too"
crm-rm contacts "$(sql "SELECT id FROM contacts WHERE name = '司马光明'")" >/dev/null
is "$(found 司马光明)" "" "a contact removed"
is "$(sql "INSERT INTO customer_search (customer_search) VALUES ('integrity-check')" 2>&1)" "" \
	"the index agrees with its documents"
is "$(sql "SELECT count(*) FROM customer_search s JOIN customer_search_doc d ON d.id = s.rowid AND d.doc = s.doc")" \
	"$(sql "SELECT count(*) FROM customers")" "one current document per customer"

# A database of schema version 5: the index as version 1 made it (with
# positions), searched as crm did then: MATCH with a quoted phrase for
# words of three characters or more, a scan for shorter ones.
cp before.db old.db
sqlite3 old.db "DROP TABLE customer_search;
CREATE VIRTUAL TABLE customer_search USING fts5(doc,
  tokenize = 'trigram case_sensitive 0');
INSERT INTO customer_search (rowid, doc) SELECT id, doc FROM customer_search_doc;
PRAGMA user_version = 5;"
export CRM_DB="$work/old.db"

# old TEXT: what crm-list --search found before version 6.
old() {
	_q="SELECT rowid FROM customer_search WHERE 1"
	_m=
	for _w in $1; do
		if [ "$(printf '%s' "$_w" | wc -m)" -ge 3 ]; then
			_p=$(printf '%s' "$_w" | sed 's/"/""/g' | sed "s/'/''/g")
			_m="$_m${_m:+ AND }\"$_p\""
		else
			_p=$(printf '%s' "$_w" | sed "s/[\\\\%_]/\\\\&/g; s/'/''/g")
			_q="$_q AND +doc LIKE '%$_p%' ESCAPE '\\'"
		fi
	done
	[ -z "$_m" ] || _q="$_q AND customer_search MATCH '$_m'"
	sql "$_q ORDER BY rowid" | tr '\n' ' ' | sed 's/ $//'
}
while IFS= read -r w; do
	printf '%s\t%s\n' "$w" "$(old "$w")"
done <words >old-found
is "$(sql 'PRAGMA user_version')" 5 "a database of schema version 5"

run crm-list -o ids --search 环保
rc_is 0 "crm-list opens it"
is "$(sql 'PRAGMA user_version')" 6 "and migrates it to version 6"
like "$(sql "SELECT sql FROM sqlite_master WHERE name = 'customer_search'")" \
	"detail = none" "the index has no positions"
is "$(sql "INSERT INTO customer_search (customer_search) VALUES ('integrity-check')" 2>&1)" "" \
	"the migrated index agrees with its documents"
is "$(sql "SELECT count(*) FROM customer_search s JOIN customer_search_doc d ON d.id = s.rowid AND d.doc = s.doc")" \
	"$(sql "SELECT count(*) FROM customers")" "one current document per customer"
is "$(sql "SELECT k || '=' || v FROM customer_search_config WHERE k IN ('automerge', 'hashsize') ORDER BY k" | tr '\n' ' ')" \
	"automerge=4 hashsize=1048576 " "FTS5's defaults are back after the fast refill"
ndiff=0
while IFS="$(printf '\t')" read -r w was; do
	now=$(found "$w")
	if [ "$now" != "$was" ]; then
		ndiff=$((ndiff + 1))
		printf '# %s: before %s, now %s\n' "$w" "${was:-nothing}" "${now:-nothing}"
	fi
	is "$now" "$(scan "$w")" "migrated: --search '$w' finds what a scan finds"
done <old-found
# Only words of letters whose case LIKE does not fold (ＡＢＣ, ａｂｃ,
# ÉCOLE, école, ＡＢＣ 合作) were found in either case by MATCH.
is "$ndiff" 5 "every other word finds what it found before version 6"
grep -q "^ＡＢＣ	$((ncust - 2)) $((ncust - 1))\$" old-found
ok $? "MATCH found ＡＢＣ in either case, as the trigram tokenizer folds it"

# The triggers keep the new table.
crm-edit 2 --notes 迁移后的备注 >/dev/null
is "$(found 迁移后的备注)" 2 "an edit after the migration is found"

done_testing
