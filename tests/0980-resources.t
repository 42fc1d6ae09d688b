#!/bin/sh
# Resources that run out: standard output that cannot be written (a full
# device) or whose reader has gone (a closed pipe), a full file system
# under the database, an export or a backup, a file size limit, and
# memory.  Each ends with one line and the SPEC's status, or (a reader
# that has gone) quietly, as cat(1) does; the database stays as it was.
. "$(dirname "$0")/lib.sh"

# The tmpfs of the full-disk tests goes with the test, however it ends.
trap 'umount "$work/full" 2>/dev/null; rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

# skip WHY: a test that cannot run here.
skip() {
	t_n=$((t_n + 1))
	echo "ok $t_n # skip $1"
}

# full CMD ARGS...: as run, with standard output on /dev/full (standard
# input from $stdin, else /dev/null).
full() {
	if [ -n "${CRM_VALGRIND:-}" ]; then
		set -- valgrind -q --error-exitcode=99 --suppressions="$top/tests/valgrind.supp" "$@"
	fi
	"$@" >/dev/full 2>"$work/err" <"${stdin:-/dev/null}"
	rc=$?
	err=$(cat "$work/err")
}

# closed dfl|ign CMD ARGS...: as run, with standard output a pipe whose
# reader has already gone, SIGPIPE at its default or ignored (as a parent
# may leave it).  Deterministic, unlike a race with head(1).
closed() {
	_how=$1
	shift
	if [ -n "${CRM_VALGRIND:-}" ]; then
		set -- valgrind -q --error-exitcode=99 --suppressions="$top/tests/valgrind.supp" "$@"
	fi
	python3 -c 'import os, signal, sys
signal.signal(signal.SIGPIPE,
    signal.SIG_IGN if sys.argv[1] == "ign" else signal.SIG_DFL)
r, w = os.pipe()
os.close(r)
os.dup2(w, 1)
os.close(w)
os.execvp(sys.argv[2], sys.argv[2:])' "$_how" "$@" 2>"$work/err" \
	    <"${stdin:-/dev/null}"
	rc=$?
	err=$(cat "$work/err")
}

# quiet NAME: the last run ended as a filter whose reader has gone does:
# by SIGPIPE (a shell's 141), not a word on stderr.
quiet() {
	rc_is 141 "$1: ends by SIGPIPE"
	is "$err" "" "$1: says nothing"
}

# head1 CMD ARGS...: CMD | head -1, the way people stop a long listing;
# its status in $rc, its stderr in $err, the line head kept in $out.
# With PIPE_IGN set, SIGPIPE is ignored for it.
head1() {
	if [ -n "${CRM_VALGRIND:-}" ]; then
		set -- valgrind -q --error-exitcode=99 --suppressions="$top/tests/valgrind.supp" "$@"
	fi
	{
		if [ -n "${PIPE_IGN:-}" ]; then
			(trap '' PIPE; exec "$@") 2>"$work/err" <"${stdin:-/dev/null}"
		else
			"$@" 2>"$work/err" <"${stdin:-/dev/null}"
		fi
		echo $? >"$work/rc"
	} | head -1 >"$work/out"
	rc=$(cat "$work/rc")
	err=$(cat "$work/err")
	out=$(cat "$work/out")
}

demo_db >/dev/null
export CRM_USER=chenjianhua CRM_MAIL_FROM=crm@example.com
crm-complaint new -c C000001 --severity high --channel phone \
    --category 出水水质 氨氮超标 >/dev/null
crm-visit add -c C000001 --kind phone 电话回访 >/dev/null
crm-order add -c C000001 --kind order --amount 100 >/dev/null
crm-survey add -c C000001 --channel phone --service-score 4 \
    --operation-ok yes --staff-score 4 >/dev/null
crm-report summary --month 2026-11 -o html >page.html
printf 'id\temail\tname\n1\tzhanglei@example.com\t榆阳区环保局\n' >mail.tsv

