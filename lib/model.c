/* model.c - the data model as data: every table's columns with their type,
 * allowed words, bounds, default and flags.  The SQL schema (schema.c)
 * says the same in CHECK and DEFAULT clauses; tests/unit/test-model.c
 * proves that the two agree.  Programs and the rest of the library ask
 * these tables, so a word, a default or a personal-data flag is written
 * here once. */
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

#define STAGES STAGE_PIPELINE " lost churned"
#define BIG 1000000000000LL

#define ID	{"id", FT_ID, NULL, F_AUTO | F_RO, 1, INT64_MAX, NULL, NULL, MASK_NONE}
#define CREATED	{"created_at", FT_TIME, NULL, F_AUTO | F_RO, 0, 0, NULL, NULL, MASK_NONE}
#define END	{NULL, 0, NULL, 0, 0, 0, NULL, NULL, MASK_NONE}
/* A column with a default, as a user would write the value. */
#define DFLT(v)	0, 0, v, NULL, MASK_NONE
#define PLAIN	0, 0, NULL, NULL, MASK_NONE

static const struct field staff_fields[] = {
	ID,
	{"login", FT_CODE, NULL, F_REQ, 0, 64, NULL, NULL, MASK_NONE},
	{"name", FT_TEXT, NULL, F_REQ, PLAIN},
	{"email", FT_EMAIL, NULL, 0, 0, 0, NULL, NULL, MASK_EMAIL},
	{"role", FT_ENUM, "account_manager dept_manager division_head "
	    "president complaint_specialist archive_specialist admin",
	    F_REQ, PLAIN},
	/* Only active staff are reported to: a manager who leaves hands
	 * the team over. */
	{"reports_to", FT_STAFF, NULL, F_HELD, PLAIN},
	{"region", FT_TEXT, NULL, 0, PLAIN},
	{"intent_target", FT_INT, NULL, 0, 0, 100000, "0", NULL, MASK_NONE},
	{"active", FT_BOOL, NULL, 0, DFLT("yes")},
	CREATED,
	/* The Unix account, whose programs act as this member
	 * (lib/permit.c). */
	{"os_user", FT_CODE, NULL, 0, 0, 32, NULL, NULL, MASK_TEXT},
	END
};

static const struct field customer_fields[] = {
	ID,
	{"code", FT_CODE, NULL, F_AUTO, 0, 32, NULL, NULL, MASK_NONE},
	{"name", FT_TEXT, NULL, F_REQ, PLAIN},
	/* Without a tier the rulebook's criteria give one (lib/archive.c);
	 * C is the schema's last resort for other writers. */
	{"tier", FT_ENUM, "A B C", 0, DFLT("C")},
	{"category", FT_ENUM, "government enterprise other", 0,
	    DFLT("enterprise")},
	{"stage", FT_ENUM, STAGES, 0, DFLT("customer")},
	{"region", FT_TEXT, NULL, 0, PLAIN},
	{"address", FT_TEXT, NULL, 0, PLAIN},
	{"owner", FT_STAFF, NULL, F_HELD, PLAIN},
	{"uscc", FT_USCC, NULL, 0, PLAIN},
	{"credit", FT_ENUM, "A B C D", 0, PLAIN},
	{"credit_note", FT_TEXT, NULL, 0, PLAIN},
	{"scale_tonnes", FT_INT, NULL, 0, 0, BIG, NULL, NULL, MASK_NONE},
	{"process", FT_TEXT, NULL, 0, PLAIN},
	{"materials", FT_TEXT, NULL, 0, PLAIN},
	{"investment", FT_MONEY, NULL, 0, PLAIN},
	{"industry", FT_TEXT, NULL, 0, PLAIN},
	{"source", FT_TEXT, NULL, 0, PLAIN},
	{"notes", FT_TEXT, NULL, 0, PLAIN},
	CREATED,
	{"updated_at", FT_TIME, NULL, F_AUTO | F_RO, PLAIN},
	/* The day it became a customer (lib/rules.c stamps it); cadence
	 * slots before it are not owed. */
	{"customer_since", FT_DATE, NULL, 0, PLAIN},
	END
};

