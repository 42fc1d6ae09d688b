/* db.c - the database: path, open, schema, statements, transactions.
 *
 * The only file that includes <sqlite3.h>.  Every error from SQLite ends
 * here and leaves as one line and an exit code of the SPEC.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "crm-int.h"

extern const char *const schema_steps[];
extern const int schema_nsteps;

static sqlite3 *db;
static char *path;
static int in_tx;
static int creating;	/* db_create: version 0 is expected */
/* Our prepared statements, finalized at close (FTS5 keeps its own, which
 * are not ours to finalize). */
static sqlite3_stmt **stmts;
static size_t nstmts, capstmts;

const char *
db_path(void)
{
	const char *p;

	if (path)
		return path;
	if ((p = opt.db) && *p)
		path = xstrdup(p);
	else if ((p = getenv("CRM_DB")) && *p)
		path = xstrdup(p);
	else if ((p = getenv("XDG_DATA_HOME")) && *p)
		path = xasprintf("%s/crm/crm.db", p);
	else if ((p = getenv("HOME")) && *p)
		path = xasprintf("%s/.local/share/crm/crm.db", p);
	else
		die(EX_USAGE, "no database: give --db, or set CRM_DB or HOME");
	return path;
}

/* Die of the last error of the connection, with the SPEC's exit code:
 * WHAT was being done, with the first line of SQL for a bug of crm's. */
static _Noreturn void
sqlfail(const char *what, const char *sql)
{
	/* The primary code: extended codes (SQLITE_IOERR_WRITE,
	 * SQLITE_BUSY_SNAPSHOT, ...) are its kinds. */
	int code = sqlite3_errcode(db) & 0xff;

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		die(EX_TEMPFAIL, "database is busy: '%s' is locked by another "
		    "program (waited %d ms)", db_path(), db_busy_ms());
	if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
		die(EX_DATAERR, "'%s' is not a crm database: %s", db_path(),
		    sqlite3_errmsg(db));
	if (code == SQLITE_IOERR || code == SQLITE_FULL)
		die(EX_IOERR, "cannot write '%s': %s", db_path(),
		    sqlite3_errmsg(db));
	if (code == SQLITE_READONLY || code == SQLITE_PERM)
		die(EX_CANTCREAT, "cannot write '%s': %s", db_path(),
		    sqlite3_errmsg(db));
	if (code == SQLITE_CANTOPEN)
		die(EX_NOINPUT, "cannot open '%s': %s", db_path(),
		    sqlite3_errmsg(db));
	if (code == SQLITE_NOMEM)
		die(EX_SOFTWARE, "out of memory");
	if (sql)
		die(EX_SOFTWARE, "%s: %s: in SQL: %.*s", what,
		    sqlite3_errmsg(db), (int)strcspn(sql, "\n") < 200
		    ? (int)strcspn(sql, "\n") : 200, sql);
	die(EX_SOFTWARE, "%s: %s", what, sqlite3_errmsg(db));
}

/* money(fen) -> '12345.67' */
static void
fn_money(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	char out[32];

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(cx);
		return;
	}
	money_format(sqlite3_value_int64(argv[0]), out);
	sqlite3_result_text(cx, out, -1, SQLITE_TRANSIENT);
}

/* yesno(flag) -> 'yes' | 'no' */
static void
fn_yesno(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
		sqlite3_result_null(cx);
	else
		sqlite3_result_text(cx, sqlite3_value_int64(argv[0]) ? "yes"
		    : "no", -1, SQLITE_STATIC);
}

/* days(date) -> day number, for date arithmetic in the same units as C */
static void
fn_days(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const unsigned char *s = sqlite3_value_text(argv[0]);
	int d;

	(void)argc;
	if (!s || date_parse((const char *)s, &d) < 0)
		sqlite3_result_null(cx);
	else
		sqlite3_result_int(cx, d);
}

/* local_day(stamp) -> the local day YYYY-MM-DD (timestamp_day);
 * local_time(stamp) -> "YYYY-MM-DD HH:MM +0800", for people. */
