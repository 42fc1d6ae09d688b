/* crm-report - the reports managers read (SPEC section 7): each one
 * table, in every output format.  What each report counts and how it
 * groups is the library's (lib/report.c). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-report SUBJECT [--by GROUP] [--month YYYY-MM]\n"
	"         [--week YYYY-Www] [--quarter YYYY-Qn] [--year YYYY]\n"
	"         [--from DATE] [--to DATE]\n"
	"         [--days N] [--detail] [-o FORMAT]\n"
	"Common options: [-d DB] [--today DATE]\n"
	"SUBJECT: tiers [--by {by.tiers}]\n"
	"         complaints [--by {by.complaints}]\n"
	"         satisfaction [--by {by.satisfaction}]\n"
	"         funnel\n"
	"         churn [--days N] (default 90)\n"
	"         kpi --month YYYY-MM\n"
	"         visits --month YYYY-MM|--quarter YYYY-Qn|--year YYYY\n"
	"           [--detail]\n"
	"         summary --month YYYY-MM|--week YYYY-Www\n"
	"           (-o table, tsv, csv, json or html)\n"
	"--month, --from and --to bound complaints (the day received) and\n"
	"satisfaction (the survey's date).\n");

int
main(int argc, char **argv)
{
	static const struct option lo[] = {
		{"by", 1, 0, 'b'}, {"month", 1, 0, 'M'}, {"from", 1, 0, 'F'},
		{"to", 1, 0, 'T'}, {"days", 1, 0, 'D'}, {"quarter", 1, 0, 'Q'},
		{"year", 1, 0, 'Y'}, {"detail", 0, 0, 'E'}, {"week", 1, 0, 'W'},
		{0, 0, 0, 0}
	};
	const char *val[OPT_VALUES_MAX] = {0};
	struct report_opts o;
	struct buf names = {0};
	int first = INT_MIN, last = INT_MIN;

	crm_start(argc, argv, usage);
	opt.html = 1;
	opt_values(argc, argv, lo, val, NULL);
	if (optind != argc - 1) {
		warn("needs one SUBJECT");
		usage_exit(EX_USAGE);
	}
	memset(&o, 0, sizeof o);
	o.by = val[0];
	o.from = opt_date(lo[2].name, val[2]);
	o.to = opt_date(lo[3].name, val[3]);
	/* One period: --month, --quarter or --year, else --from/--to. */
	if (!!val[1] + !!val[5] + !!val[6] + !!val[8] + !!(val[2] || val[3])
	    > 1)
		die(EX_USAGE, "one of --month, --week, --quarter, --year or "
		    "--from/--to");
	if (val[1]) {
		if (month_parse(val[1], &first, &last) < 0)
			die(EX_USAGE, "--month: '%s' is not a month YYYY-MM",
			    val[1]);
		o.month = 1;
		o.period = PERIOD_MONTH + 1;
	} else if (val[5]) {
		if (quarter_parse(val[5], &first, &last) < 0)
			die(EX_USAGE, "--quarter: '%s' is not a quarter "
			    "YYYY-Qn", val[5]);
		o.period = PERIOD_QUARTER + 1;
	} else if (val[6]) {
		if (year_parse(val[6], &first, &last) < 0)
			die(EX_USAGE, "--year: '%s' is not a year YYYY",
			    val[6]);
		o.period = PERIOD_YEAR + 1;
	} else if (val[8]) {
		if (week_parse(val[8], &first, &last) < 0)
			die(EX_USAGE, "--week: '%s' is not a week YYYY-Www "
			    "(W01 to W52, or W53 in a year that has it)",
			    val[8]);
		o.week = 1;
	}
	if (o.period || o.week) {
		o.from = first;
		o.to = last;
	}
	if (o.from != INT_MIN && o.to != INT_MIN && o.from > o.to)
		die(EX_USAGE, "--from is after --to");
	o.detail = val[7] != NULL;
	o.days = 90;
	o.days_given = val[4] != NULL;
	if (val[4] && int_parse(val[4], 0, 36600, &o.days) < 0)
		die(EX_USAGE, "--days: '%s' is not a whole number of days",
		    val[4]);
	db_open();
	if (report_run(argv[optind], &o) < 0) {
		report_names(&names);
		die(EX_USAGE, "no report '%s': the reports are %s",
		    argv[optind], buf_str(&names));
	}
	buf_free(&names);
	out_check(stdout);
	return 0;
}