static const struct field contact_fields[] = {
	ID,
	{"customer", FT_CUSTOMER, NULL, F_REQ, PLAIN},
	{"name", FT_TEXT, NULL, F_REQ, PLAIN},
	{"title", FT_TEXT, NULL, 0, PLAIN},
	{"phone", FT_TEXT, NULL, F_PHONE, 0, 0, NULL, NULL, MASK_DIGITS},
	{"mobile", FT_TEXT, NULL, F_PHONE, 0, 0, NULL, NULL, MASK_DIGITS},
	{"email", FT_EMAIL, NULL, 0, 0, 0, NULL, NULL, MASK_EMAIL},
	{"qq", FT_TEXT, NULL, 0, 0, 0, NULL, NULL, MASK_DIGITS},
	{"wechat", FT_TEXT, NULL, 0, 0, 0, NULL, NULL, MASK_TEXT},
	/* One per customer (lib/rules.c); the first contact takes it. */
	{"primary", FT_BOOL, NULL, 0, DFLT("no")},
	{"notes", FT_TEXT, NULL, 0, PLAIN},
	CREATED,
	END
};

static const struct field plan_fields[] = {
	ID,
	{"customer", FT_CUSTOMER, NULL, F_REQ, PLAIN},
	{"staff", FT_STAFF, NULL, F_HELD, PLAIN},
	{"level", FT_ENUM, LEVELS, 0, DFLT("account_manager")},
	{"date", FT_DATE, NULL, F_REQ, PLAIN},
	{"purpose", FT_TEXT, NULL, 0, PLAIN},
	/* The moves between them: lib/state.c. */
	{"status", FT_ENUM, "submitted reviewed approved rejected done "
	    "cancelled", 0, DFLT("submitted")},
	{"reviewer", FT_STAFF, NULL, 0, PLAIN},
	{"reason", FT_TEXT, NULL, 0, PLAIN},
	CREATED,
	{"reviewed_at", FT_TIME, NULL, 0, PLAIN},
	{"approver", FT_STAFF, NULL, 0, PLAIN},
	{"approved_at", FT_TIME, NULL, 0, PLAIN},
	END
};

static const struct field visit_fields[] = {
	ID,
	{"customer", FT_CUSTOMER, NULL, F_REQ, PLAIN},
	{"level", FT_ENUM, LEVELS, 0, DFLT("account_manager")},
	{"staff", FT_STAFF, NULL, 0, PLAIN},
	{"kind", FT_ENUM, "onsite phone reception letter holiday "
	    "complaint_callback", 0, DFLT("onsite")},
	{"date", FT_DATE, NULL, F_REQ, PLAIN},
	{"summary", FT_TEXT, NULL, 0, PLAIN},
	{"feedback", FT_TEXT, NULL, 0, PLAIN},
	{"next_date", FT_DATE, NULL, 0, PLAIN},
	{"plan", FT_REF, "plans", 0, PLAIN},
	CREATED,
	END
};

static const struct field holiday_fields[] = {
	ID,
	{"name", FT_TEXT, NULL, F_REQ, PLAIN},
	{"date", FT_DATE, NULL, F_REQ, PLAIN},
	{"window_days", FT_INT, NULL, 0, 0, 366, "7", "holiday.window_days",
	    MASK_NONE},
	{"tiers", FT_TIERS, NULL, 0, DFLT("ABC")},
	END
};

static const struct field complaint_fields[] = {
	ID,
	{"customer", FT_CUSTOMER, NULL, F_REQ, PLAIN},
	{"received_at", FT_TIME, NULL, F_AUTO, PLAIN},
	{"channel", FT_ENUM, "phone visit email qq wechat letter other",
	    0, DFLT("phone")},
	{"contact", FT_TEXT, NULL, 0, PLAIN},
	{"category", FT_TEXT, NULL, 0, PLAIN},
	{"severity", FT_ENUM, "low normal high critical", 0, DFLT("normal")},
	{"description", FT_TEXT, NULL, F_REQ, PLAIN},
	{"status", FT_ENUM, "open assigned resolved confirmed closed", 0,
	    DFLT("open")},
	{"escalated", FT_BOOL, NULL, 0, DFLT("no")},
	{"dept", FT_TEXT, NULL, 0, PLAIN},
	{"handler", FT_STAFF, NULL, F_HELD, PLAIN},
	{"due_date", FT_DATE, NULL, 0, PLAIN},
	{"result", FT_TEXT, NULL, 0, PLAIN},
	{"confirmation", FT_TEXT, NULL, 0, PLAIN},
	{"evaluation", FT_INT, NULL, 0, 1, 5, NULL, NULL, MASK_NONE},
	{"evaluation_note", FT_TEXT, NULL, 0, PLAIN},
	{"reopen_count", FT_INT, NULL, 0, 0, 1000000, "0", NULL, MASK_NONE},
	{"created_by", FT_TEXT, NULL, 0, PLAIN},
	{"assigned_at", FT_TIME, NULL, 0, PLAIN},
	{"resolved_at", FT_TIME, NULL, 0, PLAIN},
	{"confirmed_at", FT_TIME, NULL, 0, PLAIN},
	{"closed_at", FT_TIME, NULL, 0, PLAIN},
	/* The rulebook's phone case: time (received_at), place, person
	 * (contact), event (description) and the phone, QQ or e-mail to
	 * call back on. */
	{"place", FT_TEXT, NULL, 0, PLAIN},
	/* A phone, a QQ number or an e-mail address: masked whole. */
	{"contact_phone", FT_TEXT, NULL, F_PHONE, 0, 0, NULL, NULL,
	    MASK_TEXT},
	END
};

