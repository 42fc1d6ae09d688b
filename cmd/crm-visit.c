/* crm-visit - log visits, list them, plan visits and review the plans,
 * and keep the cadence rules.  Each verb reads its own options; the rules
 * (a visit is not after today and carries out an approved plan, which is
 * then done; a plan moves submitted -> reviewed -> approved) are the
 * library's (lib/rules.c, lib/state.c). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-visit add -c CUSTOMER [--level LEVEL] [--kind KIND]\n"
	"         [--date DATE] [--by LOGIN] [--next DATE] [--plan ID]\n"
	"         [--feedback TEXT] SUMMARY\n"
	"       crm-visit list [-c CUSTOMER,...] [--staff LOGIN,...]\n"
	"         [--level LEVEL,...] [--kind KIND,...] [--from DATE] [--to DATE]\n"
	"         [-o FORMAT]\n"
	"       crm-visit plan -c CUSTOMER --date DATE [--level LEVEL]\n"
	"         --purpose TEXT\n"
	"       crm-visit plans [-c CUSTOMER,...] [--status STATUS,...]\n"
	"         [--planner LOGIN,...] [--reviewer LOGIN,...] [-o FORMAT]\n"
	"       crm-visit review PLAN...|-\n"
	"       crm-visit approve PLAN...|-\n"
	"       crm-visit reject --reason TEXT PLAN...|-\n"
	"       crm-visit rules [-o FORMAT]\n"
	"       crm-visit rules set TIERS LEVEL COUNT PERIOD\n"
	"       crm-visit rules rm ID...|-\n"
	"Common options: [-d DB] [--as LOGIN] [--today DATE]\n"
	"LEVEL: {visits.level}\n"
	"KIND: {visits.kind}\n"
	"STATUS: {plans.status}\n"
	"A DATE may be YYYY-MM-DD, today, today+N or today-N.  add, plan and\n"
	"rules set print the record's id.  The filters of list and plans may be\n"
	"repeated or hold comma-separated values (any of them matches).\n");

#define MAXOPTS OPT_VALUES_MAX

static int
visit_add(int argc, char **argv)
{
	static const struct option lo[] = {
		{"customer", 1, 0, 'c'}, {"level", 1, 0, 'l'},
		{"kind", 1, 0, 'k'}, {"date", 1, 0, 'D'}, {"by", 1, 0, 'b'},
		{"next", 1, 0, 'n'}, {"plan", 1, 0, 'p'},
		{"feedback", 1, 0, 'f'}, {0, 0, 0, 0}
	};
	static const char *const fields[] = {"customer", "level", "kind",
		"date", "staff", "next_date", "plan", "feedback"};
	const char *val[MAXOPTS] = {0};
	struct record r;

	opt_values(argc, argv, lo, val, NULL);
	if (!val[0])
		warn("add needs -c CUSTOMER");
	else if (optind == argc)
		warn("add needs a SUMMARY");
	if (!val[0] || optind != argc - 1)
		usage_exit(EX_USAGE);
	db_open();
	customer_need(val[0]);	/* exit 1 when there is none */
	if (val[6] && !record_lookup(entity_find("plans"), val[6]))
		die(EX_NOTFOUND, "no plan %s", val[6]);
	if (!val[4])	/* by the acting user, today */
		val[4] = crm_user();
	if (!staff_exists(val[4]))
		die(EX_DATAERR, "by: no staff member with login '%s': give "
		    "--by LOGIN", val[4]);
	if (!val[3])
		val[3] = "today";
	record_init(&r, entity_find("visits"));
	record_need_each(&r, fields, val, sizeof fields / sizeof fields[0]);
	record_need(&r, "summary", argv[optind]);
	return record_add_print(&r);
}

static int
visit_list(int argc, char **argv)
{
	static const struct option lo[] = {
		{"customer", 1, 0, 'c'}, {"staff", 1, 0, 's'},
		{"level", 1, 0, 'l'}, {"kind", 1, 0, 'k'},
		{"from", 1, 0, 'F'}, {"to", 1, 0, 'T'}, {0, 0, 0, 0}
	};
	const char *val[MAXOPTS] = {0};
	struct filter f[MAXOPTS] = {{0}}, cust = {0};
	struct query q = {0};
	int from, to, i;

	opt_values(argc, argv, lo, val, f);
	if (optind != argc)
		usage_exit(EX_USAGE);
	from = opt_date(lo[4].name, val[4]);
	to = opt_date(lo[5].name, val[5]);
	db_open();
	customer_ids(&f[0], &cust);
	filter_check(&f[1], "staff", "visits", "staff");
	filter_check(&f[2], "level", "visits", "level");
	filter_check(&f[3], "kind", "visits", "kind");
	query_sql(&q, "SELECT v.id, v.date, v.customer AS customer_id,"
	    " c.code, c.name AS customer, v.level, v.kind, v.staff,"
	    " v.summary, v.feedback, v.next_date, v.plan"
	    " FROM visits v JOIN customers c ON c.id = v.customer WHERE 1");
	query_days(&q, "v.date", from, to);
	query_filter(&q, &cust, "v.customer");
	query_filter(&q, &f[1], "v.staff");
	query_filter(&q, &f[2], "v.level");
	query_filter(&q, &f[3], "v.kind");
	query_sql(&q, " ORDER BY v.date, v.id");
	query_print(&q, NULL);
	filter_free(&cust);
	for (i = 0; i < MAXOPTS; i++)
		filter_free(&f[i]);
	return 0;
}

