/* crm-check - is the database sound and is every archive complete?
 * With --tiers: does every customer's tier follow the rulebook? */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	"usage: crm-check [-d DB] [--all] [-o FORMAT] [--no-header]\n"
	"       crm-check [-d DB] --tiers [--all] [-o FORMAT] [--no-header]\n"
	"Checks the file (integrity, foreign keys) and the archives of customers\n"
	"at stage handover or customer (--all: every stage).  Exits 1 when it\n"
	"finds a problem.\n";

/* What a complete archive has (the rulebook's customer information): the
 * problem word, and the SQL condition on customer c that means it is
 * missing.  A value of only spaces counts as missing. */
static const struct gap {
	const char *problem;
	const char *missing;
} gaps[] = {
	{"no_owner", "trim(ifnull(c.owner, '')) = ''"},
	{"no_uscc", "trim(ifnull(c.uscc, '')) = ''"},
	{"no_primary_phone", "NOT EXISTS (SELECT 1 FROM contacts k"
	    " WHERE k.customer = c.id AND k.\"primary\" = 1"
	    " AND (trim(ifnull(k.phone, '')) <> ''"
	    " OR trim(ifnull(k.mobile, '')) <> ''))"},
	{"no_address", "trim(ifnull(c.address, '')) = ''"},
	{"no_credit", "trim(ifnull(c.credit, '')) = ''"},
};

/* The rulebook's tier criteria, first match wins: a customer of CATEGORY
 * (when not NULL), or with a known scale of at least MIN_TONNES (when not
 * -1), belongs in TIER.  A customer whose scale is not recorded and
 * matches no category rule is judged C ("scale not recorded"). */
static const struct tier_rule {
	const char *tier;
	const char *category;
	int64_t min_tonnes;
	const char *why;
} tier_rules[] = {
	{"A", "government", -1, "government unit"},
	{"A", NULL, 20000, "20000 t or more"},
	{"B", NULL, 10000, "10000 to 19999 t"},
	{"C", NULL, 0, "under 10000 t"},
};
#define UNKNOWN_SCALE_TIER "C"

/* Which customers have an archive to keep. */
static const char *
scope(int all)
{
	return all ? "1" : "c.stage IN ('handover', 'customer')";
}

static void
cell_text(struct out *o, const char *s)
{
	out_cell(o, s ? CELL_STR : CELL_NULL, s);
}

/* A file problem: a row with no customer. */
static void
report_file(const char *what, void *arg)
{
	struct out *o = arg;

	out_cell(o, CELL_NULL, NULL);
	out_cell(o, CELL_NULL, NULL);
	out_cell(o, CELL_NULL, NULL);
	out_cell(o, CELL_STR, what);
	out_endrow(o);
}

static int
check_archives(int all)
{
	static const char *const cols[] = {"customer_id", "code", "customer",
		"problem"};
	struct buf sql = {0};
	struct out *o = out_stdout();
	db_stmt *s;
	size_t i;
	int n;

	out_header(o, 4, cols);
	n = db_integrity(report_file, o);
	for (i = 0; i < sizeof gaps / sizeof gaps[0]; i++)
		buf_printf(&sql, "%sSELECT c.id, c.code, c.name, '%s', %zu"
		    " FROM customers c WHERE %s AND %s", i ? " UNION ALL " : "",
		    gaps[i].problem, i, scope(all), gaps[i].missing);
	buf_adds(&sql, " ORDER BY 1, 5");
	s = db_prepare(sql.s);
	while (db_step(s)) {
		out_cell(o, CELL_NUM, db_text(s, 0));
		cell_text(o, db_text(s, 1));
		cell_text(o, db_text(s, 2));
		cell_text(o, db_text(s, 3));
		out_endrow(o);
		n++;
	}
	db_finalize(s);
	out_finish(o);
	buf_free(&sql);
	return n;
}

/* The tier the rules give, with the reason in WHY. */
static const char *
expected_tier(const char *category, int known, int64_t tonnes, struct buf *why)
{
	size_t i;

	for (i = 0; i < sizeof tier_rules / sizeof tier_rules[0]; i++) {
		const struct tier_rule *r = &tier_rules[i];

		if (r->category && category && !strcmp(r->category, category)) {
			buf_adds(why, r->why);
			return r->tier;
		}
		if (r->min_tonnes >= 0 && known && tonnes >= r->min_tonnes) {
			buf_printf(why, "scale %lld t, %s", (long long)tonnes,
			    r->why);
			return r->tier;
		}
	}
	buf_adds(why, "scale not recorded");
	return UNKNOWN_SCALE_TIER;
}

static int
check_tiers(int all)
{
	static const char *const cols[] = {"customer_id", "code", "customer",
		"tier", "expected", "reason"};
	struct buf sql = {0}, why = {0};
	struct out *o = out_stdout();
	const char *want;
	db_stmt *s;
	int n = 0;

	out_header(o, 6, cols);
	buf_printf(&sql, "SELECT c.id, c.code, c.name, c.tier, c.category,"
	    " c.scale_tonnes FROM customers c WHERE %s ORDER BY c.id",
	    scope(all));
	s = db_prepare(sql.s);
	while (db_step(s)) {
		buf_reset(&why);
		want = expected_tier(db_text(s, 4), !db_isnull(s, 5),
		    db_int(s, 5), &why);
		if (!strcmp(want, db_text(s, 3)))
			continue;
		out_cell(o, CELL_NUM, db_text(s, 0));
		cell_text(o, db_text(s, 1));
		cell_text(o, db_text(s, 2));
		cell_text(o, db_text(s, 3));
		cell_text(o, want);
		cell_text(o, buf_str(&why));
		out_endrow(o);
		n++;
	}
	db_finalize(s);
	out_finish(o);
	buf_free(&sql);
	buf_free(&why);
	return n;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{"tiers", 0, 0, 't'},
		{"all", 0, 0, 'a'},
		{0, 0, 0, 0}
	};
	int c, tiers = 0, all = 0, n;

	crm_start(argc, argv, usage);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		switch (c) {
		case 't':
			tiers = 1;
			break;
		case 'a':
			all = 1;
			break;
		default:
			usage_exit(EX_USAGE);
		}
	}
	if (optind != argc)
		usage_exit(EX_USAGE);
	db_open();
	n = tiers ? check_tiers(all) : check_archives(all);
	return n ? EX_NOTFOUND : 0;
}
