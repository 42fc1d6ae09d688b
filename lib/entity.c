/* entity.c - every table's columns as data, and the one path that checks
 * a value and writes a record (crm-add, crm-edit, crm-import). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm-int.h"

#define LEVELS "account_manager dept_manager division_head president"
#define BIG 1000000000000LL

#define ID	{"id", FT_ID, NULL, F_AUTO | F_RO, 1, INT64_MAX}
#define CREATED	{"created_at", FT_TIME, NULL, F_AUTO | F_RO, 0, 0}
#define END	{NULL, 0, NULL, 0, 0, 0}

static const struct field staff_fields[] = {
	ID,
	{"login", FT_CODE, NULL, F_REQ, 0, 64},
	{"name", FT_TEXT, NULL, F_REQ, 0, 0},
	{"email", FT_EMAIL, NULL, 0, 0, 0},
	{"role", FT_ENUM, "account_manager dept_manager division_head "
	    "president complaint_specialist archive_specialist admin",
	    F_REQ, 0, 0},
	{"reports_to", FT_STAFF, NULL, 0, 0, 0},
	{"region", FT_TEXT, NULL, 0, 0, 0},
	{"intent_target", FT_INT, NULL, 0, 0, 100000},
	{"active", FT_BOOL, NULL, 0, 0, 0},
	CREATED,
	END
};

static const struct field customer_fields[] = {
	ID,
	{"code", FT_CODE, NULL, F_AUTO, 0, 32},
	{"name", FT_TEXT, NULL, F_REQ, 0, 0},
	{"tier", FT_ENUM, "A B C", 0, 0, 0},
	{"category", FT_ENUM, "government enterprise other", 0, 0, 0},
	{"stage", FT_ENUM, "lead contacted intent handover customer lost "
	    "churned", 0, 0, 0},
	{"region", FT_TEXT, NULL, 0, 0, 0},
	{"address", FT_TEXT, NULL, 0, 0, 0},
	{"owner", FT_STAFF, NULL, 0, 0, 0},
	{"uscc", FT_USCC, NULL, 0, 0, 0},
	{"credit", FT_ENUM, "A B C D", 0, 0, 0},
	{"credit_note", FT_TEXT, NULL, 0, 0, 0},
	{"scale_tonnes", FT_INT, NULL, 0, 0, BIG},
	{"process", FT_TEXT, NULL, 0, 0, 0},
	{"materials", FT_TEXT, NULL, 0, 0, 0},
	{"investment", FT_MONEY, NULL, 0, 0, 0},
	{"industry", FT_TEXT, NULL, 0, 0, 0},
	{"source", FT_TEXT, NULL, 0, 0, 0},
	{"notes", FT_TEXT, NULL, 0, 0, 0},
	CREATED,
	{"updated_at", FT_TIME, NULL, F_AUTO | F_RO, 0, 0},
	END
};

static const struct field contact_fields[] = {
	ID,
	{"customer", FT_CUSTOMER, NULL, F_REQ, 0, 0},
	{"name", FT_TEXT, NULL, F_REQ, 0, 0},
	{"title", FT_TEXT, NULL, 0, 0, 0},
	{"phone", FT_TEXT, NULL, 0, 0, 0},
	{"mobile", FT_TEXT, NULL, 0, 0, 0},
	{"email", FT_EMAIL, NULL, 0, 0, 0},
	{"qq", FT_TEXT, NULL, 0, 0, 0},
	{"wechat", FT_TEXT, NULL, 0, 0, 0},
	{"primary", FT_BOOL, NULL, 0, 0, 0},
	{"notes", FT_TEXT, NULL, 0, 0, 0},
	CREATED,
	END
};

static const struct field plan_fields[] = {
	ID,
	{"customer", FT_CUSTOMER, NULL, F_REQ, 0, 0},
	{"staff", FT_STAFF, NULL, 0, 0, 0},
	{"level", FT_ENUM, LEVELS, 0, 0, 0},
	{"date", FT_DATE, NULL, F_REQ, 0, 0},
	{"purpose", FT_TEXT, NULL, 0, 0, 0},
	{"status", FT_ENUM, "submitted approved rejected done cancelled",
	    0, 0, 0},
	{"reviewer", FT_STAFF, NULL, 0, 0, 0},
	{"reason", FT_TEXT, NULL, 0, 0, 0},
	CREATED,
	{"reviewed_at", FT_TIME, NULL, 0, 0, 0},
	END
};

static const struct field visit_fields[] = {
	ID,
	{"customer", FT_CUSTOMER, NULL, F_REQ, 0, 0},
	{"level", FT_ENUM, LEVELS, 0, 0, 0},
	{"staff", FT_STAFF, NULL, 0, 0, 0},
	{"kind", FT_ENUM, "onsite phone reception letter holiday "
	    "complaint_callback", 0, 0, 0},
	{"date", FT_DATE, NULL, F_REQ, 0, 0},
	{"summary", FT_TEXT, NULL, 0, 0, 0},
	{"feedback", FT_TEXT, NULL, 0, 0, 0},
	{"next_date", FT_DATE, NULL, 0, 0, 0},
	{"plan", FT_REF, "plans", 0, 0, 0},
	CREATED,
	END
};

static const struct field holiday_fields[] = {
	ID,
	{"name", FT_TEXT, NULL, F_REQ, 0, 0},
	{"date", FT_DATE, NULL, F_REQ, 0, 0},
	{"window_days", FT_INT, NULL, 0, 0, 366},
	{"tiers", FT_TIERS, NULL, 0, 0, 0},
	END
};

static const struct field complaint_fields[] = {
	ID,
	{"customer", FT_CUSTOMER, NULL, F_REQ, 0, 0},
	{"received_at", FT_TIME, NULL, F_AUTO, 0, 0},
	{"channel", FT_ENUM, "phone visit email qq wechat letter other",
	    0, 0, 0},
	{"contact", FT_TEXT, NULL, 0, 0, 0},
	{"category", FT_TEXT, NULL, 0, 0, 0},
	{"severity", FT_ENUM, "low normal high critical", 0, 0, 0},
	{"description", FT_TEXT, NULL, F_REQ, 0, 0},
	{"status", FT_ENUM, "open assigned resolved confirmed closed", 0, 0, 0},
	{"escalated", FT_BOOL, NULL, 0, 0, 0},
	{"dept", FT_TEXT, NULL, 0, 0, 0},
	{"handler", FT_STAFF, NULL, 0, 0, 0},
	{"due_date", FT_DATE, NULL, 0, 0, 0},
	{"result", FT_TEXT, NULL, 0, 0, 0},
	{"confirmation", FT_TEXT, NULL, 0, 0, 0},
	{"evaluation", FT_INT, NULL, 0, 1, 5},
	{"evaluation_note", FT_TEXT, NULL, 0, 0, 0},
	{"reopen_count", FT_INT, NULL, 0, 0, 1000000},
	{"created_by", FT_TEXT, NULL, 0, 0, 0},
	{"assigned_at", FT_TIME, NULL, 0, 0, 0},
	{"resolved_at", FT_TIME, NULL, 0, 0, 0},
	{"confirmed_at", FT_TIME, NULL, 0, 0, 0},
	{"closed_at", FT_TIME, NULL, 0, 0, 0},
	END
};

static const struct field survey_fields[] = {
	ID,
	{"customer", FT_CUSTOMER, NULL, F_REQ, 0, 0},
	{"date", FT_DATE, NULL, F_REQ, 0, 0},
	{"channel", FT_ENUM, "form letter visit phone", 0, 0, 0},
	{"service_score", FT_INT, NULL, 0, 1, 5},
	{"operation_ok", FT_BOOL, NULL, 0, 0, 0},
	{"staff_score", FT_INT, NULL, 0, 1, 5},
	{"suggestion", FT_TEXT, NULL, 0, 0, 0},
	{"staff", FT_STAFF, NULL, 0, 0, 0},
	CREATED,
	END
};

static const struct field order_fields[] = {
	ID,
	{"customer", FT_CUSTOMER, NULL, F_REQ, 0, 0},
	{"date", FT_DATE, NULL, F_REQ, 0, 0},
	{"kind", FT_ENUM, "contract order renewal equipment referral", 0, 0, 0},
	{"amount", FT_MONEY, NULL, F_REQ, 0, 0},
	{"description", FT_TEXT, NULL, 0, 0, 0},
	CREATED,
	END
};

static const struct entity e_staff = {"staff", "staff", "login", "login",
	staff_fields};
static const struct entity e_customer = {"customer", "customers", "code",
	"name", customer_fields};
static const struct entity e_contact = {"contact", "contacts", NULL, "name",
	contact_fields};
static const struct entity e_plan = {"plan", "plans", NULL, "date",
	plan_fields};
static const struct entity e_visit = {"visit", "visits", NULL, "date",
	visit_fields};
static const struct entity e_holiday = {"holiday", "holidays", NULL, "name",
	holiday_fields};
static const struct entity e_complaint = {"complaint", "complaints", NULL,
	"category", complaint_fields};
static const struct entity e_survey = {"survey", "surveys", NULL, "date",
	survey_fields};
static const struct entity e_order = {"order", "orders", NULL, "date",
	order_fields};

const struct entity *const entities[] = {
	&e_customer, &e_contact, &e_staff, &e_visit, &e_plan, &e_complaint,
	&e_survey, &e_order, &e_holiday, NULL
};

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

int64_t
customer_lookup(const char *idcode)
{
	static db_stmt *bycode, *byid;
	int64_t id = 0, n;

	if (!bycode) {
		bycode = db_prepare("SELECT id FROM customers WHERE code = ?");
		byid = db_prepare("SELECT id FROM customers WHERE id = ?");
	}
	if (int_parse(idcode, 1, INT64_MAX, &n) == 0) {
		db_bind_int(byid, 1, n);
		if (db_step(byid))
			id = n;
		db_reset(byid);
		return id;
	}
	db_bind_text(bycode, 1, idcode);
	if (db_step(bycode))
		id = db_int(bycode, 0);
	db_reset(bycode);
	return id;
}

int
staff_exists(const char *login)
{
	static db_stmt *s;
	int found;

	if (!s)
		s = db_prepare("SELECT 1 FROM staff WHERE login = ?");
	db_bind_text(s, 1, login);
	found = db_step(s);
	db_reset(s);
	return found;
}

static int
ref_exists(const char *table, int64_t id)
{
	struct buf sql = {0};
	db_stmt *s;
	int found;

	buf_printf(&sql, "SELECT 1 FROM \"%s\" WHERE id = ?", table);
	s = db_prepare(sql.s);
	db_bind_int(s, 1, id);
	found = db_step(s);
	db_finalize(s);
	buf_free(&sql);
	return found;
}

/* Check TEXT for F; the stored form goes to V.  0 ok, -1 with ERR. */
static int
convert(const struct field *f, const char *text, struct value *v,
    struct buf *err)
{
	size_t bad;
	int64_t n;
	int day, i;
	char *s;

