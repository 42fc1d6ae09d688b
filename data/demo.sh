#!/bin/sh
# make demo: a fresh demo database from the shipped sample data, then the
# customer list and what is due today.
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
if [ -x "$top/bin/crm-holiday" ]; then
	crm import holidays "$top/data/holidays.csv"
fi
echo "demo database: $CRM_DB"
echo
crm list -o table
