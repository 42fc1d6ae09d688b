#!/bin/sh
# bench/start.sh - how fast crm-list starts on a small database, against
# sqlite3 opening the same file for 'select 1', in the same run.
# usage: bench/start.sh [RUNS]   (default 300)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
bench_built
runs=${1:-300}
bench_count "$runs"
bench_dir
export CRM_DB="$dir/crm.db" CRM_USER=yangxue
PATH="$top/bin:$PATH"
rm -f "$CRM_DB" "$CRM_DB-wal" "$CRM_DB-shm"	# an earlier run's, in BENCH_DIR
crm-init >/dev/null
crm-import -q staff "$top/data/demo/staff.csv"
crm-import -q customers "$top/data/demo/customers.csv"
crm-import -q contacts "$top/data/demo/contacts.csv"

now() { date +%s%N; }
loop() {
	i=0
	t0=$(now)
	while [ $i -lt "$runs" ]; do
		"$@" >/dev/null
		i=$((i + 1))
	done
	echo $(( ($(now) - t0) / runs / 1000 ))
}
# 'select 1' never reads the schema; any query of a table does, so the
# second yardstick is the same list written in SQL.
yard=$(loop sqlite3 "$CRM_DB" 'select 1')
yard2=$(loop sqlite3 "$CRM_DB" 'select id, code, name, tier, stage, category, region, owner, credit, scale_tonnes from customers order by id')
list=$(loop crm-list -o tsv)
echo "runs: $runs, 40 customers"
echo "sqlite3 db 'select 1':           $yard us/run"
echo "sqlite3 db 'select ... customers': $yard2 us/run"
echo "crm-list:                        $list us/run"
awk -v a="$list" -v b="$yard" -v c="$yard2" 'BEGIN {
	printf "ratio crm-list / sqlite3 select 1: %.2f\n", a / b
	printf "ratio crm-list / sqlite3 same query: %.2f\n", a / c }'