	memset(v, 0, sizeof *v);
	if (!text || !*text) {
		v->null = 1;
		return 0;
	}
	if (!utf8_valid(text, strlen(text), &bad)) {
		buf_printf(err, "%s: invalid UTF-8 at byte %zu", f->name, bad + 1);
		return -1;
	}
	switch (f->type) {
	case FT_ID:
	case FT_REF:
	case FT_INT:
		if (int_parse(text, f->type == FT_INT ? f->min : 1,
		    f->type == FT_INT ? f->max : INT64_MAX, &n) < 0) {
			if (f->type == FT_INT)
				buf_printf(err, "%s: '%s' is not a whole number "
				    "from %lld to %lld", f->name, text,
				    (long long)f->min, (long long)f->max);
			else
				buf_printf(err, "%s: '%s' is not an id",
				    f->name, text);
			return -1;
		}
		if (f->type == FT_REF && !ref_exists(f->values, n)) {
			buf_printf(err, "%s: no %s with id %s", f->name,
			    f->values, text);
			return -1;
		}
		v->isint = 1;
		v->i = n;
		return 0;
	case FT_MONEY:
		if (money_parse(text, &n) < 0) {
			buf_printf(err, "%s: '%s' is not an amount like 12345.67",
			    f->name, text);
			return -1;
		}
		v->isint = 1;
		v->i = n;
		return 0;
	case FT_BOOL:
		if (list_has("yes y true 1", text, ' '))
			v->i = 1;
		else if (list_has("no n false 0", text, ' '))
			v->i = 0;
		else {
			buf_printf(err, "%s: '%s' is not yes or no", f->name, text);
			return -1;
		}
		v->isint = 1;
		return 0;
	case FT_DATE:
		if (date_parse(text, &day) < 0) {
			buf_printf(err, "%s: '%s' is not a valid date YYYY-MM-DD",
			    f->name, text);
			return -1;
		}
		break;
	case FT_TIME:
		if (!timestamp_valid(text)) {
			buf_printf(err, "%s: '%s' is not a time stamp "
			    "YYYY-MM-DDTHH:MM:SSZ", f->name, text);
			return -1;
		}
		break;
	case FT_ENUM:
		if (list_has(f->values, text, ' '))
			break;
		/* Spreadsheets type "a" for A, "Customer" for customer: take
		 * the value as written in the list when only case differs. */
		{
			size_t n = strlen(text);
			const char *p;

			for (p = f->values; *p; p += strcspn(p, " "),
			    p += *p == ' ')
				if (strcspn(p, " ") == n && !strncasecmp(p, text, n)) {
					v->s = xstrndup(p, n);
					return 0;
				}
		}
		buf_printf(err, "%s: '%s' is not one of: %s", f->name, text,
		    f->values);
		return -1;
	case FT_USCC:
		s = xstrdup(text);
		for (i = 0; s[i]; i++)
			s[i] = (char)toupper((unsigned char)s[i]);
		if (!uscc_valid(s)) {
			buf_printf(err, "%s: '%s' is not a valid unified social "
			    "credit code (18 characters, GB 32100-2015 check "
			    "character)", f->name, text);
			free(s);
			return -1;
		}
		v->s = s;
		return 0;
	case FT_TIERS: {
		struct buf t = {0};
		const char *c;

		if (strspn(text, "ABCabc") != strlen(text)) {
			buf_printf(err, "%s: '%s' is not a set of tiers such as "
			    "ABC or AB", f->name, text);
			return -1;
		}
		for (c = "ABC"; *c; c++)
			if (strchr(text, *c) || strchr(text, *c + 32))
				buf_addc(&t, *c);
		v->s = t.s;
		return 0;
	}
	case FT_STAFF:
		if (!staff_exists(text)) {
			buf_printf(err, "%s: no staff member with login '%s'",
			    f->name, text);
			return -1;
		}
		break;
	case FT_CUSTOMER:
		if (!(n = customer_lookup(text))) {
			buf_printf(err, "%s: no customer '%s'", f->name, text);
			return -1;
		}
		v->isint = 1;
		v->i = n;
		return 0;
	case FT_EMAIL: {
		const char *why;

		if (!mail_addr_valid(text, &why)) {
			buf_printf(err, "%s: '%s' is not an e-mail address: %s",
			    f->name, text, why);
			return -1;
		}
		break;
	}
	case FT_CODE: {
		const unsigned char *p;
		int digits = 1;

		for (p = (const unsigned char *)text; *p; p++) {
			if (*p <= ' ' || *p == 0x7f) {
				buf_printf(err, "%s: '%s' has a blank or control "
				    "character", f->name, text);
				return -1;
			}
			if (*p < '0' || *p > '9')
				digits = 0;
		}
		if (digits) {
			buf_printf(err, "%s: '%s' is all digits, which would "
			    "read as an id", f->name, text);
			return -1;
		}
	}
		/* FALLTHROUGH */
	case FT_TEXT:
		/* max: characters at most (the table's CHECK says the same). */
		if (f->max) {
			n = (int64_t)utf8_chars(text, strlen(text));
			if (n > f->max) {
				buf_printf(err, "%s: longer than %lld characters",
				    f->name, (long long)f->max);
				return -1;
			}
		}
		break;
	}
	v->s = xstrdup(text);
	return 0;
}

