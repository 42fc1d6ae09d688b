/* rules.c - the rules between the fields of a record and between records,
 * as data, with the side effects that go with a write.  record_insert and
 * record_update (record.c) run them for every writer: crm-add, crm-edit,
 * crm-import, crm-visit, crm-staff and whatever comes next.
 *
 * A rule is judged on the record as it will be (AFTER: every field) and,
 * for an update, the record as it is (BEFORE).  Rules on a value apply
 * when the value is new or changes, so that an update of one field is not
 * refused for another that was already there. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

enum kind {
	NOT_AFTER_TODAY,	/* field <= today */
	AFTER_FIELD,		/* field > the field other (arg "=": >=) */
	SAME_CUSTOMER,		/* the record of table other with id field has
				 * this record's customer */
	SET_WHEN,		/* field is set when the field other is one of
				 * the words arg */
	CARRIES_OUT,		/* field names a record of table other that
				 * move arg takes on (a visit makes its plan
				 * done) */
	ONE_PER,		/* one record with field yes per value of the
				 * field other; the first one takes it */
	NO_LOOP,		/* following field (a login) from record to
				 * record never comes back to this one */
	HOLDS_NOTHING,		/* field (active) goes to no only while the
				 * member holds nothing (F_HELD fields) */
	TIER_CRITERIA,		/* field is derived from the rulebook's tier
				 * criteria when not given */
	STAMP_DAY,		/* field is today when the field other becomes
				 * arg */
	STATE,			/* field moves only as lib/state.c allows */
	KEEPS_CUSTOMER,		/* the records of table other that name this
				 * one in their field arg share its customer
				 * (a plan and the visit that carried it out) */
	NOT_BEFORE_MADE,	/* field >= the day of the time stamp other
				 * (when the record was made) while the
				 * status is one of the words arg */
	COPY_FROM,		/* when not given, field is copied from the
				 * record of table arg that the field other
				 * names (else its default) */
	RENAME_LOG,		/* a new value of field reaches the columns of
				 * type other through ON UPDATE CASCADE: each
				 * such change is logged too */
	SLA_DUE,		/* when not given, field is the SLA due date
				 * (lib/sla.c) of the day of the time stamp
				 * other and the severity arg; again when
				 * either changes */
	FLAG_WHEN,		/* when not given, field is yes when the field
				 * other is one of the words arg, else no; a
				 * later change to one of them sets it again */
	STAMP_WHO,		/* when not given, field is the acting user */
	LOG_STEP,		/* each move of field (lib/state.c) is a row of
				 * table other saying what the move says; a
				 * new record's, its fields arg */
	NOT_AFTER_STAMP,	/* field (a time) is not after the time arg of
				 * the record the field other names; made
				 * now (not given), that time is not set */
	WEEKEND_WHEN,		/* field (a date) is a Saturday or Sunday when
				 * the field other is arg */
	ANY_OF,			/* one of the fields arg has a value */
	PART_OF,		/* the record is part of the record of table
				 * other that field names: removed with it,
				 * never alone */
	HISTORY,		/* each change of field is a row of table
				 * other: the record, from, to, and the fields
				 * arg as they are after it */
	DIFFERS,		/* field is not the same as the field other */
	AT_LEVEL		/* field (a level) is the role of the staff
				 * member the field other names, or below it
				 * (lib/permit.c) */
};