static void
fn_local(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const unsigned char *s = sqlite3_value_text(argv[0]);
	char out[32];
	int d;

	(void)argc;
	if (!s) {
		sqlite3_result_null(cx);
		return;
	}
	if (sqlite3_user_data(cx)) {
		if (timestamp_local((const char *)s, out) < 0) {
			sqlite3_result_null(cx);
			return;
		}
	} else if ((d = timestamp_day((const char *)s)) == INT_MIN) {
		sqlite3_result_null(cx);
		return;
	} else
		date_format(d, out);
	sqlite3_result_text(cx, out, -1, SQLITE_TRANSIENT);
}

int
db_busy_ms(void)
{
	const char *t = getenv("CRM_BUSY_TIMEOUT");
	int64_t ms = 5000;

	if (t && *t && int_parse(t, 0, INT_MAX, &ms) < 0)
		die(EX_USAGE, "bad CRM_BUSY_TIMEOUT '%s': not a number of "
		    "milliseconds", t);
	return (int)ms;
}

/* The collation LOCALE: text in the order of the user's LC_COLLATE
 * (pinyin under zh_CN.UTF-8, bytes under C), for the sorts people ask
 * for; never in the schema, so that the sqlite3 shell reads the file. */
static int
coll_locale(void *unused, int na, const void *a, int nb, const void *b)
{
	(void)unused;
	return text_collate(a, (size_t)na, b, (size_t)nb);
}

static void
configure(void)
{
	sqlite3_busy_timeout(db, db_busy_ms());
	sqlite3_extended_result_codes(db, 1);
	db_exec("PRAGMA foreign_keys = ON");
	if (sqlite3_create_function(db, "money", 1, SQLITE_UTF8
	    | SQLITE_DETERMINISTIC, NULL, fn_money, NULL, NULL) != SQLITE_OK
	    || sqlite3_create_function(db, "yesno", 1, SQLITE_UTF8
	    | SQLITE_DETERMINISTIC, NULL, fn_yesno, NULL, NULL) != SQLITE_OK
	    || sqlite3_create_function(db, "days", 1, SQLITE_UTF8
	    | SQLITE_DETERMINISTIC, NULL, fn_days, NULL, NULL) != SQLITE_OK
	    || sqlite3_create_function(db, "local_day", 1, SQLITE_UTF8, NULL,
	    fn_local, NULL, NULL) != SQLITE_OK
	    || sqlite3_create_function(db, "local_time", 1, SQLITE_UTF8,
	    (void *)"time", fn_local, NULL, NULL) != SQLITE_OK
	    || sqlite3_create_collation(db, "LOCALE", SQLITE_UTF8, NULL,
	    coll_locale) != SQLITE_OK)
		sqlfail("cannot register functions", NULL);
}

static int
user_version(void)
{
	return (int)db_int_query("PRAGMA user_version", NULL, 0);
}

/* Bring an older schema up to date in one transaction. */
static void
migrate(void)
{
	int v = user_version();
	int64_t broken;
	char sql[64];

	if (v > SCHEMA_VERSION)
		die(EX_DATAERR, "'%s' has schema version %d, newer than this "
		    "crm understands (%d): upgrade crm", db_path(), v,
		    SCHEMA_VERSION);
	if (v == SCHEMA_VERSION)
		return;
	/* Version 0 is a file crm-init did not make (an empty file, or
	 * another program's database): never turn it into a crm database
	 * behind the user's back. */
	if (v == 0 && !creating)
		die(EX_DATAERR, "'%s' is not a crm database (no crm schema "
		    "version): create one with 'crm init'", db_path());
	/* An account that may only read the file cannot bring it up to
	 * date: say so, and who can. */
	if (sqlite3_db_readonly(db, "main") == 1)
		die(EX_CANTCREAT, "'%s' has schema version %d and this crm "
		    "needs %d: the first crm command run by an account that "
		    "may write the file (its owner) updates it; this one may "
		    "only read it", db_path(), v, SCHEMA_VERSION);
	/* A step may rebuild a table others refer to (SQLite's way to
	 * change a constraint): references are checked once at the end. */
	db_exec("PRAGMA foreign_keys = OFF");
	db_begin_own();
	broken = db_int_query("SELECT count(*) FROM pragma_foreign_key_check",
	    NULL, 0);
	v = user_version();	/* someone may have migrated meanwhile */
	for (; v < SCHEMA_VERSION && v < schema_nsteps; v++)
		db_exec(schema_steps[v]);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
	db_exec(sql);
	settings_forget();	/* a step may add settings */
	if (db_int_query("SELECT count(*) FROM pragma_foreign_key_check",
	    NULL, 0) > broken)
		die(EX_DATAERR, "'%s': cannot migrate to schema version %d: "
		    "records refer to missing ones (see crm check)", db_path(),
		    v);
	db_commit();
	db_exec("PRAGMA foreign_keys = ON");
}

