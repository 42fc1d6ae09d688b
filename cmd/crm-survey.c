/* crm-survey - the satisfaction surveys that measure service: the
 * rulebook's four callback questions, asked on a form, by letter, on a
 * visit or by phone.  What an answer may be and how a survey ties to a
 * complaint are the library's (lib/model.c, lib/rules.c). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	"usage: crm-survey add -c CUSTOMER [--service-score 1..5]\n"
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
	"that is a staff member.\n";

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
	size_t i;
	int64_t id;

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
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (val[i])
			record_need(&r, fields[i], val[i]);
	db_begin();
	id = record_add(&r);
	db_commit();
	print_id(id);
	record_clear(&r);
	return 0;
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
	int i, *day[2];

	memset(&sf, 0, sizeof sf);
	opt_values(argc, argv, lo, val, f);
	if (optind != argc)
		usage_exit(EX_USAGE);
	day[0] = &sf.from;
	day[1] = &sf.to;
	for (i = 0; i < 2; i++) {
		*day[i] = INT_MIN;
		if (val[4 + i] && date_arg(val[4 + i], day[i]) < 0)
			die(EX_USAGE, "--%s: '%s' is not a valid date "
			    "YYYY-MM-DD", lo[4 + i].name, val[4 + i]);
	}
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
