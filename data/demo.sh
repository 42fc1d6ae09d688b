#!/bin/sh
# make demo: a fresh demo database from the shipped sample data, visits
# logged this month (relative to today, so the demo never goes stale), then
# the customer list, what is due in the next three days and the month's
# summary, also written as an HTML page next to the database.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
PATH="$top/bin:$PATH"
export CRM_DB="${CRM_DB:-$top/demo.db}"
# The demo's archive specialist acts, whoever runs it: once the staff is
# imported, who writes must be a member.
export CRM_USER=yangxue
rm -f "$CRM_DB" "$CRM_DB-wal" "$CRM_DB-shm"
crm init >/dev/null
crm import staff "$top/data/demo/staff.csv"
crm import customers "$top/data/demo/customers.csv"
crm import contacts "$top/data/demo/contacts.csv"
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

# Complaints at every step, taken by the complaint specialist: a callback
# due, a critical one due today, one waiting for a department, one the
# customer rejected, one closed with its evaluation.
spec="--as huangmin"
k1=$(crm complaint new $spec -c C000003 --severity high --channel phone \
    --category 出水水质 --contact 张三 --place 二期污水站 \
    --received today-2 "二期出水COD超标，环保局来电问询")
crm complaint assign $spec --dept 生产运行部 --handler zhanglei "$k1"
crm complaint resolve $spec --result "调整碳源投加量，次日出水达标" "$k1"
crm complaint confirm $spec --note "客户确认出水达标" "$k1"
k2=$(crm complaint new $spec -c C000002 --severity critical \
    --channel wechat --category 设备故障 --received today-1 \
    "鼓风机停机，曝气池溶解氧不足")
crm complaint assign $spec --dept 设备部 --handler zhanglei "$k2"
crm complaint note $spec "$k2" "已联系厂家，备用风机今晚到场"
crm complaint new $spec -c C000005 --severity normal --channel letter \
    --category 服务态度 "运维人员未按约定时间到场" >/dev/null
k4=$(crm complaint new $spec -c C000004 --severity high --channel email \
    --category 异味 --received today-10 "厂界异味，周边居民投诉")
crm complaint assign $spec --dept 生产运行部 --handler zhanglei "$k4"
crm complaint resolve $spec --result "污泥脱水间加装除臭设备" "$k4"
crm complaint confirm $spec --rejected --note "夜间仍有异味" "$k4"
k5=$(crm complaint new $spec -c C000001 --severity low --channel phone \
    --category 账单 --received today-20 "十月运维费发票金额有误")
crm complaint assign $spec --dept 财务部 --handler zhanglei "$k5"
crm complaint resolve $spec --result "重开发票并寄出" "$k5"
crm complaint confirm $spec "$k5"
crm complaint callback $spec --score 4 --note "处理及时" "$k5"

# Satisfaction surveys: the callback form of the closed complaint, a
# signed form and a phone survey.
crm survey add $spec -c C000001 --channel phone --complaint "$k5" \
    --service-score 4 --operation-ok yes --staff-score 5 >/dev/null
crm survey add -c C000002 --channel form --date today-5 \
    --service-score 5 --operation-ok yes --staff-score 4 \
    --suggestion "希望增加节假日值班人员" >/dev/null
crm survey add -c C000004 --channel visit --service-score 3 \
    --operation-ok no --staff-score 3 --suggestion "异味问题尽快解决" >/dev/null

echo "演示数据库 demo database: $CRM_DB"
echo
crm list -o table
echo
echo "三天内到期 due within 3 days (crm visit-due --within 3):"
crm visit-due --within 3 -o table
echo
echo "未处理的投诉 complaints not yet resolved (crm complaint list --status open,assigned):"
crm complaint list --status open,assigned -o table
echo
echo "本月汇总 this month's summary for managers (crm report summary --month this):"
crm report summary --month this -o table
page="${CRM_DB%.db}-summary.html"
crm report summary --month this -o html >"$page"
echo
echo "网页版汇总 the same summary as one HTML page for a browser or a mail: $page"
