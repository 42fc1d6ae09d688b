#!/bin/sh
# Many programs at once on one database, half of them as a second Unix
# account sharing it through crm-init --group: writers (customers,
# contacts, visits, complaint moves, imports) and readers (lists, what is
# due, reports) never see "database is locked", none of their writes is
# lost, and a writer held up longer than CRM_BUSY_TIMEOUT exits 75.
. "$(dirname "$0")/lib.sh"


# ms: the clock in milliseconds.
ms() { echo $(($(date +%s%N) / 1000000)); }

# Commands per loop, and rows of each crm-import.  Under valgrind, fewer,
# and a write may hold the lock 50 times longer: so may a wait for it.
N=40 BATCH=150
if [ -n "${CRM_VALGRIND:-}" ]; then
	N=8 BATCH=30
	export CRM_BUSY_TIMEOUT=600000
fi
NB=$(((N + 9) / 10))	# imports per import loop
[ $NB -gt 4 ] && NB=4

# --- the second account ---------------------------------------------------
# A throwaway user (in a user group of its own) and a group that both
# accounts are in; both go again on exit.
u= g= made_u= made_g=
pids=
cleanup() {
	for _p in $pids; do kill "$_p" 2>/dev/null; done
	if [ -n "$made_u" ]; then
		userdel "$made_u" 2>/dev/null
		groupdel "$made_u" 2>/dev/null	# its user group, if userdel left it
	fi
	[ -n "$made_g" ] && groupdel "$made_g" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
why=
if [ "$(id -u)" != 0 ]; then
	why="not root: no second account"
elif ! command -v useradd >/dev/null || ! command -v groupadd >/dev/null \
    || ! command -v setpriv >/dev/null; then
	why="no useradd, groupadd or setpriv: no second account"
else
	sfx=$(printf '%s' "${work##*.}" | tr 'A-Z' 'a-z' | tr -cd 'a-z0-9')
	if groupadd "crmg$$$sfx" 2>"$work/err"; then
		g=crmg$$$sfx made_g=$g
		if useradd -M -U -G "$g" -s /bin/sh "crmu$$$sfx" 2>"$work/err"; then
			u=crmu$$$sfx made_u=$u
			usermod -a -G "$g" "$(id -un)" 2>/dev/null
		fi
	fi
	if [ -z "$u" ]; then
		why="cannot add a user and group: $(cat "$work/err")"
	else
		# The second account walks into the test's folder (not
		# readable), to the shared folder crm-init makes.
		chmod 0711 "$work"
		setpriv --reuid="$u" --regid="$g" --init-groups \
		    crm-list --help >/dev/null 2>&1 ||
			why="$u cannot run $CRM_BIN/crm-list"
	fi
fi
[ -n "$why" ] && u=

# as K CMD...: run CMD as the second account when K is even and there is
# one, else as ourselves; under valgrind when CRM_VALGRIND is set.
as() {
	_ak=$1
	shift
	if [ -n "${CRM_VALGRIND:-}" ]; then
		set -- valgrind -q --error-exitcode=99 --suppressions="$top/tests/valgrind.supp" "$@"
	fi
	if [ -n "$u" ] && [ $((_ak % 2)) = 0 ]; then
		setpriv --reuid="$u" --regid="$g" --init-groups "$@"
	else
		"$@"
	fi
}

# run_as K CMD...: as run, through as.
run_as() {
	as "$@" >"$work/out" 2>"$work/err" </dev/null
	rc=$?
	out=$(cat "$work/out")
	err=$(cat "$work/err")
}

# --- the database ---------------------------------------------------------
if [ -n "$u" ]; then
	umask 022
	export CRM_DB="$work/shared/crm.db"
	run crm-init --empty --db "$CRM_DB" --group "$g"
	rc_is 0 "crm-init --group, umask 022"
	is "$(stat -c '%a %G' "$CRM_DB")" "660 $g" "the database is 0660 and the group's"
	is "$(stat -c '%a %G' "$work/shared")" "2770 $g" \
	    "the folder it made is the group's, 2770: setgid, so that the -wal and -shm files are the group's too"
	run_as 2 crm-list
	rc_is 0 "the second account opens it"
	# If not, the rest goes on with one account, not to bury the cause.
	[ "$rc" = 0 ] || { why="the second account cannot open the database"; u=; }
else
	skip "$why" 3
	skip "$why"
	crm-init --empty >/dev/null
fi

# Staff and 20 customers to visit and complain about.
printf '%s\n' 'login,name,role,reports_to' 'boss,Boss,admin,' 'tester,T,admin,' \
    'dh1,DH,division_head,boss' 'dm1,DM,dept_manager,dh1' \
    'am1,AM1,account_manager,dm1' 'am2,AM2,account_manager,dm1' \
    'spec1,S1,complaint_specialist,boss' 'spec2,S2,complaint_specialist,boss' \
    >staff.csv
crm-import -q staff staff.csv || exit 1
{
	echo 'code,name,tier,owner,region'
	i=0
	while [ $i -lt 20 ]; do
		i=$((i + 1))
		printf 'C%06d,seed %d,%s,am%d,region %d\n' $i $i \
		    "$(echo ABC | cut -c$((i % 3 + 1)))" $((i % 2 + 1)) $((i % 4))
	done
} >seed.csv
crm-import -q customers seed.csv || exit 1
# Import files for the import loops (read on standard input, so that the
# second account needs no access to them).
for k in 7 8; do
	for b in 1 2 3 4; do
		awk -v k=$k -v b=$b -v n=$BATCH 'BEGIN {
			print "name,tier,owner,region,notes"
			for (r = 1; r <= n; r++)
				printf "imp%d-b%d-r%d,%s,am%d,region %d,\"batch %d, row %d\"\n",
				    k, b, r, substr("ABC", r % 3 + 1, 1), r % 2 + 1, r % 4, b, r
		}' >"imp$k-$b.csv"
	done
