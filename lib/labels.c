/* labels.c - the Chinese label of every column, one per column of each
 * table, beside the model's column tables: what a spreadsheet made by
 * the service centre has as its header (客户编号, 客户名称, ...).
 * crm-import takes a column by its name or its label; crm-export
 * --labels (and xlsx) writes the labels.  The words are po/GLOSSARY.md's
 * where it has them; a label is unique within its table.
 *
 * And the Chinese label of every word of the model's closed lists, what
 * -o table shows for it under zh_CN (政府单位 for government): a value
 * may be the word or its label, whatever the locale of the program that
 * reads it.  They are po/zh_CN.po's (msgctxt "word"), which
 * tests/0226-words.t checks. */
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

/* Every word of an FT_ENUM field's list, and FT_BOOL's yes and no. */
static const struct word_label {
	const char *word, *label;
} word_labels[] = {
	{"A", "A"},
	{"B", "B"},
	{"C", "C"},
	{"D", "D"},
	{"government", "政府单位"},
	{"enterprise", "企业"},
	{"other", "其他"},
	{"lead", "线索"},
	{"contacted", "已联系"},
	{"intent", "意向"},
	{"handover", "移交销售"},
	{"customer", "成交客户"},
	{"lost", "未成交"},
	{"churned", "已流失"},
	{"yes", "是"},
	{"no", "否"},
	{"account_manager", "客户经理"},
	{"dept_manager", "部门经理"},
	{"division_head", "分管领导"},
	{"president", "总裁"},
	{"complaint_specialist", "投诉专员"},
	{"archive_specialist", "档案专员"},
	{"admin", "管理员"},
	{"onsite", "上门拜访"},
	{"phone", "电话"},
	{"reception", "来访接待"},
	{"letter", "信函"},
	{"holiday", "节日回访"},
	{"complaint_callback", "投诉回访"},
	{"submitted", "已提交"},
	{"reviewed", "已审核"},
	{"approved", "已批准"},
	{"rejected", "已驳回"},
	{"done", "已完成"},
	{"cancelled", "已取消"},
	{"visit", "拜访"},
	{"email", "电子邮件"},
	{"qq", "QQ"},
	{"wechat", "微信"},
	{"form", "调查表"},
	{"low", "轻微"},
	{"normal", "一般"},
	{"high", "严重"},
	{"critical", "重大"},
	{"open", "待处理"},
	{"assigned", "已分派"},
	{"resolved", "已处理"},
	{"confirmed", "已确认"},
	{"closed", "已关闭"},
	{"new", "受理"},
	{"assign", "分派"},
	{"note", "备注"},
	{"resolve", "处理"},
	{"confirm", "确认"},
	{"reject", "驳回"},
	{"callback", "投诉回访"},
	{"contract", "合同"},
	{"order", "订单"},
	{"renewal", "续约"},
	{"equipment", "设备"},
	{"referral", "转介绍"},
	{"off", "休息日"},
	{"work", "调休上班"},
	{"month", "月"},
	{"quarter", "季度"},
	{"year", "年"},
};
#define NWORDS (sizeof word_labels / sizeof word_labels[0])

/* Blanks: ASCII's and the ideographic space U+3000; 0 or the length of
 * the one at S. */
static size_t
blank_len(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	return strncmp(s, "\xe3\x80\x80", 3) ? 0 : 3;
}

/* Round brackets, ASCII's and full-width: 0, '(' or ')' for the one at
 * S, its length in *N. */
static int
bracket(const char *s, size_t *n)
{
	*n = 3;
	if (*s == '(' || *s == ')') {
		*n = 1;
		return *s;
	}
	if (!strncmp(s, "（", 3))
		return '(';
	if (!strncmp(s, "）", 3))
		return ')';
	return 0;
}

/* Header text S as it is compared, into B: brackets ASCII ones, no blank
 * at either end or beside a bracket (规模 (吨) is 规模（吨）). */
static void
header_key(const char *s, struct buf *b)
{
	size_t n, blanks = 0;
	const char *gap = NULL;
	int c, after = 1;	/* at the start, or after a bracket */

	buf_reset(b);
	buf_adds(b, "");
	while (*s) {
		if ((n = blank_len(s))) {
			if (!blanks++)
				gap = s;
			s += n;
			continue;
		}
		if ((c = bracket(s, &n)))
			buf_addc(b, (char)c);
		else {
			if (blanks && !after)
				buf_add(b, gap, (size_t)(s - gap));
			buf_add(b, s, n = 1);
		}
		after = c != 0;
		blanks = 0;
		s += n;
	}
}

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
	struct buf key = {0}, l = {0};
	size_t i;

	if ((f = entity_field(e, text)))
		return f;
	header_key(text, &key);
	if ((f = entity_field(e, key.s)))
		goto out;
	for (i = 0; i < NLABELS; i++) {
		if (strcmp(labels[i].table, e->table))
			continue;
		header_key(labels[i].label, &l);
		if (!strcmp(l.s, key.s)) {
			f = entity_field(e, labels[i].column);
			goto out;
		}
	}
out:
	buf_free(&key);
	buf_free(&l);
	return f;
}

const char *
word_zh(const char *word)
{
	size_t i;

	for (i = 0; i < NWORDS; i++)
		if (!strcmp(word_labels[i].word, word))
			return word_labels[i].label;
	return NULL;
}

const char *
zh_word(const struct field *f, const char *text)
{
	const char *words = f->type == FT_BOOL ? "yes no" : f->values;
	size_t i;

	if (f->type != FT_ENUM && f->type != FT_BOOL)
		return NULL;
	for (i = 0; i < NWORDS; i++)
		if (!strcmp(word_labels[i].label, text)
		    && list_has(words, word_labels[i].word, ' '))
			return word_labels[i].word;
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
