/* crm-visit - log visits, list them, plan and review visits, and keep
 * the cadence rules. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	"usage: crm-visit add -c CUSTOMER [--level LEVEL] [--kind KIND]\n"
	"         [--date DATE] [--by LOGIN] [--next DATE] [--plan ID]\n"
	"         [--feedback TEXT] SUMMARY\n"
	"       crm-visit list [-c CUSTOMER,...] [--staff LOGIN,...]\n"
	"         [--level LEVEL,...] [--kind KIND,...] [--from DATE] [--to DATE]\n"
	"         [-o FORMAT]\n"
	"       crm-visit plan -c CUSTOMER --date DATE [--level LEVEL]\n"
	"         --purpose TEXT\n"
	"       crm-visit approve PLAN...|-\n"
	"       crm-visit reject --reason TEXT PLAN...|-\n"
	"       crm-visit rules [-o FORMAT]\n"
	"       crm-visit rules set TIERS LEVEL COUNT PERIOD\n"
	"       crm-visit rules rm ID...|-\n"
	"Common options: [-d DB] [--as LOGIN] [--today DATE]\n"
	"add, plan and rules set print the record's id.  The filters of list\n"
	"may be repeated or hold comma-separated values (any of them matches).\n";

enum {
	OPT_LEVEL = OPT_PROGRAM, OPT_KIND, OPT_DATE, OPT_BY, OPT_NEXT,
	OPT_PLAN, OPT_FEEDBACK, OPT_STAFF, OPT_FROM, OPT_TO, OPT_PURPOSE,
	OPT_REASON
};

/* Every option of every subcommand; each subcommand takes what it needs
 * and calls the rest a usage error. */
static const struct option longopts[] = {
	COMMON_LONGOPTS,
	{"customer", 1, 0, 'c'},
	{"level", 1, 0, OPT_LEVEL},
	{"kind", 1, 0, OPT_KIND},
	{"date", 1, 0, OPT_DATE},
	{"by", 1, 0, OPT_BY},
	{"next", 1, 0, OPT_NEXT},
	{"plan", 1, 0, OPT_PLAN},
	{"feedback", 1, 0, OPT_FEEDBACK},
	{"staff", 1, 0, OPT_STAFF},
	{"from", 1, 0, OPT_FROM},
	{"to", 1, 0, OPT_TO},
	{"purpose", 1, 0, OPT_PURPOSE},
	{"reason", 1, 0, OPT_REASON},
	{0, 0, 0, 0}
};

static struct {
	const char *customer, *level, *kind, *date, *by, *next, *plan;
	const char *feedback, *staff, *from, *to, *purpose, *reason;
} a;

/* The same options as list filters: every value given. */
static struct {
	struct filter customer, staff, level, kind;
} lf;

/* Read the options in ARGV (ARGV[0] names the subcommand); ALLOWED lists
 * the getopt values taken besides the common ones.  MODE "+" stops at the
 * first argument that is not an option. */