done
c0=$(sql "SELECT count(*) FROM customers")
ch0=$(sql "SELECT count(*) FROM changes")

# --- everybody at once ------------------------------------------------------
# c K CMD...: one command of loop K; its output is added to lK.out (and is
# in lK.last), its errors to lK.err, its exit status and words to lK.rc.
c() {
	_k=$1
	shift
	as "$_k" "$@" >"l$_k.last" 2>>"l$_k.err" </dev/null
	echo "$? $*" >>"l$_k.rc"
	cat "l$_k.last" >>"l$_k.out"
}

# Loops 1, 2: customers.
adds() {
	i=0
	while [ $i -lt $N ]; do
		i=$((i + 1))
		c $1 crm-add --as am$(($1 % 2 + 1)) --name "add$1-$i" \
		    --tier "$(echo ABC | cut -c$((i % 3 + 1)))" --owner am1
	done
}
# Loops 3, 4: visits to the seed customers.
visits() {
	i=0
	while [ $i -lt $N ]; do
		i=$((i + 1))
		c $1 crm-visit add --as am$(($1 % 2 + 1)) -c $((i % 20 + 1)) \
		    --kind phone "visit$1-$i"
	done
}
# Loop 5: complaints taken, assigned, noted, resolved, confirmed and called
# back, 6 moves each.  Loop 6: the same, the first result rejected by the
# customer, 8 moves.
complaints() {
	i=0
	while [ $i -lt $((N / $2)) ]; do
		i=$((i + 1))
		c $1 crm-complaint new --as spec$(($1 % 2 + 1)) -c $((i % 20 + 1)) \
		    --severity high --channel phone --category "cat$1" "complaint$1-$i"
		id=$(cat "l$1.last")
		c $1 crm-complaint assign --as spec1 --dept "dept$1" --handler am1 "$id"
		c $1 crm-complaint note --as spec2 "$id" "note$1-$i"
		c $1 crm-complaint resolve --as am1 --result "result$1-$i" "$id"
		if [ "$2" = 8 ]; then
			c $1 crm-complaint confirm --as spec1 --rejected --note "still$1-$i" "$id"
			c $1 crm-complaint resolve --as am1 --result "again$1-$i" "$id"
		fi
		c $1 crm-complaint confirm --as spec1 "$id"
		c $1 crm-complaint callback --as spec2 --score 4 "$id"
	done
}
# Loops 7, 8: $NB imports of $BATCH customers (one every 10 commands), between
# contacts added one at a time.
imports() {
	i=0 b=0
	while [ $i -lt $N ]; do
		i=$((i + 1))
		if [ $((i % 10)) = 1 ] && [ $b -lt $NB ]; then
			b=$((b + 1))
			as $1 crm-import -q customers - <"imp$1-$b.csv" >>"l$1.out" 2>>"l$1.err"
			echo "$? crm-import customers imp$1-$b.csv" >>"l$1.rc"
		else
			c $1 crm-add --contact -c $((i % 20 + 1)) --name "contact$1-$i" \
			    --mobile "139$(printf '%08d' $(($1 * 1000 + i)))"
		fi
	done
}
# Loops 9-12: readers; each output kept in rK-I.out.
readers() {
	_me=$1
	i=0
	while [ $i -lt $N ]; do
		i=$((i + 1))
		case $((i % 10)) in
		0) set -- crm-list -o tsv ;;
		1) set -- crm-visit-due --within 7 ;;
		2) set -- crm-report tiers --by owner ;;
		3) set -- crm-report complaints --by status ;;
		4) set -- crm-report summary --month 2026-11 ;;
		5) set -- crm-list -o tsv --search imp ;;
		6) set -- crm-report visits --month 2026-11 ;;
		7) set -- crm-complaint list ;;
		8) set -- crm-report funnel ;;
		9) set -- crm-report kpi --month 2026-11 ;;
		esac
		as $_me "$@" >"r$_me-$i.out" 2>>"l$_me.err" </dev/null
		echo "$? $*" >>"l$_me.rc"
	done
}

