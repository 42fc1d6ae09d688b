/* bulk.c - a bulk load into an empty table: its secondary indexes, the
 * full-text triggers and the change log are set aside, then written once
 * for all the rows at the end, in the caller's transaction, instead of
 * row by row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

struct bulk {
	const struct entity *e;
	struct buf index;	/* the dropped indexes' CREATE statements */
	struct buf search;	/* the dropped triggers, then the refill */
};

/*
 * The full-text index of customers (lib/schema.c) is kept by triggers.
 * For a bulk load of customers into an empty index the insert trigger
 * goes, and every document is written once at the end.  (The rows of
 * other records' documents, contacts, are lib/searchdefer.c's, for any
 * import.)
 */
#define FTS_TABLE "customers"
#define FTS_TRIGGER "customers_ai"

struct bulk *
bulk_begin(const struct entity *e)
{
	struct buf sql = {0}, drop = {0};
	struct bulk *b;
	db_stmt *s;
	int empty;

	buf_printf(&sql, "SELECT NOT EXISTS (SELECT 1 FROM \"%s\")", e->table);
	empty = db_int_query(sql.s, NULL, 0) != 0;
	buf_free(&sql);
	if (!empty)
		return NULL;
	b = xcalloc(1, sizeof *b);
	b->e = e;
	/* The change log's indexes too while it is small (rebuilding them
	 * costs a sort of the whole log). */
	s = db_prepare("SELECT name, sql FROM sqlite_master WHERE type = "
	    "'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' "
	    "AND (tbl_name = ?1 OR (tbl_name = 'changes' AND ?1 <> 'changes' "
	    "AND (SELECT count(*) FROM changes) < 100000))");
	db_bind_text(s, 1, e->table);
	while (db_step(s)) {
		/* The rules look rows of this table up by some columns (the
		 * contacts of a customer): their indexes stay. */
		char *first = db_text_query("SELECT name FROM "
		    "pragma_index_info(?) WHERE seqno = 0", db_text(s, 0));
		int keep = first && rules_lookup_column(e->table, first);

		free(first);
		if (keep)
			continue;
		buf_printf(&drop, "DROP INDEX \"%s\";", db_text(s, 0));
		buf_printf(&b->index, "%s;", db_text(s, 1));
	}
	db_finalize(s);
	if (drop.len)
		db_exec(drop.s);
	buf_free(&drop);
	/* Only while the index holds nothing. */
	if (!strcmp(e->table, FTS_TABLE) && !db_int_query("SELECT EXISTS "
	    "(SELECT 1 FROM customer_search)", NULL, 1))
		trigger_aside(FTS_TRIGGER, &b->search);
	/* The change log is written for the whole table at the end. */
	record_log_inserts(e);
	return b;
}

void
bulk_rebuild(struct bulk *b)
{
	/* One entry per record, as record_insert() would have written. */
	change_log_bulk(b->e);
	record_log_inserts(NULL);
	if (b->index.len)
		db_exec(b->index.s);
}

void
bulk_end(struct bulk *b)
{
	if (b->search.len) {
		/*
		 * Into an empty index: FTS5 writes a segment each time its
		 * pending terms pass hashsize (1 MiB by default) and merges
		 * segments as it goes (automerge).  With 8 MiB and no merging
		 * until one 'optimize' at the end, 1M customers take 16.6 s
		 * instead of 25.8 s and leave one segment instead of several,
		 * for 11 MiB of memory (measured from 1 to 16 MiB).  Both
		 * settings are put back after.
		 */
		int64_t hs = db_int_query("SELECT v FROM customer_search_config"
		    " WHERE k = 'hashsize'", NULL, 1048576);
		int64_t am = db_int_query("SELECT v FROM customer_search_config"
		    " WHERE k = 'automerge'", NULL, 4);
		char sql[256];

		db_exec("INSERT INTO customer_search (customer_search, rank) "
		    "VALUES ('hashsize', 8388608);"
		    "INSERT INTO customer_search (customer_search, rank) "
		    "VALUES ('automerge', 0)");
		db_exec("INSERT INTO customer_search (rowid, doc) "
		    "SELECT id, doc FROM customer_search_doc");
		db_exec(b->search.s);	/* the trigger again */
		snprintf(sql, sizeof sql, "INSERT INTO customer_search "
		    "(customer_search) VALUES ('optimize');"
		    "INSERT INTO customer_search (customer_search, rank) "
		    "VALUES ('hashsize', %lld);"
		    "INSERT INTO customer_search (customer_search, rank) "
		    "VALUES ('automerge', %lld)", (long long)hs, (long long)am);
		db_exec(sql);
	}
	bulk_discard(b);
}

void
bulk_discard(struct bulk *b)
{
	if (!b)
		return;
	buf_free(&b->index);
	buf_free(&b->search);
	free(b);
}