/* Keep the side files when the last connection closes (emptied, not
 * removed): made once by whoever may write, never by a reader
 * (lib/dbfiles.c). */
static void
keep_side_files(void)
{
	int on = 1;

	if (sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &on)
	    != SQLITE_OK)
		sqlfail("cannot keep the write-ahead log", NULL);
	db_exec("PRAGMA journal_size_limit = 4194304");
}

/* SQLite for one thread, before its first connection: crm never starts
 * another, and SQLite's mutexes and memory statistics (a lock taken and
 * a count kept at each allocation, some 10% of a start's instructions)
 * serve only threads.  Too late (SQLite already initialized: SQLITE_MISUSE)
 * it changes nothing, which is no error. */
static void
sqlite_setup(void)
{
	static int done;

	if (done++)
		return;
	(void)sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

void
db_open(void)
{
	const char *p = db_path();
	struct stat st;
	int rc, writer;

	if (stat(p, &st) < 0) {
		if (errno == ENOENT)
			die(EX_NOINPUT, "no database at '%s': create one with "
			    "'crm init' (or give --db or CRM_DB)", p);
		die(EX_NOINPUT, "cannot open '%s':", p);
	}
	if (S_ISDIR(st.st_mode))
		die(EX_NOINPUT, "cannot open '%s': it is a directory, not a "
		    "database", p);
	writer = dbfiles_prepare(p);
	sqlite_setup();
	rc = sqlite3_open_v2(p, &db, writer ? SQLITE_OPEN_READWRITE
	    : SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK)
		die(EX_NOINPUT, "cannot open '%s': %s", p,
		    db ? sqlite3_errmsg(db) : "out of memory");
	configure();
	if (writer)
		keep_side_files();
	migrate();
	if (writer)
		dbfiles_share(p);
	atexit(db_close);
}

/* db_create's file until db_keep: removed at exit. */
static int unfinished;

static void
discard_unfinished(void)
{
	if (unfinished && db)
		db_discard();
}

void
db_create(const char *p, const char *group)
{
	struct group *gr = NULL;
	int fd;

	if (group && !(gr = getgrnam(group)))
		die(EX_USAGE, "unknown group '%s'", group);
	/* The default location may not exist yet: make its folder. */
	dbfiles_folders(p, gr);
	fd = open(p, O_WRONLY | O_CREAT | O_EXCL, gr ? 0660 : 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			die(EX_CANTCREAT, "cannot create '%s': a file is "
			    "already there (crm init never overwrites)", p);
		die(EX_CANTCREAT, "cannot create '%s':", p);
	}
	if (gr && (fchown(fd, (uid_t)-1, gr->gr_gid) < 0
	    || fchmod(fd, 0660) < 0)) {
		unlink(p);
		die(EX_CANTCREAT, "cannot give '%s' to group '%s':", p, group);
	}
	close(fd);
	sqlite_setup();
	if (sqlite3_open_v2(p, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		unlink(p);
		die(EX_CANTCREAT, "cannot create '%s': %s", p,
		    db ? sqlite3_errmsg(db) : "out of memory");
	}
	if (p != path) {	/* crm-init passes db_path() itself */
		free(path);
		path = xstrdup(p);
	}
	configure();
	keep_side_files();
	db_exec("PRAGMA journal_mode = WAL");
	creating = 1;
	migrate();
	creating = 0;
	dbfiles_share(p);
	atexit(db_close);
	/* Run before db_close: whatever ends crm-init before db_keep()
	 * leaves no half-made database. */
	unfinished = 1;
	atexit(discard_unfinished);
}

void
db_keep(void)
{
	unfinished = 0;
}

int
db_isopen(void)
{
	return db != NULL;
}

void
db_close(void)
{
	if (!db)
		return;
	settings_forget();
	staff_forget();
	while (nstmts)
		sqlite3_finalize(stmts[--nstmts]);
	free(stmts);
	stmts = NULL;
	capstmts = 0;
	if (in_tx)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(db);
	db = NULL;
	in_tx = 0;
}

/* Remove the database file PATH and whatever SQLite keeps beside it. */
static void
remove_files(const char *path)
{
	static const char *const sides[] = {"", "-journal", "-wal", "-shm"};
	size_t i;
	char *p;

	for (i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		p = xasprintf("%s%s", path, sides[i]);
		unlink(p);
		free(p);
	}
}

void
db_discard(void)
{
	char *p = xstrdup(db_path());

	db_close();
	remove_files(p);
	free(p);
}

db_stmt *
db_prepare(const char *sql)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		sqlfail("cannot prepare", sql);
	if (nstmts == capstmts) {
		capstmts = capstmts ? capstmts * 2 : 16;
		stmts = xrealloc(stmts, capstmts * sizeof *stmts);
	}
	stmts[nstmts++] = s;
	return s;
}

void
db_bind_text(db_stmt *s, int i, const char *v)
{
	int rc = v ? sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT)
	    : sqlite3_bind_null(s, i);

	if (rc != SQLITE_OK)
		sqlfail("cannot bind", sqlite3_sql(s));
}

