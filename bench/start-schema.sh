#!/bin/sh
# bench/start-schema.sh - what crm's schema costs a start, in instructions.
#
#   sh bench/start-schema.sh
#
# SQLite reads the whole schema (every CREATE statement in sqlite_schema)
# at a connection's first statement that names a table; sqlite3 'select 1'
# never does.  This script counts, with valgrind's callgrind (instructions
# in user space: the same count whatever else the machine does), a start
# of `crm-list -o tsv` on the 40-customer demo, first with crm's schema as
# crm-init makes it, then with parts of it taken away one after another
# (in copies of the file, with PRAGMA writable_schema; crm-list still
# lists the same 40 customers from each), and prints each beside
# sqlite3 'select 1' and the same list written in SQL, run on the full
# file:
#   crm's schema                       as crm-init makes it
#   - the search triggers and view     crm-list --search would find
#                                      nothing written after this
#   - the search index                 no crm-list --search at all
#   - the CHECK constraints            sqlite3 writes any word, any value
#   - the indexes                      bare tables: every look-up a scan
# The rows show how much of the schema must go before a start is within
# 1.2 times sqlite3 'select 1' (issue 13).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
bench_built
bench_dir
for p in valgrind sqlite3 perl; do
	command -v $p >/dev/null || { echo "bench: $p missing" >&2; exit 1; }
done
export CRM_DB="$dir/crm.db" CRM_USER=yangxue LC_ALL=C.UTF-8
PATH="$top/bin:$PATH"
for f in crm v0 v1 v2 v3 v4; do	# an earlier run's, in BENCH_DIR
	rm -f "$dir/$f.db" "$dir/$f.db-wal" "$dir/$f.db-shm"
done
crm-init >/dev/null
crm-import -q staff "$top/data/demo/staff.csv"
crm-import -q customers "$top/data/demo/customers.csv"
crm-import -q contacts "$top/data/demo/contacts.csv"
sqlite3 "$CRM_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null

# ir CMD...: the instructions of one run of CMD.
ir() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
	    2>&1 >/dev/null | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
# schema FILE: its objects and the bytes of their SQL.
schema() {
	sqlite3 -separator ' ' "$1" "SELECT count(*), sum(length(sql))
	    FROM sqlite_schema"
}
# without FROM TO SQL: TO is a copy of FROM with SQL run on it.
without() {
	cp "$dir/$1.db" "$dir/$2.db"
	sqlite3 "$dir/$2.db" "$3"
}

yard=$(ir sqlite3 "$CRM_DB" 'select 1')
list=$(ir sqlite3 "$CRM_DB" 'SELECT id, code, name, tier, stage, category,
    region, owner, credit, scale_tonnes FROM customers ORDER BY id')
cp "$CRM_DB" "$dir/v0.db"
without v0 v1 "DROP TRIGGER customers_ai; DROP TRIGGER customers_au;
DROP TRIGGER customers_ad; DROP TRIGGER contacts_ai; DROP TRIGGER contacts_au;
DROP TRIGGER contacts_ad; DROP VIEW customer_search_doc;"
without v1 v2 "DROP TABLE customer_search;"
# CHECK (...) taken out of each CREATE TABLE, its brackets balanced.
checks=$(sqlite3 "$dir/v2.db" "SELECT name || char(1) || sql || char(2) FROM
    sqlite_schema WHERE type = 'table' AND sql LIKE '%CHECK%'" | perl -0777 -ne '
	while (/^(\w+)\x01(.*?)\x02$/msg) {
		my ($name, $sql) = ($1, $2);
		$sql =~ s/\s*CHECK\s*(\((?:[^()]++|(?1))*\))//g;
		$sql =~ s/\x27/\x27\x27/g;
		print "UPDATE sqlite_schema SET sql = \x27$sql\x27 WHERE name = \x27$name\x27;\n";
	}')
without v2 v3 "PRAGMA writable_schema = ON; $checks"
without v3 v4 "$(sqlite3 "$dir/v3.db" "SELECT 'DROP INDEX ' || name || ';'
    FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")"
for v in v1 v2 v3 v4; do
	[ "$(sqlite3 "$dir/$v.db" 'PRAGMA quick_check')" = ok ] ||
	    { echo "bench: $v.db is not a sound file" >&2; exit 1; }
	[ "$(sqlite3 "$dir/$v.db" "SELECT count(*) FROM sqlite_schema
	    WHERE sql LIKE '%CHECK%'")" = 0 ] || [ "$v" = v1 ] ||
	    [ "$v" = v2 ] || { echo "bench: $v.db kept a CHECK" >&2; exit 1; }
done

# row LABEL FILE N: one row of the table, N instructions on FILE.
row() {
	# shellcheck disable=SC2046 # two numbers
	set -- "$1" "$3" $(schema "$2")
	printf '%-36s %8s %6s %12s %7s %7s\n' "$1" "$3" "$4" "$2" \
	    "$(awk -v a="$2" -v b="$yard" 'BEGIN { printf "%.2f", a / b }')" \
	    "$(awk -v a="$2" -v b="$list" 'BEGIN { printf "%.2f", a / b }')"
}

crm-list -o tsv >"$dir/list.tsv"
printf '%-36s %8s %6s %12s %7s %7s\n' "crm-list -o tsv, the file's schema" \
    objects bytes instructions "/ 1" "/ list"
for v in "v0:crm's schema" "v1:- the search triggers and view" \
    "v2:- the search index" "v3:- the CHECK constraints" \
    "v4:- the indexes (bare tables)"; do
	f=$dir/${v%%:*}.db
	CRM_DB=$f crm-list -o tsv | cmp -s - "$dir/list.tsv" ||
	    { echo "bench: crm-list lists another thing from $f" >&2; exit 1; }
	row "${v#*:}" "$f" "$(CRM_DB=$f ir crm-list -o tsv)"
done
# The same crm-list with libsqlite3.a in it: no libsqlite3.so to load and
# relocate (its 1,600 symbols bound at load), the way left on the table.
a=$(cc -print-file-name=libsqlite3.a)
if [ -f "$a" ]; then
	cc -std=c11 -D_GNU_SOURCE -O2 -I"$top/lib" -o "$dir/crm-list-static" \
	    "$top/cmd/crm-list.c" "$top/lib/libcrm.a" -lcsv "$a" -lm
	row "crm's schema, SQLite linked in" "$dir/v0.db" \
	    "$(CRM_DB=$dir/v0.db ir "$dir/crm-list-static" -o tsv)"
fi
[ -f "$a" ] || echo "(no libsqlite3.a: no row with SQLite linked in)"
printf '%-36s %8s %6s %12s\n' "sqlite3 'select 1'" "" "" "$yard"
printf '%-36s %8s %6s %12s\n' "sqlite3, the same list in SQL" "" "" "$list"
