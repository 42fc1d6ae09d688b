/* test-labels.c - lib/labels.c: every column of every table has one
 * Chinese label, unique in its table and never another column's name, so
 * that a header cell names one column whichever way it is written. */
#include <string.h>

#include "crm.h"
#include "tap.h"

static void
check(const struct entity *e)
{
	const struct field *f, *g;
	const char *l;
	int all = 1, unique = 1, back = 1;

	for (f = e->fields; f->name; f++) {
		if (!(l = field_label(e, f->name)) || !*l) {
			diag("%s.%s has no label", e->table, f->name);
			all = 0;
			continue;
		}
		for (g = e->fields; g->name; g++)
			if (g != f && (!strcmp(g->name, l) || (field_label(e,
			    g->name) && !strcmp(field_label(e, g->name), l)))) {
				diag("%s: label %s of %s is also %s's",
				    e->table, l, f->name, g->name);
				unique = 0;
			}
		if (header_field(e, l) != f || header_field(e, f->name) != f)
			back = 0;
	}
	ok(all, "%s: every column has a label", e->table);
	ok(unique, "%s: labels are unique and no column's name", e->table);
	ok(back, "%s: a header of name or label finds the column", e->table);
}

int
main(void)
{
	const struct entity *const *e;
	const struct entity *c = entity_find("customers");
	struct buf b = {0};

	for (e = entities; *e; e++)
		check(*e);
	check(&visit_rule_entity);
	is_str(field_label(c, "code"), "\xe5\xae\xa2\xe6\x88\xb7\xe7\xbc\x96"
	    "\xe5\x8f\xb7", "customers.code is 客户编号");
	ok(header_field(c, "nope") == NULL, "an unknown header is no column");
	ok(field_label(c, "nope") == NULL, "an unknown column has no label");
	entity_columns_text(c, &b);
	ok(!strncmp(buf_str(&b), "id/\xe7\xbc\x96\xe5\x8f\xb7 code/", 15),
	    "the list names each column with its label");
	buf_free(&b);
	return done_testing();
}