static int
visit_plan(int argc, char **argv)
{
	static const struct option lo[] = {
		{"customer", 1, 0, 'c'}, {"date", 1, 0, 'D'},
		{"level", 1, 0, 'l'}, {"purpose", 1, 0, 'P'}, {0, 0, 0, 0}
	};
	static const char *const fields[] = {"customer", "date", "level",
		"purpose"};
	const char *val[MAXOPTS] = {0};
	struct record r;

	opt_values(argc, argv, lo, val, NULL);
	if (optind != argc)
		usage_exit(EX_USAGE);
	if (!val[0] || !val[1] || !val[3])
		die(EX_USAGE, "plan needs -c CUSTOMER, --date DATE and "
		    "--purpose TEXT");
	db_open();
	customer_need(val[0]);
	if (!staff_exists(crm_user()))
		die(EX_DATAERR, "staff: '%s' is not a staff login: use --as "
		    "LOGIN", crm_user());
	record_init(&r, entity_find("plans"));
	record_need_each(&r, fields, val, sizeof fields / sizeof fields[0]);
	record_need(&r, "staff", crm_user());
	return record_add_print(&r);
}

static int
visit_plans(int argc, char **argv)
{
	static const struct option lo[] = {
		{"customer", 1, 0, 'c'}, {"status", 1, 0, 'S'},
		{"planner", 1, 0, 'p'}, {"reviewer", 1, 0, 'r'},
		{0, 0, 0, 0}
	};
	const char *val[MAXOPTS] = {0};
	struct filter f[MAXOPTS] = {{0}}, cust = {0};
	int i;

	opt_values(argc, argv, lo, val, f);
	if (optind != argc)
		usage_exit(EX_USAGE);
	db_open();
	customer_ids(&f[0], &cust);
	plans_print(&f[1], &f[2], &f[3], &cust);
	filter_free(&cust);
	for (i = 0; i < MAXOPTS; i++)
		filter_free(&f[i]);
	return 0;
}

/* review, approve, reject: the move of that name (lib/state.c) of each
 * plan named, all or none. */
static int
plan_move(int argc, char **argv)
{
	const char *verb = subcmd_verb;
	static const struct option lo[] = {
		{"reason", 1, 0, 'R'}, {0, 0, 0, 0}
	};
	const struct entity *e = entity_find("plans");
	const char *val[MAXOPTS] = {0}, *text;
	struct record extra;
	struct ids it;
	int64_t id;

	opt_values(argc, argv, lo, val, NULL);
	if (optind == argc) {
		warn("%s needs a PLAN id, or - to read ids", verb);
		usage_exit(EX_USAGE);
	}
	db_open();
	record_init(&extra, e);
	if (val[0])
		record_need(&extra, "reason", val[0]);
	db_begin();
	ids_init(&it, argc - optind, argv + optind);
	while ((text = ids_next(&it))) {
		if (int_parse(text, 1, INT64_MAX, &id) < 0)
			die(EX_DATAERR, "'%s' is not a plan id", text);
		if (!ids_seen(&it, id))
			move_make(e, id, verb, &extra);
	}
	db_commit();
	record_clear(&extra);
	return 0;
}

/* The operands of a rules command, after its options. */
static int
operands(int argc, char **argv)
{
	static const struct option lo[] = {{0, 0, 0, 0}};
	const char *val[MAXOPTS] = {0};

	opt_values(argc, argv, lo, val, NULL);
	return argc - optind;
}

static int
rules_list(int argc, char **argv)
{
	if (operands(argc, argv))
		usage_exit(EX_USAGE);
	db_open();
	db_print(db_prepare("SELECT id, tiers, level, count, period"
	    " FROM visit_rules ORDER BY id"), NULL);
	return 0;
}

static int
rules_set(int argc, char **argv)
{
	if (operands(argc, argv) != 4) {
		warn("rules set needs TIERS LEVEL COUNT PERIOD");
		usage_exit(EX_USAGE);
	}
	argv += optind;
	db_open();
	db_begin();
	print_id(cadence_set(argv[0], argv[1], argv[2], argv[3]));
	db_commit();	/* after the id: see print_id */
	return 0;
}

static int
rules_rm(int argc, char **argv)
{
	const char *text;
	struct ids it;
	int64_t id;
	int n = operands(argc, argv);

	if (!n) {
		warn("rules rm needs a rule ID, or - to read ids");
		usage_exit(EX_USAGE);
	}
	db_open();
	db_begin();
	ids_init(&it, n, argv + optind);
	while ((text = ids_next(&it))) {
		if (int_parse(text, 1, INT64_MAX, &id) < 0)
			die(EX_DATAERR, "'%s' is not a rule id", text);
		if (!ids_seen(&it, id))
			cadence_rm(id);
	}
	db_commit();
	return 0;
}

/* rules: list, set or rm, as a table of their own; alone, list. */
static int
rules(int argc, char **argv)
{
	static const struct subcmd cmds[] = {
		{"list", rules_list}, {"set", rules_set}, {"rm", rules_rm},
		{NULL, NULL}
	};

	if (!operands(argc, argv))
		return rules_list(1, argv);
	return subcmd_run(cmds, argc, argv);
}

int
main(int argc, char **argv)
{
	static const struct subcmd verbs[] = {
		{"add", visit_add}, {"list", visit_list}, {"plan", visit_plan},
		{"plans", visit_plans}, {"review", plan_move},
		{"approve", plan_move}, {"reject", plan_move},
		{"rules", rules}, {NULL, NULL}
	};

	crm_start(argc, argv, usage);
	return subcmd_run(verbs, argc, argv);
}
