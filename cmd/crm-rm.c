/* crm-rm - remove records that nothing refers to (a mistyped login, test
 * rows imported by mistake), each removal logged with all its old values. */
#include <stdlib.h>

#include "crm.h"

/* The TABLE lines follow, from the library's list. */
static const char usage_head[] =
	N_("usage: crm-rm [-d DB] [--as LOGIN] TABLE ID...|-\n"
	"A customer is named by id or code, a staff member by login, anything\n"
	"else by id; - reads them from stdin, one a line.  All or nothing.\n");

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
	int64_t id, *found = NULL;
	char **names = NULL;
	size_t n = 0, i;
	int c, bad = 0, missing = 0;

	/* The language first: the head is translated, then the TABLE
	 * lines (names, never translated) follow, and usage_exit finds no
	 * other translation of the whole. */
	crm_start(argc, argv, usage_head);
	buf_adds(&usage, _(usage_head));
	entity_tables_usage(&usage);
	opt.usage = usage.s;
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1)
		if (!common_option(c, optarg))
			usage_exit(EX_USAGE);
	if (argc - optind < 2) {
		if (optind == argc)
			warn("needs a TABLE");
		else
			warn("needs an ID, or - to read ids");
		usage_exit(EX_USAGE);
	}
	e = entity_need(argv[optind]);
	db_open();
	db_begin();
	/* Every record named is found first (one named twice, by id and by
	 * code, is removed once), then in the order given each unknown one
	 * and each refusal is reported, and nothing is removed if any. */
	ids_init(&it, argc - optind - 1, argv + optind + 1);
	while ((text = ids_next(&it))) {	/* none on stdin: nothing */
		id = record_lookup(e, text);
		found = xrealloc(found, (n + 1) * sizeof *found);
		names = xrealloc(names, (n + 1) * sizeof *names);
		found[n] = id && ids_seen(&it, id) ? -1 : id;
		names[n++] = xstrdup(text);
	}
	for (i = 0; i < n; i++) {
		buf_reset(&err);
		if (!found[i]) {
			warn("no %s '%s'", entity_label(e->name), names[i]);
			missing = 1;
		} else if (found[i] > 0 && record_remove(e, found[i], &err) < 0) {
			warn("cannot remove %s '%s': %s", entity_label(e->name),
			    names[i],
			    buf_str(&err));
			bad = 1;
		}
		free(names[i]);
	}
	free(found);
	free(names);
	buf_free(&err);
	buf_free(&usage);
	if (bad || missing) {
		db_rollback();
		return bad ? EX_DATAERR : EX_NOTFOUND;
	}
	db_commit();
	return 0;
}
