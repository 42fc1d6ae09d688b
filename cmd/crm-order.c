/* crm-order - the orders and contracts of customers: record one, list
 * them.  What an order is (its kinds, the kind it has when none is given,
 * the amount in whole fen) and the rules a new one meets are the
 * library's (lib/model.c, lib/rules.c); the list is lib/order.c's. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-order add -c CUSTOMER --amount AMOUNT [--kind KIND]\n"
	"         [--date DATE] [--description TEXT]\n"
	"       crm-order list [-c CUSTOMER,...] [--kind KIND,...] [--from DATE]\n"
	"         [--to DATE] [-o FORMAT]\n"
	"Common options: [-d DB] [--as LOGIN] [--today DATE]\n"
	"KIND: {orders.kind}\n"
	"An AMOUNT is in yuan with at most two decimals (12345.67).  A DATE may\n"
	"be YYYY-MM-DD, today, today+N or today-N.  add prints the order's id;\n"
	"--date defaults to today.  The filters of list may be repeated or hold\n"
	"comma-separated values (any of them matches).\n");

#define MAXOPTS OPT_VALUES_MAX

static int
order_add(int argc, char **argv)
{
	static const struct option lo[] = {
		{"customer", 1, 0, 'c'}, {"kind", 1, 0, 'k'},
		{"date", 1, 0, 'D'}, {"amount", 1, 0, 'a'},
		{"description", 1, 0, 'n'}, {0, 0, 0, 0}
		/* none of them a common option's letter (d o h V) */
	};
	static const char *const fields[] = {"customer", "kind", "date",
		"amount", "description"};
	const char *val[MAXOPTS] = {0};
	struct record r;

	opt_values(argc, argv, lo, val, NULL);
	if (!val[0])
		warn("add needs -c CUSTOMER");
	else if (!val[3])
		warn("add needs --amount AMOUNT");
	if (!val[0] || !val[3] || optind != argc)
		usage_exit(EX_USAGE);
	db_open();
	customer_need(val[0]);	/* exit 1 when there is none */
	if (!val[2])
		val[2] = "today";
	record_init(&r, entity_find("orders"));
	record_need_each(&r, fields, val, sizeof fields / sizeof fields[0]);
	return record_add_print(&r);
}

static int
order_list(int argc, char **argv)
{
	static const struct option lo[] = {
		{"customer", 1, 0, 'c'}, {"kind", 1, 0, 'k'},
		{"from", 1, 0, 'F'}, {"to", 1, 0, 'T'}, {0, 0, 0, 0}
	};
	const char *val[MAXOPTS] = {0};
	struct filter f[MAXOPTS] = {{0}};
	struct filter customer = {0};
	int from, to, i;

	opt_values(argc, argv, lo, val, f);
	if (optind != argc)
		usage_exit(EX_USAGE);
	from = opt_date(lo[2].name, val[2]);
	to = opt_date(lo[3].name, val[3]);
	db_open();
	customer_ids(&f[0], &customer);
	orders_print(&customer, &f[1], from, to);
	filter_free(&customer);
	for (i = 0; i < MAXOPTS; i++)
		filter_free(&f[i]);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct subcmd verbs[] = {
		{"add", order_add}, {"list", order_list}, {NULL, NULL}
	};

	crm_start(argc, argv, usage);
	return subcmd_run(verbs, argc, argv);
}