## 1. Standard output on a full device: 74, one line that says so.

n=0
while read -r cmd; do
	n=$((n + 1))
	case $cmd in
	crm-mail\ --html*) stdin= ;;
	crm-mail*) stdin=mail.tsv ;;
	*) stdin= ;;
	esac
	eval "full $cmd"
	fails 74 "cannot write standard output: No space left on device" \
	    "$cmd >/dev/full"
done <<'EOF'
crm-list
crm-list -o table
crm-list -o json
crm-list --help
crm-list --version
crm --help
crm help
crm list -o jsonl
crm-show 1
crm-show -o json 1
crm-export customers
crm-export contacts -
crm-log
crm-staff list
crm-config list
crm-config get holiday.window_days
crm-holiday list
crm-visit list
crm-visit plans
crm-visit rules
crm-visit-due --within 30
crm-visit-due --within 30 -o ics
crm-complaint list
crm-complaint show 1
crm-complaint notice 1
crm-order list
crm-survey list
crm-report tiers
crm-report complaints
crm-report satisfaction
crm-report funnel
crm-report churn
crm-report kpi --month 2026-11
crm-report visits --month 2026-11 -o table
crm-report summary --month 2026-11 -o html
crm-report summary --week 2026-W48 -o table
crm-check
crm-check --tiers
crm-init --help
crm-backup --version
crm-import -q --help
crm-mail --mbox
crm-mail --dry-run
crm-mail --html --to zhanglei --mbox page.html
EOF
stdin=
is "$n" 44 "that many readers tried"

# A program that adds a record prints its id before it commits: an id
# that cannot be written (a full device, a reader that has gone) leaves
# the database as it was (the SPEC: a failed command changes nothing).
while read -r cmd; do
	sum=$(dbsum)
	eval "full $cmd"
	fails 74 "cannot write standard output: No space left on device" \
	    "$cmd >/dev/full"
	is "$(dbsum)" "$sum" "$cmd >/dev/full: nothing added"
	eval "closed dfl $cmd"
	quiet "$cmd into a closed pipe"
	is "$(dbsum)" "$sum" "$cmd into a closed pipe: nothing added"
	eval "closed ign $cmd"
	quiet "$cmd into a closed pipe, SIGPIPE ignored"
	is "$(dbsum)" "$sum" "$cmd into a closed pipe, SIGPIPE ignored: nothing added"
	eval "run $cmd"
	rc_is 0 "$cmd, written: works"
	like "$out" "^[0-9]+$" "$cmd, written: prints the id"
	unlike "$(dbsum)" "^$sum\$" "$cmd, written: adds"
done <<'EOF'
crm-add --name 新客户 --owner zhanglei
crm-add --contact -c 1 --name 李四
crm-complaint new -c 1 --severity low --channel phone --category 噪音 噪音扰民
crm-visit add -c 1 --kind phone 回访
crm-visit plan -c 1 --date 2026-12-10 --purpose 年终走访
crm-visit rules set A president 2 year
crm-order add -c 1 --kind order --amount 10
crm-survey add -c 1 --channel phone --service-score 4 --operation-ok yes --staff-score 4
crm-holiday add --name 腊八 --date 2027-01-15
crm-staff add --login newbie --name 新人 --role account_manager
EOF

## 2. A reader that stops early: quiet, by SIGPIPE, with more than a pipe
## buffer to write (5000 customers, a message for each of 5000 people).

awk 'BEGIN { print "name,owner,tier,notes"
	for (i = 0; i < 5000; i++)
		printf "客户%05d 环保科技有限公司,zhanglei,A,备注\n", i }' >many.csv
n=$(sql 'SELECT count(*) FROM customers')
crm-import -q customers many.csv 2>/dev/null
is "$(sql 'SELECT count(*) FROM customers')" $((n + 5000)) "5000 customers more"
awk 'BEGIN { print "id\temail\tname"
	for (i = 0; i < 5000; i++)
		printf "%d\tcustomer-service-%05d@example.com\t客户%05d\n", i, i, i
	}' >many.tsv

