#!/bin/sh
# One database, several Unix accounts: a reader never locks the owner out,
# and crm-init --group gives a database the whole group uses at once,
# whatever the umask.  Needs root to make the accounts.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v useradd >/dev/null ||
    ! command -v setpriv >/dev/null; then
	echo "1..0 # SKIP needs root, useradd and setpriv to make accounts"
	exit 0
fi

# Two throwaway accounts a and b, members of group g.
tag=c$$
g=${tag}g a=${tag}a b=${tag}b
cleanup() {
	userdel "$a" 2>/dev/null
	userdel "$b" 2>/dev/null
	groupdel "$g" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
# useradd takes a lock on /etc/passwd: another test may hold it a moment.
retry() { _i=0; until "$@" 2>/dev/null; do _i=$((_i + 1)); [ $_i -lt 50 ] || return 1; sleep 0.1; done; }
retry groupadd "$g" && retry useradd -M -N -g nogroup -G "$g" -s /bin/sh "$a" &&
    retry useradd -M -N -g nogroup -G "$g" -s /bin/sh "$b" ||
    { echo "1..0 # SKIP cannot make accounts"; exit 0; }
# Each its own primary group, as on a real machine.
retry groupadd "$a" && retry groupadd "$b" && usermod -g "$a" "$a" && usermod -g "$b" "$b"
cleanup() {
	userdel "$a" 2>/dev/null
	userdel "$b" 2>/dev/null
	groupdel "$a" 2>/dev/null
	groupdel "$b" 2>/dev/null
	groupdel "$g" 2>/dev/null
	rm -rf "$work"
}
chmod 0711 "$work"
# Not a python3 of root's own (pyenv's shims are closed to others).
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)

# as USER CMD...: run CMD as USER (its groups, umask 022), like run.
as() {
	_u=$1
	shift
	setpriv --reuid="$_u" --regid="$_u" --init-groups \
	    env HOME="$work" PATH="$PATH" CRM_USER=tester CRM_TODAY="$CRM_TODAY" \
	    CRM_DATA_DIR="$CRM_DATA_DIR" CRM_BUSY_TIMEOUT="${CRM_BUSY_TIMEOUT:-5000}" \
	    LC_ALL=C.UTF-8 sh -c 'umask 022; exec "$@"' sh "$@" \
	    >"$work/out" 2>"$work/err" </dev/null
	rc=$?
	out=$(cat "$work/out")
	err=$(cat "$work/err")
}

# hold USER DB SECONDS: USER has DB open and reading for that long, the way
# sqlite3 or an older crm does (it makes the side files when missing);
# $work/held appears once it has read.
hold() {
	rm -f "$work/flags/held"
	setpriv --reuid="$1" --regid="$1" --init-groups "$py" -c '
import sqlite3, sys, time
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=" + sys.argv[4], uri=True)
c.execute("SELECT count(*) FROM customers").fetchall()
open(sys.argv[2], "w").close()
time.sleep(float(sys.argv[3]))' "$2" "$work/flags/held" "$3" "${4:-ro}" &
	_i=0
	while [ ! -e "$work/flags/held" ] && [ $_i -lt 100 ]; do sleep 0.05; _i=$((_i + 1)); done
}

mkdir -m 1777 "$work/flags"
owners() { stat -c '%U:%G %a' "$1-wal" "$1-shm" | tr '\n' ' '; }

# --- A reader shares the file read-only (0644) in a folder both write.
mkdir -m 0777 "$work/ro"
db=$work/ro/crm.db
as "$a" crm-init --empty --db "$db"
rc_is 0 "the owner makes a database"
as "$a" crm-staff add --db "$db" --login tester --name 测试 --role admin
as "$a" crm-add --db "$db" --name 甲公司
chmod 0644 "$db"
as "$a" crm-list --db "$db"	# the owner's next command mends the side files' mode
is "$(owners "$db")" "$a:$a 644 $a:$a 644 " "the side files are the owner's, with the database's mode"
as "$b" crm-list --db "$db" -o ids
is "$rc:$out" "0:1" "the reader lists"
as "$a" crm-add --db "$db" --name 乙公司
is "$rc:$out" "0:2" "and the owner still writes"
as "$b" crm-add --db "$db" --name 丙公司
fails 73 "cannot write '$db'" "the reader cannot write"

# Side files left by the reader (sqlite3, or crm before this): the owner
# takes them back when nobody has the database open.
rm -f "$db-wal" "$db-shm"
hold "$b" "$db" 0
wait
is "$(owners "$db")" "$b:$b 644 $b:$b 644 " "a reader's sqlite3 left its side files"
as "$a" crm-add --db "$db" --name 丙公司
is "$rc:$out:$err" "0:3:" "the owner writes all the same"
is "$(owners "$db")" "$a:$a 644 $a:$a 644 " "and the side files are the owner's again"

# ... but not while that reader has it open: busy (75), then fine.
rm -f "$db-wal" "$db-shm"
hold "$b" "$db" 3
CRM_BUSY_TIMEOUT=300 as "$a" crm-add --db "$db" --name 丁公司
fails 75 "database is busy: '$db-wal' belongs to $b, who has it open \\(waited 300 ms\\)" \
    "the owner waits the busy timeout while the reader reads"
wait
as "$a" crm-add --db "$db" --name 丁公司
is "$rc:$out" "0:4" "and writes once the reader is done"
is "$(sqlite3 "$db" 'PRAGMA integrity_check; SELECT count(*) FROM customers' | tr '\n' ' ')" "ok 4 " \
    "nothing lost"

