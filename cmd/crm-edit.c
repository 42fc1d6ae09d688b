/* crm-edit - change fields of one or more customers, all or nothing. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	"usage: crm-edit [-d DB] [--as LOGIN] ID|CODE|- ... --FIELD VALUE ...\n"
	"  fields: {options.customers}\n"
	"  --FIELD '' clears an optional field; - reads ids from stdin.\n"
	"Prints nothing; every changed field goes to the change log.\n";

int
main(int argc, char **argv)
{
	const struct entity *e = entity_find("customers");
	const struct field *f, **fields;
	const char **values, *idtext;
	struct option *longopts;
	struct record r;
	struct buf err = {0};
	struct ids it;
	int64_t *ids, id;
	int c, i, n = 0, nids = 0, capids = 16, bad = 0, missing = 0;

	crm_start(argc, argv, usage);
	longopts = field_options(e, NULL, F_RO);
	fields = xcalloc((size_t)argc, sizeof *fields);
	values = xcalloc((size_t)argc, sizeof *values);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		if (!(f = field_option(e, c)))
			usage_exit(EX_USAGE);
		fields[n] = f;
		values[n++] = field_optarg(f, argc, argv);
	}
	if (optind == argc || n == 0) {
		warn("%s", optind == argc ? "no customer given"
		    : "nothing to change");
		usage_exit(EX_USAGE);
	}
	db_open();

	/* Every value is checked, each bad one reported, before any id. */
	record_init(&r, e);
	for (i = 0; i < n; i++) {
		buf_reset(&err);
		if (!*values[i] && field_notnull(fields[i])) {
			warn("%s: a value is required, it cannot be cleared",
			    fields[i]->name);
			bad = 1;
		} else if (record_set(&r, fields[i]->name, values[i], &err) < 0) {
			warn("%s", buf_str(&err));
			bad = 1;
		}
	}
	free(fields);
	free(values);
	field_options_free(longopts);
	if (bad) {
		record_clear(&r);
		buf_free(&err);
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
		buf_free(&err);
		free(ids);
		return EX_NOTFOUND;
	}

	db_begin();
	for (i = 0; i < nids; i++)
		record_edit(&r, ids[i]);
	db_commit();
	record_clear(&r);
	buf_free(&err);
	free(ids);
	out_check(stdout);
	return 0;
}
