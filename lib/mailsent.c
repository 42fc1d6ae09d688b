/* mailsent.c - what crm-mail --once remembers: each message sent, as day,
 * recipient and digest (mail_digest of subject and body) in table
 * mail_sent, so that a rerun on the same day sends nothing twice; and the
 * lock that keeps two runs from sending at once. */
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "crm-int.h"

void
mail_sent_lock(void)
{
	static int fd = -1;

	if (fd >= 0)
		return;
	/* flock(2) on the database file: SQLite's locks are fcntl(2)
	 * locks, which flock does not touch on Linux, and the kernel lets
	 * go of it when a run dies, so a killed run holds nobody up. */
	if ((fd = open(db_path(), O_RDONLY | O_CLOEXEC)) < 0)
		die(EX_NOINPUT, "cannot open '%s':", db_path());
	while (flock(fd, LOCK_EX) < 0)
		if (errno != EINTR)
			die(EX_OSERR, "cannot lock '%s' for --once:", db_path());
}

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
	db_begin_own();	/* crm's own record, whoever runs it */
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