for ign in "" 1; do
	PIPE_IGN=$ign
	how=${ign:+", SIGPIPE ignored"}
	head1 crm-list
	quiet "crm-list | head -1$how"
	is "$out" "$(printf 'id\tcode\tname\ttier\tstage\tcategory\tregion\towner\tcredit\tscale_tonnes')" \
	    "crm-list | head -1$how: the reader has its line"
	head1 crm-list -o table
	quiet "crm-list -o table | head -1$how"
	head1 crm-export customers
	quiet "crm-export customers | head -1$how"
	head1 crm-visit-due --within 30
	quiet "crm-visit-due | head -1$how"
	head1 crm-log
	quiet "crm-log | head -1$how"
	stdin=many.tsv
	head1 crm-mail --mbox
	quiet "crm-mail --mbox | head -1$how"
	like "$out" "^From crm@example.com " \
	    "crm-mail --mbox | head -1$how: the reader has its line"
	head1 crm-mail --dry-run
	quiet "crm-mail --dry-run | head -1$how"
	stdin=
done
PIPE_IGN=

## 3. A full file system: the database, an export and a backup on a small
## tmpfs of the test's own (where mount is allowed), then the same failures
## injected with a file size limit (ulimit -f, SIGXFSZ ignored).

# nothing_left DIR NAME...: DIR holds exactly NAME... (no half file).
nothing_left() {
	_dir=$1
	shift
	is "$(cd "$_dir" && ls -A | sort | tr '\n' ' ')" "$*" \
	    "nothing half-written left in $(basename "$_dir")"
}

mkdir "$work/full"
if mount -t tmpfs -o size=2m tmpfs "$work/full" 2>/dev/null; then
	db=$work/full/crm.db
	crm-init --db "$db" >/dev/null
	crm-import -q --db "$db" staff "$top/data/demo/staff.csv"
	crm-add --db "$db" --name 第一位 --owner zhanglei >/dev/null
	# Filled to the top, then 100 KiB given back: the database opens, but
	# cannot grow by much.
	dd if=/dev/zero of="$work/full/fill" bs=64k 2>/dev/null
	truncate -s -100K "$work/full/fill"
	sum=$(CRM_DB=$db dbsum)
	run crm-import --db "$db" customers many.csv
	fails 74 "^crm-import: cannot write '$db': .*(full|No space)" \
	    "an import into a full disk"
	is "$(sqlite3 "$db" 'PRAGMA integrity_check')" ok \
	    "the database is whole after it"
	is "$(CRM_DB=$db dbsum)" "$sum" "and holds what it held"
	run crm-add --db "$db" --name 大客户 --owner zhanglei \
	    --notes "$(head -c 120000 /dev/zero | tr '\0' x)"
	fails 74 "^crm-add: cannot write '$db': .*(full|No space)" \
	    "an add into a full disk"
	is "$(sqlite3 "$db" 'PRAGMA integrity_check')" ok \
	    "the database is whole after it"
	is "$(CRM_DB=$db dbsum)" "$sum" "and holds what it held"

	# Exports and backups onto the full disk.
	run crm-export customers "$work/full/customers.csv"
	fails 74 "cannot write '$work/full/customers.csv': No space left" \
	    "an export onto a full disk"
	nothing_left "$work/full" "crm.db fill "
	# The rows an import rejects, kept in a file on the full disk.
	awk 'BEGIN { print "name,owner,tier"
		for (i = 0; i < 3000; i++)
			printf "坏客户%05d,nobody,Z\n", i
		print "好客户,zhanglei,A" }' >bad.csv
	sum2=$(dbsum)
	run crm-import --rejects "$work/full/rejects.csv" customers bad.csv
	rc_is 74 "rejects that cannot be written"
	like "$(printf '%s\n' "$err" | tail -1)" \
	    "^crm-import: cannot write '$work/full/rejects.csv': No space left" \
	    "say so, last"
	is "$(dbsum)" "$sum2" "and the good row is not added"
	nothing_left "$work/full" "crm.db fill "
	run crm-backup "$work/full/copy.db"
	fails 74 "^crm-backup: backup to '$work/full/copy.db' failed: .*full" \
	    "a backup onto a full disk"
	nothing_left "$work/full" "crm.db fill "
	rm -f "$work/full/copy.db-journal"

	# Filled to the last byte: even opening the database needs room
	# (its -shm), and says so as a full disk, not an internal error.
	dd if=/dev/zero of="$work/full/fill2" bs=4k 2>/dev/null
	run crm-add --db "$db" --name 第二位 --owner zhanglei
	fails 74 "^crm-add: cannot write '$db'" \
	    "a disk full to the last byte is an I/O error"
	rm -f "$work/full/fill" "$work/full/fill2"
	is "$(CRM_DB=$db dbsum)" "$sum" "and the database holds what it held"

	run crm-add --db "$db" --name 第二位 --owner zhanglei
	rc_is 0 "with room again, the next add works"
	is "$(sqlite3 "$db" 'PRAGMA integrity_check')" ok \
	    "and the database is whole"
	umount "$work/full"