void
record_init(struct record *r, const struct entity *e)
{
	memset(r, 0, sizeof *r);
	r->e = e;
}

void
record_clear(struct record *r)
{
	int i;

	for (i = 0; i < r->n; i++)
		free(r->v[i].s);
	r->n = 0;
}

/* The slot of field F (a pointer into r->e's fields), -1 when unset. */
static int
slot_of(const struct record *r, const struct field *f)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (r->f[i] == f)
			return i;
	return -1;
}

static int
slot(const struct record *r, const char *name)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->f[i]->name, name))
			return i;
	return -1;
}

int
record_has(const struct record *r, const char *name)
{
	return slot(r, name) >= 0;
}

int
record_set(struct record *r, const char *name, const char *text,
    struct buf *err)
{
	const struct field *f = entity_field(r->e, name);

	if (!f) {
		buf_printf(err, "%s: no such column in %s", name, r->e->table);
		return -1;
	}
	return record_set_field(r, f, text, err);
}

int
record_set_field(struct record *r, const struct field *f, const char *text,
    struct buf *err)
{
	struct value v;
	int i;

	if (convert(f, text, &v, err) < 0)
		return -1;
	if ((i = slot_of(r, f)) >= 0)
		free(r->v[i].s);
	else {
		if (r->n == RECORD_MAX)
			die(EX_SOFTWARE, "too many fields");
		i = r->n++;
		r->f[i] = f;
	}
	r->v[i] = v;
	return 0;
}

