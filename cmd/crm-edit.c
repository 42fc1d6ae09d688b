/* crm-edit - change fields of one or more customers, all or nothing. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-edit [-d DB] [--as LOGIN] ID|CODE|- ... --FIELD VALUE ...\n"
	"  fields: {options.customers}\n"
	"  --FIELD '' clears an optional field; - reads ids from stdin.\n"
	"Prints nothing; every changed field goes to the change log.\n");

int
main(int argc, char **argv)
{
	const struct entity *e = entity_find("customers");
	const char *idtext;
	struct fieldargs fa;
	struct record r;
	struct ids it;
	int64_t *ids, id;
	int nids = 0, capids = 16, bad, missing = 0;

	crm_start(argc, argv, usage);
	field_args(e, argc, argv, NULL, NULL, NULL, NULL, &fa);
	if (optind == argc || fa.n == 0) {
		if (optind == argc)
			warn("no customer given");
		else
			warn("nothing to change");
		usage_exit(EX_USAGE);
	}
	db_open();

	/* Every value is checked, each bad one reported, before any id. */
	record_init(&r, e);
	bad = field_fill(&r, &fa, 1);
	field_args_free(&fa);
	if (bad) {
		record_clear(&r);
		return EX_DATAERR;
	}

	/* Then every customer is resolved, each unknown one reported. */
	ids = xcalloc((size_t)capids, sizeof *ids);
	ids_init(&it, argc - optind, argv + optind);
	while ((idtext = ids_next(&it))) {
		if (!(id = customer_lookup(idtext))) {
			if (it.reading_stdin)
				warn("stdin:%ld: no customer '%s'", it.lineno,
				    idtext);
			else
				warn("no customer '%s'", idtext);
			missing = 1;
			continue;
		}
		if (nids == capids) {
			capids *= 2;
			ids = xrealloc(ids, (size_t)capids * sizeof *ids);
		}
		ids[nids++] = id;
	}
	if (missing) {
		record_clear(&r);
		free(ids);
		return EX_NOTFOUND;
	}

	db_begin();
	for (bad = 0; bad < nids; bad++)
		record_edit(&r, ids[bad]);
	db_commit();
	record_clear(&r);
	free(ids);
	out_check(stdout);
	return 0;
}
