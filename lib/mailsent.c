/* mailsent.c - what crm-mail --once remembers: each message sent, as day,
 * recipient and digest (mail_digest of subject and body) in table
 * mail_sent, so that a rerun on the same day sends nothing twice. */
#include "crm-int.h"

int
mail_sent_has(const char *day, const char *to, const char *digest)
{
	static db_stmt *s;	/* asked once per recipient: prepared once */
	int found;

	if (!s)
		s = db_prepare("SELECT 1 FROM mail_sent WHERE day = ? AND "
		    "recipient = ? AND digest = ?");
	db_bind_text(s, 1, day);
	db_bind_text(s, 2, to);
	db_bind_text(s, 3, digest);
	found = db_step(s);
	db_reset(s);
	return found;
}

void
mail_sent_add(const char *day, const char *to, const char *digest)
{
	db_stmt *s;
	char at[21];

	timestamp_now(at);
	db_begin();
	s = db_prepare("INSERT OR IGNORE INTO mail_sent (day, recipient, "
	    "digest, at) VALUES (?, ?, ?, ?)");
	db_bind_text(s, 1, day);
	db_bind_text(s, 2, to);
	db_bind_text(s, 3, digest);
	db_bind_text(s, 4, at);
	db_step(s);
	db_finalize(s);
	if (db_changes() > 0)
		change_log("mail_sent", db_last_id(), "recipient", NULL, to);
	db_commit();
}