static void
bind_value(db_stmt *s, int i, const struct value *v)
{
	if (v->null)
		db_bind_null(s, i);
	else if (v->isint)
		db_bind_int(s, i, v->i);
	else
		db_bind_text_static(s, i, v->s);
}

/* Prepared INSERTs by shape of record (table and columns in order): an
 * import inserts many records of a few shapes.  The least recently used
 * goes when a new shape needs its place. */
#define NSHAPES 8
static struct shape {
	const struct entity *e;
	int n;
	const struct field *f[RECORD_MAX];
	db_stmt *s;
	unsigned long used;
} shapes[NSHAPES];
static unsigned long shape_clock;

static db_stmt *
insert_stmt(const struct record *r)
{
	struct shape *sh, *old = shapes;
	struct buf sql = {0};
	int i;

	for (sh = shapes; sh < shapes + NSHAPES; sh++) {
		if (sh->s && sh->e == r->e && sh->n == r->n
		    && !memcmp(sh->f, r->f, (size_t)r->n * sizeof *r->f)) {
			sh->used = ++shape_clock;
			return sh->s;
		}
		if (sh->used < old->used)
			old = sh;
	}
	if (old->s)
		db_finalize(old->s);
	buf_adds(&sql, "INSERT INTO \"");
	buf_adds(&sql, r->e->table);
	buf_adds(&sql, "\" (");
	for (i = 0; i < r->n; i++) {
		buf_adds(&sql, i ? ", \"" : "\"");
		buf_adds(&sql, r->f[i]->name);
		buf_addc(&sql, '"');
	}
	buf_adds(&sql, ") VALUES (");
	for (i = 0; i < r->n; i++)
		buf_adds(&sql, i ? ", ?" : "?");
	buf_addc(&sql, ')');
	old->s = db_prepare(sql.s);
	old->e = r->e;
	old->n = r->n;
	memcpy(old->f, r->f, (size_t)r->n * sizeof *r->f);
	old->used = ++shape_clock;
	buf_free(&sql);
	return old->s;
}