/* Each step of a complaint: written by lib/rules.c on every move and by
 * crm complaint note; imported with a complaint's history. */
static const struct field complaint_event_fields[] = {
	ID,
	{"complaint", FT_REF, "complaints", F_REQ, PLAIN},
	{"at", FT_TIME, NULL, F_AUTO, PLAIN},
	{"who", FT_TEXT, NULL, F_AUTO, PLAIN},	/* the acting user */
	{"action", FT_ENUM, "new assign note resolve confirm reject callback",
	    F_REQ, PLAIN},
	{"text", FT_TEXT, NULL, 0, PLAIN},
	END
};

/* The pipeline history (lib/rules.c writes a row for every change of a
 * customer's stage): what the reports read. */
static const struct field stage_change_fields[] = {
	ID,
	{"customer", FT_CUSTOMER, NULL, F_REQ, PLAIN},
	{"at", FT_TIME, NULL, F_AUTO, PLAIN},
	{"who", FT_TEXT, NULL, F_AUTO, PLAIN},	/* the acting user */
	{"from", FT_ENUM, STAGES, F_REQ, PLAIN},
	{"to", FT_ENUM, STAGES, F_REQ, PLAIN},
	{"owner", FT_STAFF, NULL, 0, PLAIN},	/* the owner at that moment */
	END
};

/* China's official days off and make-up working days (调休), from the
 * State Council's notice each year: what working days are made of
 * (lib/workday.c). */
static const struct field calendar_fields[] = {
	ID,
	{"date", FT_DATE, NULL, F_REQ, PLAIN},
	{"kind", FT_ENUM, "off work", F_REQ, PLAIN},
	{"name", FT_TEXT, NULL, F_REQ, PLAIN},
	END
};

static const struct field survey_fields[] = {
	ID,
	{"customer", FT_CUSTOMER, NULL, F_REQ, PLAIN},
	{"date", FT_DATE, NULL, F_REQ, PLAIN},
	{"channel", FT_ENUM, "form letter visit phone", 0, DFLT("form")},
	{"service_score", FT_INT, NULL, 0, 1, 5, NULL, NULL, MASK_NONE},
	{"operation_ok", FT_BOOL, NULL, 0, PLAIN},
	{"staff_score", FT_INT, NULL, 0, 1, 5, NULL, NULL, MASK_NONE},
	{"suggestion", FT_TEXT, NULL, 0, PLAIN},
	{"staff", FT_STAFF, NULL, 0, PLAIN},
	CREATED,
	/* The complaint whose callback it was, or none. */
	{"complaint", FT_REF, "complaints", 0, PLAIN},
	END
};

static const struct field order_fields[] = {
	ID,
	{"customer", FT_CUSTOMER, NULL, F_REQ, PLAIN},
	{"date", FT_DATE, NULL, F_REQ, PLAIN},
	{"kind", FT_ENUM, "contract order renewal equipment referral", 0,
	    DFLT("order")},
	{"amount", FT_MONEY, NULL, F_REQ, PLAIN},
	{"description", FT_TEXT, NULL, 0, PLAIN},
	CREATED,
	END
};

/* The cadence rules (visit_rules): written by crm visit rules only, so
 * not among the tables that are imported and exported. */
static const struct field visit_rule_fields[] = {
	ID,
	{"tiers", FT_TIERS, NULL, F_REQ, PLAIN},
	{"level", FT_ENUM, LEVELS, F_REQ, PLAIN},
	{"count", FT_INT, NULL, F_REQ, 1, 1000, NULL, NULL, MASK_NONE},
	{"period", FT_ENUM, "month quarter year", F_REQ, PLAIN},
	END
};

/* name, table, key, label, fields, order (as crm-show lists them), open
 * (when a record holds its F_HELD fields: NULL always), profile, written. */
static const struct entity e_staff = {"staff", "staff", "login", "login",
	staff_fields, "login", {"active", "yes"}, 0, staff_forget};