/* Without a copy: V must stay as it is until S is reset. */
void
db_bind_text_static(db_stmt *s, int i, const char *v)
{
	int rc = v ? sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC)
	    : sqlite3_bind_null(s, i);

	if (rc != SQLITE_OK)
		sqlfail("cannot bind", sqlite3_sql(s));
}

void
db_bind_int(db_stmt *s, int i, int64_t v)
{
	if (sqlite3_bind_int64(s, i, v) != SQLITE_OK)
		sqlfail("cannot bind", sqlite3_sql(s));
}

void
db_bind_null(db_stmt *s, int i)
{
	if (sqlite3_bind_null(s, i) != SQLITE_OK)
		sqlfail("cannot bind", sqlite3_sql(s));
}

/* A constraint that the C checks did not catch still reaches the user as
 * a sentence, not as SQLite's text. */
static void
constraint_text(struct buf *b)
{
	const char *m = sqlite3_errmsg(db), *col;
	int x = sqlite3_extended_errcode(db);

	col = strstr(m, "failed: ");
	col = col ? col + 8 : m;
	switch (x) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY: {
		/* "customers.code" -> "code": the column as the user names
		 * it. */
		struct buf c = {0};
		const char *p, *dot;

		for (p = col; *p; p = dot + 1) {
			dot = strchr(p, '.');
			if (!dot)
				break;
			if (c.len)
				buf_adds(&c, ", ");
			p = dot + 1;
			dot = p + strcspn(p, ",");
			buf_add(&c, p, (size_t)(dot - p));
			if (!*dot)
				break;
		}
		buf_printf(b, _("a record with that %s already exists"),
		    c.len ? buf_str(&c) : col);
		buf_free(&c);
		break;
	}
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		buf_adds(b, _("a record it refers to does not exist, or others "
		    "still refer to it"));
		break;
	case SQLITE_CONSTRAINT_NOTNULL:
		buf_printf(b, _("%s is required"), col);
		break;
	case SQLITE_CONSTRAINT_CHECK:
		buf_printf(b, _("a value is not allowed (%s)"), col);
		break;
	default:
		buf_adds(b, m);
	}
}

