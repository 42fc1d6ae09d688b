# tests/lib.sh - sourced by every test: TAP helpers and a fresh world.
#
# Each test runs the built programs as a user would, in a temporary folder
# with its own database, user and date.  CRM_BIN picks the programs (the
# sanitizer build sets it); CRM_VALGRIND=1 runs each under valgrind.
set -u
export LC_ALL=C.UTF-8
# CRM_TEST_LOCALE=zh_CN.UTF-8 (make check-locale): the whole suite again
# with LANG in that locale (its character classes, collation and time
# names) while messages stay English (LANGUAGE=en has no catalogue), so
# that every check of a machine format runs under it too.
if [ -n "${CRM_TEST_LOCALE:-}" ]; then
	unset LC_ALL
	export LANG="$CRM_TEST_LOCALE" LANGUAGE=en
fi
top=$(cd "$(dirname "$0")/.." && pwd)
CRM_BIN=${CRM_BIN:-$top/bin}
PATH=$CRM_BIN:$PATH
# The source tree's shipped calendars, wherever CRM_BIN is (a sanitizer
# build's bin/ has no ../data); tests/0920-install.t finds them unset.
export CRM_DATA_DIR="$top/data"
work=$(mktemp -d "${TMPDIR:-/tmp}/crm-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME="$work" XDG_DATA_HOME="$work/xdg"
export CRM_DB="$work/crm.db" CRM_USER=tester CRM_TODAY=2026-11-27
[ -n "${CRM_TEST_LOCALE:-}" ] || unset LANGUAGE
unset NO_COLOR CRM_BUSY_TIMEOUT CRM_MAIL_FROM CRM_SENDMAIL CRM_AS
cd "$work" || exit 1
t_n=0
t_failed=0

# run CMD ARGS...: run it; stdout in $out (and file $work/out), stderr in
# $err, exit status in $rc.  Never fails itself.
run() {
	if [ -n "${CRM_VALGRIND:-}" ]; then
		set -- valgrind -q --error-exitcode=99 --suppressions="$top/tests/valgrind.supp" "$@"
	fi
	"$@" >"$work/out" 2>"$work/err" </dev/null
	rc=$?
	out=$(cat "$work/out")
	err=$(cat "$work/err")
}

# run_in FILE CMD ARGS...: as run, with FILE on stdin.
run_in() {
	_in=$1
	shift
	if [ -n "${CRM_VALGRIND:-}" ]; then
		set -- valgrind -q --error-exitcode=99 --suppressions="$top/tests/valgrind.supp" "$@"
	fi
	"$@" >"$work/out" 2>"$work/err" <"$_in"
	rc=$?
	out=$(cat "$work/out")
	err=$(cat "$work/err")
}

_report() {
	t_n=$((t_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $t_n - $2"
	else
		echo "not ok $t_n - $2"
		t_failed=$((t_failed + 1))
		shift 2
		for _l in "$@"; do printf '%s\n' "$_l" | sed 's/^/#   /'; done
	fi
}

# skip WHY [N]: N test points (1 unless given) not run, and why: a tool
# the machine lacks.
skip() {
	_k=${2:-1}
	while [ "$_k" -gt 0 ]; do
		t_n=$((t_n + 1))
		echo "ok $t_n # skip $1"
		_k=$((_k - 1))
	done
}

# ok CONDITION-STATUS NAME: e.g. ok $? "name" or test ...; ok $? name
ok() { _report "$1" "$2"; }

# is GOT WANT NAME
is() {
	if [ "$1" = "$2" ]; then _report 0 "$3"
	else _report 1 "$3" "got:" "$1" "want:" "$2"; fi
}

# like GOT EXTENDED-REGEX NAME
like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then _report 0 "$3"
	else _report 1 "$3" "got:" "$1" "want match:" "$2"; fi
}

# unlike GOT EXTENDED-REGEX NAME
unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		_report 1 "$3" "got:" "$1" "want no match:" "$2"
	else _report 0 "$3"; fi
}

# rc_is WANT NAME: the exit status of the last run
rc_is() {
	if [ "$rc" = "$1" ]; then _report 0 "$2"
	else _report 1 "$2" "exit status $rc, want $1" "stderr: $err"; fi
}

# fails WANT-RC ERR-REGEX NAME: the last run failed with that status and
# one line on stderr matching the pattern
fails() {
	rc_is "$1" "$3 (exit $1)"
	like "$err" "$2" "$3 (message)"
	is "$(printf '%s\n' "$err" | wc -l)" 1 "$3 (one line)"
}

# dbsum: a digest of the database contents, to show nothing changed.
dbsum() { sqlite3 "$CRM_DB" .dump | md5sum | cut -c1-32; }

# sql QUERY: one query against the test database.
sql() { sqlite3 -batch "$CRM_DB" "$1"; }

# hold_lock SECONDS: hold a write lock on the database for that long (run it
# in the background; $work/locked appears once the lock is held).
hold_lock() {
	rm -f "$work/locked"
	python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(float(sys.argv[3]))
c.execute("ROLLBACK")' "$CRM_DB" "$work/locked" "$1"
}

# tester_staff [--db DB]: the tests' acting user (CRM_USER=tester) on the
# staff, as an admin: once the staff has members, who writes must be one.
tester_staff() {
	crm-staff add "$@" --login tester --name 测试员 --role admin >/dev/null
}

# demo_db: a database loaded with the shipped demo data.
demo_db() {
	crm-init >/dev/null &&
	tester_staff &&
	crm-import -q staff "$top/data/demo/staff.csv" &&
	crm-import -q customers "$top/data/demo/customers.csv" &&
	crm-import -q contacts "$top/data/demo/contacts.csv"
}

done_testing() {
	echo "1..$t_n"
	[ "$t_failed" = 0 ]
	exit $?
}