static const struct rule {
	const char *table, *field;
	enum kind kind;
	const char *other, *arg;
	const char *why;
} rules[] = {
	{"visits", "date", NOT_AFTER_TODAY, NULL, NULL,
	    N_("a visit is logged once it took place")},
	{"customers", "customer_since", NOT_AFTER_TODAY, NULL, NULL,
	    N_("a customer from a day to come is not one yet")},
	{"visits", "level", COPY_FROM, "plan", "plans",
	    N_("a visit that carries out a plan counts at the plan's level")},
	{"visits", "level", AT_LEVEL, "staff", NULL,
	    N_("a visit counts at its visitor's level or below")},
	{"visits", "next_date", AFTER_FIELD, "date", NULL,
	    N_("the next meeting is after the visit")},
	{"visits", "plan", SAME_CUSTOMER, "plans", NULL,
	    N_("a visit carries out a plan for its own customer")},
	{"visits", "plan", CARRIES_OUT, "plans", "done",
	    N_("a visit carries out an approved plan")},
	{"complaints", "confirmed_at", SET_WHEN, "status", "confirmed closed",
	    N_("a confirmed complaint has a confirmation time (its callback is "
	    "due from it)")},
	{"plans", "customer", KEEPS_CUSTOMER, "visits", "plan",
	    N_("a plan and the visit that carried it out are of one customer")},
	{"plans", "date", NOT_BEFORE_MADE, "created_at", "submitted",
	    N_("a plan is for a visit to come")},
	{"plans", "reason", SET_WHEN, "status", "rejected",
	    N_("a rejected plan says why")},
	{"contacts", "primary", ONE_PER, "customer", NULL,
	    N_("a customer has one primary contact")},
	{"staff", "reports_to", NO_LOOP, "login", NULL,
	    N_("a reporting line ends at the top")},
	{"staff", "active", HOLDS_NOTHING, "login", NULL,
	    N_("someone who leaves hands over first (crm staff edit LOGIN "
	    "--active no --handover LOGIN)")},
	{"customers", "tier", TIER_CRITERIA, NULL, NULL,
	    N_("the rulebook's tier criteria")},
	{"customers", "customer_since", STAMP_DAY, "stage", "customer",
	    N_("cadence is owed from the day it became a customer")},
	{"staff", "login", RENAME_LOG, NULL, NULL,
	    N_("the change log stays complete")},
	{"plans", "status", STATE, NULL, NULL, NULL},
	{"complaints", "status", STATE, NULL, NULL, NULL},
	/* SPEC section 6: complaints. */
	{"complaints", "received_at", NOT_AFTER_TODAY, NULL, NULL,
	    N_("a complaint is recorded once it was received")},
	{"complaints", "closed_at", AFTER_FIELD, "received_at", "=",
	    N_("a complaint is closed after it was received")},
	{"complaints", "due_date", SLA_DUE, "received_at", "severity",
	    N_("settings sla.SEVERITY and sla.days")},
	{"complaints", "escalated", FLAG_WHEN, "severity", "high critical",
	    N_("serious complaints are reported to a leader")},
	{"complaints", "created_by", STAMP_WHO, NULL, NULL,
	    N_("the specialist who took it")},
	{"complaints", "dept", SET_WHEN, "status",
	    "assigned resolved confirmed closed",
	    N_("an assigned complaint has a responsible department")},
	{"complaints", "result", SET_WHEN, "status", "resolved confirmed closed",
	    N_("a resolved complaint says how")},
	{"complaints", "evaluation", SET_WHEN, "status", "closed",
	    N_("the callback's evaluation closes a complaint")},
	{"complaints", "status", LOG_STEP, "complaint_events",
	    "severity due_date", NULL},
	{"complaint_events", "complaint", PART_OF, "complaints", NULL,
	    N_("a complaint's steps are its history")},
	{"complaint_events", "who", STAMP_WHO, NULL, NULL, NULL},
	{"complaint_events", "at", NOT_AFTER_TODAY, NULL, NULL,
	    N_("a step is recorded once it was taken")},
	{"complaint_events", "text", SET_WHEN, "action", "note",
	    N_("a note says something")},
	{"complaint_events", "at", NOT_AFTER_STAMP, "complaint", "closed_at",
	    N_("a closed complaint takes no more steps")},
	{"surveys", "date", NOT_AFTER_TODAY, NULL, NULL,
	    N_("a survey is recorded once it was answered")},
	{"surveys", "service_score", ANY_OF, NULL,
	    "service_score operation_ok staff_score suggestion",
	    N_("a survey answers at least one of the four callback questions")},
	{"surveys", "complaint", SAME_CUSTOMER, "complaints", NULL,
	    N_("a survey is the callback of its own customer's complaint")},
	{"orders", "date", NOT_AFTER_TODAY, NULL, NULL,
	    N_("an order is recorded once it was placed")},
	/* The pipeline history (SPEC section 3, stage_changes). */
	{"customers", "stage", HISTORY, "stage_changes", "owner",
	    N_("the reports read the pipeline's history")},
	{"stage_changes", "customer", PART_OF, "customers", NULL,
	    N_("a customer's stage changes are its history")},
	{"stage_changes", "who", STAMP_WHO, NULL, NULL, NULL},
	{"stage_changes", "to", DIFFERS, "from", NULL,
	    N_("a change goes somewhere")},
	{"stage_changes", "at", NOT_AFTER_TODAY, NULL, NULL,
	    N_("a change is recorded once it was made")},
	{"calendar", "date", WEEKEND_WHEN, "kind", "work",
	    N_("a make-up working day (调休) is a Saturday or a Sunday")},
};
#define NRULES (sizeof rules / sizeof rules[0])

/* 1 when NAME is new (an insert) or differs between BEFORE and AFTER. */
static int
changed(const struct record *before, const struct record *after,
    const char *name)
{
	char *a, *b;
	int diff;

	if (!before)
		return 1;
	a = record_shown(before, name);
	b = record_shown(after, name);
	diff = (a == NULL) != (b == NULL) || (a && b && strcmp(a, b));
	free(a);
	free(b);
	return diff;
}

/* 1 when field A or field B is new or changes: a rule between two fields
 * is checked when either does. */
static int
touched(const struct record *before, const struct record *after,
    const char *a, const char *b)
{
	return changed(before, after, a) || changed(before, after, b);
}

/* 1 when any of the fields of the space-separated NAMES changes. */
static int
fields_changed(const struct record *before, const struct record *after,
    const char *names)
{
	const char *p = names;
	char name[64];

	while (list_next(&p, name, sizeof name))
		if (changed(before, after, name))
			return 1;
	return 0;
}

/* 1 when R has a value (not blank) for one of the fields NAMES. */
static int
any_set(const struct record *r, const char *names)
{
	const char *p = names;
	char name[64], *v;
	int set = 0;

	while (!set && list_next(&p, name, sizeof name)) {
		v = record_shown(r, name);
		set = !text_blank(v);
		free(v);
	}
	return set;
}

