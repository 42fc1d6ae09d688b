/* changes.c - the audit log, written in the caller's transaction. */
#include <string.h>

#include "crm-int.h"

void
change_log(const char *entity, int64_t id, const char *field,
    const char *old, const char *new)
{
	static db_stmt *s;
	char at[21];

	if (!s)
		s = db_prepare("INSERT INTO changes (at, who, os_user, program,"
		    " entity, entity_id, field, old, new)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	timestamp_now(at);
	/* Every text stays put until the reset below: no copies. */
	db_bind_text_static(s, 1, at);
	db_bind_text_static(s, 2, crm_user());
	db_bind_text_static(s, 3, os_user());
	db_bind_text_static(s, 4, progname);
	db_bind_text_static(s, 5, entity);
	db_bind_int(s, 6, id);
	db_bind_text_static(s, 7, field);
	db_bind_text_static(s, 8, old);
	db_bind_text_static(s, 9, new);
	db_step(s);
	db_reset(s);
}

/* One statement for the whole table: a bulk load of a million rows would
 * otherwise pay a million INSERTs at the end. */
long
change_log_bulk(const struct entity *e)
{
	struct buf sql = {0};
	char at[21];
	db_stmt *s;

	buf_printf(&sql, "INSERT INTO changes (at, who, os_user, program, "
	    "entity, entity_id, field, old, new) SELECT ?, ?, ?, ?, ?, id, "
	    "NULL, NULL, ifnull(\"%s\", 'created') FROM \"%s\" ORDER BY id",
	    e->label, e->table);
	s = db_prepare(sql.s);
	buf_free(&sql);
	timestamp_now(at);
	db_bind_text(s, 1, at);
	db_bind_text(s, 2, crm_user());
	db_bind_text(s, 3, os_user());
	db_bind_text(s, 4, progname);
	db_bind_text(s, 5, e->name);
	db_step(s);
	db_finalize(s);
	return db_changes();
}

void
changes_of_customer(struct query *q, int64_t id, int limit)
{
	const struct entity *e;
	const struct field *f;
	int i;

	query_sql(q, "SELECT at, who, os_user, program, entity, entity_id,"
	    " field, old, new FROM changes WHERE 0");
	for (i = 0; (e = entities[i]); i++) {
		f = entity_customer_field(e);
		if (!strcmp(e->table, "customers")) {
			query_text(q, " OR (entity = ?", e->name);
			query_int(q, " AND entity_id = ?)", id);
		} else if (f && e->profile) {
			query_text(q, " OR (entity = ?", e->name);
			query_sql(q, " AND entity_id IN (SELECT id FROM \"%s\""
			    " WHERE \"%s\"", e->table, f->name);
			query_int(q, " = ?))", id);
		}
	}
	query_int(q, " ORDER BY id DESC LIMIT ?", limit);
}
