/* labels.c - the Chinese label of every column, one per column of each
 * table, beside the model's column tables: what a spreadsheet made by
 * the service centre has as its header (客户编号, 客户名称, ...).
 * crm-import takes a column by its name or its label; crm-export
 * --labels (and xlsx) writes the labels.  The words are po/GLOSSARY.md's
 * where it has them; a label is unique within its table. */
#include <string.h>

#include "crm-int.h"

static const struct label {
	const char *table, *column, *label;
} labels[] = {
	{"customers", "id", "编号"},
	{"customers", "code", "客户编号"},
	{"customers", "name", "客户名称"},
	{"customers", "tier", "等级"},
	{"customers", "category", "类别"},
	{"customers", "stage", "阶段"},
	{"customers", "region", "区域"},
	{"customers", "address", "地址"},
	{"customers", "owner", "负责人"},
	{"customers", "uscc", "统一社会信用代码"},
	{"customers", "credit", "信用等级"},
	{"customers", "credit_note", "信用说明"},
	{"customers", "scale_tonnes", "规模（吨）"},
	{"customers", "process", "生产工艺"},
	{"customers", "materials", "原材料"},
	{"customers", "investment", "投资额"},
	{"customers", "industry", "行业"},
	{"customers", "source", "来源"},
	{"customers", "notes", "备注"},
	{"customers", "created_at", "创建时间"},
	{"customers", "updated_at", "更新时间"},
	{"customers", "customer_since", "成交日期"},

	{"contacts", "id", "编号"},
	{"contacts", "customer", "客户"},
	{"contacts", "name", "姓名"},
	{"contacts", "title", "职务"},
	{"contacts", "phone", "联系电话"},
	{"contacts", "mobile", "手机"},
	{"contacts", "email", "电子邮箱"},
	{"contacts", "qq", "QQ"},
	{"contacts", "wechat", "微信"},
	{"contacts", "primary", "主要联系人"},
	{"contacts", "notes", "备注"},
	{"contacts", "created_at", "创建时间"},

	{"staff", "id", "编号"},
	{"staff", "login", "登录名"},
	{"staff", "name", "姓名"},
	{"staff", "email", "电子邮箱"},
	{"staff", "role", "角色"},
	{"staff", "reports_to", "上级"},
	{"staff", "region", "区域"},
	{"staff", "intent_target", "意向目标"},
	{"staff", "active", "在职"},
	{"staff", "created_at", "创建时间"},
	{"staff", "os_user", "系统账号"},

	{"visits", "id", "编号"},
	{"visits", "customer", "客户"},
	{"visits", "level", "拜访级别"},
	{"visits", "staff", "拜访人"},
	{"visits", "kind", "拜访方式"},
	{"visits", "date", "拜访日期"},
	{"visits", "summary", "摘要"},
	{"visits", "feedback", "客户反馈"},
	{"visits", "next_date", "下次会面"},
	{"visits", "plan", "拜访计划"},
	{"visits", "created_at", "创建时间"},

	{"plans", "id", "编号"},
	{"plans", "customer", "客户"},
	{"plans", "staff", "计划人"},
	{"plans", "level", "拜访级别"},
	{"plans", "date", "计划日期"},
	{"plans", "purpose", "拜访目的"},
	{"plans", "status", "状态"},
	{"plans", "reviewer", "审核人"},
	{"plans", "reason", "驳回原因"},
	{"plans", "created_at", "创建时间"},
	{"plans", "reviewed_at", "审核时间"},
	{"plans", "approver", "批准人"},
	{"plans", "approved_at", "批准时间"},

	{"complaints", "id", "编号"},
	{"complaints", "customer", "客户"},
	{"complaints", "received_at", "受理时间"},
	{"complaints", "channel", "渠道"},
	{"complaints", "contact", "联系人"},
	{"complaints", "category", "投诉类别"},
	{"complaints", "severity", "严重程度"},
	{"complaints", "description", "投诉内容"},
	{"complaints", "status", "状态"},
	{"complaints", "escalated", "已上报"},
	{"complaints", "dept", "责任部门"},
	{"complaints", "handler", "处理人"},
	{"complaints", "due_date", "处理期限"},
	{"complaints", "result", "处理结果"},
	{"complaints", "confirmation", "客户确认"},
	{"complaints", "evaluation", "客户评价"},
	{"complaints", "evaluation_note", "评价说明"},
	{"complaints", "reopen_count", "重开次数"},
	{"complaints", "created_by", "登记人"},
	{"complaints", "assigned_at", "分派时间"},
	{"complaints", "resolved_at", "处理时间"},
	{"complaints", "confirmed_at", "确认时间"},
	{"complaints", "closed_at", "关闭时间"},
	{"complaints", "place", "地点"},
	{"complaints", "contact_phone", "联系电话"},

	{"complaint_events", "id", "编号"},
	{"complaint_events", "complaint", "投诉编号"},
	{"complaint_events", "at", "时间"},
	{"complaint_events", "who", "操作人"},
	{"complaint_events", "action", "操作"},
	{"complaint_events", "text", "内容"},

	{"surveys", "id", "编号"},
	{"surveys", "customer", "客户"},
	{"surveys", "date", "调查日期"},
	{"surveys", "channel", "渠道"},
	{"surveys", "service_score", "服务评分"},
	{"surveys", "operation_ok", "运行正常"},
	{"surveys", "staff_score", "人员评分"},
	{"surveys", "suggestion", "建议"},
	{"surveys", "staff", "调查人"},
	{"surveys", "created_at", "创建时间"},
	{"surveys", "complaint", "投诉编号"},

	{"orders", "id", "编号"},
	{"orders", "customer", "客户"},
	{"orders", "date", "日期"},
	{"orders", "kind", "类型"},
	{"orders", "amount", "金额"},
	{"orders", "description", "说明"},
	{"orders", "created_at", "创建时间"},

	{"holidays", "id", "编号"},
	{"holidays", "name", "节日名称"},
	{"holidays", "date", "日期"},
	{"holidays", "window_days", "提前天数"},
	{"holidays", "tiers", "等级"},

	{"calendar", "id", "编号"},
	{"calendar", "date", "日期"},
	{"calendar", "kind", "类型"},
	{"calendar", "name", "名称"},

	{"stage_changes", "id", "编号"},
	{"stage_changes", "customer", "客户"},
	{"stage_changes", "at", "时间"},
	{"stage_changes", "who", "操作人"},
	{"stage_changes", "from", "原阶段"},
	{"stage_changes", "to", "新阶段"},
	{"stage_changes", "owner", "负责人"},

	{"visit_rules", "id", "编号"},
	{"visit_rules", "tiers", "等级"},
	{"visit_rules", "level", "拜访级别"},
	{"visit_rules", "count", "次数"},
	{"visit_rules", "period", "周期"},
};
#define NLABELS (sizeof labels / sizeof labels[0])

const char *
field_label(const struct entity *e, const char *column)
{
	size_t i;

	for (i = 0; i < NLABELS; i++)
		if (!strcmp(labels[i].table, e->table)
		    && !strcmp(labels[i].column, column))
			return labels[i].label;
	return NULL;
}

const struct field *
header_field(const struct entity *e, const char *text)
{
	const struct field *f;
	size_t i;

	if ((f = entity_field(e, text)))
		return f;
	for (i = 0; i < NLABELS; i++)
		if (!strcmp(labels[i].table, e->table)
		    && !strcmp(labels[i].label, text))
			return entity_field(e, labels[i].column);
	return NULL;
}

void
entity_columns_text(const struct entity *e, struct buf *b)
{
	const struct field *f;
	const char *l;

	for (f = e->fields; f->name; f++) {
		buf_printf(b, "%s%s", b->len ? " " : "", f->name);
		if ((l = field_label(e, f->name)))
			buf_printf(b, "/%s", l);
	}
}