static _Noreturn void
constraint(void)
{
	struct buf b = {0};

	constraint_text(&b);
	die(EX_DATAERR, "cannot save: %s", buf_str(&b));
}

int
db_step_try(db_stmt *s, struct buf *err)
{
	switch (sqlite3_step(s)) {
	case SQLITE_ROW:
		return 1;
	case SQLITE_DONE:
		return 0;
	default:
		if ((sqlite3_errcode(db) & 0xff) != SQLITE_CONSTRAINT)
			sqlfail("query failed", sqlite3_sql(s));
		constraint_text(err);
		sqlite3_reset(s);
		return -1;
	}
}

int
db_step(db_stmt *s)
{
	switch (sqlite3_step(s)) {
	case SQLITE_ROW:
		return 1;
	case SQLITE_DONE:
		return 0;
	default:
		if ((sqlite3_errcode(db) & 0xff) == SQLITE_CONSTRAINT)
			constraint();
		sqlfail("query failed", sqlite3_sql(s));
	}
}

int
db_ncol(db_stmt *s)
{
	return sqlite3_column_count(s);
}

const char *
db_colname(db_stmt *s, int col)
{
	return sqlite3_column_name(s, col);
}

const char *
db_text(db_stmt *s, int col)
{
	return (const char *)sqlite3_column_text(s, col);
}

int64_t
db_int(db_stmt *s, int col)
{
	return sqlite3_column_int64(s, col);
}

int
db_isnull(db_stmt *s, int col)
{
	return sqlite3_column_type(s, col) == SQLITE_NULL;
}

int
db_isnum(db_stmt *s, int col)
{
	int t = sqlite3_column_type(s, col);

	return t == SQLITE_INTEGER || t == SQLITE_FLOAT;
}

void
db_reset(db_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

void
db_finalize(db_stmt *s)
{
	size_t i;

	for (i = nstmts; i-- > 0;)
		if (stmts[i] == s) {
			stmts[i] = stmts[--nstmts];
			break;
		}
	sqlite3_finalize(s);
}

void
db_exec(const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		if ((sqlite3_errcode(db) & 0xff) == SQLITE_CONSTRAINT)
			constraint();
		sqlfail("cannot run", sql);
	}
}

int64_t
db_int_query(const char *sql, const char *arg, int64_t dflt)
{
	db_stmt *s = db_prepare(sql);
	int64_t v = dflt;

	if (arg)
		db_bind_text(s, 1, arg);
	if (db_step(s) && !db_isnull(s, 0))
		v = db_int(s, 0);
	db_finalize(s);
	return v;
}

char *
db_text_query(const char *sql, const char *arg)
{
	db_stmt *s = db_prepare(sql);
	char *v = NULL;

	if (arg)
		db_bind_text(s, 1, arg);
	if (db_step(s) && !db_isnull(s, 0))
		v = xstrdup(db_text(s, 0));
	db_finalize(s);
	return v;
}

void
db_begin_own(void)
{
	db_exec("BEGIN IMMEDIATE");
	in_tx = 1;
}

void
db_begin(void)
{
	permit_write();
	db_begin_own();
}

void
db_commit(void)
{
	db_exec("COMMIT");
	in_tx = 0;
}

void
db_rollback(void)
{
	if (in_tx)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	in_tx = 0;
}

int64_t
db_last_id(void)
{
	return sqlite3_last_insert_rowid(db);
}

int
db_changes(void)
{
	return sqlite3_changes(db);
}

long
db_out(struct out *o, db_stmt *s, const char *numcols)
{
	int n = db_ncol(s), i;
	const char **names = xcalloc((size_t)n, sizeof *names);
	char *isnum = xcalloc((size_t)n, 1);
	long rows = 0;

	for (i = 0; i < n; i++) {
		names[i] = db_colname(s, i);
		isnum[i] = (char)list_has(numcols, names[i], ',');
	}
	out_header(o, n, names);
	while (db_step(s)) {
		for (i = 0; i < n; i++) {
			if (db_isnull(s, i))
				out_cell(o, CELL_NULL, NULL);
			else if (isnum[i] || db_isnum(s, i))
				out_cell(o, CELL_NUM, db_text(s, i));
			else
				out_cell(o, CELL_STR, db_text(s, i));
		}
		out_endrow(o);
		rows++;
	}
	free(names);
	free(isnum);
	return rows;
}

