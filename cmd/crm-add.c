/* crm-add - add one customer, or one contact with --contact. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-add [-d DB] [--as LOGIN] --name NAME [--code CODE] [--tier {customers.tier}]\n"
	"         [--category {customers.category}] [--stage STAGE]\n"
	"         [--owner LOGIN] [--region R] [--address A] [--uscc CODE]\n"
	"         [--credit {customers.credit}] [--credit-note T] [--scale-tonnes N]\n"
	"         [--process P] [--materials M] [--investment 12345.67]\n"
	"         [--industry I] [--source S] [--notes T]\n"
	"         [--customer-since DATE]\n"
	"       crm-add --contact -c CUSTOMER --name NAME [--title T] [--phone P]\n"
	"         [--mobile M] [--email E] [--qq Q] [--wechat W] [--primary[=no]]\n"
	"         [--notes T]\n"
	"Prints the new record's id.\n");

/* -c CUSTOMER, with --contact. */
static void
own(int c, const char *arg, void *ctx)
{
	if (c == 'c')
		*(const char **)ctx = arg;
	else if (c != 'k')
		usage_exit(EX_USAGE);
}

int
main(int argc, char **argv)
{
	static const struct option contact_opt[] = {
		{"contact", 0, 0, 'k'},
		{0, 0, 0, 0}
	};
	const struct entity *e = entity_find("customers");
	const char *customer = NULL;
	struct fieldargs fa;
	struct record r;
	int i, contact = 0, bad;

	crm_start(argc, argv, usage);
	/* --contact switches the table before the field options are read. */
	for (i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--contact"))
			contact = 1;
	if (contact)
		e = entity_find("contacts");
	field_args(e, argc, argv, "c:", contact_opt, own, &customer, &fa);
	/* The customer is named by -c, not by a field option. */
	for (i = 0; i < fa.n; i++)
		if (fa.f[i]->type == FT_CUSTOMER)
			usage_exit(EX_USAGE);
	if (optind != argc || (customer && !contact))
		usage_exit(EX_USAGE);
	if (contact && !customer)
		die(EX_USAGE, "--contact needs -c CUSTOMER");
	db_open();
	record_init(&r, e);
	if (contact) {
		customer_need(customer);	/* exit 1 when there is none */
		record_need(&r, "customer", customer);
	}
	/* Every bad value is reported, then nothing is written. */
	bad = field_fill(&r, &fa, 0);
	field_args_free(&fa);
	if (bad) {
		record_clear(&r);
		return EX_DATAERR;
	}
	return record_add_print(&r);
}