else
	skip "mount -t tmpfs is not allowed here"
fi

# limited CMD ARGS...: as run, under a file size limit of 64 blocks (32
# KiB in dash, 64 KiB in bash), SIGXFSZ ignored: a write past it fails
# with EFBIG, as one on a full disk fails with ENOSPC.
limited() {
	if [ -n "${CRM_VALGRIND:-}" ]; then
		set -- valgrind -q --error-exitcode=99 --suppressions="$top/tests/valgrind.supp" "$@"
	fi
	(trap '' XFSZ; ulimit -f 64 && exec "$@") >"$work/out" \
	    2>"$work/err" </dev/null
	rc=$?
	out=$(cat "$work/out")
	err=$(cat "$work/err")
}

mkdir "$work/lim"
db=$work/lim/crm.db
crm-init --db "$db" >/dev/null
crm-import -q --db "$db" staff "$top/data/demo/staff.csv"
crm-add --db "$db" --name 第一位 --owner zhanglei >/dev/null
sum=$(CRM_DB=$db dbsum)
limited crm-import --db "$db" customers many.csv
fails 74 "^crm-import: cannot write '$db'" "an import past the file size limit"
is "$(sqlite3 "$db" 'PRAGMA integrity_check')" ok "the database is whole after it"
is "$(CRM_DB=$db dbsum)" "$sum" "and holds what it held"
limited crm-add --db "$db" --name 大客户 --owner zhanglei \
    --notes "$(head -c 120000 /dev/zero | tr '\0' x)"
fails 74 "^crm-add: cannot write '$db'" "an add past the file size limit"
is "$(CRM_DB=$db dbsum)" "$sum" "the database holds what it held"
run crm-add --db "$db" --name 大客户 --owner zhanglei \
    --notes "$(head -c 120000 /dev/zero | tr '\0' x)"
rc_is 0 "without the limit, the next add works"
is "$(sqlite3 "$db" 'PRAGMA integrity_check')" ok "and the database is whole"
cd "$work/lim" || exit 1
limited crm-export customers customers.csv
fails 74 "^crm-export: cannot write 'customers.csv': File too large" \
    "an export past the file size limit"
nothing_left "$work/lim" "crm.db "
limited crm-backup copy.db
fails 74 "^crm-backup: backup to 'copy.db' failed" \
    "a backup past the file size limit"
nothing_left "$work/lim" "crm.db "
cd "$work" || exit 1

