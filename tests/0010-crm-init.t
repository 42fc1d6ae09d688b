#!/bin/sh
# crm-init: creates the database once, with the right mode and defaults.
. "$(dirname "$0")/lib.sh"

run crm-init
rc_is 0 "init creates a database"
is "$out" "$CRM_DB" "init prints the path"
is "$(stat -c %a "$CRM_DB")" 600 "the file is private (0600)"
is "$(sql 'PRAGMA journal_mode')" wal "WAL mode"
is "$(sql 'PRAGMA user_version')" 6 "schema version recorded"
is "$(sql "SELECT tiers||' '||level||' '||count||'/'||period FROM visit_rules ORDER BY id" | tr '\n' ';')" \
	"ABC account_manager 2/month;ABC dept_manager 1/month;AB division_head 1/quarter;A president 1/year;" \
	"the rulebook's cadence rules are there"
is "$(sql "SELECT value FROM settings WHERE key = 'sla.critical'")" 1 "default settings"

is "$(sql 'SELECT count(*) FROM calendar')" "$(($(wc -l <"$top/data/calendar.csv") - 1))" \
    "the shipped official calendar is loaded"
is "$(sql "SELECT kind || ' ' || name FROM calendar WHERE date = '2026-02-14'")" "work 春节" \
    "with its make-up working days"
is "$(sql 'SELECT count(*) FROM holidays')" "$(($(wc -l <"$top/data/holidays.csv") - 1))" \
    "and the festivals of holiday callbacks"
is "$err" "" "quietly"

run crm-init --empty --db "$work/empty.db"
rc_is 0 "init --empty"
is "$(sqlite3 "$work/empty.db" 'SELECT (SELECT count(*) FROM calendar) + (SELECT count(*) FROM holidays)')" 0 \
    "loads no calendar"

mkdir "$work/half"
cp "$top/data/holidays.csv" "$work/half/"
CRM_DATA_DIR="$work/half" run crm-init --db "$work/half.db"
fails 66 "does not hold holidays.csv and calendar.csv" "CRM_DATA_DIR without calendar.csv"
ok "$(test ! -e "$work/half.db"; echo $?)" "and nothing is created"
printf 'date,kind,name\n2026-02-16,work,春节\n' >"$work/half/calendar.csv"
CRM_DATA_DIR="$work/half" run crm-init --db "$work/half.db"
rc_is 65 "a shipped file with a bad row"
like "$err" "calendar.csv:2: date: 2026-02-16 is a weekday" "names its line"
ok "$(test ! -e "$work/half.db" && test ! -e "$work/half.db-wal"; echo $?)" "and the new database is removed"
CRM_DATA_DIR= run crm-init --db "$work/none.db"
rc_is 0 "CRM_DATA_DIR empty: no shipped calendars"
like "$err" "no shipped calendars found" "says so once"

sum=$(dbsum)
run crm-init
fails 73 "already there" "a second init refuses to overwrite"
is "$(dbsum)" "$sum" "the existing database is untouched"

run crm-init --db "$work/nodir/sub/x.db"
rc_is 0 "init makes missing folders"
is "$(stat -c %a "$work/nodir/sub")" 700 "and they are private"

unset CRM_DB
run crm-init
rc_is 0 "without --db or CRM_DB the XDG location is used"
ok "$(test -f "$XDG_DATA_HOME/crm/crm.db"; echo $?)" "database at \$XDG_DATA_HOME/crm/crm.db"
export CRM_DB="$work/crm.db"

grp=$(id -gn)
run sh -c "umask 022; crm-init --db '$work/shared/g.db' --group '$grp'"
rc_is 0 "init --group"
is "$(stat -c '%a %G' "$work/shared/g.db")" "660 $grp" "group-shared file is 0660 and owned by the group"
is "$(stat -c '%a %G' "$work/shared")" "2770 $grp" \
    "the folder it makes is the group's, setgid, whatever the umask"
is "$(stat -c '%a %G' "$work/shared/g.db-wal") $(stat -c '%a %G' "$work/shared/g.db-shm")" \
    "660 $grp 660 $grp" "and so are the -wal and -shm it leaves for the others"
run crm-check --db "$work/shared/g.db"
is "$rc $(printf '%s' "$out" | grep -c 'file:')" "0 0" "crm-check finds the layout sound"
mkdir -m 0700 "$work/mine"
run crm-init --db "$work/mine/g.db" --group "$grp"
fails 73 "cannot share '$work/mine/g.db' with group '$grp': the folder '$work/mine' \\(group $grp, mode 0700\\) does not let the group in: 'chgrp $grp $work/mine && chmod 2770 $work/mine'" \
    "a folder the group cannot enter is refused"
ok "$(test ! -e "$work/mine/g.db"; echo $?)" "before anything is made"

run crm-init --db "$work/h.db" --group no-such-group-xyz
fails 64 "unknown group" "an unknown group is a usage error"
ok "$(test ! -e "$work/h.db"; echo $?)" "and no file is left behind"

run crm-init --bogus
rc_is 64 "an unknown option exits 64"
like "$err" "usage: crm-init" "and prints usage on stderr"

run crm-init --help
rc_is 0 "--help exits 0"
like "$out" "usage: crm-init" "--help prints usage on stdout"

run crm-add --db "$work/missing.db" --name x
fails 66 "no database at '$work/missing.db': create one with 'crm init'" "other programs do not create a database"
ok "$(test ! -e "$work/missing.db"; echo $?)" "and leave no file"

: >"$work/empty.db"
run crm-list --db "$work/empty.db"
fails 65 "is not a crm database" "an empty file is not taken for a database"
is "$(stat -c %s "$work/empty.db")" 0 "and is left empty"
sqlite3 "$work/other.db" 'CREATE TABLE t (x); INSERT INTO t VALUES (1)'
run crm-add --db "$work/other.db" --name x
fails 65 "is not a crm database" "nor another program's database"
is "$(sqlite3 "$work/other.db" "SELECT count(*) FROM sqlite_master")" 1 "which is left alone"
printf 'not sqlite at all, just text\n' >"$work/text.db"
run crm-list --db "$work/text.db"
fails 65 "not a crm database" "a file that is not SQLite"

sqlite3 "$CRM_DB" 'PRAGMA user_version = 99'
run crm-add --name x
fails 65 "schema version 99, newer" "a newer schema is refused"
done_testing