/* 1 when R is open (holds its F_HELD fields): entity.open. */
static int
is_open(const struct record *r)
{
	const struct entity *e = r->e;
	char *v;
	int open;

	if (!e->open.field)
		return 1;
	v = record_shown(r, e->open.field);
	open = v && list_has(e->open.words, v, ' ');
	free(v);
	return open;
}

int
rules_derive(const struct entity *e, const struct field *f)
{
	size_t i;

	for (i = 0; i < NRULES; i++)
		if ((rules[i].kind == TIER_CRITERIA || rules[i].kind == ONE_PER
		    || rules[i].kind == COPY_FROM || rules[i].kind == FLAG_WHEN)
		    && !strcmp(rules[i].table, e->table)
		    && !strcmp(rules[i].field, f->name))
			return 1;
	return 0;
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

/* The first record of TABLE whose COL is VAL and whose NOTCOL is not
 * NOTVAL, or 0: the question several rules ask of related records. */
static int64_t
find_id(const char *table, const char *col, int64_t val, const char *notcol,
    int64_t notval)
{
	struct buf sql = {0};
	db_stmt *s;
	int64_t other = 0;

	buf_printf(&sql, "SELECT id FROM \"%s\" WHERE \"%s\" = ? AND \"%s\" <> ?"
	    " LIMIT 1", table, col, notcol);
	s = db_prepare(sql.s);
	db_bind_int(s, 1, val);
	db_bind_int(s, 2, notval);
	if (db_step(s))
		other = db_int(s, 0);
	db_finalize(s);
	buf_free(&sql);
	return other;
}

/* Whether other records of R's table share R's value of U's field other
 * (the other contacts of a contact's customer). */
static int
others_of(const struct rule *u, const struct record *r)
{
	return find_id(u->table, u->other, record_int(r, u->other), "id",
	    record_int(r, "id")) != 0;
}

/* What carries out a record of E (a visit, for a plan). */
static const char *
carrier(const struct entity *e)
{
	const struct entity *x;
	size_t i;

	for (i = 0; i < NRULES; i++)
		if (rules[i].kind == CARRIES_OUT
		    && !strcmp(rules[i].other, e->table)
		    && (x = entity_find(rules[i].table)))
			return x->name;
	return "record";
}

/* Side effects under way: moves made only by them are allowed. */
static int applying;

/* The record of table U->other naming ID in its field U->arg with a
 * customer other than CUSTOMER, or 0. */
static int64_t
named_by(const struct rule *u, int64_t id, int64_t customer)
{
	return find_id(u->other, u->arg, id, "customer", customer);
}

/* The record of U's table, other than SELF, that names ID in U's field
 * (the visit that carried out a plan), or 0. */
static int64_t
carried_by(const struct rule *u, int64_t id, int64_t self)
{
	return find_id(u->table, u->field, id, "id", self);
}

const char *
rules_part_of(const char *table, const char *whole, const char **why)
{
	size_t i;

	for (i = 0; i < NRULES; i++)
		if (rules[i].kind == PART_OF && !strcmp(rules[i].table, table)
		    && (!whole || !strcmp(rules[i].other, whole))) {
			if (why)
				*why = rules[i].why;
			return rules[i].field;
		}
	return NULL;
}

int
rules_lookup_column(const char *table, const char *column)
{
	size_t i;

	for (i = 0; i < NRULES; i++) {
		if (strcmp(rules[i].table, table))
			continue;
		if ((rules[i].kind == ONE_PER && !strcmp(rules[i].other, column))
		    || (rules[i].kind == CARRIES_OUT
		    && !strcmp(rules[i].field, column)))
			return 1;
	}
	return 0;
}

static int
field_index(const struct entity *e, const char *name)
{
	const struct field *f = entity_field(e, name);

	return f ? (int)(f - e->fields) : 0;
}

/* Whether another record of TABLE with COLUMN = yes shares the value of
 * OTHER with R (R's own id excluded). */
static int
one_taken(const struct rule *u, const struct record *r, int64_t id)
{
	struct buf sql = {0};
	db_stmt *s;
	int taken;

	buf_printf(&sql, "SELECT 1 FROM \"%s\" WHERE \"%s\" = ? AND \"%s\" = 1"
	    " AND id <> ? LIMIT 1", u->table, u->other, u->field);
	s = db_prepare(sql.s);
	db_bind_int(s, 1, record_int(r, u->other));
	db_bind_int(s, 2, id);
	taken = db_step(s);
	db_finalize(s);
	buf_free(&sql);
	return taken;
}

/* COPY_FROM: the field of the record named, else the default. */
static void
copy_from(const struct rule *u, struct record *r, struct buf *err)
{
	const struct field *f = entity_field(r->e, u->field);
	struct buf sql = {0};
	int64_t id = record_int(r, u->other);
	char *v = NULL;
	db_stmt *s;

	if (id) {
		buf_printf(&sql, "SELECT \"%s\" FROM \"%s\" WHERE id = ?",
		    u->field, u->arg);
		s = db_prepare(sql.s);
		db_bind_int(s, 1, id);
		if (db_step(s) && !db_isnull(s, 0))
			v = xstrdup(db_text(s, 0));
		db_finalize(s);
		buf_free(&sql);
	}
	record_set_field(r, f, v ? v : f->dflt, err);
	free(v);
}

/* SLA_DUE: the due date of AFTER's received day and severity. */
static void
sla_fill(const struct rule *u, struct record *after, struct buf *err)
{
	const char *when = record_text(after, u->other);
	char *sev = record_shown(after, u->arg);
	char day[11];
	int d;

	/* Not for a day to come, which is refused (and has no calendar). */
	if (when && sev && (d = timestamp_day(when)) != INT_MIN
	    && d <= today()) {
		if (!date_in_range(d = sla_due(d, sev)))
			errf(err, "%s: a %s complaint received %.10s "
			    "would be due after 9999-12-31", u->field, sev, when);
		else {
			date_format(d, day);
			record_set(after, u->field, day, err);
		}
	}
	free(sev);
}

int
rules_fill(const struct record *before, struct record *after,
    struct buf *e)
{
	const struct rule *u;
	struct buf err = {0};
	char day[11], *v;
	size_t i;
	int rc;

	for (i = 0; i < NRULES; i++) {
		u = &rules[i];
		if (strcmp(u->table, after->e->table))
			continue;
		switch (u->kind) {
		case TIER_CRITERIA:
			if (before || record_isset(after, u->field))
				break;
			record_set(after, u->field, tier_expected(
			    record_text(after, "category"),
			    record_isset(after, "scale_tonnes"),
			    record_int(after, "scale_tonnes"), NULL), &err);
			after->derived |= 1ULL << field_index(after->e,
			    u->field);
			break;
		case ONE_PER:
			if (before || record_isset(after, u->field))
				break;
			record_set(after, u->field, one_taken(u, after, 0)
			    ? "no" : "yes", &err);
			break;
		case COPY_FROM:
			if (before || record_isset(after, u->field))
				break;
			copy_from(u, after, &err);
			break;
		case STAMP_DAY:
			/* Entering the state, unless the same write says
			 * when. */
			v = record_shown(after, u->other);
			if (v && !strcmp(v, u->arg) && (before
			    ? changed(before, after, u->other)
			    && !changed(before, after, u->field)
			    : !record_isset(after, u->field))) {
				date_format(today(), day);
				record_set(after, u->field, day, &err);
			}
			free(v);
			break;
		case STATE:
			if (before && changed(before, after, u->field))
				move_stamp(before, after, u->field, &err);
			break;
		case SLA_DUE:
			if (before ? (changed(before, after, u->other)
			    || changed(before, after, u->arg))
			    && !changed(before, after, u->field)
			    : !record_isset(after, u->field))
				sla_fill(u, after, &err);
			break;
		case FLAG_WHEN:
			if (before ? changed(before, after, u->other)
			    && !changed(before, after, u->field)
			    : !record_isset(after, u->field)) {
				v = record_shown(after, u->other);
				/* Once escalated, a leader knows: a lower
				 * severity does not take it back. */
				if (v && list_has(u->arg, v, ' '))
					record_set(after, u->field, "yes", &err);
				else if (!before)
					record_set(after, u->field, "no", &err);
				free(v);
			}
			break;
		case STAMP_WHO:
			if (!before && !record_isset(after, u->field))
				record_set(after, u->field, crm_user(), &err);
			break;
		default:
			break;
		}
		/* A value a rule derives and the record refuses fails the
		 * write with the reason; left unset, it was stored empty or
		 * caught later as an internal error. */
		if (err.len)
			break;
	}
	rc = err.len ? -1 : 0;
	buf_adds(e, buf_str(&err));
	buf_free(&err);
	return rc;
}

static int
check_loop(const struct rule *u, const struct record *before,
    const struct record *after, struct buf *err)
{
	struct buf chain = {0};
	char *self = record_shown(after, u->other);
	char *old = record_shown(before, u->other);
	const char *start = record_text(after, u->field);
	int loop = 0;

	/* A record renamed in the same write: the others still name it by
	 * its old login until the cascade, so either name closes a loop. */
	if (self)
		loop = staff_loop(self, start, &chain);
	if (!loop && old && self && strcmp(old, self)) {
		buf_reset(&chain);
		loop = staff_loop(old, start, &chain);
	}
	if (loop)
		errf(err, "%s would make a cycle: %s: %s", u->field,
		    buf_str(&chain), _(u->why));
	free(self);
	free(old);
	buf_free(&chain);
	return loop ? -1 : 0;
}

/* Every F_HELD field of AFTER, while it is open, names an active member;
 * checked when the field changes or the record opens. */
static int
check_held(const struct record *before, const struct record *after,
    struct buf *err)
{
	const struct field *f;
	const char *who;

	if (!is_open(after))
		return 0;
	for (f = after->e->fields; f->name; f++) {
		if (!(f->flags & F_HELD) || !(who = record_text(after, f->name)))
			continue;
		if (!changed(before, after, f->name)
		    && (!before || is_open(before)))
			continue;
		if (staff_active(who) == 0) {
			errf(err, "%s: '%s' is inactive (has left): "
			    "someone who has left holds nothing", f->name, who);
			return -1;
		}
	}
	return 0;
}

/* A UTC time stamp S from the database as people there read it (local
 * time, its zone), in OUT; anything else as it is.  (A value the user
 * gave is shown as given.) */
static const char *
shown_time(const char *s, char out[32])
{
	return s && timestamp_local(s, out) == 0 ? out : s;
}

/* NOT_AFTER_STAMP: AFTER's field is not after the stamp arg of the record
 * its field other names (a step of a complaint after it was closed). */
static int
check_stamp(const struct rule *u, const struct record *after,
    struct buf *err)
{
	const struct field *f = entity_field(after->e, u->other);
	const char *at = record_text(after, u->field), *closed;
	char t1[32];
	struct buf sql = {0};
	int64_t id = record_int(after, u->other);
	db_stmt *s;
	int bad = 0;

	if (!at || !id || !f || f->type != FT_REF)
		return 0;
	buf_printf(&sql, "SELECT \"%s\" FROM \"%s\" WHERE id = ?", u->arg,
	    f->values);
	s = db_prepare(sql.s);
	db_bind_int(s, 1, id);
	closed = db_step(s) && !db_isnull(s, 0) ? db_text(s, 0) : NULL;
	/* A step made now (its time not given) on one that has the stamp;
	 * one of a history (its time given) after the stamp. */
	if (closed && (after->stamped >> field_index(after->e, u->field) & 1)) {
		errf(err, "%s %lld is closed (%s %s): %s",
		    entity_label(u->other), (long long)id, col_label(u->arg),
		    shown_time(closed, t1), _(u->why));
		bad = 1;
	} else if (closed && strcmp(at, closed) > 0) {
		errf(err, "%s %lld was closed (%s %s) before %s: %s",
		    entity_label(u->other), (long long)id, col_label(u->arg),
		    shown_time(closed, t1), at, _(u->why));
		bad = 1;
	}
	db_finalize(s);
	buf_free(&sql);
	return bad ? -1 : 0;
}

static int
check_rule(const struct rule *u, const struct record *before,
    struct record *after, struct buf *err)
{
	struct buf what = {0};
	char day[11], now[21], *v = NULL, *w = NULL;
	const struct move *m;
	int64_t id, other;
	int bad = 0, d;

	switch (u->kind) {
	case NOT_AFTER_TODAY:
		/* A time stamp by its local day (timestamp_day). */
		if (!changed(before, after, u->field)
		    || !(v = record_shown(after, u->field)))
			break;
		date_format(today(), day);
		timestamp_now(now);
		if (strlen(v) > 10 ? timestamp_day(v) > today()
		    : strcmp(v, day) > 0) {
			errf(err, "%s: %s is after today (%s): %s",
			    u->field, v, day, _(u->why));
			bad = 1;
		} else if (strlen(v) > 10 && strcmp(v, now) > 0) {
			errf(err, "%s: %s is later than now (%s): %s",
			    u->field, v, now, _(u->why));
			bad = 1;
		}
		break;
	case NOT_AFTER_STAMP:
		if (touched(before, after, u->field, u->other))
			bad = check_stamp(u, after, err) < 0;
		break;
	case DIFFERS:
		if (touched(before, after, u->field, u->other)
		    && (v = record_shown(after, u->field))
		    && (w = record_shown(after, u->other)) && !strcmp(v, w)) {
			errf(err, "%s: %s is the same as %s: %s", u->field,
			    v, u->other, _(u->why));
			bad = 1;
		}
		break;
	case AT_LEVEL:
		if (touched(before, after, u->field, u->other)
		    && (v = record_shown(after, u->field))
		    && (w = record_shown(after, u->other))
		    && permit_level(w, v, &what) < 0) {
			errf(err, "%s: %s: %s", u->field, buf_str(&what),
			    _(u->why));
			bad = 1;
		}
		break;
	case ANY_OF:
		if (!any_set(after, u->arg)) {
			errf(err, "one of %s is required: %s", u->arg,
			    _(u->why));
			bad = 1;
		}
		break;
	case WEEKEND_WHEN:
		if (touched(before, after, u->field, u->other)
		    && (v = record_shown(after, u->other))
		    && !strcmp(v, u->arg) && (w = record_shown(after, u->field))
		    && date_parse(w, &d) == 0 && date_weekday(d) < 5) {
			errf(err, "%s: %s is a weekday: %s", u->field, w,
			    _(u->why));
			bad = 1;
		}
		break;
	case NOT_BEFORE_MADE:
		if (touched(before, after, u->field, "status")
		    && (w = record_shown(after, "status"))
		    && list_has(u->arg, w, ' ')
		    && (v = record_shown(after, u->field))
		    && record_text(after, u->other)
		    && strncmp(v, record_text(after, u->other), 10) < 0) {
			errf(err, "%s: %s is before the %s was made "
			    "(%.10s): %s", u->field, v, entity_label(after->e->name),
			    record_text(after, u->other), _(u->why));
			bad = 1;
		}
		break;
	case AFTER_FIELD:
		/* arg "=": the same value will do */
		if (touched(before, after, u->field, u->other)
		    && (v = record_shown(after, u->field))
		    && (w = record_shown(after, u->other))
		    && strcmp(v, w) < (u->arg ? 0 : 1)) {
			if (u->arg)
				errf(err, "%s: %s is before %s %s: %s",
				    u->field, v, u->other, w, _(u->why));
			else
				errf(err, "%s: %s is not after %s %s: %s",
				    u->field, v, u->other, w, _(u->why));
			bad = 1;
		}
		break;
	case SAME_CUSTOMER:
		if ((id = record_int(after, u->field))
		    && touched(before, after, u->field, "customer")
		    && !same_customer(u->other, id, record_int(after,
		    "customer"))) {
			errf(err, "%s: %s %lld is for another customer: "
			    "%s", u->field, u->field, (long long)id, _(u->why));
			bad = 1;
		}
		break;
	case SET_WHEN:
		/* Blanks say nothing: "a value" has more. */
		if ((v = record_shown(after, u->other)) && list_has(u->arg, v, ' ')
		    && text_blank(w = record_shown(after, u->field))) {
			errf(err, "%s: a value is required when the %s is "
			    "%s: %s", u->field, u->other, v, _(u->why));
			bad = 1;
		}
		break;
	case CARRIES_OUT:
		if (!(id = record_int(after, u->field))
		    || !changed(before, after, u->field)
		    || !(v = state_of(u->other, id))
		    || move_find(u->other, u->arg, v))
			break;
		/* One already done (imported so) waits for its one visit. */
		other = carried_by(u, id, record_int(after, "id"));
		if (!strcmp(v, move_target(u->other, u->arg)) && !other)
			break;
		if (other)
			errf(err, "%s: %s %lld is %s: it was carried out by "
			    "%s %lld", u->field, u->field, (long long)id, v,
			    entity_label(after->e->name), (long long)other);
		else {
			move_sources(&what, u->other, u->arg);
			errf(err, "%s: %s %lld is %s: needs %s: %s",
			    u->field, u->field, (long long)id, v,
			    buf_str(&what), _(u->why));
		}
		bad = 1;
		break;
	case ONE_PER:
		/* The only record of its customer keeps the flag. */
		if (before && (v = record_shown(before, u->field))
		    && !strcmp(v, "yes") && (w = record_shown(after, u->field))
		    && strcmp(w, "yes") && record_int(after, u->other)
		    == record_int(before, u->other) && !others_of(u, after)) {
			errf(err, "%s: the only %s of its %s keeps the "
			    "flag: %s", u->field, entity_label(after->e->name),
			    entity_label(u->other),
			    _(u->why));
			bad = 1;
		}
		break;
	case NO_LOOP:
		if (touched(before, after, u->field, u->other))
			bad = check_loop(u, before, after, err) < 0;
		break;
	case HOLDS_NOTHING:
		if (before && (v = record_shown(after, u->field)) && !strcmp(v, "no")
		    && changed(before, after, u->field)
		    && (w = record_shown(before, u->other))
		    && staff_holdings(w, &what)) {
			errf(err, "%s: '%s' still holds %s: %s", u->field,
			    w, buf_str(&what), _(u->why));
			bad = 1;
		}
		break;
	case STATE:
		if (!before || !changed(before, after, u->field)
		    || !(v = record_shown(before, u->field))
		    || !(w = record_shown(after, u->field)))
			break;
		switch (move_allowed(u->table, v, w)) {
		case 0:
			errf(err, "%s: a %s that is %s cannot become %s",
			    u->field, entity_label(after->e->name),
			    word_label(u->field, v), word_label(u->field, w));
			bad = 1;
			break;
		case 1:	/* by whoever may (lib/permit.c) */
			m = move_step(u->table, v, w);
			if (permit_move(before, m->verb, v, m->who ? m->who
			    : u->field, err) < 0)
				bad = 1;
			break;
		case 2:	/* only as a side effect: a visit makes it done */
			if (applying)
				break;
			errf(err, "%s: a %s goes from %s to %s only through "
			    "the %s that carries it out", u->field,
			    entity_label(after->e->name), word_label(u->field, v),
			    word_label(u->field, w),
			    entity_label(carrier(after->e)));
			bad = 1;
		}
		break;
	case KEEPS_CUSTOMER:
		if (before && changed(before, after, "customer")
		    && (other = named_by(u, record_int(after, "id"),
		    record_int(after, "customer")))) {
			errf(err, "customer: %s %lld names it with another "
			    "customer: %s", u->other, (long long)other,
			    _(u->why));
			bad = 1;
		}
		break;
	default:
		break;
	}
	free(v);
	free(w);
	buf_free(&what);
	return bad ? -1 : 0;
}

int
rules_check(const struct record *before, struct record *after,
    struct buf *err)
{
	size_t i;

	for (i = 0; i < NRULES; i++)
		if (!strcmp(rules[i].table, after->e->table)
		    && check_rule(&rules[i], before, after, err) < 0)
			return -1;
	return check_held(before, after, err);
}

/* A login renamed: every record whose staff column followed it through
 * ON UPDATE CASCADE gets a change log entry of its own. */
static void
log_rename(const struct record *before, const struct record *after,
    const char *field)
{
	char *old = record_shown(before, field), *new = record_shown(after,
	    field);
	const struct field *f;
	struct buf sql = {0};
	db_stmt *s;
	int i;

	for (i = 0; entities[i]; i++)
		for (f = entities[i]->fields; f->name; f++) {
			if (f->type != FT_STAFF)
				continue;
			buf_reset(&sql);
			buf_printf(&sql, "SELECT id FROM \"%s\" WHERE \"%s\" = ?",
			    entities[i]->table, f->name);
			s = db_prepare(sql.s);
			db_bind_text(s, 1, new);
			while (db_step(s))
				change_log(entities[i]->name, db_int(s, 0),
				    f->name, old, new);
			db_finalize(s);
		}
	buf_free(&sql);
	free(old);
	free(new);
}

/* Move record ID of TABLE to STATE as a side effect (a move that only
 * side effects make is allowed), unless it is there already. */
static int
set_state(const char *table, int64_t id, const char *state, struct buf *err)
{
	struct record r;
	char *now = state_of(table, id);
	int rc = 0;

	if (now && strcmp(now, state)) {
		record_init(&r, entity_find(table));
		record_set(&r, "status", state, err);
		applying++;
		rc = record_update(&r, id, err) < 0 ? -1 : 0;
		applying--;
		record_clear(&r);
	}
	free(now);
	return rc;
}

/* A plan that no record carries out any more (its visit removed or
 * pointed elsewhere) waits again: done goes back to approved. */
static int
released(const struct rule *u, int64_t id, struct buf *err)
{
	const char *done = move_target(u->other, u->arg);
	char *now = state_of(u->other, id);
	int rc = 0;

	if (now && !strcmp(now, done) && !carried_by(u, id, 0))
		rc = set_state(u->other, id, move_target(u->other, "undone"),
		    err);
	free(now);
	return rc;
}

/* ONE_PER: a customer that has records keeps one with the flag.  When
 * BEFORE had it and no longer has it there (cleared, moved to another
 * customer), the first other record of that customer takes it. */
static int
keep_one(const struct rule *u, const struct record *before,
    const struct record *after, struct buf *err)
{
	struct buf sql = {0};
	struct record r;
	char *was = record_shown(before, u->field);
	char *is = after ? record_shown(after, u->field) : NULL;
	int64_t owner = record_int(before, u->other), next = 0;
	int rc = 0;
	db_stmt *s;

	if (was && !strcmp(was, "yes") && (!after || !is || strcmp(is, "yes")
	    || record_int(after, u->other) != owner)) {
		buf_printf(&sql, "SELECT id FROM \"%s\" WHERE \"%s\" = ? AND"
		    " id <> ? AND NOT EXISTS (SELECT 1 FROM \"%s\" WHERE"
		    " \"%s\" = ?1 AND \"%s\" = 1) ORDER BY id LIMIT 1",
		    u->table, u->other, u->table, u->other, u->field);
		s = db_prepare(sql.s);
		db_bind_int(s, 1, owner);
		db_bind_int(s, 2, record_int(before, "id"));
		if (db_step(s))
			next = db_int(s, 0);
		db_finalize(s);
		if (next) {
			record_init(&r, before->e);
			record_set(&r, u->field, "yes", err);
			rc = record_update(&r, next, err) < 0 ? -1 : 0;
			record_clear(&r);
		}
	}
	free(was);
	free(is);
	buf_free(&sql);
	return rc;
}

int
rules_removed(const struct record *old, struct buf *err)
{
	const struct rule *u;
	int64_t other;
	size_t i;
	int rc = 0;

	for (i = 0; i < NRULES && !rc; i++) {
		u = &rules[i];
		if (strcmp(u->table, old->e->table))
			continue;
		if (u->kind == CARRIES_OUT && (other = record_int(old,
		    u->field)))
			rc = released(u, other, err);
		if (u->kind == ONE_PER)
			rc = keep_one(u, old, NULL, err);
	}
	return rc;
}

/* The text of a step: "name: value" of each field of SAYS that has one. */
static void
step_text(struct buf *b, const struct record *r, const char *says)
{
	const char *p = says;
	char name[64], *v;

	while (list_next(&p, name, sizeof name)) {
		if (!(v = record_shown(r, name)) || !*v) {
			free(v);
			continue;
		}
		buf_printf(b, "%s%s: %s", b->len ? "; " : "", name, v);
		free(v);
	}
}

/* The action of a record's first step: the first word of the step
 * table's action list ("new"). */
static const char *
first_step(const struct entity *steps)
{
	static char word[32];
	const char *w = field_words(steps->table, "action");

	snprintf(word, sizeof word, "%.*s", (int)strcspn(w, " "), w);
	return word;
}

/* The time stamp a record's first step is dated by. */
#define RECEIVED "received_at"

/* LOG_STEP: the row of table U->other for the move AFTER makes (or, for
 * a new record, its first step), at the move's own time stamp.  A record
 * inserted with its own id is a copy with a history of its own (crm
 * export read back): its steps come with it. */
static int
log_step(const struct rule *u, const struct record *before,
    const struct record *after, int64_t id, struct buf *err)
{
	const struct move *m = NULL;
	struct buf text = {0};
	struct record ev;
	char *from = NULL, *to = record_shown(after, u->field), idtext[24];
	const char *verb = NULL, *says = NULL, *at = NULL;
	int rc = 0;

	if (!before) {
		/* The first step is the complaint's receiving, when it was
		 * received. */
		if (!record_isset(after, "id")) {
			verb = first_step(entity_find(u->other));
			says = u->arg;
			at = record_text(after, RECEIVED);
		}
	} else if ((from = record_shown(before, u->field)) && to
	    && (m = move_step(after->e->table, from, to))
	    && (strcmp(from, to) || fields_changed(before, after, m->says))) {
		verb = m->verb;
		says = m->says;
		if (m->when && strcmp(from, to))
			at = record_text(after, m->when);
	}
	if (verb) {
		step_text(&text, after, says);
		record_init(&ev, entity_find(u->other));
		snprintf(idtext, sizeof idtext, "%lld", (long long)id);
		record_set(&ev, rules_part_of(u->other, after->e->table,
		    NULL), idtext, err);
		record_set(&ev, "action", verb, err);
		if (at)
			record_set(&ev, "at", at, err);
		if (text.len)
			record_set(&ev, "text", text.s, err);
		rc = record_insert(&ev, err) < 0 ? -1 : 0;
		record_clear(&ev);
	}
	buf_free(&text);
	free(from);
	free(to);
	return rc;
}

/* HISTORY: the row of table U->other for a change of U's field: the
 * record (the other table's field that names U's), from, to, and the
 * fields U->arg as they are now (the owner at that moment). */
static int
log_history(const struct rule *u, const struct record *before,
    const struct record *after, int64_t id, struct buf *err)
{
	const struct entity *h = entity_find(u->other);
	const char *p = u->arg;
	char idtext[24], name[64], *v;
	struct record r;
	int rc;

	record_init(&r, h);
	snprintf(idtext, sizeof idtext, "%lld", (long long)id);
	record_set(&r, rules_part_of(h->table, after->e->table, NULL),
	    idtext, err);
	v = record_shown(before, u->field);
	record_set(&r, "from", v, err);
	free(v);
	v = record_shown(after, u->field);
	record_set(&r, "to", v, err);
	free(v);
	while (list_next(&p, name, sizeof name)) {
		v = record_shown(after, name);
		record_set(&r, name, v, err);
		free(v);
	}
	rc = record_insert(&r, err) < 0 ? -1 : 0;
	record_clear(&r);
	return rc;
}

int
rules_apply(const struct record *before, const struct record *after,
    int64_t id, struct buf *err)
{
	const struct rule *u;
	struct record r;
	struct buf sql = {0};
	db_stmt *s;
	int64_t other;
	size_t i;
	int rc = 0;
	char *v;

	for (i = 0; i < NRULES && rc == 0; i++) {
		u = &rules[i];
		v = NULL;
		if (strcmp(u->table, after->e->table))
			continue;
		if (u->kind == CARRIES_OUT && changed(before, after,
		    u->field)) {
			/* The plan it carries out is done; one it no longer
			 * carries out waits again. */
			if ((other = record_int(after, u->field)))
				rc = set_state(u->other, other, move_target(
				    u->other, u->arg), err);
			if (!rc && before && (other = record_int(before,
			    u->field)))
				rc = released(u, other, err);
		}
		if (u->kind == ONE_PER && before && !rc)
			rc = keep_one(u, before, after, err);
		if (u->kind == RENAME_LOG && before && changed(before, after,
		    u->field))
			log_rename(before, after, u->field);
		if (u->kind == LOG_STEP && !rc)
			rc = log_step(u, before, after, id, err);
		if (u->kind == HISTORY && before && !rc && changed(before, after,
		    u->field))
			rc = log_history(u, before, after, id, err);
		if (u->kind == ONE_PER && (v = record_shown(after, u->field))
		    && !strcmp(v, "yes") && (changed(before, after, u->field)
		    || changed(before, after, u->other))) {
			/* The others lose the flag, each change logged. */
			buf_reset(&sql);
			buf_printf(&sql, "SELECT id FROM \"%s\" WHERE \"%s\" = ? "
			    "AND \"%s\" = 1 AND id <> ?", u->table, u->other,
			    u->field);
			s = db_prepare(sql.s);
			db_bind_int(s, 1, record_int(after, u->other));
			db_bind_int(s, 2, id);
			record_init(&r, after->e);
			record_set(&r, u->field, "no", err);
			while (rc == 0 && db_step(s))
				rc = record_update(&r, db_int(s, 0), err) < 0
				    ? -1 : 0;
			db_finalize(s);
			record_clear(&r);
		}
		free(v);
	}
	buf_free(&sql);
	return rc;
}
