/* changes.c - the audit log, written in the caller's transaction. */
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