/* A new customer's code: C and its id in six digits, or, when a code
 * given by hand already took that, the next number after the highest. */
static void
new_code(int64_t id, char code[32])
{
	static db_stmt *taken;
	int64_t n = id;

	if (!taken)
		taken = db_prepare("SELECT 1 FROM customers WHERE code = ?");
	for (;;) {
		snprintf(code, 32, "C%06lld", (long long)n);
		db_bind_text(taken, 1, code);
		if (!db_step(taken))
			break;
		db_reset(taken);
		n = db_int_query("SELECT max(CAST(substr(code, 2) AS INTEGER))"
		    " FROM customers WHERE code GLOB 'C[0-9]*'", NULL, 0) + 1;
	}
	db_reset(taken);
}

static int log_inserts = 1;

void
record_log_inserts(int on)
{
	log_inserts = on;
}

/* Rules between the fields of one record, as data: a visit is logged once
 * it took place, the meeting it agreed is after it, the plan it carries out
 * is its customer's; a confirmed complaint says when.  crm-visit,
 * crm-import and anything else that writes a record meet them here. */
static const struct rule {
	const char *table, *field;
	enum {
		NOT_AFTER_TODAY,	/* field <= today */
		AFTER_FIELD,		/* field > other */
		SAME_CUSTOMER,		/* the row of table other with id
					 * field has this record's customer */
		SET_WHEN		/* field is set when status is one of
					 * the words of other */
	} kind;
	const char *other;
	const char *why;
} rules[] = {
	{"visits", "date", NOT_AFTER_TODAY, NULL,
	    "a visit is logged once it took place"},
	{"visits", "next_date", AFTER_FIELD, "date",
	    "the next meeting is after the visit"},
	{"visits", "plan", SAME_CUSTOMER, "plans",
	    "a visit carries out a plan for its own customer"},
	{"complaints", "confirmed_at", SET_WHEN, "confirmed closed",
	    "a confirmed complaint has a confirmation time (its callback is "
	    "due from it)"},
};

