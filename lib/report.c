/* report.c - the reports managers read (SPEC section 7): each one table
 * with the SPEC's columns, grouped by what --by offers, bounded by the
 * days given.  Which groupings a report offers and what each one groups by
 * are data here; the words (tiers, stages, the open states of a
 * complaint) are the model's. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm-int.h"

/* A grouping a report offers: its --by word and the SQL it groups by. */
struct by {
	const char *report, *word, *expr;
};

static const struct by bys[] = {
	{"tiers", "region", "c.region"},
	{"tiers", "owner", "c.owner"},
	{"complaints", "category", "k.category"},
	{"complaints", "status", "k.status"},
	{"complaints", "dept", "k.dept"},
	{"complaints", "severity", "k.severity"},
	{"complaints", "month", "substr(local_day(k.received_at), 1, 7)"},
	{"satisfaction", "tier", "c.tier"},
	{"satisfaction", "owner", "c.owner"},
	{"satisfaction", "month", "substr(s.date, 1, 7)"},
};
#define NBYS (sizeof bys / sizeof bys[0])

/* Consecutive months below target that call for a review (the rulebook's
 * three-month rule). */
#define REVIEW_MONTHS 3

/* PART as a share of WHOLE in per cent, rounded to one decimal half away
 * from zero as SQLite's round() does (56.25 is 56.3), so that C and SQL
 * figures agree. */
static double
pct(int64_t part, int64_t whole)
{
	return whole ? round(1000.0 * (double)part / (double)whole) / 10.0
	    : 0.0;
}

/* The SQL of O's --by for REPORT, or NULL without one; dies 64 naming
 * the words REPORT offers. */
static const char *
by_expr(const char *report, const struct report_opts *o)
{
	struct buf words = {0};
	size_t i;

	if (!o->by)
		return NULL;
	for (i = 0; i < NBYS; i++) {
		if (strcmp(bys[i].report, report))
			continue;
		if (!strcmp(bys[i].word, o->by)) {
			buf_free(&words);
			return bys[i].expr;
		}
		buf_printf(&words, "%s%s", words.len ? " " : "", bys[i].word);
	}
	if (!words.len)
		die(EX_USAGE, "%s takes no --by", report);
	die(EX_USAGE, "--by: '%s' is not one of: %s", o->by, buf_str(&words));
}

/* tiers: customers per tier (and group), a column per stage, the total. */
static void
tiers(const struct report_opts *o, struct out *out)
{
	const char *by = by_expr("tiers", o), *p = field_words("customers",
	    "stage");
	struct query q = {0};
	char stage[32];

	query_sql(&q, "SELECT ");
	if (by)
		query_sql(&q, "%s AS \"%s\", ", by, o->by);
	query_sql(&q, "c.tier");
	while (list_next(&p, stage, sizeof stage)) {
		query_text(&q, ", sum(c.stage = ?)", stage);
		query_sql(&q, " AS \"%s\"", stage);
	}
	query_sql(&q, ", count(*) AS total FROM customers c GROUP BY %s%s"
	    "c.tier ORDER BY %s%sc.tier", by ? by : "", by ? ", " : "",
	    by ? by : "", by ? ", " : "");
	query_out(&q, out, NULL);
}

/* complaints: per group, how many, open (not closed), overdue (past due
 * and not closed), escalated, reopened, the mean and the median of the
 * days from received to resolved (local days, of those resolved) and the
 * mean evaluation. */
static void
complaints(const struct report_opts *o, struct out *out)
{
	const char *by = by_expr("complaints", o);
	struct query q = {0};

	query_sql(&q, "WITH k AS (SELECT %s AS g, ", by ? by : "''");
	query_in(&q, "k.status", entity_find("complaints")->open.words);
	query_sql(&q, " AS open, k.escalated, k.reopen_count > 0 AS"
	    " reopened, k.due_date, k.evaluation, CASE WHEN k.resolved_at IS"
	    " NOT NULL THEN days(local_day(k.resolved_at))"
	    " - days(local_day(k.received_at)) END AS d FROM complaints k"
	    " WHERE 1");
	query_days(&q, "local_day(k.received_at)", o->from, o->to);
	query_sql(&q, "), m AS (SELECT g, avg(d) AS median FROM (SELECT g, d,"
	    " row_number() OVER (PARTITION BY g ORDER BY d) AS r, count(*)"
	    " OVER (PARTITION BY g) AS n FROM k WHERE d IS NOT NULL)"
	    " WHERE r IN ((n + 1) / 2, (n + 2) / 2) GROUP BY g)"
	    " SELECT ");
	if (by)
		query_sql(&q, "k.g AS \"%s\", ", o->by);
	query_sql(&q, "count(*) AS count, sum(open) AS open, sum(open AND");
	query_date(&q, " due_date < ?", today());
	query_sql(&q, ") AS overdue, sum(escalated) AS escalated,"
	    " sum(reopened) AS reopened, round(avg(d), 1) AS"
	    " mean_days_to_resolve, round(m.median, 1) AS"
	    " median_days_to_resolve, round(avg(evaluation), 2) AS"
	    " mean_evaluation FROM k LEFT JOIN m ON m.g IS k.g GROUP BY k.g"
	    " ORDER BY k.g");
	query_out(&q, out, NULL);
}

