/* tmpdb.h - a unit test's own folder for its database and files, removed
 * when the test ends; the test's user and today set as the black-box
 * tests set them. */
#ifndef TMPDB_H
#define TMPDB_H

#include <stdio.h>
#include <stdlib.h>

#include "crm.h"

static char tmpdb_dir[256];

static void
tmpdb_cleanup(void)
{
	char cmd[300];

	db_close();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdb_dir);
	if (system(cmd) != 0)
		warn("cannot remove '%s'", tmpdb_dir);
}

/* The path of crm.db in a new folder (not created); PROG names the test
 * in messages and in the folder's name. */
static char *
tmpdb(const char *prog)
{
	const char *tmp = getenv("TMPDIR");

	setprogname(prog);
	setenv("CRM_USER", "unit", 1);
	setenv("CRM_TODAY", "2026-11-27", 1);
	snprintf(tmpdb_dir, sizeof tmpdb_dir, "%s/crm-%s.XXXXXX",
	    tmp && *tmp ? tmp : "/tmp", prog);
	if (!mkdtemp(tmpdb_dir))
		die(EX_CANTCREAT, "cannot create '%s':", tmpdb_dir);
	atexit(tmpdb_cleanup);
	return xasprintf("%s/crm.db", tmpdb_dir);
}

#endif
