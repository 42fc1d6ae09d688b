#!/bin/sh
# kill -9 at any moment of a long crm-import, and of a long crm-import
# --update of the same file: the database is intact, holds none of the file
# or all of it, and the next command works.
. "$(dirname "$0")/lib.sh"

# Rows, and kills of the import and of the update: at moments of processor
# time (KT1, KT2) and at sizes of the -wal file (KW1, KW2).  Fewer rows
# where every program runs several times slower.
N=12000 KT1=6 KW1=6 KT2=4 KW2=6
case $CRM_BIN in *build-asan*) N=2500 ;; esac
[ -n "${CRM_VALGRIND:-}" ] && N=300 KT1=2 KW1=2 KT2=2 KW2=2

# watch PID WAL SIZE CPU: kill -9 PID as soon as the file WAL holds SIZE
# bytes or PID has run for CPU ms of processor time, unless it has exited
# first.  Processor time, not the clock: the moment is as far into the work
# however busy the machine is.  (A clock limit of 30 times CPU, at least
# 10 s, is a safety net.)  Prints the CPU time PID used (ms) and the largest
# size of WAL seen.  Polls every 2 ms, in one process: no fork in the loop.
cat >watch.pl <<'EOF'
use strict;
use POSIX qw(sysconf _SC_CLK_TCK);
use Time::HiRes qw(time sleep);
my ($pid, $wal, $size, $cpu) = @ARGV;
my ($t0, $max, $used, $tick) = (time, 0, 0, 1000 / sysconf(_SC_CLK_TCK));
my $limit = $cpu * 30 > 10000 ? $cpu * 30 : 10000;
while (1) {
	my $s = -s $wal || 0;
	$max = $s if $s > $max;
	open(my $fh, '<', "/proc/$pid/stat") or last;
	my $stat = <$fh>;
	close $fh;
	last unless defined $stat;
	my @f = split ' ', substr($stat, rindex($stat, ')') + 2);
	$used = ($f[11] + $f[12]) * $tick;
	last if $f[0] eq 'Z';
	if ($s >= $size || $used >= $cpu || (time - $t0) * 1000 >= $limit) {
		kill 'KILL', $pid;
		last;
	}
	sleep 0.002;
}
printf "%d %d\n", $used, $max;
EOF

# attempt SIZE CPU ARGS...: crm-import ARGS in the background, killed by
# watch SIZE CPU; $st is its exit status (137 when the kill hit it), $took
# and $walmax what watch saw.
attempt() {
	_size=$1 _cpu=$2
	shift 2
	if [ -n "${CRM_VALGRIND:-}" ]; then
		set -- valgrind -q --error-exitcode=99 --suppressions="$top/tests/valgrind.supp" "$@"
	fi
	"$@" >attempt.out 2>attempt.err </dev/null &
	_pid=$!
	read -r took walmax <<-EOF
	$(perl watch.pl $_pid "$CRM_DB-wal" "$_size" "$_cpu")
	EOF
	wait $_pid 2>/dev/null	# (no "Killed" from the shell)
	st=$?
}

crm-init --empty >/dev/null
printf 'login,name,role\nboss,Boss,admin\nam1,AM1,account_manager\nam2,AM2,account_manager\n' |
	crm-import -q staff - || exit 1
export CRM_USER=boss

# The file: codes, a quoted comma, CJK text, notes 'v0 I'; the update file is
# the same with notes 'v1 I'.
awk -v n=$N 'BEGIN {
	print "code,name,tier,owner,region,address,notes"
	for (i = 1; i <= n; i++)
		printf "K%06d,客户%d,%s,am%d,地区%d,\"榆林市, 第%d号\",v0 %d\n",
		    i, i, substr("ABC", i % 3 + 1, 1), i % 2 + 1, i % 50, i, i
}' >v0.csv
sed 's/,v0 \([0-9]*\)$/,v1 \1/' v0.csv >v1.csv
schema() { sql "SELECT group_concat(name || ' ' || ifnull(sql, ''), '|') FROM (SELECT name, sql FROM sqlite_master ORDER BY name)"; }
schema=$(schema)

# What holds after every attempt, whatever the moment of the kill, gathered
# in one list per check; each kill is named by its attempt.
bad_rc= bad_integrity= bad_rows= bad_log= bad_schema= bad_search= bad_next=
hits=0 hits_import=0 hits_update=0 tries_import=0 tries_update=0
adds=0 natt=0	# customers added after kills, attempts
implog() { sql "SELECT count(*) FROM changes WHERE program = 'crm-import'"; }
nlog=$(implog)