/* satisfaction: per group, the surveys, the mean service and staff
 * scores, and the share of operations reported running normally. */
static void
satisfaction(const struct report_opts *o, struct out *out)
{
	const char *by = by_expr("satisfaction", o);
	struct query q = {0};

	query_sql(&q, "SELECT ");
	if (by)
		query_sql(&q, "%s AS \"%s\", ", by, o->by);
	query_sql(&q, "count(*) AS surveys, round(avg(s.service_score), 2) AS"
	    " mean_service, round(avg(s.staff_score), 2) AS mean_staff,"
	    " round(100.0 * sum(s.operation_ok = 1) / count(s.operation_ok),"
	    " 1) AS operation_ok_pct FROM surveys s JOIN customers c"
	    " ON c.id = s.customer WHERE 1");
	query_days(&q, "s.date", o->from, o->to);
	if (by)
		query_sql(&q, " GROUP BY %s ORDER BY %s", by, by);
	query_out(&q, out, NULL);
}

/* funnel: per stage of the pipeline, the customers now at it, those that
 * ever stood at it or a later stage of the pipeline (their stage now and
 * every stage of their history), and that as a share of the previous
 * stage's. */
static void
funnel(const struct report_opts *o, struct out *out)
{
	struct query q = {0};
	const char *p = STAGE_PIPELINE;
	char stage[32];
	int rank = 0;

	(void)o;
	query_sql(&q, "WITH r(stage, rank) AS (VALUES ");
	while (list_next(&p, stage, sizeof stage)) {
		query_text(&q, rank ? ", (?" : "(?", stage);
		query_int(&q, ", ?)", rank++);
	}
	/*
	 * Each customer's stage now and the furthest stage of the pipeline
	 * it stood at (-1: none).  The history is read whole, in the
	 * table's order, and grouped by customer (NOT INDEXED: through
	 * stage_changes_customer each row is a read of its own; at 10M
	 * customers 39 s against 18 s), then joined to each customer.
	 */
	query_sql(&q, "), hist AS MATERIALIZED (SELECT s.customer,"
	    " max(max(ifnull(a.rank, -1), ifnull(b.rank, -1))) AS rank"
	    " FROM stage_changes s NOT INDEXED LEFT JOIN r a ON a.stage ="
	    " s.\"from\" LEFT JOIN r b ON b.stage = s.\"to\" GROUP BY"
	    " s.customer), best AS MATERIALIZED (SELECT c.stage, max(ifnull("
	    "n.rank, -1), ifnull(h.rank, -1)) AS rank FROM customers c"
	    " LEFT JOIN r n ON n.stage = c.stage LEFT JOIN hist h"
	    " ON h.customer = c.id),"
	    " now AS MATERIALIZED (SELECT stage, count(*) AS n FROM best"
	    " GROUP BY stage), ranks AS MATERIALIZED (SELECT rank, count(*)"
	    " AS n FROM best GROUP BY rank),"
	    " f AS MATERIALIZED (SELECT r.stage, r.rank, ifnull((SELECT n FROM"
	    " now WHERE now.stage = r.stage), 0) AS count, ifnull((SELECT"
	    " sum(n) FROM ranks WHERE ranks.rank >= r.rank), 0) AS reached"
	    " FROM r)"
	    " SELECT stage, count, reached, CASE WHEN rank = 0 THEN NULL"
	    " WHEN lag(reached) OVER (ORDER BY rank) > 0 THEN round(100.0"
	    " * reached / lag(reached) OVER (ORDER BY rank), 1) END AS"
	    " conversion_pct FROM f ORDER BY rank");
	query_out(&q, out, NULL);
}

/* churn: customers at stage customer with no order and no visit in the
 * last O->days days, counted from the latest of their last order, their
 * last visit and the day they became a customer (one that became a
 * customer within the days is not silent yet); the longest silent
 * first.  The latest day is written once, in the rows' own query, so that
 * SQLite works it out once a customer. */
