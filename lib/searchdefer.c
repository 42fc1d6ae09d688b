/* searchdefer.c - a many-row write into a table whose rows are part of
 * another record's search document (a customer's contacts): its search
 * triggers, which write the whole document again at each row, are set
 * aside; the records touched are noted in a temporary table and their
 * documents written once at the end, in the caller's transaction.  A
 * customer with 5,000 contacts costs 5,000 rows, not 5,000 x 5,000.
 */
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

/* The tables whose rows go into the document of the record their column
 * names, and their triggers that keep it (lib/schema.c). */
static const struct {
	const char *table, *column, *insert, *update;
} parts[] = {
	{"contacts", "customer", "contacts_ai", "contacts_au"},
};

struct search_defer {
	size_t part;		/* its entry in parts[] */
	int armed;		/* the triggers are set aside */
	struct buf restore;	/* their CREATE statements */
};

struct search_defer *
search_defer_begin(const struct entity *e)
{
	struct search_defer *d;
	size_t i;

	for (i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (!strcmp(parts[i].table, e->table)) {
			d = xcalloc(1, sizeof *d);
			d->part = i;
			return d;
		}
	return NULL;
}

int
trigger_aside(const char *name, struct buf *restore)
{
	struct buf sql = {0};
	char *trig;

	if (!(trig = db_text_query("SELECT sql FROM sqlite_master "
	    "WHERE type = 'trigger' AND name = ?", name)))
		return 0;
	buf_printf(&sql, "DROP TRIGGER \"%s\"", name);
	db_exec(sql.s);
	buf_printf(restore, "%s;", trig);
	buf_free(&sql);
	free(trig);
	return 1;
}

void
search_defer_arm(struct search_defer *d)
{
	struct buf sql = {0};
	size_t i;

	if (!d || d->armed)
		return;
	d->armed = 1;
	i = d->part;
	trigger_aside(parts[i].insert, &d->restore);
	trigger_aside(parts[i].update, &d->restore);
	/* Identifiers from the table above, never from input. */
	buf_printf(&sql, "CREATE TEMP TABLE IF NOT EXISTS search_touched "
	    "(id INTEGER PRIMARY KEY);"
	    "DELETE FROM temp.search_touched;"
	    "CREATE TEMP TRIGGER search_touched_ai AFTER INSERT ON "
	    "main.\"%s\" BEGIN INSERT OR IGNORE INTO search_touched "
	    "VALUES (new.\"%s\"); END;"
	    "CREATE TEMP TRIGGER search_touched_au AFTER UPDATE ON "
	    "main.\"%s\" BEGIN INSERT OR IGNORE INTO search_touched "
	    "VALUES (old.\"%s\"), (new.\"%s\"); END;",
	    parts[i].table, parts[i].column, parts[i].table, parts[i].column,
	    parts[i].column);
	db_exec(sql.s);
	buf_free(&sql);
}

void
search_defer_end(struct search_defer *d)
{
	if (!d)
		return;
	if (!d->armed) {
		search_defer_discard(d);
		return;
	}
	db_exec("DROP TRIGGER temp.search_touched_ai;"
	    "DROP TRIGGER temp.search_touched_au;");
	if (d->restore.len)
		db_exec(d->restore.s);
	db_exec("DELETE FROM customer_search WHERE rowid IN "
	    "(SELECT id FROM temp.search_touched);"
	    "INSERT INTO customer_search (rowid, doc) "
	    "SELECT id, doc FROM customer_search_doc WHERE id IN "
	    "(SELECT id FROM temp.search_touched);"
	    "DELETE FROM temp.search_touched;");
	search_defer_discard(d);
}

void
search_defer_discard(struct search_defer *d)
{
	if (!d)
		return;
	buf_free(&d->restore);
	free(d);
}