# check NAME ROWS-SQL NONE ALL LOG-DELTA: after attempt NAME, the query
# ROWS-SQL counts NONE (none of the file) or ALL (all of it), and the
# change log grew by 0 or LOG-DELTA entries to match.  Sets $whole to 1
# when all of it is there.  The first program to open the database after
# the kill alternates between sqlite3 and crm-add.
check() {
	_name=$1 _q=$2 _none=$3 _all=$4 _dlog=$5
	natt=$((natt + 1))
	echo "# $_name: $([ $st = 137 ] && echo killed || echo "exit $st") after $took ms of CPU, -wal file up to $walmax bytes"
	case $st in
	0) ;;
	137) hits=$((hits + 1)) ;;
	*) bad_rc="$bad_rc $_name:$st:$(cat attempt.err)" ;;
	esac
	if [ $((natt % 2)) = 0 ]; then
		_integrity=$(sql 'PRAGMA integrity_check')
		next
	else
		next
		_integrity=$(sql 'PRAGMA integrity_check')
	fi
	[ "$_integrity" = ok ] || bad_integrity="$bad_integrity $_name:$_integrity"
	_n=$(sql "$_q")
	_l=$(($(implog) - nlog))
	whole=
	if [ "$_n" = "$_all" ] && [ "$_none" != "$_all" ]; then
		whole=1
		[ "$_l" = "$_dlog" ] || bad_log="$bad_log $_name:$_l"
	elif [ "$_n" = "$_none" ]; then
		[ "$_l" = 0 ] || bad_log="$bad_log $_name:$_l"
	else
		bad_rows="$bad_rows $_name:$_n"
	fi
	[ "$st" != 0 ] || [ -n "$whole" ] || bad_rows="$bad_rows $_name:exit-0-but-$_n"
	nlog=$((nlog + _l))
	[ "$(schema)" = "$schema" ] || bad_schema="$bad_schema $_name"
	_s=$(sql "SELECT (SELECT count(*) FROM customers) = (SELECT count(*) FROM customer_search s JOIN customer_search_doc d ON d.id = s.rowid AND d.doc = s.doc)")
	[ "$_s" = 1 ] || bad_search="$bad_search $_name"
}

# next: the next commands work: crm-add adds a customer, crm-list finds
# it, crm-rm removes it again (the import into an empty table stays one).
next() {
	adds=$((adds + 1))
	_nm=$(printf 'next %04d done' $adds)
	_id=$(crm-add --name "$_nm" 2>&1)
	_rc=$?
	if [ $_rc != 0 ]; then
		bad_next="$bad_next $_name:crm-add:$_rc:$_id"
		return
	fi
	_found=$(crm-list -o ids --search "$_nm" 2>&1)
	[ "$? $_found" = "0 $_id" ] || bad_next="$bad_next $_name:crm-list:$_found"
	_rm=$(crm-rm customers "$_id" 2>&1)
	[ "$? $_rm" = "0 " ] || bad_next="$bad_next $_name:crm-rm:$_rm"
}

# --- crm-import into the empty table (the bulk load) ---------------------------
# The processor time and the largest -wal file of a whole import, into a
# copy of the empty database.
sqlite3 "$CRM_DB" ".backup '$work/empty.db'"
db=$CRM_DB
CRM_DB=$work/empty.db
attempt 999999999999 999999999 crm-import customers v0.csv
CRM_DB=$db
t1=$took w1=$walmax
is "$st $(sqlite3 empty.db "SELECT count(*) FROM customers")" "0 $N" \
    "a whole import of $N customers ($t1 ms of CPU, -wal file up to $w1 bytes)"
rm -f empty.db*

# Kills after 1/(KT1+1), 2/(KT1+1)... of the CPU a whole import took, then
# when the -wal file has reached 1/KW1, 2/KW1... of its largest size: the
# last one comes at the commit, or after (the -wal file may stay smaller).
# The first import that is not killed ends the series.
i=0 whole=
while [ $i -lt $((KT1 + KW1)) ] && [ -z "$whole" ]; do
	i=$((i + 1))
	tries_import=$((tries_import + 1))
	if [ $i -le $KT1 ]; then
		attempt 999999999999 $((t1 * i / (KT1 + 1))) crm-import customers v0.csv
	else
		attempt $((w1 * (i - KT1) / KW1)) $((t1 * 2)) crm-import customers v0.csv
	fi
	check "import$i" "SELECT count(*) FROM customers WHERE code GLOB 'K*'" 0 $N $N