static void
churn(const struct report_opts *o, struct out *out)
{
	struct query q = {0};
	char cutoff[11];

	/* Silent for DAYS or more: nothing after today - DAYS. */
	date_format(today() - (int)o->days, cutoff);
	query_sql(&q, "SELECT customer_id, code, customer, owner, last_order,"
	    " last_visit, ");
	query_date(&q, "CAST(julianday(?) - julianday(latest) AS INTEGER)",
	    today());
	query_sql(&q, " AS days_silent FROM (SELECT *, max(ifnull(last_order,"
	    " ''), ifnull(last_visit, ''), since) AS latest FROM (SELECT c.id"
	    " AS customer_id, c.code, c.name AS customer, c.owner, (SELECT"
	    " max(r.date) FROM orders r WHERE r.customer = c.id) AS last_order,"
	    " (SELECT max(v.date) FROM visits v WHERE v.customer = c.id) AS"
	    " last_visit, coalesce(c.customer_since, local_day(c.created_at),"
	    " '') AS since FROM customers c");
	query_text(&q, " WHERE c.stage = ?))", STAGE_CUSTOMER);
	/* Without a day to count from, no count; BETWEEN reads LATEST
	 * once. */
	query_text(&q, " WHERE latest BETWEEN '0' AND ?", cutoff);
	query_sql(&q, " ORDER BY latest, customer_id");
	query_out(&q, out, NULL);
}

/* KPI: the first move of each customer from before STAGE_INTENT to it or
 * a later stage of the pipeline, counted by the owner at that moment and
 * the local month it was made in. */
struct credit {
	char *owner;
	char month[8];
	int64_t n;
};

/* Credits by owner, then month. */
static int
credit_cmp(const void *a, const void *b)
{
	const struct credit *x = a, *y = b;
	int d = strcmp(x->owner, y->owner);

	return d ? d : strcmp(x->month, y->month);
}

static struct credit *
credits(size_t *n, int to)
{
	struct query q = {0};
	struct credit *c = NULL;
	struct buf before = {0}, after = {0};
	const char *p = STAGE_PIPELINE;
	char stage[32];
	int past = 0;
	db_stmt *s;

	/* The stages before STAGE_INTENT, and it with those after it. */
	while (list_next(&p, stage, sizeof stage)) {
		past |= !strcmp(stage, STAGE_INTENT);
		buf_printf(past ? &after : &before, "%s%s", (past ? after.len
		    : before.len) ? " " : "", stage);
	}
	query_sql(&q, "WITH m AS (SELECT s.id, s.customer, s.at, s.owner FROM"
	    " stage_changes s WHERE");
	query_in(&q, " s.\"from\"", before.s);
	query_in(&q, " AND s.\"to\"", after.s);
	/* The first such move of a customer added before STAGE_INTENT (its
	 * first change leaves a stage before it): one added at it or later,
	 * moved down and up again, is no new intent. */
	query_sql(&q, "), f AS (SELECT * FROM m WHERE NOT EXISTS (SELECT 1"
	    " FROM m e WHERE e.customer = m.customer AND (e.at < m.at OR"
	    " (e.at = m.at AND e.id < m.id))) AND (SELECT a.\"from\" FROM"
	    " stage_changes a WHERE a.customer = m.customer ORDER BY a.at,"
	    " a.id LIMIT 1)");
	query_in(&q, "", before.s);
	query_sql(&q, ")");
	query_sql(&q, " SELECT owner, substr(local_day(at), 1, 7) AS month,"
	    " count(*) FROM f WHERE owner IS NOT NULL");
	/* Up to the day the report ends (a week's page: its month to
	 * date). */
	query_date(&q, " AND local_day(at) <= ?", to);
	query_sql(&q, " GROUP BY owner, month");
	s = query_prepare(&q);
	query_free(&q);
	*n = 0;
	while (db_step(s)) {
		c = xrealloc(c, (*n + 1) * sizeof *c);
		c[*n].owner = xstrdup(db_text(s, 0));
		snprintf(c[*n].month, sizeof c[*n].month, "%s", db_text(s, 1));
		c[(*n)++].n = db_int(s, 2);
	}
	db_finalize(s);
	buf_free(&before);
	buf_free(&after);
	if (*n)
		qsort(c, *n, sizeof *c, credit_cmp);
	return c;
}

/* The intents credited to OWNER in MONTH: a search of the sorted
 * credits, so that a long history stays cheap to walk back. */
static int64_t
achieved(const struct credit *c, size_t n, const char *owner,
    const char *month)
{
	struct credit key = {0}, *hit;

	key.owner = (char *)owner;
	snprintf(key.month, sizeof key.month, "%s", month);
	hit = n ? bsearch(&key, c, n, sizeof *c, credit_cmp) : NULL;
	return hit ? hit->n : 0;
}

