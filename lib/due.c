/* due.c - the rule engine of crm-visit-due: what is due (SPEC section 5).
 *
 * What is required of whom lives in the database, not here: the cadence
 * in visit_rules, the holiday calendar in holidays, agreed meetings in
 * visits.next_date, approved plans in plans, and complaints (confirmed
 * ones owe a callback, unresolved ones their SLA due date) in complaints.
 * This file names no tier and no role; it turns those rows into
 * obligations for one day.
 *
 * Customers are streamed in one query that counts, for each cadence rule
 * that can produce a row today, the visits at the rule's level in the
 * current period (a seek on visits_customer_level_date), finds the meetings
 * agreed on the customer's last visit day (visits_customer_date and
 * visits_customer_next) and checks each coming holiday's window.  Only
 * the rows to be printed are kept, with their text in one pool, and sorted
 * here; staff (people, a small table) are read once.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

const char *const due_obligations[] = {
	"cadence", "holiday", "meeting", "plan", "callback", "complaint",
	"followup", "review", NULL
};
enum {
	OB_CADENCE, OB_HOLIDAY, OB_MEETING, OB_PLAN, OB_CALLBACK, OB_COMPLAINT,
	OB_FOLLOWUP, OB_REVIEW, OB_COUNT
};

/* A row's status: due_statuses[row->overdue]. */
const char *const due_statuses[] = {"due", "overdue", NULL};

/* Text that lives as long as the list: chunks freed all at once. */
struct chunk {
	struct chunk *next;
	size_t used, cap;
	char data[];
};
struct due_pool {
	struct chunk *head;
};

static char *
pool_room(struct due_pool *p, size_t n)
{
	struct chunk *c = p->head;
	size_t cap;

	if (!c || c->cap - c->used < n) {
		cap = n > 65536 ? n : 65536;
		c = xmalloc(sizeof *c + cap);
		c->cap = cap;
		c->used = 0;
		c->next = p->head;
		p->head = c;
	}
	return c->data + c->used;
}

