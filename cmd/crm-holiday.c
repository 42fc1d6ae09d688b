/* crm-holiday - the holiday calendar behind holiday callbacks. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	"usage: crm-holiday add NAME DATE [--window-days N] [--tiers ABC]\n"
	"       crm-holiday list [--year YYYY] [-o FORMAT] [--no-header]\n"
	"Common options: [-d DB] [--as LOGIN]\n"
	"add prints the new holiday's id.\n";

enum { OPT_WINDOW = OPT_PROGRAM, OPT_TIERS, OPT_YEAR };

static int
holiday_add(const char *name, const char *date, const char *window,
    const char *tiers)
{
	struct record r;
	struct buf err = {0};
	char *dflt = NULL;
	db_stmt *s;
	int64_t id;
	int bad = 0;

	db_open();
	record_init(&r, entity_find("holidays"));
	if (!window)	/* the setting, else the schema's default */
		window = dflt = xasprintf("%lld", (long long)setting_int(
		    "holiday.window_days", 7));
#define SET(f, v) \
	do { \
		buf_reset(&err); \
		if (record_set(&r, f, v, &err) < 0) { \
			warn("%s", buf_str(&err)); \
			bad = 1; \
		} \
	} while (0)
	SET("name", name);
	SET("date", date);
	SET("window_days", window);
	SET("tiers", tiers ? tiers : "ABC");
#undef SET
	if (bad) {
		record_clear(&r);
		buf_free(&err);
		free(dflt);
		return EX_DATAERR;
	}
	db_begin();
	s = db_prepare("SELECT id FROM holidays WHERE date = ? AND name = ?");
	db_bind_text(s, 1, date);
	db_bind_text(s, 2, name);
	if (db_step(s))
		die(EX_DATAERR, "holiday '%s' on %s already exists (id %lld)",
		    name, date, (long long)db_int(s, 0));
	db_finalize(s);
	id = record_add(&r);
	db_commit();
	print_id(id);
	record_clear(&r);
	buf_free(&err);
	free(dflt);
	return 0;
}

static int
holiday_list(const char *year)
{
	struct query q = {0};
	int first, last;

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
	db_print(query_prepare(&q), NULL);
	query_free(&q);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{"window-days", 1, 0, OPT_WINDOW},
		{"tiers", 1, 0, OPT_TIERS},
		{"year", 1, 0, OPT_YEAR},
		{0, 0, 0, 0}
	};
	const char *window = NULL, *tiers = NULL, *year = NULL;
	int c;

	crm_start(argc, argv, usage);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		switch (c) {
		case OPT_WINDOW:
			window = optarg;
			break;
		case OPT_TIERS:
			tiers = optarg;
			break;
		case OPT_YEAR:
			year = optarg;
			break;
		default:
			usage_exit(EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 3 && !strcmp(argv[0], "add") && !year)
		return holiday_add(argv[1], argv[2], window, tiers);
	if (argc == 1 && !strcmp(argv[0], "list") && !window && !tiers)
		return holiday_list(year);
	if (argc >= 1 && argc < 3 && !strcmp(argv[0], "add"))
		warn("add needs a NAME and a DATE");
	usage_exit(EX_USAGE);
}