/* The month that holds DAY, "2026-11". */
static void
month_of(int day, char out[16])
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(out, 16, "%04d-%02d", y, m);
}

/* The first day of the month before the one that holds DAY. */
static int
month_before(int day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return m == 1 ? date_from_ymd(y - 1, 12, 1) : date_from_ymd(y, m - 1,
	    1);
}

/* The last day of the month that holds DAY. */
static int
month_end(int day)
{
	int first, last;

	period_bounds(PERIOD_MONTH, day, &first, &last);
	return last;
}

/* kpi --month M: per staff member with a target, the intents achieved in
 * M against it, the shortfall, and the months missed in a row up to M
 * since the member was added (the current target counts for each). */
static void
kpi(const struct report_opts *o, struct out *out)
{
	static const char *const cols[] = {"staff", "target", "achieved",
		"shortfall", "shortfall_pct", "months_missed", "review"};
	struct credit *c;
	size_t n, i;
	db_stmt *s;
	char month[16], first[16], num[32], this[16];
	int64_t target, got, missed, gap;
	int day, judged;

	if (!o->month)
		die(EX_USAGE, "kpi needs --month YYYY-MM");
	if (o->from > today())
		die(EX_USAGE, "kpi --month: the month has not begun");
	c = credits(&n, o->to);
	out_header(out, (int)(sizeof cols / sizeof cols[0]), cols);
	month_of(o->from, this);
	/* A month not over yet is missed only once it is, and a month
	 * counted only in part (a week's page) is not judged. */
	judged = month_end(o->from) < today() && o->to >= month_end(o->from);
	/* The active members with a target who were there by the month's
	 * end. */
	s = db_prepare("SELECT login, intent_target, substr(local_day("
	    "created_at), 1, 7) FROM staff WHERE intent_target > 0 AND active"
	    " AND ifnull(local_day(created_at), '') <= ? ORDER BY login");
	date_format(o->to, num);
	db_bind_text(s, 1, num);
	while (db_step(s)) {
		target = db_int(s, 1);
		/* Added when: without a readable day, the month alone. */
		snprintf(first, sizeof first, "%s", db_isnull(s, 2) ? this
		    : db_text(s, 2));
		got = achieved(c, n, db_text(s, 0), this);
		gap = got < target ? target - got : 0;
		/* Back from M, while the member was there and missed. */
		day = gap && !judged ? month_before(o->from) : o->from;
		for (missed = 0;; missed++, day = month_before(day)) {
			month_of(day, month);
			if (strcmp(month, first) < 0 || achieved(c, n,
			    db_text(s, 0), month) >= target)
				break;
		}
		out_cell(out, CELL_STR, db_text(s, 0));
		snprintf(num, sizeof num, "%lld", (long long)target);
		out_cell(out, CELL_NUM, num);
		snprintf(num, sizeof num, "%lld", (long long)got);
		out_cell(out, CELL_NUM, num);
		snprintf(num, sizeof num, "%lld", (long long)gap);
		out_cell(out, CELL_NUM, num);
		snprintf(num, sizeof num, "%.1f", pct(gap, target));
		out_cell(out, CELL_NUM, num);
		snprintf(num, sizeof num, "%lld", (long long)missed);
		out_cell(out, CELL_NUM, num);
		out_cell(out, CELL_STR, missed >= REVIEW_MONTHS ? "yes" : "no");
		out_endrow(out);
	}
	db_finalize(s);
	for (i = 0; i < n; i++)
		free(c[i].owner);
	free(c);
}

struct tally {
	char *assignee;
	int64_t required, done;
};

/* By assignee; nobody (empty) first. */
static int
tally_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tally *)a)->assignee,
	    ((const struct tally *)b)->assignee);
}

/* visits --month|--quarter|--year [--detail]: the cadence rules of that
 * period met, customer by customer (those that were customers in it: at
 * stage customer now or until after its first day, and by its end), a
 * visit at the rule's level within the period counting at most the
 * rule's count; per assignee (who is named for the level, as in
 * crm-visit-due), or one row a customer and rule. */
