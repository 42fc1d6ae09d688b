#!/bin/sh
# crm-backup: a consistent online copy, as private as the original.
. "$(dirname "$0")/lib.sh"

crm-init --empty >/dev/null
tester_staff
crm-staff add --login zhanglei --name 张磊 --role account_manager >/dev/null
i=0
while [ $i -lt 20 ]; do
	i=$((i + 1))
	crm-add --name "客户$i" --owner zhanglei --notes "$(printf 'x%.0s' $(seq 200))" >/dev/null
done
crm-add --contact -c 1 --name 张三 --mobile 13800001111 >/dev/null

run crm-backup "$work/copy.db"
rc_is 0 "a backup"
is "$out" "" "prints nothing"
is "$(sqlite3 "$work/copy.db" .dump | md5sum)" "$(sqlite3 "$CRM_DB" .dump | md5sum)" "the copy has the same rows (.dump compare)"
is "$(stat -c %a "$work/copy.db")" 600 "the copy keeps mode 0600"
ok "$(test ! -e "$work/copy.db-wal"; echo $?)" "no -wal file is needed beside it"
run crm-check --db "$work/copy.db"
rc_is 1 "crm programs open the copy (and find its gaps)"
is "$(crm-staff list --db "$work/copy.db" --role account_manager -o ids)" zhanglei "and read it"
is "$(sqlite3 "$work/copy.db" 'PRAGMA journal_mode')" wal "the copy is in WAL mode too"

grp=$(id -gn)
crm-init --empty --db "$work/shared/crm.db" --group "$grp" >/dev/null
run crm-backup --db "$work/shared/crm.db" "$work/shared-copy.db"
rc_is 0 "a backup of a group-shared database"
is "$(stat -c '%a %G' "$work/shared-copy.db")" "660 $grp" "keeps 0660 and the group"

# Never overwrite.
sum=$(md5sum <"$work/copy.db")
run crm-backup "$work/copy.db"
fails 73 "cannot create '$work/copy.db': a file is already there" "an existing file is refused"
is "$(md5sum <"$work/copy.db")" "$sum" "and left alone"
ln -s "$work/nowhere" "$work/link.db"
run crm-backup "$work/link.db"
fails 73 "already there" "a dangling symlink is refused too"
ok "$(test ! -e "$work/nowhere"; echo $?)" "nothing written through it"
run crm-backup "$work/no/such/dir/x.db"
fails 73 "cannot create '$work/no/such/dir/x.db': No such file or directory" "a missing folder"

# While another program holds a write transaction open.
cat >"$work/hold.py" <<'PY'
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
c.execute("BEGIN IMMEDIATE")
c.execute("INSERT INTO settings (key, value) VALUES ('uncommitted', 'x')")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
c.execute(sys.argv[3])
PY
before=$(sqlite3 "$CRM_DB" .dump | md5sum)
python3 "$work/hold.py" "$CRM_DB" 2 ROLLBACK >"$work/hold.out" &
hold=$!
n=0
until grep -q holding "$work/hold.out" 2>/dev/null || [ $n -gt 100 ]; do sleep 0.1; n=$((n + 1)); done
run crm-backup "$work/during.db"
rc_is 0 "a backup while another process holds a write transaction"
still=$(kill -0 $hold 2>/dev/null && echo yes)
is "$still" yes "(the writer was still holding it)"
wait $hold
is "$(sqlite3 "$work/during.db" .dump | md5sum)" "$before" "the copy is the committed state"
is "$(sqlite3 "$work/during.db" "SELECT count(*) FROM settings WHERE key = 'uncommitted'")" 0 "without the open transaction"

