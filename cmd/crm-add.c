/* crm-add - add one customer, or one contact with --contact. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	"usage: crm-add [-d DB] [--as LOGIN] --name NAME [--code CODE] [--tier A|B|C]\n"
	"         [--category government|enterprise|other] [--stage STAGE]\n"
	"         [--owner LOGIN] [--region R] [--address A] [--uscc CODE]\n"
	"         [--credit A|B|C|D] [--credit-note T] [--scale-tonnes N]\n"
	"         [--process P] [--materials M] [--investment 12345.67]\n"
	"         [--industry I] [--source S] [--notes T]\n"
	"       crm-add --contact -c CUSTOMER --name NAME [--title T] [--phone P]\n"
	"         [--mobile M] [--email E] [--qq Q] [--wechat W] [--primary[=no]]\n"
	"         [--notes T]\n"
	"Prints the new record's id.\n";

/* The first contact of a customer becomes its primary contact unless
 * --primary=no; a new primary contact takes the flag from the others. */
static void
primary_contact(int64_t customer, int64_t id, int given, int primary)
{
	const struct entity *e = entity_find("contacts");
	struct buf err = {0};
	struct record r;
	db_stmt *s;

	record_init(&r, e);
	if (!given) {
		s = db_prepare("SELECT count(*) FROM contacts WHERE customer = ?");
		db_bind_int(s, 1, customer);
		db_step(s);
		primary = db_int(s, 0) == 1;
		db_finalize(s);
		if (primary) {
			record_set(&r, "primary", "yes", &err);
			record_update(&r, id);
		}
	}
	if (primary) {
		s = db_prepare("SELECT id FROM contacts WHERE customer = ? AND "
		    "\"primary\" = 1 AND id <> ?");
		db_bind_int(s, 1, customer);
		db_bind_int(s, 2, id);
		record_set(&r, "primary", "no", &err);
		while (db_step(s))
			record_update(&r, db_int(s, 0));
		db_finalize(s);
	}
	record_clear(&r);
	buf_free(&err);
}

int
main(int argc, char **argv)
{
	static const struct option own[] = {
		{"contact", 0, 0, 'k'},
		{0, 0, 0, 0}
	};
	const struct entity *e = entity_find("customers");
	const struct field *f;
	struct option *longopts;
	const struct field **fields;
	const char **values;
	struct record r;
	struct buf err = {0};
	const char *customer = NULL;
	int c, i, n = 0, contact = 0, bad = 0;
	int64_t id, cust = 0;

	crm_start(argc, argv, usage);
	/* --contact switches the table before the field options are read. */
	for (i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--contact"))
			contact = 1;
	if (contact)
		e = entity_find("contacts");
	record_init(&r, e);
	longopts = field_options(e, own, F_RO);
	fields = xcalloc((size_t)argc, sizeof *fields);
	values = xcalloc((size_t)argc, sizeof *values);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS "c:", longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg) || c == 'k')
			continue;
		if (c == 'c' && contact)
			customer = optarg;
		else if ((f = field_option(e, c)) && f->type != FT_CUSTOMER) {
			fields[n] = f;
			values[n++] = field_optarg(f, argc, argv);
		} else
			usage_exit(EX_USAGE);
	}
	if (optind != argc)
		usage_exit(EX_USAGE);
	if (contact && !customer)
		die(EX_USAGE, "--contact needs -c CUSTOMER");
	db_open();
	if (contact) {
		cust = customer_need(customer);
		record_set(&r, "customer", customer, &err);
	}
	/* Every bad value is reported, then nothing is written. */
	for (i = 0; i < n; i++) {
		buf_reset(&err);
		if (record_set(&r, fields[i]->name, values[i], &err) < 0) {
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
	db_begin();
	id = record_add(&r);
	if (contact) {
		int primary = 0;

		for (i = 0; i < r.n; i++)
			if (!strcmp(r.f[i]->name, "primary"))
				primary = !r.v[i].null && r.v[i].i;
		primary_contact(cust, id, record_has(&r, "primary"), primary);
	}
	db_commit();
	print_id(id);
	record_clear(&r);
	buf_free(&err);
	return 0;
}