t0=$(ms)
for k in 1 2 3 4 5 6 7 8 9 10 11 12; do
	: >"l$k.err"
	: >"l$k.rc"
	case $k in
	1 | 2) adds $k & ;;
	3 | 4) visits $k & ;;
	5) complaints $k 6 & ;;
	6) complaints $k 8 & ;;
	7 | 8) imports $k & ;;
	*) readers $k & ;;
	esac
	pids="$pids $!"
done
wait
pids=
echo "# 12 loops at once ($([ -n "$u" ] && echo "6 as $u" || echo "all as $(id -un)")): $(($(ms) - t0)) ms"

cmds=$(cat l*.rc | wc -l)
failed=$(grep -hv '^0 ' l*.rc)
is "$failed" "" "all $cmds commands exited 0"
errs=$(cat l*.err)
is "$errs" "" "none wrote anything on stderr"
unlike "$errs" "locked|busy" "none said the database was locked or busy"
# On stderr too, so that a failure in make check (prove without -v) says why.
[ -z "$failed$errs" ] || printf '# failed: %s\n# stderr: %s\n' "$failed" "$errs" >&2

# --- nothing lost -----------------------------------------------------------
nc5=$((N / 6)) nc6=$((N / 8))
nimp=$((2 * NB * BATCH)) ncon=$((2 * (N - NB)))
is "$(sql "SELECT count(*) FROM customers")" $((c0 + 2 * N + nimp)) \
    "customers: $c0 before, $((2 * N)) added one at a time, $nimp imported"
is "$(sql "SELECT count(DISTINCT name) FROM customers WHERE name GLOB 'add*'")" $((2 * N)) \
    "each crm-add's customer is there once"
is "$(sort -n l1.out l2.out | uniq | wc -l) $(sql "SELECT count(*) FROM customers WHERE name GLOB 'add*' AND id IN ($(cat l1.out l2.out | paste -sd,))")" \
    "$((2 * N)) $((2 * N))" "with the id crm-add printed, no id given twice"
is "$(sql "SELECT count(*) FROM customers WHERE name GLOB 'imp*'")" $nimp "every imported row"
is "$(sql "SELECT count(*) FROM customer_search WHERE doc LIKE '%batch%'")" $nimp \
    "and in the search index"