# A writer that commits while the backup runs: both succeed.
python3 "$work/hold.py" "$CRM_DB" 1 COMMIT >"$work/hold.out" &
hold=$!
n=0
until grep -q holding "$work/hold.out" 2>/dev/null || [ $n -gt 100 ]; do sleep 0.1; n=$((n + 1)); done
crm-add --name 并发客户 >"$work/add.out" 2>&1 &
add=$!
run crm-backup "$work/during2.db"
rc_is 0 "a backup while a crm-add waits for the lock"
wait $add
ok $? "the concurrent crm-add succeeds"
wait $hold
is "$(sql "SELECT count(*) FROM customers WHERE name = '并发客户'")" 1 "and its customer is in the database"
is "$(sqlite3 "$work/during2.db" 'PRAGMA integrity_check')" ok "the copy is sound"
c=$(sqlite3 "$work/during2.db" "SELECT count(*) FROM customers")
ok "$(test "$c" = 20 || test "$c" = 21; echo $?)" "the copy holds a consistent snapshot ($c customers)"

# Concurrent crm-add calls during a backup of a larger database.
sqlite3 "$CRM_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
  INSERT INTO customers (code, name, notes, created_at, updated_at)
  SELECT 'B' || i, 'bulk ' || i, hex(randomblob(100)), '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n"
crm-backup "$work/big.db" 2>"$work/big.err" &
bk=$!
for k in 1 2 3; do crm-add --name "边备份边添加$k" >/dev/null || echo "add $k failed"; done >"$work/adds.out"
wait $bk
ok $? "a backup of a larger database with crm-add running alongside"
is "$(cat "$work/adds.out" "$work/big.err")" "" "no errors from either"
is "$(sql "SELECT count(*) FROM customers WHERE name LIKE '边备份边添加%'")" 3 "every add was written"
is "$(sqlite3 "$work/big.db" 'PRAGMA integrity_check')" ok "the big copy is sound"

# The man page's examples (with a folder of our own).
mkdir -p "$work/var/backups/crm"
run crm-backup "$work/var/backups/crm/crm-$(date +%F).db"
rc_is 0 "the nightly cron example"
run crm-check -d "$work/var/backups/crm/crm-$(date +%F).db"
rc_is 1 "checking a copy (which has the same gaps)"

run crm-backup
rc_is 64 "no destination"
is "$(printf '%s\n' "$err" | head -1)" "crm-backup: needs a DEST" "says what is missing"
like "$err" "usage: crm-backup" "prints usage"
run crm-backup a.db b.db
rc_is 64 "two destinations"
run crm-backup --db "$work/none.db" "$work/x.db"
rc_is 66 "a missing database"
ok "$(test ! -e "$work/x.db"; echo $?)" "leaves no file"
# Confidentiality: under umask 022 nothing crm makes from the archive is
# readable by others: the database and its side files, a backup, an export
# and a rejects file (0600), or the group's (0660) with --group.
mkdir "$work/conf"
(
	cd "$work/conf" || exit 1
	umask 022
	export CRM_DB="$work/conf/crm.db"
	crm-init --empty >/dev/null
	tester_staff
	crm-add --name 保密公司 >/dev/null
	crm-export customers out.csv
	printf 'name,tier\n坏行,Z\n' >bad.csv
	crm-import -q --rejects rej.csv customers bad.csv 2>/dev/null
	crm-backup b.db
	crm-init --empty --db "$work/conf/g/crm.db" --group "$(id -gn)" >/dev/null
)
is "$(cd "$work/conf" && stat -c '%n %a' crm.db crm.db-wal crm.db-shm b.db out.csv rej.csv | tr '\n' ' ')" \
    "crm.db 600 crm.db-wal 600 crm.db-shm 600 b.db 600 out.csv 600 rej.csv 600 " \
    "umask 022: the database, its side files, a backup, an export, a rejects file are 0600"
is "$(cd "$work/conf/g" && stat -c '%n %a' crm.db crm.db-wal crm.db-shm | tr '\n' ' ')" \
    "crm.db 660 crm.db-wal 660 crm.db-shm 660 " "with --group, 0660"

done_testing