static void
options(int argc, char **argv, const int *allowed, const char *mode)
{
	struct buf opts = {0};
	struct filter *list;
	const char **slot;
	int c, i;

	buf_printf(&opts, "%s%sc:", mode, COMMON_SHORTOPTS);
	optind = 0;	/* glibc: start afresh */
	while ((c = getopt_long(argc, argv, opts.s, longopts, NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		for (i = 0; allowed[i] && allowed[i] != c; i++)
			;
		if (!allowed[i])
			usage_exit(EX_USAGE);
		list = NULL;
		switch (c) {
		case 'c': slot = &a.customer; list = &lf.customer; break;
		case OPT_LEVEL: slot = &a.level; list = &lf.level; break;
		case OPT_KIND: slot = &a.kind; list = &lf.kind; break;
		case OPT_DATE: slot = &a.date; break;
		case OPT_BY: slot = &a.by; break;
		case OPT_NEXT: slot = &a.next; break;
		case OPT_PLAN: slot = &a.plan; break;
		case OPT_FEEDBACK: slot = &a.feedback; break;
		case OPT_STAFF: slot = &a.staff; list = &lf.staff; break;
		case OPT_FROM: slot = &a.from; break;
		case OPT_TO: slot = &a.to; break;
		case OPT_PURPOSE: slot = &a.purpose; break;
		case OPT_REASON: slot = &a.reason; break;
		default: usage_exit(EX_USAGE);
		}
		*slot = optarg;
		if (list)
			filter_add(list, optarg);
	}
	buf_free(&opts);
}

/* The allowed words of a column, from the column tables (lib/entity.c). */
static const char *
words(const char *table, const char *column)
{
	return entity_field(entity_find(table), column)->values;
}

static int
word_ok(const char *list, const char *w)
{
	size_t n = strlen(w);
	const char *p;

	if (!n || strchr(w, ' '))
		return 0;
	for (p = list; (p = strstr(p, w)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return 1;
	return 0;
}

/* The acting user as the staff member who plans or reviews. */
static const char *
acting_staff(const char *what)
{
	const char *who = crm_user();

	if (!staff_exists(who))
		die(EX_DATAERR, "%s: '%s' is not a staff login: use --as LOGIN",
		    what, who);
	return who;
}

/* Set a field of R or die 65 with the reason. */
static void
set(struct record *r, const char *name, const char *value)
{
	struct buf err = {0};

	if (record_set(r, name, value, &err) < 0)
		die(EX_DATAERR, "%s", buf_str(&err));
	buf_free(&err);
}

static int
date_arg(const char *opt, const char *s, int code)
{
	int day;

	if (date_parse(s, &day) < 0)
		die(code, "%s: '%s' is not a valid date YYYY-MM-DD", opt, s);
	return day;
}

static int
visit_add(int argc, char **argv)
{
	static const int allowed[] = {'c', OPT_LEVEL, OPT_KIND, OPT_DATE,
	    OPT_BY, OPT_NEXT, OPT_PLAN, OPT_FEEDBACK, 0};
	struct record r, p;
	struct buf err = {0};
	char day[11], *plan_level = NULL;
	int date, next;
	int64_t plan = 0, id;
	db_stmt *s;

	options(argc, argv, allowed, "");
	if (!a.customer)
		warn("add needs -c CUSTOMER");
	else if (optind == argc)
		warn("add needs a SUMMARY");
	if (!a.customer || optind != argc - 1)
		usage_exit(EX_USAGE);
	db_open();
	customer_need(a.customer);	/* exit 1 when there is none */
	record_init(&r, entity_find("visits"));
	if (!a.by)
		a.by = crm_user();
	if (!staff_exists(a.by))
		die(EX_DATAERR, "by: no staff member with login '%s': give "
		    "--by LOGIN", a.by);
	date = today();
	if (a.date)
		date = date_arg("date", a.date, EX_DATAERR);
	/* A date after today is refused by the visit rules of lib/entity.c,
	 * as for crm-import. */
	date_format(date, day);
	if (a.next) {
		next = date_arg("next", a.next, EX_DATAERR);
		if (next <= date)
			die(EX_DATAERR, "next: %s is not after the visit "
			    "(%s)", a.next, day);
	}
	if (a.plan) {
		if (int_parse(a.plan, 1, INT64_MAX, &plan) < 0)
			die(EX_DATAERR, "plan: '%s' is not an id", a.plan);
		s = db_prepare("SELECT customer, level FROM plans WHERE id = ?");
		db_bind_int(s, 1, plan);
		if (!db_step(s))
			die(EX_NOTFOUND, "no plan %lld", (long long)plan);
		/* A visit carrying out a plan counts at the plan's level
		 * unless told otherwise. */
		if (!a.level)
			a.level = plan_level = xstrdup(db_text(s, 1));
		db_finalize(s);
	}
	set(&r, "customer", a.customer);
	set(&r, "level", a.level ? a.level : "account_manager");
	set(&r, "kind", a.kind ? a.kind : "onsite");
	set(&r, "staff", a.by);
	set(&r, "date", day);
	set(&r, "summary", argv[optind]);
	if (a.feedback)
		set(&r, "feedback", a.feedback);
	if (a.next)
		set(&r, "next_date", a.next);
	if (a.plan)
		set(&r, "plan", a.plan);
	db_begin();
	if (plan) {
		/* Checked inside the transaction: a reviewer may be at work. */
		char *status = db_text_query("SELECT status FROM plans WHERE "
		    "id = ?1", a.plan);

		if (!status || (strcmp(status, "approved")
		    && strcmp(status, "submitted")))
			die(EX_DATAERR, "plan %lld is %s: needs approved or "
			    "submitted", (long long)plan, status ? status : "gone");
		free(status);
	}
	id = record_add(&r);
	if (plan) {
		record_init(&p, entity_find("plans"));
		set(&p, "status", "done");
		record_update(&p, plan);
		record_clear(&p);
	}
	db_commit();
	print_id(id);
	record_clear(&r);
	buf_free(&err);
	free(plan_level);
	return 0;
}

static int
visit_list(int argc, char **argv)
{
	static const int allowed[] = {'c', OPT_STAFF, OPT_LEVEL, OPT_KIND,
	    OPT_FROM, OPT_TO, 0};
	struct filter cust = {0};
	struct buf sql = {0};
	char id[24];
	db_stmt *s;
	int i, n;

	options(argc, argv, allowed, "");
	if (optind != argc)
		usage_exit(EX_USAGE);
	if (a.from)
		date_arg("--from", a.from, EX_USAGE);
	if (a.to)
		date_arg("--to", a.to, EX_USAGE);
	db_open();
	/* Customers by id or code, compared by id. */
	for (i = 0; i < lf.customer.n; i++) {
		snprintf(id, sizeof id, "%lld",
		    (long long)customer_need(lf.customer.v[i]));
		filter_add(&cust, id);
	}
	filter_check(&lf.staff, "staff", "visits", "staff");
	filter_check(&lf.level, "level", "visits", "level");
	filter_check(&lf.kind, "kind", "visits", "kind");
	buf_adds(&sql, "SELECT v.id, v.date, v.customer AS customer_id,"
	    " c.code, c.name AS customer, v.level, v.kind, v.staff,"
	    " v.summary, v.feedback, v.next_date, v.plan"
	    " FROM visits v JOIN customers c ON c.id = v.customer WHERE"
	    " (?1 IS NULL OR v.date >= ?1) AND (?2 IS NULL OR v.date <= ?2)");
	n = 3;
	n += filter_sql(&sql, &cust, "v.customer", n);
	n += filter_sql(&sql, &lf.staff, "v.staff", n);
	n += filter_sql(&sql, &lf.level, "v.level", n);
	filter_sql(&sql, &lf.kind, "v.kind", n);
	buf_adds(&sql, " ORDER BY v.date, v.id");
	s = db_prepare(sql.s);
	db_bind_text(s, 1, a.from);
	db_bind_text(s, 2, a.to);
	n = filter_bind(&cust, s, 3);
	n = filter_bind(&lf.staff, s, n);
	n = filter_bind(&lf.level, s, n);
	filter_bind(&lf.kind, s, n);
	db_print(s, NULL);
	buf_free(&sql);
	filter_free(&cust);
	filter_free(&lf.customer);
	filter_free(&lf.staff);
	filter_free(&lf.level);
	filter_free(&lf.kind);
	return 0;
}

static int
visit_plan(int argc, char **argv)
{
	static const int allowed[] = {'c', OPT_DATE, OPT_LEVEL, OPT_PURPOSE, 0};
	struct record r;
	struct buf err = {0};
	char day[11];
	int64_t id;

	options(argc, argv, allowed, "");
	if (optind != argc)
		usage_exit(EX_USAGE);
	if (!a.customer || !a.date || !a.purpose)
		die(EX_USAGE, "plan needs -c CUSTOMER, --date DATE and "
		    "--purpose TEXT");
	db_open();
	customer_need(a.customer);
	record_init(&r, entity_find("plans"));
	if (date_arg("date", a.date, EX_DATAERR) < today()) {
		date_format(today(), day);
		die(EX_DATAERR, "date: %s is before today (%s): a plan is for "
		    "a visit to come", a.date, day);
	}
	set(&r, "customer", a.customer);
	set(&r, "staff", acting_staff("staff"));
	set(&r, "level", a.level ? a.level : "account_manager");
	set(&r, "date", a.date);
	set(&r, "purpose", a.purpose);
	set(&r, "status", "submitted");
	db_begin();
	id = record_add(&r);
	db_commit();
	print_id(id);
	record_clear(&r);
	buf_free(&err);
	return 0;
}

/* approve and reject: a review moves a plan out of submitted. */
static int
visit_review(int argc, char **argv, int approve)
{
	static const int allowed_approve[] = {0};
	static const int allowed_reject[] = {OPT_REASON, 0};
	const char *text, *who;
	char now[21];
	struct record r;
	struct ids it;
	int64_t id;
	char *status;
	int any = 0;

	options(argc, argv, approve ? allowed_approve : allowed_reject, "");
	if (optind == argc) {
		warn("%s needs a PLAN id, or - to read ids", argv[0]);
		usage_exit(EX_USAGE);
	}
	if (!approve && (!a.reason || !*a.reason))
		die(EX_USAGE, "reject needs --reason TEXT");
	db_open();
	who = acting_staff("reviewer");
	record_init(&r, entity_find("plans"));
	set(&r, "status", approve ? "approved" : "rejected");
	set(&r, "reviewer", who);
	timestamp_now(now);
	set(&r, "reviewed_at", now);
	if (!approve)
		set(&r, "reason", a.reason);
	db_begin();
	ids_init(&it, argc - optind, argv + optind);
	while ((text = ids_next(&it))) {
		if (int_parse(text, 1, INT64_MAX, &id) < 0)
			die(EX_DATAERR, "'%s' is not a plan id", text);
		status = db_text_query("SELECT status FROM plans WHERE id = ?",
		    text);
		if (!status)
			die(EX_NOTFOUND, "no plan %lld", (long long)id);
		else if (strcmp(status, "submitted"))
			die(EX_DATAERR, "plan %lld is %s: needs submitted",
			    (long long)id, status);
		free(status);
		record_update(&r, id);
		any = 1;
	}
	if (!any)
		die(EX_USAGE, "no plan ids given");
	db_commit();
	record_clear(&r);
	return 0;
}

static void
rule_label(struct buf *b, const char *tiers, const char *level, int64_t n,
    const char *period)
{
	buf_reset(b);
	buf_printf(b, "%s %s %lld/%s", tiers, level, (long long)n, period);
}

static int
rules_list(void)
{
	db_stmt *s;

	db_open();
	s = db_prepare("SELECT id, tiers, level, count, period FROM visit_rules"
	    " ORDER BY id");
	db_print(s, NULL);
	return 0;
}

/* rules set TIERS LEVEL COUNT PERIOD: (tiers, level, period) is the key. */
static int
rules_set(char **v)
{
	struct buf tiers = {0}, label = {0};
	const char *t, *p;
	enum period period;
	int64_t count, id, old;
	db_stmt *s;
	char *oldtext;

	for (p = v[0]; *p; p++)
		if (!strchr("ABCabc", *p))
			die(EX_DATAERR, "tiers: '%s' is not a set of tiers such "
			    "as ABC or AB", v[0]);
	for (t = "ABC"; *t; t++)
		if (strchr(v[0], *t) || strchr(v[0], *t + 32))
			buf_addc(&tiers, *t);
	if (!tiers.len)
		die(EX_DATAERR, "tiers: '' is not a set of tiers such as ABC");
	if (!word_ok(words("visits", "level"), v[1]))
		die(EX_DATAERR, "level: '%s' is not one of: %s", v[1],
		    words("visits", "level"));
	if (int_parse(v[2], 1, 1000, &count) < 0)
		die(EX_DATAERR, "count: '%s' is not a whole number from 1 to "
		    "1000", v[2]);
	if (period_parse(v[3], &period) < 0)
		die(EX_DATAERR, "period: '%s' is not one of: month quarter "
		    "year", v[3]);
	db_open();
	db_begin();
	s = db_prepare("SELECT id, count FROM visit_rules WHERE tiers = ? AND"
	    " level = ? AND period = ?");
	db_bind_text(s, 1, tiers.s);
	db_bind_text(s, 2, v[1]);
	db_bind_text(s, 3, v[3]);
	if (db_step(s)) {
		id = db_int(s, 0);
		old = db_int(s, 1);
		db_finalize(s);
		if (old != count) {
			s = db_prepare("UPDATE visit_rules SET count = ? WHERE"
			    " id = ?");
			db_bind_int(s, 1, count);
			db_bind_int(s, 2, id);
			db_step(s);
			db_finalize(s);
			oldtext = xasprintf("%lld", (long long)old);
			change_log("visit_rule", id, "count", oldtext, v[2]);
			free(oldtext);
		}
	} else {
		db_finalize(s);
		s = db_prepare("INSERT INTO visit_rules (tiers, level, count,"
		    " period) VALUES (?, ?, ?, ?)");
		db_bind_text(s, 1, tiers.s);
		db_bind_text(s, 2, v[1]);
		db_bind_int(s, 3, count);
		db_bind_text(s, 4, v[3]);
		db_step(s);
		db_finalize(s);
		id = db_last_id();
		rule_label(&label, tiers.s, v[1], count, v[3]);
		change_log("visit_rule", id, NULL, NULL, label.s);
	}
	db_commit();
	print_id(id);
	buf_free(&tiers);
	buf_free(&label);
	return 0;
}

static int
rules_rm(int argc, char **argv)
{
	struct buf label = {0};
	struct ids it;
	const char *text;
	db_stmt *get, *del;
	int64_t id;
	int any = 0;

	db_open();
	db_begin();
	get = db_prepare("SELECT tiers, level, count, period FROM visit_rules"
	    " WHERE id = ?");
	del = db_prepare("DELETE FROM visit_rules WHERE id = ?");
	ids_init(&it, argc, argv);
	while ((text = ids_next(&it))) {
		if (int_parse(text, 1, INT64_MAX, &id) < 0)
			die(EX_DATAERR, "'%s' is not a rule id", text);
		db_bind_int(get, 1, id);
		if (!db_step(get))
			die(EX_NOTFOUND, "no visit rule %lld", (long long)id);
		rule_label(&label, db_text(get, 0), db_text(get, 1),
		    db_int(get, 2), db_text(get, 3));
		db_reset(get);
		db_bind_int(del, 1, id);
		db_step(del);
		db_reset(del);
		change_log("visit_rule", id, NULL, label.s, NULL);
		any = 1;
	}
	if (!any)
		die(EX_USAGE, "no rule ids given");
	db_finalize(get);
	db_finalize(del);
	db_commit();
	buf_free(&label);
	return 0;
}

static int
visit_rules(int argc, char **argv)
{
	static const int allowed[] = {0};

	options(argc, argv, allowed, "");
	argc -= optind;
	argv += optind;
	if (argc == 0 || (argc == 1 && !strcmp(argv[0], "list")))
		return rules_list();
	if (!strcmp(argv[0], "set") && argc == 5)
		return rules_set(argv + 1);
	if (!strcmp(argv[0], "rm") && argc > 1)
		return rules_rm(argc - 1, argv + 1);
	if (!strcmp(argv[0], "set") && argc < 5)
		warn("rules set needs TIERS LEVEL COUNT PERIOD");
	else if (!strcmp(argv[0], "rm"))
		warn("rules rm needs a rule ID, or - to read ids");
	usage_exit(EX_USAGE);
}

int
main(int argc, char **argv)
{
	static const int none[] = {0};
	const char *sub;

	crm_start(argc, argv, usage);
	/* Common options may come before the subcommand too. */
	options(argc, argv, none, "+");
	if (optind >= argc)
		usage_exit(EX_USAGE);
	sub = argv[optind];
	argc -= optind;
	argv += optind;
	if (!strcmp(sub, "add"))
		return visit_add(argc, argv);
	if (!strcmp(sub, "list"))
		return visit_list(argc, argv);
	if (!strcmp(sub, "plan"))
		return visit_plan(argc, argv);
	if (!strcmp(sub, "approve"))
		return visit_review(argc, argv, 1);
	if (!strcmp(sub, "reject"))
		return visit_review(argc, argv, 0);
	if (!strcmp(sub, "rules"))
		return visit_rules(argc, argv);
	warn("unknown command '%s'", sub);
	usage_exit(EX_USAGE);
}
