/* order.c - what crm-order shows of orders and contracts (SPEC sections 3
 * and 4): the list with its filters.  What an order is (its kinds, the
 * kind it has when none is given, the amount kept in whole fen) is
 * lib/model.c's; the rules that hold when one is written, lib/rules.c's;
 * the writing itself, lib/record.c's. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

void
orders_print(struct filter *customer, struct filter *kind, int from, int to)
{
	const struct entity *e = entity_find("orders");
	struct buf amount = {0};
	struct query q = {0};

	filter_check(kind, "kind", e->table, "kind");
	/* The amount as every listing prints money (lib/model.c). */
	field_expr(&amount, entity_field(e, "amount"), "o");
	query_sql(&q, "SELECT o.id, o.date, o.customer AS customer_id, c.code,"
	    " c.name AS customer, o.kind, %s, o.description"
	    " FROM orders o JOIN customers c ON c.id = o.customer WHERE 1",
	    amount.s);
	buf_free(&amount);
	query_filter(&q, customer, "o.customer");
	query_filter(&q, kind, "o.kind");
	query_days(&q, "o.date", from, to);
	query_sql(&q, " ORDER BY o.date, o.id");
	query_print(&q, entity_numcols(e));	/* the amount a number */
}