/* The text value of field NAME in R, or NULL. */
static const char *
text_of(const struct record *r, const char *name)
{
	int i = slot(r, name);

	return i < 0 || r->v[i].null || r->v[i].isint ? NULL : r->v[i].s;
}

/* The integer value of field NAME in R, or 0. */
static int64_t
int_of(const struct record *r, const char *name)
{
	int i = slot(r, name);

	return i < 0 || r->v[i].null || !r->v[i].isint ? 0 : r->v[i].i;
}

static int
same_customer(const char *table, int64_t id, int64_t customer)
{
	struct buf sql = {0};
	db_stmt *s;
	int same;

	buf_printf(&sql, "SELECT customer = ? FROM \"%s\" WHERE id = ?", table);
	s = db_prepare(sql.s);
	db_bind_int(s, 1, customer);
	db_bind_int(s, 2, id);
	same = db_step(s) && db_int(s, 0);
	db_finalize(s);
	buf_free(&sql);
	return same;
}

static int
record_rules(const struct record *r, struct buf *err)
{
	const struct rule *u;
	const char *v, *w;
	char day[11];
	size_t i;
	int64_t id;

	for (i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		u = &rules[i];
		if (strcmp(u->table, r->e->table))
			continue;
		if (u->kind == SAME_CUSTOMER) {
			if ((id = int_of(r, u->field)) && !same_customer(
			    u->other, id, int_of(r, "customer"))) {
				buf_printf(err, "%s: %s %lld is for another "
				    "customer: %s", u->field, u->field,
				    (long long)id, u->why);
				return -1;
			}
			continue;
		}
		if (u->kind == SET_WHEN) {
			if ((w = text_of(r, "status")) && list_has(u->other, w,
			    ' ') && !text_of(r, u->field)) {
				buf_printf(err, "%s: a value is required when the "
				    "status is %s: %s", u->field, w, u->why);
				return -1;
			}
			continue;
		}
		if (!(v = text_of(r, u->field)))
			continue;
		if (u->kind == NOT_AFTER_TODAY) {
			date_format(today(), day);
			if (strcmp(v, day) > 0) {
				buf_printf(err, "%s: %s is after today (%s): %s",
				    u->field, v, day, u->why);
				return -1;
			}
		} else if ((w = text_of(r, u->other)) && strcmp(v, w) <= 0) {
			buf_printf(err, "%s: %s is not after %s %s: %s",
			    u->field, v, u->other, w, u->why);
			return -1;
		}
	}
	return 0;
}

int64_t
record_insert(struct record *r, struct buf *err)
{
	static db_stmt *maxid;
	const struct field *f;
	char now[21];
	const char *label = NULL;
	int i;
	db_stmt *s;
	int64_t id;

	timestamp_now(now);
	for (f = r->e->fields; f->name; f++) {
		i = slot_of(r, f);
		if (f->flags & F_REQ && (i < 0 || r->v[i].null)) {
			buf_printf(err, "%s: a value is required", f->name);
			return -1;
		}
		if (f->type == FT_TIME && f->flags & F_AUTO
		    && (i < 0 || r->v[i].null))
			record_set(r, f->name, now, err);
	}
	if (record_rules(r, err) < 0)
		return -1;
	/* A customer without a code gets one from its id. */
	if (!strcmp(r->e->table, "customers")
	    && ((i = slot(r, "code")) < 0 || r->v[i].null)) {
		char code[32], idtext[32];
		int64_t next;

		if ((i = slot(r, "id")) >= 0 && !r->v[i].null)
			next = r->v[i].i;
		else {
			if (!maxid)
				maxid = db_prepare("SELECT max(id) FROM "
				    "customers");
			next = db_step(maxid) ? db_int(maxid, 0) + 1 : 1;
			db_reset(maxid);
			snprintf(idtext, sizeof idtext, "%lld", (long long)next);
			record_set(r, "id", idtext, err);
		}
		new_code(next, code);
		record_set(r, "code", code, err);
	}
	s = insert_stmt(r);
	for (i = 0; i < r->n; i++)
		bind_value(s, i + 1, &r->v[i]);
	db_step(s);
	db_reset(s);
	id = db_last_id();
	if ((i = slot(r, r->e->label)) >= 0 && !r->v[i].null && !r->v[i].isint)
		label = r->v[i].s;
	if (log_inserts)
		change_log(r->e->name, id, NULL, NULL, label ? label : "created");
	return id;
}

