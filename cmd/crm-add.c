/* crm-add - add one customer, or one contact with --contact. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	"usage: crm-add [-d DB] [--as LOGIN] --name NAME [--code CODE] [--tier {customers.tier}]\n"
	"         [--category {customers.category}] [--stage STAGE]\n"
	"         [--owner LOGIN] [--region R] [--address A] [--uscc CODE]\n"
	"         [--credit {customers.credit}] [--credit-note T] [--scale-tonnes N]\n"
	"         [--process P] [--materials M] [--investment 12345.67]\n"
	"         [--industry I] [--source S] [--notes T]\n"
	"         [--customer-since DATE]\n"
	"       crm-add --contact -c CUSTOMER --name NAME [--title T] [--phone P]\n"
	"         [--mobile M] [--email E] [--qq Q] [--wechat W] [--primary[=no]]\n"
	"         [--notes T]\n"
	"Prints the new record's id.\n";

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
	int64_t id;

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
		customer_need(customer);	/* exit 1 when there is none */
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
	db_commit();
	print_id(id);
	record_clear(&r);
	buf_free(&err);
	return 0;
}
