/* tablenames.c - the tables crm-import and crm-export take, named from
 * entities[] for usage texts and messages: a new table needs no edit in
 * cmd/. */
#include <string.h>

#include "crm-int.h"

/* The usage texts have always wrapped the list here. */
#define USAGE_WIDTH 64

void
entity_tables(struct buf *b, const char *sep, const char *last)
{
	int i;

	for (i = 0; entities[i]; i++) {
		if (i)
			buf_adds(b, entities[i + 1] ? sep : last);
		buf_adds(b, entities[i]->table);
	}
}

void
entity_tables_usage(struct buf *b)
{
	static const char head[] = "TABLE: ";
	const int indent = (int)sizeof head - 1;
	size_t col = (size_t)indent, n;
	int i;

	buf_adds(b, head);
	for (i = 0; entities[i]; i++) {
		n = strlen(entities[i]->table);
		if (i && col + 1 + n > USAGE_WIDTH) {
			buf_printf(b, "\n%*s", indent, "");
			col = (size_t)indent;
		} else if (i) {
			buf_addc(b, ' ');
			col++;
		}
		buf_adds(b, entities[i]->table);
		col += n;
	}
	buf_addc(b, '\n');
}

const struct entity *
entity_need(const char *name)
{
	const struct entity *e;
	struct buf names = {0};

	if ((e = entity_find(name)))
		return e;
	/* TRANSLATORS: between the table names of a list people read, and
	 * before its last ("customers, contacts or visits"). */
	entity_tables(&names, _(", "), _(" or "));
	die(EX_USAGE, "unknown table '%s': use %s", name, buf_str(&names));
}