static void
visits(const struct report_opts *o, struct out *out)
{
	static const char *const sum[] = {"assignee", "required", "done",
		"compliance_pct"};
	static const char *const detail[] = {"customer_id", "code",
		"customer", "tier", "level", "assignee", "required", "done"};
	struct cadence_rule *all, *r = NULL;
	struct tally *t = NULL;
	struct staffdir *d;
	const struct person *who;
	struct query q = {0};
	size_t nall, nr = 0, nt = 0, i, k;
	int64_t done;
	char num[32];
	db_stmt *s;

	if (!o->period)
		die(EX_USAGE, "visits needs --month, --quarter or --year");
	/* The period's rules, as crm-visit-due weighs them. */
	all = cadence_rules(&nall);
	r = xcalloc(nall ? nall : 1, sizeof *r);
	for (i = 0; i < nall; i++)
		if (all[i].period == (enum period)(o->period - 1))
			r[nr++] = all[i];
	query_sql(&q, "SELECT c.id, c.code, c.name, c.tier, c.owner");
	for (i = 0; i < nr; i++) {
		query_text(&q, ", (SELECT count(*) FROM visits v WHERE"
		    " v.customer = c.id AND v.level = ?", r[i].level);
		query_date(&q, " AND v.date >= ?", o->from);
		query_date(&q, " AND v.date <= ?)", o->to);
	}
	/* Customers during the period: one now, or one that left after its
	 * first day; and one by its end. */
	query_text(&q, " FROM customers c WHERE (c.stage = ?", STAGE_CUSTOMER);
	query_text(&q, " OR EXISTS (SELECT 1 FROM stage_changes g WHERE"
	    " g.customer = c.id AND g.\"from\" = ?", STAGE_CUSTOMER);
	query_date(&q, " AND local_day(g.at) > ?))", o->from);
	query_date(&q, " AND ifnull(c.customer_since, '') <= ?", o->to);
	query_sql(&q, " ORDER BY c.id");
	s = query_prepare(&q);
	query_free(&q);
	d = staffdir_load();
	if (o->detail)
		out_header(out, 8, detail);
	while (db_step(s)) {
		for (i = 0; i < nr; i++) {
			if (!*db_text(s, 3) || !strchr(r[i].binds,
			    *db_text(s, 3)))
				continue;
			/* Without an owner: anyone active in the role, as
			 * crm-visit-due names them. */
			who = staffdir_role(d, db_text(s, 4), r[i].level);
			done = db_int(s, 5 + (int)i);
			if (done > r[i].count)
				done = r[i].count;
			if (o->detail) {
				for (k = 0; k < 4; k++)
					out_cell(out, k ? CELL_STR : CELL_NUM,
					    db_text(s, (int)k));
				out_cell(out, CELL_STR, r[i].level);
				out_cell(out, who ? CELL_STR : CELL_NULL, who
				    ? who->login : NULL);
				snprintf(num, sizeof num, "%lld",
				    (long long)r[i].count);
				out_cell(out, CELL_NUM, num);
				snprintf(num, sizeof num, "%lld",
				    (long long)done);
				out_cell(out, CELL_NUM, num);
				out_endrow(out);
				continue;
			}
			for (k = 0; k < nt && strcmp(t[k].assignee, who
			    ? who->login : ""); k++)
				;
			if (k == nt) {
				t = xrealloc(t, (nt + 1) * sizeof *t);
				t[nt].assignee = xstrdup(who ? who->login : "");
				t[nt].required = t[nt].done = 0;
				nt++;
			}
			t[k].required += r[i].count;
			t[k].done += done;
		}
	}
	db_finalize(s);
	if (!o->detail) {
		if (nt)
			qsort(t, nt, sizeof *t, tally_cmp);
		out_header(out, 4, sum);
		for (k = 0; k < nt; k++) {
			out_cell(out, *t[k].assignee ? CELL_STR : CELL_NULL,
			    t[k].assignee);
			snprintf(num, sizeof num, "%lld",
			    (long long)t[k].required);
			out_cell(out, CELL_NUM, num);
			snprintf(num, sizeof num, "%lld", (long long)t[k].done);
			out_cell(out, CELL_NUM, num);
			snprintf(num, sizeof num, "%.1f", pct(t[k].done,
			    t[k].required));
			out_cell(out, CELL_NUM, num);
			out_endrow(out);
		}
	}
	for (k = 0; k < nt; k++)
		free(t[k].assignee);
	free(t);
	free(r);
	cadence_rules_free(all, nall);
	staffdir_free(d);
}

/* complaint_months: the complaints received and those closed in each of
 * the twelve months ending with the one that holds O->to (local days),
 * the oldest first; months without any are there with 0. */