static const struct entity e_customer = {"customer", "customers", "code",
	"name", customer_fields, "id", {NULL, NULL}, 0, NULL};
static const struct entity e_contact = {"contact", "contacts", NULL, "name",
	contact_fields, "\"primary\" DESC, id", {NULL, NULL}, 1, NULL};
static const struct entity e_plan = {"plan", "plans", NULL, "date",
	plan_fields, "date DESC, id DESC",
	{"status", "submitted reviewed approved"}, 0, NULL};
static const struct entity e_visit = {"visit", "visits", NULL, "date",
	visit_fields, "date DESC, id DESC", {NULL, NULL}, 0, NULL};
static const struct entity e_holiday = {"holiday", "holidays", NULL, "name",
	holiday_fields, "date, id", {NULL, NULL}, 0, NULL};
static const struct entity e_complaint = {"complaint", "complaints", NULL,
	"category", complaint_fields, "received_at DESC, id DESC",
	{"status", "open assigned resolved confirmed"}, 0, NULL};
static const struct entity e_survey = {"survey", "surveys", NULL, "date",
	survey_fields, "date DESC, id DESC", {NULL, NULL}, 0, NULL};
static const struct entity e_order = {"order", "orders", NULL, "date",
	order_fields, "date DESC, id DESC", {NULL, NULL}, 0, NULL};

static const struct entity e_complaint_event = {"complaint_event",
	"complaint_events", NULL, "action", complaint_event_fields, "at, id",
	{NULL, NULL}, 0, NULL};
static const struct entity e_stage_change = {"stage_change",
	"stage_changes", NULL, "to", stage_change_fields, "at DESC, id DESC",
	{NULL, NULL}, 0, NULL};
static const struct entity e_calendar = {"calendar", "calendar", "date",
	"name", calendar_fields, "date", {NULL, NULL}, 0, workday_forget};

const struct entity visit_rule_entity = {"visit_rule", "visit_rules", NULL,
	"level", visit_rule_fields, "id", {NULL, NULL}, 0, NULL};

const struct entity *const entities[] = {
	&e_customer, &e_contact, &e_staff, &e_visit, &e_plan, &e_complaint,
	&e_complaint_event, &e_survey, &e_order, &e_holiday, &e_calendar,
	&e_stage_change, NULL
};

/* What writes the change log besides the tables above. */
const char *const log_entities[] = {"setting", "visit_rule", "mail_sent",
	NULL};

const struct entity *
entity_find(const char *name)
{
	int i;

	for (i = 0; entities[i]; i++)
		if (!strcmp(name, entities[i]->name)
		    || !strcmp(name, entities[i]->table))
			return entities[i];
	return NULL;
}

const struct field *
entity_field(const struct entity *e, const char *name)
{
	const struct field *f;

	for (f = e->fields; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

const char *
field_words(const char *table, const char *name)
{
	const struct entity *e = entity_find(table);
	const struct field *f = e ? entity_field(e, name) : NULL;

	if (!f || f->type != FT_ENUM)
		die(EX_SOFTWARE, "no closed list %s.%s", table, name);
	return f->values;
}

int
field_notnull(const struct field *f)
{
	return (f->flags & (F_REQ | F_AUTO)) || f->dflt;
}

const struct field *
entity_customer_field(const struct entity *e)
{
	const struct field *f;

	for (f = e->fields; f->name; f++)
		if (f->type == FT_CUSTOMER)
			return f;
	return NULL;
}

void
field_expr(struct buf *sql, const struct field *f, const char *alias)
{
	const char *a = alias ? alias : "", *dot = alias ? "." : "";

	switch (f->type) {
	case FT_MONEY:
		buf_printf(sql, "money(%s%s\"%s\") AS \"%s\"", a, dot, f->name,
		    f->name);
		break;
	case FT_BOOL:
		buf_printf(sql, "yesno(%s%s\"%s\") AS \"%s\"", a, dot, f->name,
		    f->name);
		break;
	case FT_CUSTOMER:
		buf_printf(sql, "(SELECT code FROM customers WHERE id = "
		    "%s%s\"%s\") AS \"%s\"", a, dot, f->name, f->name);
		break;
	default:
		buf_printf(sql, "%s%s\"%s\"", a, dot, f->name);
	}
}

const char *
entity_numcols(const struct entity *e)
{
	const struct field *f;

	for (f = e->fields; f->name; f++)
		if (f->type == FT_MONEY)
			return f->name;	/* one money column a table */
	return NULL;
}
