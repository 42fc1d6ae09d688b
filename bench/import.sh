#!/bin/sh
# bench/import.sh - crm-import and crm-export against sqlite3's own CSV.
#
# Generates N (default 1,000,000) realistic customer rows (Chinese names,
# quoted addresses with commas and newlines, valid credit codes), then
# times, in one run each:
#   crm-import customers          vs  sqlite3 .import --csv of the same file
#                                     into a plain table with the same
#                                     columns and two indexes, in one
#                                     transaction
#                                 and sqlite3 putting the same rows into
#                                     crm's own schema (its indexes,
#                                     CHECKs and search index; not its
#                                     validation nor its change log)
#                                 and the peer sqlite-utils insert --csv
#                                     with a trigram index (if installed)
#   crm-export customers          vs  sqlite3 -csv of that plain table
# and prints time, rows/s, peak RSS and the ratio crm / sqlite3.
# Targets (issue 13): import ratio <= 1.5 with peak RSS under 32 MiB;
# export <= 1.0.
#
# Usage: bench/import.sh [N]   (BENCH_DIR to keep the files somewhere)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${CRM_BIN:-$top/bin}
N=${1:-1000000}
. "$top/bench/lib.sh"
bench_count "$N"
bench_dir
export CRM_DB="$dir/crm.db" CRM_USER=bench LC_ALL=C.UTF-8
# The databases of an earlier run in the same BENCH_DIR (crm-init never
# overwrites one).
for f in crm plain schema peer x0 x1 x2; do
	rm -f "$dir/$f.db" "$dir/$f.db-wal" "$dir/$f.db-shm"
done
unset CRM_TODAY
for p in crm-init crm-import crm-export; do
	[ -x "$bin/$p" ] || { echo "bench: $bin/$p missing: run make" >&2; exit 1; }
done
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 missing" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }

# --- the data ------------------------------------------------------------
bench_staff "$dir/staff.csv"
echo "bench: generating $N customers in $dir" >&2
bench_customers "$N" "$dir/customers.csv"
size=$(wc -c <"$dir/customers.csv")
lines=$(wc -l <"$dir/customers.csv")

# measure NAME CMD...: sets t_NAME (seconds) and m_NAME (peak RSS, KiB)
measure() {
	_name=$1
	shift
	/usr/bin/time -o "$dir/time" -f '%e %M' "$@"
	read -r _t _m <"$dir/time"
	eval "t_$_name=\$_t m_$_name=\$_m"
}

# --- crm-import ------------------------------------------------------------
"$bin/crm-init" >/dev/null
"$bin/crm-import" -q staff "$dir/staff.csv"
measure crm_import "$bin/crm-import" -v customers "$dir/customers.csv" 2>"$dir/phases"
# loaded WHO DB SQL WANT: stops unless SQL counts WANT in DB.
loaded() {
	_got=$(sqlite3 "$2" "$3")
	[ "$_got" = "$4" ] || { echo "bench: $1 loaded $_got, not $4" >&2; exit 1; }
}
loaded crm-import "$CRM_DB" "SELECT count(*) FROM customers" "$N"

# --- the yardstick: sqlite3 .import into a plain table, two indexes ----------
bench_plain "$dir/customers.csv" "$dir/import.sql"
measure sqlite_import sqlite3 "$dir/plain.db" ".read \"$dir/import.sql\""
loaded sqlite3 "$dir/plain.db" "SELECT count(*) FROM customers" "$N"

# --- a second yardstick: sqlite3 putting the same rows into crm's own
# schema as a skilled user would (the file to a temporary table, one
# INSERT ... SELECT with the amounts in fen, the search index filled once
# with its trigger set aside, as crm-import's bulk load does): the
# indexes, CHECKs and search index crm keeps, without crm's validation
# of each value, its messages, or its change log -------------------------
"$bin/crm-init" --db "$dir/schema.db" >/dev/null
CRM_DB="$dir/schema.db" "$bin/crm-import" -q staff "$dir/staff.csv"
trig=$(sqlite3 "$dir/schema.db" "SELECT sql || ';' FROM sqlite_master WHERE name = 'customers_ai'")
sel=$(echo "$cols" | sed 's/investment/CAST(round(investment * 100) AS INTEGER)/; s/notes$/nullif(notes, '"''"')/')
{
	echo "PRAGMA cache_size = -4096;"
	echo "BEGIN;"
	echo "DROP TRIGGER customers_ai;"
	echo "CREATE TEMP TABLE f ($coldefs);"
	echo ".import --csv --skip 1 \"$dir/customers.csv\" f"
	echo "INSERT INTO customers ($cols, created_at, updated_at) SELECT $sel, '2026-12-07T00:00:00Z', '2026-12-07T00:00:00Z' FROM f;"
	echo "INSERT INTO customer_search (rowid, doc) SELECT id, doc FROM customer_search_doc;"
	echo "$trig"
	echo "COMMIT;"
} >"$dir/schema.sql"
measure sqlite_schema sqlite3 "$dir/schema.db" ".read \"$dir/schema.sql\""
loaded "sqlite3 (rows, documents) into crm's schema" "$dir/schema.db" \
    "SELECT (SELECT count(*) FROM customers) || ' ' || (SELECT count(*) FROM customer_search)" "$N $N"

# --- the peer: sqlite-utils (Debian's), which validates nothing, then a
# trigram index of the same text columns, when it is installed ---------
if command -v sqlite-utils >/dev/null 2>&1; then
	measure peer_insert sqlite-utils insert "$dir/peer.db" customers \
	    "$dir/customers.csv" --csv
	measure peer_fts sqlite-utils enable-fts "$dir/peer.db" customers \
	    code name address region industry notes --fts5 \
	    --tokenize trigram