static void
complaint_months(const struct report_opts *o, struct out *out)
{
	struct query q = {0};
	char first[11], since[11];
	int y, m, d;

	date_to_ymd(o->to, &y, &m, &d);
	if ((m -= 11) < 1) {
		m += 12;
		y--;
	}
	date_format(date_from_ymd(y, m, 1), first);
	/* Time stamps are UTC: a day's slack for the local day. */
	date_format(date_from_ymd(y, m, 1) - 1, since);
	query_text(&q, "WITH RECURSIVE m(i, day) AS (SELECT 0, ?", first);
	query_sql(&q, " UNION ALL SELECT i + 1, date(day, '+1 month') FROM m"
	    " WHERE i < 11), r AS (SELECT substr(local_day(received_at), 1, 7)"
	    " AS month, count(*) AS n FROM complaints");
	query_text(&q, " WHERE received_at >= ? GROUP BY 1),", since);
	query_sql(&q, " c AS (SELECT substr(local_day(closed_at), 1, 7) AS"
	    " month, count(*) AS n FROM complaints");
	query_text(&q, " WHERE closed_at >= ? GROUP BY 1)", since);
	query_sql(&q, " SELECT substr(m.day, 1, 7) AS month, ifnull(r.n, 0) AS"
	    " received, ifnull(c.n, 0) AS closed FROM m LEFT JOIN r ON"
	    " r.month = substr(m.day, 1, 7) LEFT JOIN c ON c.month ="
	    " substr(m.day, 1, 7) ORDER BY m.day");
	query_out(&q, out, NULL);
}

/* summary --month M | --week W: one page of the others for managers.
 * Each section counts the days its span says: */
enum span {
	TODAY,		/* as of today */
	PERIOD,		/* the month or week given */
	MONTH,		/* the month that holds the period's last day, to it */
	YEAR		/* the twelve months ending with that month */
};

/* What a section draws on the HTML page: bars of its columns VALUE (one
 * or two), a group a row labelled by column LABEL, a mark of column MARK. */
struct drawing {
	const char *label, *value[2], *mark;
	int vertical;
	double max;
	const char *unit;
};

static const struct drawing compliance_bars = {
	"assignee", {"compliance_pct", NULL}, NULL, 0, 100, "%"};
static const struct drawing month_bars = {
	"month", {"received", "closed"}, NULL, 1, 0, ""};
static const struct drawing kpi_bars = {
	"staff", {"achieved", NULL}, "target", 0, 0, ""};
static const struct drawing funnel_bars = {
	"stage", {"reached", NULL}, NULL, 0, 0, ""};

static const struct {
	const char *key, *title;
	void (*run)(const struct report_opts *, struct out *);
	enum span span;
	const struct drawing *draw;	/* NULL: a table alone */
} sections[] = {
	{"tiers", N_("Customers by tier and stage"), tiers, TODAY, NULL},
	{"visits", N_("Visit compliance by person, monthly rules"), visits,
	    MONTH, &compliance_bars},
	{"complaints", N_("Complaints received"), complaints, PERIOD, NULL},
	{"complaint_months", N_("Complaints received and closed per month"),
	    complaint_months, YEAR, &month_bars},
	{"satisfaction", N_("Satisfaction surveys"), satisfaction, PERIOD,
	    NULL},
	{"kpi", N_("Intent targets, review at three months missed"), kpi,
	    MONTH, &kpi_bars},
	{"funnel", N_("Sales funnel"), funnel, TODAY, &funnel_bars},
	{"churn", N_("Customers silent for 90 days or more"), churn, TODAY,
	    NULL},
};
#define NSECTIONS (sizeof sections / sizeof sections[0])

/* The options section I runs with, from the summary's O. */
static struct report_opts
section_opts(const struct report_opts *o, size_t i)
{
	struct report_opts so = *o;
	int last;

	so.by = NULL;
	so.detail = so.week = 0;
	so.days = 90;
	/* A week still going (the Saturday review) counts its months to
	 * today: its Sunday's month may not have begun. */
	if (o->week && so.to > today() && sections[i].span != PERIOD)
		so.to = today();
	switch (sections[i].span) {
	case TODAY:
		so.from = so.to = INT_MIN;
		so.month = so.period = 0;
		break;
	case PERIOD:
	case YEAR:
		break;
	case MONTH:
		period_bounds(PERIOD_MONTH, so.to, &so.from, &last);
		so.month = 1;
		so.period = PERIOD_MONTH + 1;
		break;
	}
	return so;
}

/* The page's words (a heading, a title) in the language people read
 * when PEOPLE, else MSGID as it is: a summary written as tsv or csv is a
 * machine format, and keeps its English. */
static const char *
say(int people, const char *msgid) __attribute__((format_arg(2)));

static const char *
say(int people, const char *msgid)
{
	return people ? gettext(msgid) : msgid;
}

/* Section I's heading: its title and the days it counts, in the
 * language people read when PEOPLE. */
