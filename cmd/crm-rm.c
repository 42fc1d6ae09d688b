/* crm-rm - remove records that nothing refers to (a mistyped login, test
 * rows imported by mistake), each removal logged with all its old values. */
#include <stdlib.h>

#include "crm.h"

/* The TABLE lines follow, from the library's list. */
static const char usage_head[] =
	"usage: crm-rm [-d DB] [--as LOGIN] TABLE ID...|-\n"
	"A customer is named by id or code, a staff member by login, anything\n"
	"else by id; - reads them from stdin, one a line.  All or nothing.\n";

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{0, 0, 0, 0}
	};
	const struct entity *e;
	struct buf usage = {0}, err = {0};
	const char *text;
	struct ids it;
	int64_t id;
	int c, bad = 0, missing = 0;

	buf_adds(&usage, usage_head);
	entity_tables_usage(&usage);
	crm_start(argc, argv, usage.s);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1)
		if (!common_option(c, optarg))
			usage_exit(EX_USAGE);
	if (argc - optind < 2) {
		warn(optind == argc ? "needs a TABLE" : "needs an ID, or - to "
		    "read ids");
		usage_exit(EX_USAGE);
	}
	e = entity_need(argv[optind]);
	db_open();
	db_begin();
	/* Each record named is checked and removed; every refusal is
	 * reported, then nothing is removed. */
	ids_init(&it, argc - optind - 1, argv + optind + 1);
	while ((text = ids_next(&it))) {	/* none on stdin: nothing */
		buf_reset(&err);
		if (!(id = record_lookup(e, text))) {
			warn("no %s '%s'", e->name, text);
			missing = 1;
			continue;
		}
		if (record_remove(e, id, &err) < 0) {
			warn("cannot remove %s '%s': %s", e->name, text,
			    buf_str(&err));
			bad = 1;
		}
	}
	buf_free(&err);
	buf_free(&usage);
	if (bad || missing) {
		db_rollback();
		return bad ? EX_DATAERR : EX_NOTFOUND;
	}
	db_commit();
	return 0;
}