done
hits_import=$hits
if [ -z "$whole" ]; then
	run crm-import customers v0.csv
	rc_is 0 "the import, not killed, goes through"
	nlog=$(implog)
else
	ok 0 "the import, not killed, goes through (attempt $i)"
fi
is "$(sql "SELECT count(*) FROM customers WHERE code GLOB 'K*' AND notes GLOB 'v0 *'")" $N "all $N rows are in"

# --- crm-import --update of the same file ------------------------------------
# Back and forth between v1.csv and v0.csv: each attempt changes the notes of
# every row, or none.  Kills as above.
attempt 999999999999 999999999 crm-import --update customers v1.csv
t2=$took w2=$walmax
is "$st $(sql "SELECT count(*) FROM customers WHERE notes GLOB 'v1 *'")" "0 $N" \
    "a whole --update of $N customers ($t2 ms of CPU, -wal file up to $w2 bytes)"
dlog=$(($(implog) - nlog))
is "$dlog" $N "one change-log entry per row (its notes)"
nlog=$((nlog + dlog))
now=v1
i=0
while [ $i -lt $((KT2 + KW2)) ]; do
	i=$((i + 1))
	tries_update=$((tries_update + 1))
	to=$([ $now = v1 ] && echo v0 || echo v1)
	if [ $i -le $KT2 ]; then
		attempt 999999999999 $((t2 * i / (KT2 + 1))) crm-import --update customers $to.csv
	else
		attempt $((w2 * (i - KT2) / KW2)) $((t2 * 2)) crm-import --update customers $to.csv
	fi
	check "update$i" "SELECT count(*) FROM customers WHERE code GLOB 'K*' AND notes GLOB '$to *'" 0 $N $N
	[ -n "$whole" ] && now=$to
done
hits_update=$((hits - hits_import))
is "$(sql "SELECT count(*) FROM customers WHERE code GLOB 'K*' AND notes GLOB '$now *'")" $N \
    "the rows hold the notes of the last --update that went through ($now)"

echo "# kills: $hits (import: $hits_import of $tries_import, update: $hits_update of $tries_update; the others came after the program had finished)"
is "$bad_rc" "" "every attempt was killed (exit 137) or went through (exit 0)"
is "$bad_integrity" "" "after every kill, PRAGMA integrity_check says ok"
is "$bad_rows" "" "after every kill, none of the file or all of it"
is "$bad_log" "" "and the change log matches: no entry, or one per row"
is "$bad_schema" "" "the indexes and triggers the bulk load drops are always back"
is "$bad_search" "" "the search index has each customer's document as it is"
is "$bad_next" "" "after every kill the next commands (crm-add, crm-list, crm-rm) work"
is "$(sql "SELECT count(*) FROM customers")" $N "no customer lost or added twice"
is "$(sql "SELECT program, count(*) FROM changes WHERE program IN ('crm-add', 'crm-rm') AND entity = 'customer' AND field IS NULL GROUP BY 1")" \
    "crm-add|$adds
crm-rm|$adds" \
    "every crm-add and crm-rm after a kill is in the change log"
run crm-check
unlike "$out$err" "integrity|foreign key" "crm-check finds nothing broken"

# crm-export killed while it writes: the file is there whole, or not at
# all, and no hidden file is left beside it (it has no name until whole).
# (Killed after the file was named, while it exits, as a sanitizer's
# leak check at exit lets happen, it is whole.)
crm-export customers whole.csv
bad_export= hits_export=0
i=0
while [ $i -lt 8 ]; do
	i=$((i + 1))
	rm -f big.csv
	attempt 999999999999 $((i * 8)) crm-export customers big.csv
	case $st in
	137) hits_export=$((hits_export + 1))
	     [ ! -e big.csv ] || cmp -s big.csv whole.csv ||
	         bad_export="$bad_export $i:half-file" ;;
	0) cmp -s big.csv whole.csv || bad_export="$bad_export $i:not-whole" ;;
	*) bad_export="$bad_export $i:exit-$st" ;;
	esac
	ls -A | grep -q '^\.crm-export\.' && bad_export="$bad_export $i:hidden-file"
done
echo "# export kills: $hits_export of $i"
is "$bad_export" "" "a killed crm-export leaves no file, half or hidden"

done_testing