is "$(sql "SELECT count(*) FROM contacts WHERE name GLOB 'contact*'")" $ncon "contacts: $ncon"
is "$(sql "SELECT count(*) FROM visits")" $((2 * N)) "visits: $((2 * N))"
is "$(sql "SELECT count(DISTINCT summary) FROM visits")" $((2 * N)) "each once"
is "$(sql "SELECT count(*) FROM complaints")" $((nc5 + nc6)) "complaints: $((nc5 + nc6))"
is "$(sql "SELECT status, count(*), sum(reopen_count) FROM complaints GROUP BY status")" \
    "closed|$((nc5 + nc6))|$nc6" "all closed; loop 6's each reopened once"
is "$(sql "SELECT count(*) FROM complaint_events")" $((6 * nc5 + 8 * nc6)) \
    "a step for each move and note"
is "$(sql "SELECT count(DISTINCT result) FROM complaints WHERE result GLOB 'result5-*' OR result GLOB 'again6-*'")" \
    $((nc5 + nc6)) "each complaint with its own result"

# The change log: one entry per record added; a complaint's status change
# per move.
is "$(sql "SELECT program, entity, count(*) FROM changes WHERE id > $ch0 AND field IS NULL GROUP BY 1, 2 ORDER BY 1, 2")" \
    "crm-add|contact|$ncon
crm-add|customer|$((2 * N))
crm-complaint|complaint|$((nc5 + nc6))
crm-complaint|complaint_event|$((6 * nc5 + 8 * nc6))
crm-import|customer|$nimp
crm-visit|visit|$((2 * N))" "change log: one entry per record added"
is "$(sql "SELECT count(*) FROM changes WHERE entity = 'complaint' AND field = 'status'")" \
    $((4 * nc5 + 6 * nc6)) "change log: every status change"
is "$(sql "SELECT count(*) FROM changes WHERE field = 'result'")" $((nc5 + 2 * nc6)) \
    "change log: every result"
is "$(sql "SELECT count(*) FROM changes c JOIN customers k ON k.id = c.entity_id WHERE c.entity = 'customer' AND c.field IS NULL AND c.new = k.name AND k.name GLOB 'add*'")" \
    $((2 * N)) "each entry names its customer"
if [ -n "$u" ]; then
	is "$(sql "SELECT os_user, program, count(*) FROM changes WHERE id > $ch0 AND entity IN ('customer', 'visit') AND field IS NULL AND program != 'crm-import' GROUP BY 1, 2 ORDER BY os_user = '$u', program")" \
	    "$(id -un)|crm-add|$N
$(id -un)|crm-visit|$N
$u|crm-add|$N
$u|crm-visit|$N" "the change log names the Unix account of each"
	is "$(find "$work/shared" ! -group "$g" | wc -l)" 0 \
	    "every file in the shared folder is the group's"
else
	skip "$why"
	skip "$why"
fi

# What the readers saw: an import is all or nothing for them too.
bad=
for f in r*-5.out r*-15.out r*-25.out r*-35.out; do
	[ -f "$f" ] || continue
	n=$(grep -c '	imp[78]-b' "$f")
	[ $((n % BATCH)) = 0 ] || bad="$bad $f:$n"
done
is "$bad" "" "every crm-list --search imp saw whole imports ($BATCH rows each)"
bad=
for f in r*-10.out r*-20.out r*-30.out r*-40.out; do
	[ -f "$f" ] || continue
	n=$(($(wc -l <"$f") - 1))
	[ $n -ge $c0 ] && [ $n -le $((c0 + 2 * N + nimp)) ] || bad="$bad $f:$n"
done
is "$bad" "" "every crm-list saw between $c0 and $((c0 + 2 * N + nimp)) customers"
is "$(sql 'PRAGMA integrity_check')" ok "the database is intact"
run crm-check
is "$(printf '%s\n' "$err$out" | grep -c 'foreign key')" 0 "no dangling reference"