static void
heading(struct buf *b, size_t i, const struct report_opts *so, int people)
{
	const char *title = say(people, sections[i].title);
	char a[11], z[11];

	if (sections[i].span == TODAY) {
		date_format(today(), a);
		/* TRANSLATORS: a section's heading: its title, then the
		 * day it counts to. */
		buf_printf(b, say(people, N_("%s (today, %s)")), title, a);
		return;
	}
	date_format(so->from, a);
	date_format(so->to, z);
	if (sections[i].span == YEAR)
		/* TRANSLATORS: a section's heading: its title, then the
		 * month (YYYY-MM) its twelve months end with. */
		buf_printf(b, say(people, N_("%s (twelve months to %.7s)")),
		    title, z);
	else
		/* TRANSLATORS: a section's heading: its title, then its
		 * first and last day. */
		buf_printf(b, say(people, N_("%s (%s to %s)")), title, a, z);
}

/* Section I's chart of its rows R, when it has one. */
static void
draw(struct buf *b, size_t i, const struct rows *r)
{
	const struct drawing *dr = sections[i].draw;
	const char **label, **value, **mark = NULL, *series[2];
	struct chart c = {0};
	size_t k;
	int s, col, lc = rows_col(r, dr->label), mc = -1;

	if (!r->n)
		return;
	c.nser = dr->value[1] ? 2 : 1;
	label = xcalloc(r->n, sizeof *label);
	value = xcalloc(r->n * (size_t)c.nser, sizeof *value);
	if (dr->mark) {
		mark = xcalloc(r->n, sizeof *mark);
		mc = rows_col(r, dr->mark);
	}
	for (k = 0; k < r->n; k++) {
		/* A closed list's word (a stage) as the table under it
		 * shows it. */
		label[k] = word_label(dr->label, rows_get(r, k, lc));
		if (!label[k])
			label[k] = "-";
		for (s = 0; s < c.nser; s++) {
			col = rows_col(r, dr->value[s]);
			value[k * (size_t)c.nser + (size_t)s] = rows_get(r, k,
			    col);
		}
		if (mark)
			mark[k] = rows_get(r, k, mc);
	}
	/* The legend names its columns as the table's header does. */
	for (s = 0; s < c.nser; s++)
		series[s] = col_label(dr->value[s]);
	c.n = r->n;
	c.label = label;
	c.series = series;
	c.value = value;
	c.mark = mark;
	c.mark_name = dr->mark ? col_label(dr->mark) : NULL;
	c.vertical = dr->vertical;
	c.max = dr->max;
	c.unit = dr->unit;
	chart_svg(b, &c);
	free(label);
	free(value);
	free(mark);
}

/* The page: a section a report, its chart above its table, "None." under
 * a table without rows. */
static void
summary_html(const struct report_opts *o)
{
	struct buf b = {0}, title = {0}, sub = {0};
	struct report_opts so;
	struct rows r;
	struct out *out;
	char a[11], z[11], now[11], week[16];
	size_t i;
	long rows;

	date_format(o->from, a);
	date_format(o->to, z);
	date_format(today(), now);
	week_format(o->from, week);
	if (o->week)
		/* TRANSLATORS: the summary page's title; the week is
		 * YYYY-Www. */
		buf_printf(&title, _("Customer service summary, week %s"),
		    week);
	else
		/* TRANSLATORS: the summary page's title; the month is
		 * YYYY-MM. */
		buf_printf(&title, _("Customer service summary, month %.7s"),
		    a);
	/* TRANSLATORS: under the summary page's title: its first and
	 * last day, then today. */
	buf_printf(&sub, _("%s to %s; as of %s."), a, z, now);
	html_page_begin(&b, buf_str(&title), buf_str(&sub));
	for (i = 0; i < NSECTIONS; i++) {
		so = section_opts(o, i);
		buf_printf(&b, "<section id=\"%s\">\n<h2>", sections[i].key);
		buf_reset(&title);
		heading(&title, i, &so, 1);
		html_escape(&b, buf_str(&title));
		buf_adds(&b, "</h2>\n");
		if (!sections[i].draw) {
			/* A table alone streams, however long. */
			out_write(stdout, b.s, b.len);
			buf_reset(&b);
			out = out_new(stdout, FMT_HTML, 0);
			sections[i].run(&so, out);
			rows = out_nrows(out);
			out_finish(out);
		} else {
			/* A chart's rows (a few dozen) are kept to be drawn,
			 * then listed. */
			out = out_rows(&r);
			sections[i].run(&so, out);
			out_finish(out);
			draw(&b, i, &r);
			out_write(stdout, b.s, b.len);
			buf_reset(&b);
			out = out_new(stdout, FMT_HTML, 0);
			rows_out(&r, out);
			out_finish(out);
			rows = (long)r.n;
			rows_free(&r);
		}
		/* Written with the next section's start, or the page's
		 * end. */
		if (!rows) {
			buf_adds(&b, "<p class=\"none\">");
			/* TRANSLATORS: under a table of the summary page
			 * that has no rows. */
			html_escape(&b, _("None."));
			buf_adds(&b, "</p>\n");
		}
		buf_adds(&b, "</section>\n");
	}
	html_page_end(&b);
	out_write(stdout, b.s, b.len);
	buf_free(&b);
	buf_free(&title);
	buf_free(&sub);
}