void
db_out_pairs(struct out *o, db_stmt *s)
{
	int i;

	for (i = 0; i < db_ncol(s); i++)
		out_pair(o, db_colname(s, i), db_isnull(s, i) ? CELL_NULL
		    : CELL_STR, db_text(s, i));
}

void
db_print(db_stmt *s, const char *numcols)
{
	struct out *o = out_stdout();

	db_out(o, s, numcols);
	db_finalize(s);
	out_finish(o);
}

/* A backup that failed: close its connection (TO, may be NULL) and
 * remove what it made, the copy and its journal. */
static void
backup_discard(sqlite3 *to, const char *dest)
{
	if (to)
		sqlite3_close(to);
	remove_files(dest);
}

void
db_backup(const char *dest)
{
	sqlite3 *to;
	sqlite3_backup *b;
	struct stat st;
	int fd, rc;

	if (stat(db_path(), &st) < 0)
		die(EX_NOINPUT, "cannot read '%s':", db_path());
	fd = open(dest, O_WRONLY | O_CREAT | O_EXCL, st.st_mode & 0777);
	if (fd < 0)
		die(EX_CANTCREAT, "cannot create '%s':", dest);
	/* Keep the database's mode and group: the copy is as confidential. */
	if (fchmod(fd, st.st_mode & 0777) < 0
	    || (fchown(fd, (uid_t)-1, st.st_gid) < 0 && errno != EPERM))
		die(EX_CANTCREAT, "cannot set the mode of '%s':", dest);
	close(fd);
	if (sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE, NULL)
	    != SQLITE_OK) {
		char *m = xstrdup(to ? sqlite3_errmsg(to) : "out of memory");

		backup_discard(to, dest);
		die(EX_CANTCREAT, "cannot open '%s': %s", dest, m);
	}
	/* Copy in steps so that writers are never held up for long; a
	 * write by another connection restarts the copy. */
	b = sqlite3_backup_init(to, "main", db, "main");
	if (!b) {
		char *m = xstrdup(sqlite3_errmsg(to));

		backup_discard(to, dest);
		die(EX_CANTCREAT, "cannot back up to '%s': %s", dest, m);
	}
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		char *m = xstrdup(sqlite3_errmsg(to));

		backup_discard(to, dest);
		die(rc == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR ? EX_IOERR
		    : EX_SOFTWARE,
		    "backup to '%s' failed: %s", dest, m);
	}
	if (sqlite3_exec(to, "PRAGMA journal_mode = WAL", NULL, NULL, NULL)
	    != SQLITE_OK) {
		char *m = xstrdup(sqlite3_errmsg(to));

		backup_discard(to, dest);
		die(EX_IOERR, "cannot finish '%s': %s", dest, m);
	}
	if (sqlite3_close(to) != SQLITE_OK) {
		backup_discard(NULL, dest);
		die(EX_IOERR, "cannot finish '%s'", dest);
	}
}

int
db_integrity(void (*report)(const char *what, void *arg), void *arg)
{
	db_stmt *s;
	int n = 0;
	struct buf b = {0};

	s = db_prepare("PRAGMA integrity_check");
	while (db_step(s))
		if (strcmp(db_text(s, 0), "ok") != 0) {
			buf_reset(&b);
			buf_printf(&b, "integrity: %s", db_text(s, 0));
			report(buf_str(&b), arg);
			n++;
		}
	db_finalize(s);
	s = db_prepare("PRAGMA foreign_key_check");
	while (db_step(s)) {
		buf_reset(&b);
		buf_printf(&b, "foreign key: %s row %s refers to a missing %s",
		    db_text(s, 0), db_text(s, 1) ? db_text(s, 1) : "?",
		    db_text(s, 2));
		report(buf_str(&b), arg);
		n++;
	}
	db_finalize(s);
	buf_free(&b);
	return n;
}