# --- the busy timeout ---------------------------------------------------------
# sqlite3 holds a write transaction open, reading its commands from a fifo;
# .shell tells us when BEGIN IMMEDIATE has the lock.
mkfifo lock.fifo
sqlite3 "$CRM_DB" <lock.fifo >lock.out 2>&1 &
lockpid=$!
pids=$lockpid
exec 3>lock.fifo
printf "BEGIN IMMEDIATE;\nINSERT INTO settings (key, value) VALUES ('held', 'x');\n.shell touch %s\n" \
    "$work/locked" >&3
n=0
until [ -e locked ] || [ $n -ge 200 ]; do sleep 0.05; n=$((n + 1)); done
ok "$(test -e locked; echo $?)" "sqlite3 holds the write lock"
sum=$(sql "SELECT count(*) FROM customers")
t0=$(ms)
export CRM_BUSY_TIMEOUT=200
run crm-add --name late
t1=$(ms)
fails 75 "^crm-add: database is busy: '$CRM_DB' is locked by another program \\(waited 200 ms\\)$" \
    "CRM_BUSY_TIMEOUT=200: a writer gives up"
ok "$(test $((t1 - t0)) -ge 190; echo $?)" "after waiting out the 200 ms ($((t1 - t0)) ms)"
if [ -n "$u" ]; then
	run_as 2 crm-visit add --as am2 -c 1 late
	fails 75 "^crm-visit: database is busy: .* is locked by another program" \
	    "the same for the second account"
else
	skip "$why"
	skip "$why"
	skip "$why"
fi
export CRM_BUSY_TIMEOUT=0
run crm-complaint new -c 1 --severity low --channel phone --category x late
fails 75 "database is busy: .* is locked by another program \\(waited 0 ms\\)" \
    "CRM_BUSY_TIMEOUT=0: at once"
unset CRM_BUSY_TIMEOUT
run crm-list -o tsv --no-header
rc_is 0 "readers are not held up by a writer (WAL)"
is "$(printf '%s\n' "$out" | wc -l)" "$sum" "and see what was committed"
# A writer with time to wait gets the lock once it is let go.
CRM_BUSY_TIMEOUT=20000 crm-add --name patient >patient.out 2>patient.err &
patient=$!
pids="$lockpid $patient"
sleep 0.3
printf 'ROLLBACK;\n' >&3
exec 3>&-
wait $lockpid
wait $patient
is "$? $(cat patient.err)" "0 " "a writer with a longer timeout waits for the lock and gets it"
pids=
is "$(sql "SELECT count(*) FROM customers WHERE name IN ('late', 'patient')") $(sql "SELECT count(*) FROM settings WHERE key = 'held'")" \
    "1 0" "only the patient writer's customer; the held transaction was rolled back"
is "$(cat lock.out)" "" "(sqlite3 had no error)"

# A program that takes the whole file (locking_mode EXCLUSIVE) holds up
# readers too: they wait as long, then exit 75 as well.
rm -f locked
sqlite3 "$CRM_DB" <lock.fifo >lock.out 2>&1 &
lockpid=$!
pids=$lockpid
exec 3>lock.fifo
printf "PRAGMA locking_mode = EXCLUSIVE;\nBEGIN EXCLUSIVE;\n.shell touch %s\n" "$work/locked" >&3
n=0
until [ -e locked ] || [ $n -ge 200 ]; do sleep 0.05; n=$((n + 1)); done
export CRM_BUSY_TIMEOUT=200
for c in "crm-list" "crm-visit-due" "crm-report tiers" "crm-complaint list"; do
	run $c
	fails 75 "^${c%% *}: database is busy: .* is locked by another program \\(waited 200 ms\\)$" \
	    "a reader held up: $c"
done
unset CRM_BUSY_TIMEOUT
printf 'ROLLBACK;\n' >&3
exec 3>&-
wait $lockpid
pids=
run crm-list -o ids
is "$rc $(printf '%s\n' "$out" | wc -l)" "0 $((sum + 1))" "and read once it is let go"

done_testing
