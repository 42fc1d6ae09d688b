/* crm-int.h - private declarations shared inside lib/. */
#ifndef CRM_INT_H
#define CRM_INT_H
#include "crm.h"

/* lib/bulk.c: crm-import's load into an empty table (lib/import.c), in
 * the caller's transaction. */
struct bulk;
/* When E's table is empty: drop its secondary indexes (and the change
 * log's while it is small) and the full-text insert triggers, and turn
 * record_insert()'s change log off.  Returns what to rebuild, or NULL
 * (nothing done) when the table has rows. */
struct bulk *bulk_begin(const struct entity *e);
/* After the rows: the change log of every row (change_log_bulk()),
 * record_log_inserts(NULL), the indexes again. */
void bulk_rebuild(struct bulk *b);
/* Then the full-text index and its triggers; frees B.  Two steps so that
 * crm-import -v can time each. */
void bulk_end(struct bulk *b);
#endif