/* The stored value as text, for the change log and comparisons. */
static char *
value_text(const struct field *f, const struct value *v)
{
	char m[32];

	if (v->null)
		return NULL;
	if (f->type == FT_MONEY) {
		money_format(v->i, m);
		return xstrdup(m);
	}
	if (f->type == FT_BOOL)
		return xstrdup(v->i ? "yes" : "no");
	if (v->isint)
		return xasprintf("%lld", (long long)v->i);
	return xstrdup(v->s);
}

int
record_update(struct record *r, int64_t id)
{
	struct buf sql = {0};
	db_stmt *s;
	int i, changed = 0;
	char now[21];

	if (!r->n)
		return 0;
	buf_adds(&sql, "SELECT ");
	for (i = 0; i < r->n; i++)
		buf_printf(&sql, "%s\"%s\"", i ? ", " : "", r->f[i]->name);
	buf_printf(&sql, " FROM \"%s\" WHERE id = ?", r->e->table);
	s = db_prepare(sql.s);
	db_bind_int(s, 1, id);
	if (!db_step(s)) {
		db_finalize(s);
		buf_free(&sql);
		return -1;
	}
	buf_reset(&sql);
	buf_printf(&sql, "UPDATE \"%s\" SET ", r->e->table);
	{
		char *old[RECORD_MAX], *new[RECORD_MAX];
		db_stmt *u;
		int k = 0;

		for (i = 0; i < r->n; i++) {
			struct value ov = {0};

			ov.null = db_isnull(s, i);
			if (!ov.null && (r->v[i].isint || db_isnum(s, i))) {
				ov.isint = 1;
				ov.i = db_int(s, i);
			} else if (!ov.null)
				ov.s = (char *)db_text(s, i);
			old[i] = value_text(r->f[i], &ov);
			new[i] = value_text(r->f[i], &r->v[i]);
			if ((!old[i] && !new[i]) || (old[i] && new[i]
			    && !strcmp(old[i], new[i])))
				continue;
			buf_printf(&sql, "%s\"%s\" = ?%d", k ? ", " : "",
			    r->f[i]->name, i + 1);
			k++;
		}
		db_finalize(s);
		if (k) {
			if (entity_field(r->e, "updated_at")) {
				timestamp_now(now);
				buf_printf(&sql, ", \"updated_at\" = ?%d",
				    r->n + 1);
			}
			buf_printf(&sql, " WHERE id = ?%d", r->n + 2);
			u = db_prepare(sql.s);
			for (i = 0; i < r->n; i++)
				bind_value(u, i + 1, &r->v[i]);
			if (entity_field(r->e, "updated_at"))
				db_bind_text(u, r->n + 1, now);
			db_bind_int(u, r->n + 2, id);
			db_step(u);
			db_finalize(u);
		}
		for (i = 0; i < r->n; i++) {
			if (!((!old[i] && !new[i]) || (old[i] && new[i]
			    && !strcmp(old[i], new[i])))) {
				change_log(r->e->name, id, r->f[i]->name,
				    old[i], new[i]);
				changed++;
			}
			free(old[i]);
			free(new[i]);
		}
	}
	buf_free(&sql);
	return changed;
}

int64_t
record_add(struct record *r)
{
	struct buf err = {0};
	int64_t id;

	if ((id = record_insert(r, &err)) < 0)
		die(EX_DATAERR, "cannot add %s: %s", r->e->name, buf_str(&err));
	buf_free(&err);
	return id;
}
