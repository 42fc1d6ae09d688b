/* test-tablenames.c - unit tests of lib/tablenames.c. */
#include <string.h>

#include "crm.h"
#include "tap.h"

int
main(void)
{
	struct buf b = {0}, want = {0};
	const char *p, *q;
	int i, n;

	for (n = 0; entities[n]; n++)
		;
	entity_tables(&b, ", ", " or ");
	for (i = 0; i < n; i++)
		buf_printf(&want, "%s%s", i == 0 ? "" : i == n - 1 ? " or "
		    : ", ", entities[i]->table);
	is_str(b.s, want.s, "entity_tables: SEP between two, LAST before the "
	    "final one");
	ok(strstr(b.s, "customers, contacts") == b.s, "customers first");
	ok(strstr(b.s, " or stage_changes") != NULL, "or the last one");

	buf_reset(&b);
	buf_adds(&b, "usage: x\n");
	entity_tables_usage(&b);
	is_str(b.s, "usage: x\n"
	    "TABLE: customers contacts staff visits plans complaints\n"
	    "       complaint_events surveys orders holidays calendar\n"
	    "       stage_changes\n", "entity_tables_usage: the lines "
	    "crm-import and crm-export always printed");
	for (p = b.s; (q = strchr(p, '\n')); p = q + 1)
		ok(q - p <= 64, "a line of at most 64 bytes: %.*s", (int)(q - p),
		    p);
	buf_free(&b);
	buf_free(&want);
	return done_testing();
}
