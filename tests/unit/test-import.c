/* test-import.c - unit tests of lib/import.c: import_file() twice and
 * more in one process, its result and its return value. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "tap.h"
#include "tmpdb.h"

/* NAME in the test folder holding TEXT; the path is valid until the next
 * call. */
static const char *
file(const char *name, const char *text)
{
	static char path[512];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", tmpdb_dir, name);
	if (!(fp = fopen(path, "w")) || fputs(text, fp) < 0 || fclose(fp))
		die(EX_CANTCREAT, "cannot write '%s':", path);
	return path;
}

static int64_t
count(const char *sql)
{
	return db_int_query(sql, NULL, -1);
}

int
main(void)
{
	struct import_opts o = { .max_errors = IMPORT_MAX_ERRORS };
	struct import_result r;
	const struct entity *e;
	const char *p;
	char *db, rej[512];

	db = tmpdb("test-import");
	db_create(db, NULL);
	free(db);
	/* The bad rows' messages are the black-box tests' business. */
	if (!getenv("DEBUG") && !freopen("/dev/null", "w", stderr))
		return 1;
	e = entity_need("customers");

	p = file("a.csv", "code,name,tier\nC1,一,A\nC2,二,B\n");
	is_int(import_file(e, p, &o, &r), 0, "a good file into an empty table");
	is_int(r.rows, 2, "two rows");
	is_int(r.added, 2, "two added");
	is_int(r.updated + r.bad, 0, "none updated or bad");
	ok(r.name && !strcmp(r.name, p), "named as given");
	free(r.name);
	is_int(count("SELECT count(*) FROM changes WHERE entity = 'customer' "
	    "AND field IS NULL"), 2, "the bulk load logged each record once");
	is_int(count("SELECT count(*) FROM customer_search"), 2,
	    "and filled the search index");

	o.update = 1;
	p = file("u.csv", "code,tier\nC1,C\nC2,C\n");
	is_int(import_file(e, p, &o, &r), 0, "--update");
	is_int(r.updated, 2, "two updated");
	free(r.name);
	is_int(import_file(e, p, &o, &r), 0,
	    "the same keys again: the keys seen are the last file's only");
	is_int(r.bad, 0, "no key is taken for a second line");
	is_int(r.updated, 0, "nothing left to change");
	free(r.name);
	o.update = 0;

	p = file("b.csv", "code,name,tier\nC3,三,A\nC4,四,Z\nC1,dup,A\n");
	is_int(import_file(e, p, &o, &r), -1, "bad rows: -1");
	is_int(r.rows, 3, "three rows read");
	is_int(r.bad, 2, "two bad (a tier, a code taken)");
	free(r.name);
	is_int(count("SELECT count(*) FROM customers"), 2, "nothing written");

	snprintf(rej, sizeof rej, "%s/rej.csv", tmpdb_dir);
	o.rejects = rej;
	is_int(import_file(e, p, &o, &r), 0, "with a rejects file: 0");
	is_int(r.added, 1, "the good row added");
	is_int(r.bad, 2, "the bad ones counted");
	free(r.name);
	is_int(count("SELECT count(*) FROM customers"), 3, "and written");
	ok(access(rej, F_OK) == 0, "the rejects file is there");
	o.rejects = NULL;

	o.dry_run = 1;
	p = file("d.csv", "code,name\nC5,五\n");
	is_int(import_file(e, p, &o, &r), 0, "a dry run");
	is_int(r.added, 1, "says what it would add");
	free(r.name);
	is_int(count("SELECT count(*) FROM customers"), 3, "and adds nothing");
	return done_testing();
}
