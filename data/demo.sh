#!/bin/sh
# make demo: a fresh demo database from the shipped sample data, visits
# logged this month (relative to today, so the demo never goes stale), then
# the customer list and what is due in the next three days.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
PATH="$top/bin:$PATH"
export CRM_DB="${CRM_DB:-$top/demo.db}"
export CRM_USER="${CRM_USER:-yangxue}"
rm -f "$CRM_DB" "$CRM_DB-wal" "$CRM_DB-shm"
crm init >/dev/null
crm import staff "$top/data/demo/staff.csv"
crm import customers "$top/data/demo/customers.csv"
crm import contacts "$top/data/demo/contacts.csv"
crm import holidays "$top/data/holidays.csv"
crm config set mail.from 'crm <crm@example.com>'

# This month's visits: the account manager has called most customers, the
# department manager has been to every third; one visit agreed a meeting.
# Dated by crm's own today (--today, $CRM_TODAY, else the clock), never by
# date(1), so that the demo holds when the programs travel in time.
crm list --stage customer --columns id,owner -o tsv --no-header |
while IFS="$(printf '\t')" read -r id owner; do
	[ -n "$owner" ] || continue
	if [ $((id % 4)) -ne 0 ]; then
		crm visit add -c "$id" --by "$owner" --date today \
		    --kind phone "本月电话回访：运行正常" >/dev/null
	fi
	if [ $((id % 3)) -eq 0 ]; then
		mgr=$(crm staff list -o tsv --no-header | awk -F '\t' -v o="$owner" '$1 == o { print $5 }')
		crm visit add -c "$id" --level dept_manager --by "$mgr" \
		    --date today "部门经理走访，了解二期改造意向" >/dev/null
	fi
done
crm visit add -c C000001 --by zhanglei --date today --next today+2 \
    "现场走访，约定后天再谈提标改造方案" >/dev/null

echo "demo database: $CRM_DB"
echo
crm list -o table
echo
echo "due within 3 days (crm visit-due --within 3):"
crm visit-due --within 3 -o table
