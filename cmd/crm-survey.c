/* crm-survey - the satisfaction surveys that measure service: the
 * rulebook's four callback questions, asked on a form, by letter, on a
 * visit or by phone.  What an answer may be and how a survey ties to a
 * complaint are the library's (lib/model.c, lib/rules.c). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-survey add -c CUSTOMER [--service-score 1..5]\n"
	"         [--operation-ok yes|no] [--staff-score 1..5]\n"
	"         [--suggestion TEXT] [--channel CHANNEL] [--date DATE]\n"
	"         [--complaint ID] [--by LOGIN]\n"
	"       crm-survey list [-c CUSTOMER,...] [--channel CHANNEL,...]\n"
	"         [--staff LOGIN,...] [--complaint ID,...] [--from DATE]\n"
	"         [--to DATE] [-o FORMAT]\n"
	"Common options: [-d DB] [--as LOGIN] [--today DATE]\n"
	"CHANNEL: {surveys.channel}\n"
	"The questions: Are you satisfied with our service (--service-score)?\n"
	"Is your wastewater operation running normally (--operation-ok)?  Are\n"
	"you satisfied with our operations staff (--staff-score)?  Any\n"
	"suggestions (--suggestion)?  At least one is answered.  add prints the\n"
	"survey's id; --date defaults to today, --by to the acting user when\n"
	"that is a staff member.\n");

#define MAXOPTS OPT_VALUES_MAX

static int
survey_add(int argc, char **argv)
{
	static const struct option lo[] = {
		{"customer", 1, 0, 'c'}, {"service-score", 1, 0, 's'},
		{"operation-ok", 1, 0, 'O'}, {"staff-score", 1, 0, 't'},
		{"suggestion", 1, 0, 'g'}, {"channel", 1, 0, 'C'},
		{"date", 1, 0, 'D'}, {"complaint", 1, 0, 'k'},
		{"by", 1, 0, 'b'}, {0, 0, 0, 0}
	};
	static const char *const fields[] = {"customer", "service_score",
		"operation_ok", "staff_score", "suggestion", "channel", "date",
		"complaint", "staff"};
	const char *val[MAXOPTS] = {0};
	struct record r;

	opt_values(argc, argv, lo, val, NULL);
	if (!val[0])
		warn("add needs -c CUSTOMER");
	if (!val[0] || optind != argc)
		usage_exit(EX_USAGE);
	db_open();
	customer_need(val[0]);	/* exit 1 when there is none */
	if (!val[6])
		val[6] = "today";
	if (!val[8] && staff_exists(crm_user()))
		val[8] = crm_user();
	record_init(&r, entity_find("surveys"));
	record_need_each(&r, fields, val, sizeof fields / sizeof fields[0]);
	return record_add_print(&r);
}

static int
survey_list(int argc, char **argv)
{
	static const struct option lo[] = {
		{"customer", 1, 0, 'c'}, {"channel", 1, 0, 'C'},
		{"staff", 1, 0, 's'}, {"complaint", 1, 0, 'k'},
		{"from", 1, 0, 'F'}, {"to", 1, 0, 'T'}, {0, 0, 0, 0}
	};
	const char *val[MAXOPTS] = {0};
	struct filter f[MAXOPTS] = {{0}};
	struct survey_filter sf;
	int i;

	memset(&sf, 0, sizeof sf);
	opt_values(argc, argv, lo, val, f);
	if (optind != argc)
		usage_exit(EX_USAGE);
	sf.from = opt_date(lo[4].name, val[4]);
	sf.to = opt_date(lo[5].name, val[5]);
	db_open();
	customer_ids(&f[0], &sf.customer);
	sf.channel = f[1];
	sf.staff = f[2];
	sf.complaint = f[3];
	surveys_print(&sf);
	filter_free(&sf.customer);
	for (i = 0; i < MAXOPTS; i++)
		filter_free(&f[i]);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct subcmd verbs[] = {
		{"add", survey_add}, {"list", survey_list}, {NULL, NULL}
	};

	crm_start(argc, argv, usage);
	return subcmd_run(verbs, argc, argv);
}