static const char *
pool_printf(struct due_pool *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static const char *
pool_printf(struct due_pool *p, const char *fmt, ...)
{
	va_list ap;
	size_t room = p->head ? p->head->cap - p->head->used : 0;
	char *s = p->head ? p->head->data + p->head->used : NULL;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(s, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		die(EX_SOFTWARE, "bad format '%s'", fmt);
	if ((size_t)n >= room) {
		s = pool_room(p, (size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	p->head->used += (size_t)n + 1;
	return s;
}

static const char *
pool_str(struct due_pool *p, const char *s)
{
	size_t n = strlen(s ? s : "") + 1;
	char *d = pool_room(p, n);

	memcpy(d, s ? s : "", n);
	p->head->used += n;
	return d;
}

/* A cadence rule and where it stands today. */
struct rule {
	int64_t id;
	const char *level;	/* in the pool: rows point at it */
	int count;
	enum period period;
	int first, len;		/* the period holding today */
	char binds[8];		/* the tiers it binds (cadence_rules) */
	const char **detail;	/* "K of N this PERIOD" for each slot K */
	int kmax;		/* slots with a deadline <= today + within */
	int col;		/* customer-query column of its count, or -1 */
};

struct holiday {
	int64_t id;
	char *name, *tiers;
	int day, window;
	int col;
};

/* A customer as its rows name it; the text is pooled at its first row. */
struct cust {
	int64_t id;
	const char *code, *name, *tier, *owner;
	int since;		/* the day it became a customer, or INT_MIN */
	int pooled;
};

struct engine {
	const struct due_filter *f;
	int today, limit;
	struct rule *rules;
	int nrules;
	struct staffdir *staff;
	struct holiday *hol;
	int nhol;
	int want[OB_COUNT];	/* obligations asked for */
	struct due_pool *pool;
	struct due_row *rows;
	size_t nrows, cap;
	db_stmt *meetings;
};

/* Who is named for a visit at LEVEL to a customer of OWNER (SPEC section
 * 5): lib/staff.c walks the reporting line. */
static const struct person *
visitor(const struct engine *e, const char *owner, const char *level)
{
	return staffdir_role(e->staff, owner, level);
}

/* Who takes an obligation named for LOGIN (a holiday for the owner, a
 * meeting for who agreed it, a plan for its planner, a callback for the
 * handler): that person while active, else the first active manager above
 * them, so that nothing due goes to someone who has left.  NULL when the
 * login is not on the staff. */
static const struct person *
taker(const struct engine *e, const char *login)
{
	return staffdir_taker(e->staff, login);
}

/* Slot K of N in a period of L days falls due on the period's first day
 * plus ceil(K·L/N) less one. */
static int
slot_deadline(const struct rule *r, int k)
{
	int64_t n = r->count;

	return r->first + (int)(((int64_t)k * r->len + n - 1) / n) - 1;
}

static void
load_rules(struct engine *e)
{
	struct cadence_rule *all;
	struct rule *r;
	size_t n, i;
	int last;

	all = cadence_rules(&n);
	e->rules = xcalloc(n ? n : 1, sizeof *e->rules);
	for (i = 0; i < n; i++) {
		if (!filter_match(&e->f->level, all[i].level))
			continue;
		r = &e->rules[e->nrules++];
		r->id = all[i].id;
		r->level = pool_str(e->pool, all[i].level);
		r->count = all[i].count;
		r->period = all[i].period;
		snprintf(r->binds, sizeof r->binds, "%s", all[i].binds);
		period_bounds(r->period, e->today, &r->first, &last);
		r->len = last - r->first + 1;
		for (r->kmax = 0; r->kmax < r->count
		    && slot_deadline(r, r->kmax + 1) <= e->limit; r->kmax++)
			;
		r->col = -1;
		r->detail = xcalloc((size_t)r->kmax + 1, sizeof *r->detail);
	}
	cadence_rules_free(all, n);
}

/* The holidays whose day is between today and the limit. */
static void
load_holidays(struct engine *e)
{
	db_stmt *s = db_prepare("SELECT id, name, date, window_days, tiers"
	    " FROM holidays WHERE date BETWEEN ? AND ? ORDER BY date, id");
	char d1[11], d2[11];
	struct holiday *h;
	int cap = 0;

	date_format(e->today, d1);
	date_format(e->limit, d2);
	db_bind_text(s, 1, d1);
	db_bind_text(s, 2, d2);
	while (db_step(s)) {
		if (e->nhol == cap) {
			cap = cap ? cap * 2 : 8;
			e->hol = xrealloc(e->hol, (size_t)cap * sizeof *h);
		}
		h = &e->hol[e->nhol++];
		h->id = db_int(s, 0);
		h->name = xstrdup(db_text(s, 1));
		date_parse(db_text(s, 2), &h->day);
		h->window = (int)db_int(s, 3);
		h->tiers = xstrdup(db_text(s, 4));
		h->col = -1;
	}
	db_finalize(s);
}

static struct due_row *
add_row(struct engine *e, struct cust *c, int kind, int due,
    const char *level, const struct person *who, const char *login)
{
	struct due_row *r;

	if (!c->pooled) {
		c->code = pool_str(e->pool, c->code);
		c->name = pool_str(e->pool, c->name);
		c->tier = pool_str(e->pool, c->tier);
		c->pooled = 1;
	}
	if (e->nrows == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 256;
		e->rows = xrealloc(e->rows, e->cap * sizeof *e->rows);
	}
	r = &e->rows[e->nrows];
	memset(r, 0, sizeof *r);
	r->seq = e->nrows++;
	r->due = due;
	r->overdue = due < e->today;
	r->kind = kind;
	r->obligation = due_obligations[kind];
	r->customer = c->id;
	r->code = c->code;
	r->customer_name = c->name;
	r->tier = c->tier;
	r->level = level ? level : "";
	if (who) {
		r->assignee = who->login;
		r->email = who->email;
	} else {
		/* A login that is not (or no longer) on the staff. */
		r->assignee = login ? pool_str(e->pool, login) : "";
		r->email = "";
	}
	return r;
}

/* With --uids: ROW's RFC 5545 UID, "OBLIGATION-ID@crm", or with EXTRA
 * "OBLIGATION-ID-EXTRA@crm" (a follow-up since a day, a plan's review at
 * its status): one a thing owed, the same every night. */
static void
row_uid(struct engine *e, struct due_row *row, int64_t id, const char *extra)
{
	if (!e->f->uids)
		return;
	row->uid = extra ? pool_printf(e->pool, "%s-%lld-%s@crm",
	    row->obligation, (long long)id, extra) : pool_printf(e->pool,
	    "%s-%lld@crm", row->obligation, (long long)id);
}

static void
ymd(int day, char out[9])
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(out, 9, "%04d%02d%02d", y, m, d);
}

/* The customer filters (--tier, --owner). */
static void
where_customer(struct engine *e, struct query *q)
{
	query_filter(q, &e->f->tier, "c.tier");
	query_filter(q, &e->f->owner, "c.owner");
}

/* The customer query: one row a customer at stage customer, with a count
 * column for each (level, period) that can produce a row, the earliest
 * next meeting agreed on the customer's last visit day, and a column for
 * each holiday telling whether its holiday visit was made. */
static db_stmt *
customer_query(struct engine *e, int *meetcol)
{
	struct buf tiers = {0};
	struct query q = {0};
	db_stmt *s;
	int i, j, col = 6;
	const char *t;

	query_sql(&q, "SELECT c.id, c.code, c.name, c.tier, c.owner,"
	    " c.customer_since");
	for (i = 0; e->want[OB_CADENCE] && i < e->nrules; i++) {
		struct rule *r = &e->rules[i];

		if (r->kmax == 0 || r->col >= 0)
			continue;
		/* One count serves every rule of that level and period. */
		buf_reset(&tiers);
		buf_adds(&tiers, "");
		for (j = i; j < e->nrules; j++) {
			struct rule *o = &e->rules[j];

			if (o->kmax == 0 || o->period != r->period
			    || strcmp(o->level, r->level))
				continue;
			for (t = o->binds; *t; t++)
				if (!strchr(buf_str(&tiers), *t))
					buf_addc(&tiers, *t);
			o->col = col;
		}
		query_text(&q, ",\n CASE WHEN instr(?", buf_str(&tiers));
		query_text(&q, ", c.tier) THEN (SELECT count(*) FROM visits v"
		    " WHERE v.customer = c.id AND v.level = ?", r->level);
		/* Visits from the day it became a customer count. */
		query_date(&q, " AND v.date BETWEEN max(?, ifnull("
		    "c.customer_since, ''))", r->first);
		query_date(&q, " AND ?) END", r->first + r->len - 1);
		col++;
	}
	*meetcol = -1;
	if (e->want[OB_MEETING]) {
		/* Only meetings agreed on the last visit day can be open:
		 * the earliest agreed on the last day any was tells whether
		 * to look (one seek in visits_customer_next). */
		query_sql(&q, ",\n (SELECT w.next_date FROM visits w"
		    " WHERE w.customer = c.id AND w.next_date IS NOT NULL"
		    " ORDER BY w.date DESC, w.next_date LIMIT 1)");
		*meetcol = col++;
	}
	for (i = 0; e->want[OB_HOLIDAY] && i < e->nhol; i++) {
		struct holiday *h = &e->hol[i];

		query_text(&q, ",\n CASE WHEN instr(?", h->tiers);
		query_date(&q, ", c.tier) THEN EXISTS (SELECT 1 FROM visits v"
		    " WHERE v.customer = c.id AND v.date BETWEEN ?",
		    h->day - h->window);
		query_date(&q, " AND ? AND v.kind = 'holiday') END", h->day);
		h->col = col++;
	}
	query_sql(&q, "\nFROM customers c WHERE c.stage = 'customer'");
	where_customer(e, &q);
	s = query_prepare(&q);
	query_free(&q);
	buf_free(&tiers);
	return s;
}

static void
cadence(struct engine *e, struct cust *c, db_stmt *s)
{
	struct rule *r;
	struct due_row *row;
	char first[9];
	int i, k;

	for (i = 0; i < e->nrules; i++) {
		r = &e->rules[i];
		if (r->col < 0 || db_isnull(s, r->col) || !c->tier[0]
		    || !strchr(r->binds, c->tier[0]))
			continue;
		/* Slots whose deadline is before the day it became a
		 * customer are not owed; the visits since meet the rest in
		 * turn: slot k is listed. */
		for (k = 1; k <= r->count && slot_deadline(r, k) < c->since; k++)
			;
		k += (int)db_int(s, r->col);
		if (k > r->kmax)	/* met, or the next slot is not due yet */
			continue;
		row = add_row(e, c, OB_CADENCE, slot_deadline(r, k),
		    r->level, visitor(e, c->owner, r->level), NULL);
		if (!r->detail[k - 1])
			r->detail[k - 1] = pool_printf(e->pool, "%d of %d this "
			    "%s", k, r->count, period_name(r->period));
		row->detail = r->detail[k - 1];
		if (!e->f->uids)
			continue;
		ymd(r->first, first);
		row->uid = pool_printf(e->pool, "cadence-%lld-%s-%s-%d@crm",
		    (long long)c->id, r->level, first, k);
	}
}

static void
holidays(struct engine *e, struct cust *c, db_stmt *s)
{
	const struct holiday *h;
	struct due_row *row;
	char d[11], k[9];
	int i;

	for (i = 0; i < e->nhol; i++) {
		h = &e->hol[i];
		if (h->col < 0 || db_isnull(s, h->col) || db_int(s, h->col))
			continue;
		row = add_row(e, c, OB_HOLIDAY, h->day, NULL,
		    taker(e, c->owner), c->owner);
		date_format(h->day, d);
		row->detail = pool_printf(e->pool, "%s %s", h->name, d);
		if (e->f->uids) {
			ymd(h->day, k);
			row->uid = pool_printf(e->pool,
			    "holiday-%lld-%s-%lld@crm", (long long)c->id, k,
			    (long long)h->id);
		}
	}
}

/* Meetings agreed on the customer's last visit day: a later visit meets
 * them, so only those can still be open. */
static void
meetings(struct engine *e, struct cust *c)
{
	struct due_row *row;
	char lim[11];
	int due;

	if (!e->meetings)
		/* The order of visits_customer_next (next_date DESC, then
		 * the rowid): no sort per customer.  The rows are sorted by
		 * their day in the end; on one day, by id either way. */
		e->meetings = db_prepare("SELECT id, staff, level, date,"
		    " next_date FROM visits WHERE customer = ?1 AND date ="
		    " (SELECT max(date) FROM visits WHERE customer = ?1)"
		    " AND next_date <= ?2 ORDER BY next_date DESC, id");
	date_format(e->limit, lim);
	db_bind_int(e->meetings, 1, c->id);
	db_bind_text(e->meetings, 2, lim);
	while (db_step(e->meetings)) {
		if (date_parse(db_text(e->meetings, 4), &due) < 0)
			continue;
		row = add_row(e, c, OB_MEETING, due,
		    pool_str(e->pool, db_text(e->meetings, 2)),
		    taker(e, db_text(e->meetings, 1)),
		    db_text(e->meetings, 1));
		row->detail = pool_printf(e->pool, "agreed on %s (visit %lld)",
		    db_text(e->meetings, 3),
		    (long long)db_int(e->meetings, 0));
		row_uid(e, row, db_int(e->meetings, 0), NULL);
	}
	db_reset(e->meetings);
}

static void
customers(struct engine *e)
{
	int meetcol;
	db_stmt *s = customer_query(e, &meetcol);
	struct cust c;
	char limit[11];

	date_format(e->limit, limit);
	while (db_step(s)) {
		c.id = db_int(s, 0);
		c.code = db_text(s, 1);
		c.name = db_text(s, 2);
		c.tier = db_text(s, 3);
		c.owner = db_text(s, 4);
		if (db_isnull(s, 5) || date_parse(db_text(s, 5), &c.since) < 0)
			c.since = INT_MIN;
		c.pooled = 0;
		cadence(e, &c, s);
		holidays(e, &c, s);
		if (meetcol >= 0 && !db_isnull(s, meetcol)
		    && strcmp(db_text(s, meetcol), limit) <= 0)
			meetings(e, &c);
	}
	db_finalize(s);
	if (e->meetings)
		db_finalize(e->meetings);
}

/* The rows of a plan or callback query: the customer's columns first. */
static void
cust_columns(db_stmt *s, struct cust *c)
{
	c->id = db_int(s, 0);
	c->code = db_text(s, 1);
	c->name = db_text(s, 2);
	c->tier = db_text(s, 3);
	c->owner = db_text(s, 4);
	c->pooled = 0;
}

static void
plans(struct engine *e)
{
	struct query q = {0};
	struct due_row *row;
	struct cust c;
	int due;
	db_stmt *s;

	query_sql(&q, "SELECT c.id, c.code, c.name, c.tier, c.owner, p.id,"
	    " p.date, p.staff, p.level FROM plans p"
	    " JOIN customers c ON c.id = p.customer"
	    " WHERE p.status = 'approved'");
	query_date(&q, " AND p.date <= ?", e->limit);
	query_sql(&q, " AND c.stage = 'customer'"
	    " AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.plan = p.id)");
	where_customer(e, &q);
	s = query_prepare(&q);
	query_free(&q);
	while (db_step(s)) {
		if (date_parse(db_text(s, 6), &due) < 0)
			continue;
		cust_columns(s, &c);
		row = add_row(e, &c, OB_PLAN, due,
		    pool_str(e->pool, db_text(s, 8)),
		    taker(e, db_text(s, 7)), db_text(s, 7));
		row->detail = pool_printf(e->pool, "plan %lld",
		    (long long)db_int(s, 5));
		row_uid(e, row, db_int(s, 5), NULL);
	}
	db_finalize(s);
}

static void
callbacks(struct engine *e)
{
	struct query q = {0};
	struct due_row *row;
	struct cust c;
	int64_t days = setting_int("complaint.callback_days");
	const char *when;
	int due;
	db_stmt *s;

	/* Whatever the customer's stage: a complaint is owed its callback. */
	query_sql(&q, "SELECT c.id, c.code, c.name, c.tier, c.owner, k.id,"
	    " coalesce(k.confirmed_at, k.resolved_at, k.received_at),"
	    " k.handler FROM complaints k"
	    " JOIN customers c ON c.id = k.customer"
	    " WHERE k.status = 'confirmed'");
	where_customer(e, &q);
	s = query_prepare(&q);
	query_free(&q);
	while (db_step(s)) {
		/* From the local day it was confirmed. */
		when = db_text(s, 6);
		if (!when || (due = timestamp_day(when)) == INT_MIN)
			continue;
		due = sla_after(due, days);	/* as sla.days counts */
		if (due > e->limit)
			continue;
		cust_columns(s, &c);
		row = add_row(e, &c, OB_CALLBACK, due, NULL,
		    taker(e, db_text(s, 7)), db_text(s, 7));
		row->detail = pool_printf(e->pool, "complaint %lld",
		    (long long)db_int(s, 5));
		row_uid(e, row, db_int(s, 5), NULL);
	}
	db_finalize(s);
}

/* Complaints not yet resolved (SPEC section 5): due on their SLA due date
 * for the handler, or for the specialist who took one that has no
 * handler yet; whatever the customer's stage. */
static void
complaints(struct engine *e)
{
	struct query q = {0};
	struct due_row *row;
	const char *who;
	struct cust c;
	int due;
	db_stmt *s;

	query_sql(&q, "SELECT c.id, c.code, c.name, c.tier, c.owner, k.id,"
	    " k.due_date, coalesce(k.handler, k.created_by), k.severity,"
	    " k.escalated, k.category FROM complaints k"
	    " JOIN customers c ON c.id = k.customer"
	    " WHERE k.status IN ('open', 'assigned')");
	query_date(&q, " AND k.due_date <= ?", e->limit);
	where_customer(e, &q);
	s = query_prepare(&q);
	query_free(&q);
	while (db_step(s)) {
		if (db_isnull(s, 6) || date_parse(db_text(s, 6), &due) < 0)
			continue;
		cust_columns(s, &c);
		who = db_text(s, 7);
		row = add_row(e, &c, OB_COMPLAINT, due, NULL,
		    who ? taker(e, who) : NULL, who);
		row->serious = db_int(s, 9) != 0;
		row->detail = pool_printf(e->pool, "complaint %lld (%s%s%s)",
		    (long long)db_int(s, 5), db_text(s, 8),
		    db_isnull(s, 10) ? "" : ", ",
		    db_isnull(s, 10) ? "" : db_text(s, 10));
		row_uid(e, row, db_int(s, 5), NULL);
	}
	db_finalize(s);
}

/* The days a customer at STAGE may go without a visit or call: setting
 * lead.followup_days.STAGE, else lead.followup_days. */
static int64_t
followup_days(const char *stage)
{
	char key[64], *v;
	int64_t n;

	snprintf(key, sizeof key, "lead.followup_days.%s", stage);
	v = setting_get(key);
	if (!v || !*v || int_parse(v, 0, INT32_MAX, &n) < 0)
		n = setting_int("lead.followup_days");
	free(v);
	return n;
}

/* Customers of the pipeline (lead to handover) that nobody has visited or
 * called for their stage's follow-up days, counted from the last visit,
 * the last stage change or the day added, whichever is latest: due for
 * their owner on that day plus the days. */
static void
followups(struct engine *e)
{
	int64_t days[8] = {0};
	const char *p = STAGE_LEADS;
	char stage[32], since[11];
	struct query q = {0};
	struct due_row *row;
	struct filter st = {0};
	struct cust c;
	int i, k, last, d;
	db_stmt *s;

	while (st.n < 8 && list_next(&p, stage, sizeof stage))
		filter_add(&st, stage);
	for (i = 0; i < st.n; i++)
		days[i] = followup_days(st.v[i]);
	query_sql(&q, "SELECT c.id, c.code, c.name, c.tier, c.owner, c.stage,"
	    " local_day(c.created_at), (SELECT max(v.date) FROM visits v"
	    " WHERE v.customer = c.id), (SELECT local_day(max(g.at)) FROM"
	    " stage_changes g WHERE g.customer = c.id) FROM customers c"
	    " WHERE 1");
	query_filter(&q, &st, "c.stage");
	where_customer(e, &q);
	s = query_prepare(&q);
	query_free(&q);
	while (db_step(s)) {
		for (k = 0; k < st.n && strcmp(st.v[k], db_text(s, 5)); k++)
			;
		for (last = INT_MIN, i = 6; i <= 8; i++)
			if (!db_isnull(s, i) && date_parse(db_text(s, i), &d) == 0
			    && d > last)
				last = d;
		if (k == st.n || last == INT_MIN || last + days[k] > e->limit)
			continue;
		cust_columns(s, &c);
		row = add_row(e, &c, OB_FOLLOWUP, last + (int)days[k], NULL,
		    c.owner ? taker(e, c.owner) : NULL, c.owner);
		date_format(last, since);
		row->detail = pool_printf(e->pool, "%s, no visit or call since "
		    "%s", db_text(s, 5), since);
		row_uid(e, row, c.id, since);
	}
	db_finalize(s);
	filter_free(&st);
}

/* Plans waiting for a review or an approval: an obligation of the member
 * whose step it is (lib/plans.c), due on the plan's date. */
static void
reviews(struct engine *e)
{
	const struct person *p;
	struct query q = {0};
	struct due_row *row;
	const char *verb;
	struct cust c;
	int due;
	db_stmt *s;

	query_sql(&q, "SELECT c.id, c.code, c.name, c.tier, c.owner, p.id,"
	    " p.date, p.staff, p.level, p.status FROM plans p"
	    " JOIN customers c ON c.id = p.customer WHERE 1");
	query_date(&q, " AND p.date <= ?", e->limit);
	where_customer(e, &q);
	s = query_prepare(&q);
	query_free(&q);
	while (db_step(s)) {
		if (date_parse(db_text(s, 6), &due) < 0 || !(p = plan_waiting(
		    e->staff, db_text(s, 9), db_text(s, 7), &verb)))
			continue;
		cust_columns(s, &c);
		row = add_row(e, &c, OB_REVIEW, due,
		    pool_str(e->pool, db_text(s, 8)), p, NULL);
		row->detail = pool_printf(e->pool, "plan %lld to %s",
		    (long long)db_int(s, 5), verb);
		row_uid(e, row, db_int(s, 5), db_text(s, 9));
	}
	db_finalize(s);
}

/* An obligation overdue by more than --escalate days also goes to the
 * manager of its assignee. */
static void
escalate(struct engine *e)
{
	size_t i, n = e->nrows;
	const struct person *p, *m;
	struct due_row *r, *x;
	struct cust c;

	for (i = 0; i < n; i++) {
		r = &e->rows[i];
		/* Of complaints, the serious ones (escalated) only. */
		if (e->today - r->due <= e->f->escalate
		    || (r->kind == OB_COMPLAINT && !r->serious)
		    || !(p = staffdir_find(e->staff, r->assignee))
		    || !(m = staffdir_manager(e->staff, p)))
			continue;
		c.id = r->customer;
		c.code = r->code;
		c.name = r->customer_name;
		c.tier = r->tier;
		c.pooled = 1;
		x = add_row(e, &c, r->kind, r->due, r->level, m, NULL);
		r = &e->rows[i];	/* add_row may have moved the rows */
		x->seq = r->seq;	/* right after the row it escalates */
		x->escalated = 1;
		x->detail = pool_printf(e->pool, "escalated from %s: %s",
		    r->assignee, r->detail);
		if (e->f->uids)
			x->uid = pool_printf(e->pool, "escalated-%s", r->uid);
	}
}

static int
row_cmp(const void *a, const void *b)
{
	const struct due_row *x = a, *y = b;
	int c;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	if (x->customer != y->customer)
		return x->customer < y->customer ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if ((c = strcmp(x->level, y->level)))
		return c;
	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return x->escalated - y->escalated;
}

/* The filters that apply to the final rows. */
static int
keep(const struct engine *e, const struct due_row *r)
{
	const struct due_filter *f = e->f;

	return filter_match(&f->assignee, r->assignee)
	    && filter_match(&f->level, r->level)
	    && filter_match(&f->status, due_statuses[r->overdue]);
}

void
due_collect(const struct due_filter *f, struct due_list *l)
{
	struct engine e;
	size_t i, n;
	int k;

	memset(&e, 0, sizeof e);
	e.f = f;
	e.today = today();
	e.limit = e.today + (f->within > 0 ? f->within : 0);
	e.pool = xcalloc(1, sizeof *e.pool);
	for (k = 0; due_obligations[k]; k++)
		e.want[k] = filter_match(&f->obligation, due_obligations[k]);
	if (!filter_match(&f->level, "")) {	/* these have no level */
		e.want[OB_HOLIDAY] = e.want[OB_CALLBACK] = 0;
		e.want[OB_COMPLAINT] = e.want[OB_FOLLOWUP] = 0;
	}
	e.staff = staffdir_load();
	load_rules(&e);
	if (e.want[OB_HOLIDAY])
		load_holidays(&e);
	if (e.want[OB_CADENCE] || e.want[OB_HOLIDAY] || e.want[OB_MEETING])
		customers(&e);
	if (e.want[OB_PLAN])
		plans(&e);
	if (e.want[OB_CALLBACK])
		callbacks(&e);
	if (e.want[OB_COMPLAINT])
		complaints(&e);
	if (e.want[OB_FOLLOWUP])
		followups(&e);
	if (e.want[OB_REVIEW])
		reviews(&e);
	if (f->escalate >= 0)
		escalate(&e);
	for (i = n = 0; i < e.nrows; i++)
		if (keep(&e, &e.rows[i]))
			e.rows[n++] = e.rows[i];
	if (n)
		qsort(e.rows, n, sizeof *e.rows, row_cmp);
	for (k = 0; k < e.nrules; k++)
		free(e.rules[k].detail);
	free(e.rules);
	for (k = 0; k < e.nhol; k++) {
		free(e.hol[k].name);
		free(e.hol[k].tiers);
	}
	free(e.hol);
	l->rows = e.rows;
	l->n = n;
	l->pool = e.pool;
	l->staff = e.staff;	/* the rows point at its logins */
}

void
due_free(struct due_list *l)
{
	struct chunk *c, *next;

	if (l->pool) {
		for (c = l->pool->head; c; c = next) {
			next = c->next;
			free(c);
		}
		free(l->pool);
	}
	free(l->rows);
	staffdir_free(l->staff);
	memset(l, 0, sizeof *l);
}

/* A row's detail as crm-visit-due writes it (English, for scripts), read
 * back and written again in the reader's language; the formats are the
 * ones above.  Text of no known form (a holiday's name and date) is
 * returned as it is. */
const char *
due_detail_label(const char *s, struct buf *b)
{
	char w[32], d[11];
	long long id;
	int k, n, end = 0;
	const char *p;

	buf_reset(b);
	if (sscanf(s, "%d of %d this %31[a-z]%n", &k, &n, w, &end) == 3
	    && !s[end]) {
		enum period per;

		if (period_parse(w, &per) < 0)
			return s;
		buf_printf(b, _("%d of %d this %s"), k, n,
		    word_label("period", w));
		return buf_str(b);
	}
	if (sscanf(s, "agreed on %10[0-9-] (visit %lld)%n", d, &id, &end)
	    == 2 && !s[end]) {
		buf_printf(b, _("agreed on %s (visit %lld)"), d, id);
		return buf_str(b);
	}
	if (sscanf(s, "plan %lld to %31[a-z]%n", &id, w, &end) == 2
	    && !s[end]) {
		if (!strcmp(w, "review"))
			buf_printf(b, _("plan %lld to review"), id);
		else if (!strcmp(w, "approve"))
			buf_printf(b, _("plan %lld to approve"), id);
		else
			return s;
		return buf_str(b);
	}
	if (sscanf(s, "plan %lld%n", &id, &end) == 1 && !s[end]) {
		buf_printf(b, _("plan %lld"), id);
		return buf_str(b);
	}
	if (sscanf(s, "complaint %lld%n", &id, &end) == 1) {
		if (!s[end]) {
			buf_printf(b, _("complaint %lld"), id);
			return buf_str(b);
		}
		/* complaint ID (SEVERITY[, CATEGORY]) */
		if (sscanf(s + end, " (%31[a-z]%n", w, &k) == 1
		    && (n = (int)strlen(p = s + end + k)) > 0
		    && p[n - 1] == ')') {
			if (*p == ')')
				buf_printf(b, _("complaint %lld (%s)"), id,
				    word_label("severity", w));
			else if (!strncmp(p, ", ", 2))
				buf_printf(b, _("complaint %lld (%s, %.*s)"),
				    id, word_label("severity", w), n - 3,
				    p + 2);
			else
				return s;
			return buf_str(b);
		}
		return s;
	}
	if (sscanf(s, "%31[a-z], no visit or call since %10[0-9-]%n", w, d,
	    &end) == 2 && !s[end]) {
		buf_printf(b, _("%s, no visit or call since %s"),
		    word_label("stage", w), d);
		return buf_str(b);
	}
	if (!strncmp(s, "escalated from ", 15) && (p = strstr(s, ": "))) {
		struct buf inner = {0};
		char *who = xstrndup(s + 15, (size_t)(p - s - 15));
		const char *rest = due_detail_label(p + 2, &inner);

		buf_printf(b, _("escalated from %s: %s"), who, rest);
		free(who);
		buf_free(&inner);
		return buf_str(b);
	}
	return s;
}
