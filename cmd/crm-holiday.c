/* crm-holiday - the holiday calendar behind holiday callbacks. */
#include <stdlib.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-holiday add NAME DATE [--window-days N] [--tiers TIERS]\n"
	"       crm-holiday add --name NAME --date DATE [--window-days N]\n"
	"         [--tiers TIERS]\n"
	"       crm-holiday list [--year YYYY] [-o FORMAT] [--no-header]\n"
	"Common options: [-d DB] [--as LOGIN]\n"
	"TIERS: letters of {customers.tier}, all by default; the window is\n"
	"setting holiday.window_days unless given.  add prints the new\n"
	"holiday's id.\n");

enum { OPT_YEAR = OPT_PROGRAM };

/* add's operands: the columns they give, in order. */
static const struct {
	const char *field, *word;
} operands[] = {
	{"name", "NAME"}, {"date", "DATE"},
};
#define NOPERANDS (sizeof operands / sizeof operands[0])

/* add: every column as an option (--name, --date, --window-days,
 * --tiers, from the column table), or NAME and DATE as operands. */
static int
holiday_add(int argc, char **argv)
{
	const struct entity *e = entity_find("holidays");
	const struct field *f;
	const char *name, *date;
	struct fieldargs fa;
	struct record r;
	db_stmt *s;
	int64_t id;
	int bad;
	size_t i;

	field_args(e, argc, argv, NULL, NULL, NULL, NULL, &fa);
	if ((size_t)(argc - optind) > NOPERANDS)
		usage_exit(EX_USAGE);
	/* Operands fill, in order, the columns not given as options
	 * (add --name 元旦 2027-01-01); one too many names the clash. */
	for (i = 0; optind < argc; i++, optind++) {
		while (i + 1 < NOPERANDS && argc - optind < (int)(NOPERANDS - i)
		    && field_arg(&fa, operands[i].field))
			i++;
		if (field_arg(&fa, operands[i].field))
			die(EX_USAGE, "give %s or --%s, not both",
			    operands[i].word, operands[i].field);
		f = entity_field(e, operands[i].field);
		field_arg_add(&fa, f, argv[optind]);
	}
	name = field_arg(&fa, "name");
	date = field_arg(&fa, "date");
	if (!name || !date) {
		warn("add needs a NAME and a DATE");
		usage_exit(EX_USAGE);
	}
	db_open();
	/* Every value given is checked, each bad one reported; the others
	 * take their defaults in the library. */
	record_init(&r, e);
	bad = field_fill(&r, &fa, 0);
	if (bad) {
		field_args_free(&fa);
		record_clear(&r);
		return EX_DATAERR;
	}
	/* As stored: today+2 is a date by now. */
	name = record_text(&r, "name");
	date = record_text(&r, "date");
	db_begin();
	s = db_prepare("SELECT id FROM holidays WHERE date = ? AND name = ?");
	db_bind_text(s, 1, date);
	db_bind_text(s, 2, name);
	if (db_step(s))
		die(EX_DATAERR, "holiday '%s' on %s already exists (id %lld)",
		    name, date, (long long)db_int(s, 0));
	db_finalize(s);
	id = record_add(&r);
	print_id(id);	/* before the commit: see print_id */
	db_commit();
	record_clear(&r);
	field_args_free(&fa);
	return 0;
}

static int
holiday_list(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{"year", 1, 0, OPT_YEAR},
		{0, 0, 0, 0}
	};
	const char *year = NULL;
	struct query q = {0};
	int c, first, last;

	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		if (c != OPT_YEAR)
			usage_exit(EX_USAGE);
		year = optarg;
	}
	if (optind != argc)
		usage_exit(EX_USAGE);
	if (year && year_parse(year, &first, &last) < 0)
		die(EX_USAGE, "--year: '%s' is not a year YYYY", year);
	db_open();
	query_sql(&q, "SELECT id, name, date, window_days, tiers FROM holidays"
	    " WHERE 1");
	if (year) {
		query_date(&q, " AND date BETWEEN ?", first);
		query_date(&q, " AND ?", last);
	}
	query_sql(&q, " ORDER BY date, id");
	out_list_of(entity_find("holidays"));
	db_print(query_prepare(&q), NULL);
	query_free(&q);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct subcmd cmds[] = {
		{"add", holiday_add}, {"list", holiday_list}, {NULL, NULL}
	};

	crm_start(argc, argv, usage);
	return subcmd_run(cmds, argc, argv);
}
