/* crm-check - is the database sound and is every archive complete?
 * With --tiers: does every customer's tier follow the rulebook? */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-check [-d DB] [--all] [-o FORMAT] [--no-header]\n"
	"       crm-check [-d DB] --tiers [--all] [-o FORMAT] [--no-header]\n"
	"Checks the file (integrity, foreign keys) and the archives of customers\n"
	"at stage handover or customer (--all: every stage).  Exits 1 when it\n"
	"finds a problem.\n");

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

static void
gap_row(db_stmt *row, void *arg)
{
	struct out *o = arg;

	out_cell(o, CELL_NUM, db_text(row, 0));
	cell_text(o, db_text(row, 1));
	cell_text(o, db_text(row, 2));
	cell_text(o, db_text(row, 3));
	out_endrow(o);
}

static int
check_archives(int all)
{
	static const char *const cols[] = {"customer_id", "code", "customer",
		"problem"};
	struct out *o = out_stdout();
	long n;

	out_header(o, 4, cols);
	/* Reasons in a machine format are the same in every locale. */
	i18n_machine(!out_for_people(o));
	n = db_integrity(report_file, o);
	n += db_layout(report_file, o);
	n += archive_gaps(all, gap_row, o);
	i18n_machine(0);
	out_finish(o);
	return n > 0;
}

static void
tier_row(db_stmt *row, const char *want, const char *why, void *arg)
{
	struct out *o = arg;

	out_cell(o, CELL_NUM, db_text(row, 0));
	cell_text(o, db_text(row, 1));
	cell_text(o, db_text(row, 2));
	cell_text(o, db_text(row, 3));
	cell_text(o, want);
	cell_text(o, why);
	out_endrow(o);
}

static int
check_tiers(int all)
{
	static const char *const cols[] = {"customer_id", "code", "customer",
		"tier", "expected", "reason"};
	struct out *o = out_stdout();
	long n;

	out_header(o, 6, cols);
	i18n_machine(!out_for_people(o));
	n = archive_tiers(all, tier_row, o);
	i18n_machine(0);
	out_finish(o);
	return n > 0;
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