else
	t_peer_insert=- t_peer_fts=-
	echo "bench: sqlite-utils is not installed (apt-get install sqlite-utils): the peer is left out" >&2
fi

# --- export ------------------------------------------------------------------
measure crm_export "$bin/crm-export" customers "$dir/crm-out.csv"
measure sqlite_export sh -c "sqlite3 -csv -header '$dir/plain.db' 'SELECT * FROM customers' >'$dir/sqlite-out.csv'"

# --- report ------------------------------------------------------------------
awk -v n="$N" -v size="$size" -v lines="$lines" \
    -v ti="$t_crm_import" -v mi="$m_crm_import" \
    -v si="$t_sqlite_import" -v smi="$m_sqlite_import" \
    -v ss="$t_sqlite_schema" -v sms="$m_sqlite_schema" \
    -v pi="$t_peer_insert" -v pf="$t_peer_fts" \
    -v te="$t_crm_export" -v me="$m_crm_export" \
    -v se="$t_sqlite_export" -v sme="$m_sqlite_export" 'BEGIN {
	printf "%d customers, %.1f MB, %d physical lines\n", n, size / 1e6, lines;
	printf "%-28s %8s %10s %10s\n", "", "seconds", "rows/s", "peak RSS";
	printf "%-28s %8.2f %10d %7.1f MiB\n", "crm-import", ti, n / ti, mi / 1024;
	printf "%-28s %8.2f %10d %7.1f MiB\n", "sqlite3 .import (yardstick)", si, n / si, smi / 1024;
	printf "%-28s %8.2f %10d %7.1f MiB\n", "sqlite3 into crm'"'"'s schema", ss, n / ss, sms / 1024;
	if (pi != "-")
		printf "%-28s %8.2f + %.2f for a trigram index = %.2f: crm/peer %.2f\n", "sqlite-utils insert --csv", pi, pf, pi + pf, ti / (pi + pf);
	printf "%-28s %8.2f %10d %7.1f MiB\n", "crm-export", te, n / te, me / 1024;
	printf "%-28s %8.2f %10d %7.1f MiB\n", "sqlite3 -csv (yardstick)", se, n / se, sme / 1024;
	printf "import ratio crm/sqlite3: %.2f (target <= 1.50), crm-import peak RSS %.1f MiB (target < 32)\n", ti / si, mi / 1024;
	printf "import ratio crm/sqlite3 into crm'"'"'s schema (the same indexes and search index): %.2f\n", ti / ss;
	if (se > 0) printf "export ratio crm/sqlite3: %.2f (target <= 1.00)\n", te / se;
	else printf "export ratio crm/sqlite3: - (too fast to time)\n";
}'
echo "where crm-import's time went (crm-import -v):"
sed 's/^/  /' "$dir/phases"

# --- xlsx: 100,000 rows (or N, if fewer) read from a workbook, against
# converting the same workbook to CSV (xlsx2csv, else LibreOffice) and
# importing that ------------------------------------------------------------
X=$((N < 100000 ? N : 100000))
# The first X records (not lines: an address may hold a line break), as
# the plain table holds them.
sqlite3 -csv -header "$dir/plain.db" "SELECT * FROM customers ORDER BY rowid LIMIT $X" >"$dir/x.csv"
export CRM_DB="$dir/x0.db"
"$bin/crm-init" >/dev/null
"$bin/crm-import" -q staff "$dir/staff.csv"
"$bin/crm-import" -q customers "$dir/x.csv"
"$bin/crm-export" --names --xlsx "$dir/x.xlsx" customers
export CRM_DB="$dir/x1.db"
"$bin/crm-init" >/dev/null
"$bin/crm-import" -q staff "$dir/staff.csv"
measure xlsx_import "$bin/crm-import" -q customers "$dir/x.xlsx"
conv=
if command -v xlsx2csv >/dev/null; then
	conv="xlsx2csv"
	convert() { xlsx2csv "$dir/x.xlsx" "$dir/x2.csv"; }
elif command -v soffice >/dev/null; then
	conv="soffice --convert-to csv"
	convert() { (cd "$dir" && soffice --headless --convert-to csv x.xlsx >/dev/null 2>&1 && mv x.csv x2.csv); }
fi
if [ -n "$conv" ]; then
	export CRM_DB="$dir/x2.db"
	"$bin/crm-init" >/dev/null
	"$bin/crm-import" -q staff "$dir/staff.csv"

	t0=$(date +%s.%N)
	convert
	t1=$(date +%s.%N)
	measure xlsx_csv_import "$bin/crm-import" -q customers "$dir/x2.csv"
	awk -v x="$X" -v tx="$t_xlsx_import" -v mx="$m_xlsx_import" \
	    -v tc="$(echo "$t1 - $t0" | bc)" -v ti="$t_xlsx_csv_import" \
	    -v conv="$conv" 'BEGIN {
		printf "xlsx: %d rows; crm-import of the workbook %.2f s (%.1f MiB); %s %.2f s + crm-import of its CSV %.2f s = %.2f s; ratio %.2f\n",
		    x, tx, mx / 1024, conv, tc, ti, tc + ti, tx / (tc + ti);
	}'
else
	echo "xlsx: $X rows, crm-import of the workbook $t_xlsx_import s" \
	    "(no xlsx2csv or soffice here for the yardstick: apt-get install xlsx2csv)"
fi