static void
summary(const struct report_opts *o, struct out *unused)
{
	struct report_opts so;
	struct buf h = {0};
	struct out *out;
	int json = opt.fmt == FMT_JSON;
	/* Headings people read: a table, as out_stdout picks it (without
	 * -o, a table on a terminal, else tsv). */
	int people = opt.fmt_set ? opt.fmt == FMT_TABLE
	    : isatty(STDOUT_FILENO);
	char a[11], z[11];
	size_t i;

	(void)unused;
	if (!o->month && !o->week)
		die(EX_USAGE, "summary needs --month YYYY-MM or --week "
		    "YYYY-Www");
	if (o->from > today()) {
		if (o->week)
			die(EX_USAGE, "summary: the week has not begun");
		die(EX_USAGE, "summary: the month has not begun");
	}
	if (opt.fmt == FMT_JSONL || opt.fmt == FMT_IDS || opt.fmt == FMT_XLSX)
		die(EX_USAGE, "summary is one page: use -o table, tsv, csv, "
		    "json or html");
	if (opt.fmt == FMT_HTML) {
		summary_html(o);
		return;
	}
	date_format(o->from, a);
	date_format(o->to, z);
	if (json)
		printf("{\"period\":{\"from\":\"%s\",\"to\":\"%s\"}", a, z);
	else if (opt.flags & OUT_BOM) {
		/* One byte-order mark, at the start of the page. */
		fputs("\xef\xbb\xbf", stdout);
		opt.flags &= ~OUT_BOM;
	}
	for (i = 0; i < NSECTIONS; i++) {
		so = section_opts(o, i);
		if (json) {
			printf(",\"%s\":", sections[i].key);
		} else {
			buf_reset(&h);
			heading(&h, i, &so, people);
			printf("%s== %s ==\n", i ? "\n" : "", buf_str(&h));
		}
		fflush(stdout);
		out = out_stdout();
		sections[i].run(&so, out);
		out_finish(out);
	}
	if (json)
		fputs("}\n", stdout);
	buf_free(&h);
}

/* The reports, by name. */
static const struct {
	const char *name;
	void (*run)(const struct report_opts *, struct out *);
	int dates;	/* --month, --from, --to bound it */
	int page;	/* writes its own page: no out of its own */
} reports[] = {
	{"tiers", tiers, 0, 0},
	{"complaints", complaints, 1, 0},
	{"satisfaction", satisfaction, 1, 0},
	{"funnel", funnel, 0, 0},
	{"churn", churn, 0, 0},
	{"kpi", kpi, 1, 0},
	{"visits", visits, 1, 0},
	{"summary", summary, 1, 1},
};
#define NREPORTS (sizeof reports / sizeof reports[0])

void
report_by_words(struct buf *b, const char *report)
{
	size_t i;
	int n = 0;

	for (i = 0; i < NBYS; i++)
		if (!strcmp(bys[i].report, report))
			buf_printf(b, "%s%s", n++ ? "|" : "", bys[i].word);
}

int
report_run(const char *name, const struct report_opts *o)
{
	struct out *out;
	size_t i;

	for (i = 0; i < NREPORTS; i++) {
		if (strcmp(reports[i].name, name))
			continue;
		if (o->week && !reports[i].page)
			die(EX_USAGE, "%s takes no --week", name);
		if (!reports[i].dates && (o->from != INT_MIN
		    || o->to != INT_MIN))
			die(EX_USAGE, "%s takes no --month, --from or --to",
			    name);
		if (o->days_given && reports[i].run != churn)
			die(EX_USAGE, "%s takes no --days", name);
		if (o->detail && reports[i].run != visits)
			die(EX_USAGE, "%s takes no --detail", name);
		if (o->period && !o->month && reports[i].run != visits)
			die(EX_USAGE, "%s takes no --quarter or --year", name);
		if (opt.fmt == FMT_HTML && !reports[i].page)
			die(EX_USAGE, "-o html is summary's: %s is one table",
			    name);
		by_expr(name, o);	/* dies on a --by it does not offer */
		if (reports[i].page) {
			reports[i].run(o, NULL);
		} else {
			out = out_stdout();
			reports[i].run(o, out);
			out_finish(out);
		}
		return 0;
	}
	return -1;
}

void
report_names(struct buf *b)
{
	size_t i;

	for (i = 0; i < NREPORTS; i++)
		buf_printf(b, "%s%s", i ? " " : "", reports[i].name);
}