# A reader never makes the side files: it says why it cannot read.
mkdir -m 0755 "$work/closed"
chown "$a" "$work/closed"
db2=$work/closed/crm.db
as "$a" crm-init --empty --db "$db2"
chmod 0644 "$db2"
rm -f "$db2-wal" "$db2-shm"
as "$b" crm-list --db "$db2"
fails 66 "^crm-list: cannot open '$db2' for reading: '$db2-wal' is missing, and an account that may not write the database must not make it" \
    "no side files and a folder it cannot write: 66 and why, not 70"
rm -f "$db-wal" "$db-shm"
as "$b" crm-list --db "$db"
fails 66 "'$db-wal' is missing" "nor in a folder it could write"
ok "$(test ! -e "$db-wal" && test ! -e "$db-shm"; echo $?)" "and it made none"
as "$a" crm-list --db "$db2"
as "$a" crm-list --db "$db"
chmod 0600 "$db2-shm"
as "$b" crm-list --db "$db2"
fails 66 "'$db2-shm' is not readable by this account \\(mode 0600" "a side file it cannot read"
as "$a" crm-list --db "$db2"
as "$b" crm-list --db "$db2"
rc_is 0 "until the owner's next command"
# A file of an older schema: a reader cannot bring it up to date, and is
# told who can; the owner's next command does.
# (sqlite3 keeps the owner's side files, as crm does)
sqlite3 "$db2" '.filectrl persist_wal 1' 'PRAGMA user_version = 5'
before=$(cat "$db2" "$db2-wal" | md5sum)
as "$b" crm-list --db "$db2"
fails 73 "^crm-list: '$db2' has schema version 5 and this crm needs [0-9]*: the first crm command run by an account that may write the file \\(its owner\\) updates it; this one may only read it\$" \
    "an older schema and a reader: 73, and who can update it"
is "$(cat "$db2" "$db2-wal" | md5sum)" "$before" "the file as it was"
as "$a" crm-list --db "$db2"
as "$b" crm-list --db "$db2"
rc_is 0 "the owner's command updated it, and the reader reads"
chmod 0700 "$work/closed"
as "$b" crm-list --db "$db2"
fails 66 "cannot open '$db2': Permission denied" "a folder it cannot enter: 66, why"

# crm-check names what is wrong with the files.
as "$a" crm-check --db "$db"
rc_is 1 "crm-check: a layout problem is a problem"
like "$out" "file: '$db' is open to every account \\(mode 0644\\): 'chmod o-rwx $db'" \
    "a database every account can read"

# --- crm-init --group under umask 022: the whole group, at once.
mkdir -m 0755 "$work/home"
chown "$a" "$work/home"
gdb=$work/home/team/shared/crm.db
as "$a" crm-init --db "$gdb" --group "$g"
rc_is 0 "crm-init --group"
is "$(stat -c '%a %G' "$work/home/team" "$work/home/team/shared" | tr '\n' ' ')" "2770 $g 2770 $g " \
    "the folders are the group's, setgid, whatever the umask"
is "$(owners "$gdb")" "$a:$g 660 $a:$g 660 " "so are the side files"
as "$b" crm-staff add --db "$gdb" --login tester --name 测试 --role admin
rc_is 0 "another member writes"
hold "$a" "$gdb" 2 rw
as "$b" crm-add --db "$gdb" --name 甲公司
is "$rc:$out:$err" "0:1:" "while the first member reads"
as "$b" crm-list --db "$gdb" -o ids
is "$rc:$out" "0:1" "and reads"
wait
hold "$b" "$gdb" 2 rw
as "$a" crm-add --db "$gdb" --name 乙公司
is "$rc:$out:$err" "0:2:" "and the other way round"
wait
as "$a" crm-check --db "$gdb"
is "$(printf '%s\n' "$out" | grep -c 'file:')" 0 "crm-check finds nothing wrong with the files"

# A folder the group may write, made by hand without setgid: side files
# that crm makes there get the database's group, not the member's own.
mkdir -m 0770 "$work/hand"
chgrp "$g" "$work/hand"
hdb=$work/hand/crm.db
as "$a" crm-init --empty --db "$hdb" --group "$g"
rc_is 0 "crm-init --group in a folder made for the group"
rm -f "$hdb-wal" "$hdb-shm"
as "$a" crm-list --db "$hdb"
is "$(owners "$hdb")" "$a:$g 660 $a:$g 660 " "a member's crm command makes side files of the group"
hold "$a" "$hdb" 2 rw
as "$b" crm-staff add --db "$hdb" --login tester --name 测试 --role admin
is "$rc:$err" "0:" "so the other member writes while the first reads"
wait
# Made by another program with the member's own group, the others cannot
# use them while that member has the database open.
hold "$a" "$hdb" 3 rw
chgrp "$a" "$hdb-wal" "$hdb-shm"
CRM_BUSY_TIMEOUT=300 as "$b" crm-list --db "$hdb"
fails 75 "database is busy: '$hdb-wal' belongs to $a, who has it open" \
    "another member is told who holds them"
wait
as "$b" crm-list --db "$hdb"
is "$rc:$err" "0:" "and works once that is over"
chmod 0750 "$work/hand"
run crm-check --db "$hdb"
like "$out" "file: the folder '$work/hand' \\(group $g, mode 0750\\) does not let group $g make the database's side files: 'chgrp $g $work/hand && chmod 2770 $work/hand'" \
    "crm-check: a folder the group may not write"

done_testing