## 4. Memory that runs out (ulimit -v): one line, never a signal, at
## whatever point it happens: xmalloc's "out of memory" (70), or, where
## SQLite cannot map the database's shared memory, an I/O error on it.
## Not under AddressSanitizer or valgrind, which need a large address
## space of their own.

case "$CRM_BIN" in
*build-asan*) asan=1 ;;
*) asan= ;;
esac
if [ -n "$asan" ] || [ -n "${CRM_VALGRIND:-}" ]; then
	skip "ulimit -v under AddressSanitizer or valgrind"
else
	# The least address space (KiB) in which each program below starts
	# at all: the loader maps it and its libraries first, and programs
	# differ in size.
	starts() {
		for p in crm-list crm-export crm-show crm-visit-due crm-report \
		    crm-log crm-mail crm-import; do
			(ulimit -v $1 && exec $p --version) >/dev/null 2>&1 ||
			    return 1
		done
	}
	floor=2048
	while [ $floor -lt 65536 ] && ! starts $floor; do
		floor=$((floor + 256))
	done
	ok "$([ $floor -lt 65536 ]; echo $?)" "every program starts in $floor KiB"
	cp "$CRM_DB" "$work/mem.db"
	before=$(sqlite3 "$work/mem.db" 'SELECT count(*) FROM customers')
	: >"$work/oom-hard"
	: >"$work/oom-words"
	nfail=0 nok=0 tried=0
	v=$floor
	while [ $v -lt $((floor + 12288)) ]; do
		while read -r cmd; do
			(ulimit -v $v && eval "exec $cmd") >/dev/null \
			    2>"$work/err" <many.tsv
			r=$?
			tried=$((tried + 1))
			lines=$(wc -l <"$work/err")
			what="$v KiB: $cmd: exit $r: $(head -c 200 "$work/err")"
			if [ $r = 0 ]; then
				nok=$((nok + 1))
				continue
			fi
			nfail=$((nfail + 1))
			if [ "$lines" != 1 ] || { [ $r != 70 ] && [ $r != 74 ]; }
			then
				echo "$what" | tr '\n' ' ' >>"$work/oom-hard"
				echo >>"$work/oom-hard"
			elif ! grep -Eq ": out of memory$|cannot write '" \
			    "$work/err"; then
				echo "$what" >>"$work/oom-words"
			fi
		done <<'EOF'
crm-list -o table
crm-export customers
crm-show -o json 1
crm-visit-due --within 30 -o json
crm-report summary --month 2026-11 -o html
crm-log
crm-mail --mbox
crm-import -q --db "$work/mem.db" customers many.csv
EOF
		n=$(sqlite3 "$work/mem.db" 'SELECT count(*) FROM customers')
		if [ "$n" != "$before" ]; then
			cp "$CRM_DB" "$work/mem.db"
			[ "$n" = $((before + 5000)) ] ||
			    echo "$v KiB: crm-import left $n customers, not" \
			    "$before or $((before + 5000))" >>"$work/oom-hard"
		fi
		if [ "$(sqlite3 "$work/mem.db" 'PRAGMA integrity_check')" != ok ]
		then
			echo "$v KiB: the database is not whole after" \
			    "crm-import" >>"$work/oom-hard"
			cp "$CRM_DB" "$work/mem.db"
		fi
		v=$((v + 384))
	done
	# A few of the offenders, and how many there were.
	first() { echo "$(wc -l <"$1") of $tried runs, the first:"; head -6 "$1"; }
	is "$(first "$work/oom-hard")" "0 of $tried runs, the first:" \
	    "$tried runs from $floor KiB up: never a signal; one line, 70 or 74; the database whole, all imported or nothing"
	is "$(first "$work/oom-words")" "0 of $tried runs, the first:" \
	    "and the line is xmalloc's 'out of memory', or names the database (an I/O error)"
	ok "$([ $nfail -gt 0 ] && [ $nok -gt 0 ]; echo $?)" \
	    "memory ran out in some ($nfail), not in others ($nok)"
fi

done_testing
