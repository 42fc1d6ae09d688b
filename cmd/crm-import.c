/* crm-import - read a CSV file into a table: every row checked like
 * crm-add checks its options, the whole file in one transaction. */
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <csv.h>

#include "crm.h"

/* The TABLE lines follow, from the library's list. */
static const char usage_head[] =
	"usage: crm-import [-d DB] [--as LOGIN] [--encoding ENC] [--update]\n"
	"         [--dry-run] [--rejects FILE] [--raw] [--max-errors N]\n"
	"         [--max-field SIZE] [-v] TABLE [FILE|-]\n";

enum {
	OPT_ENCODING = OPT_PROGRAM, OPT_UPDATE, OPT_DRYRUN, OPT_REJECTS,
	OPT_MAXERR, OPT_MAXFIELD
};

/* The file's columns, in header order. */
static const struct entity *e;
static int ncols;
static const struct field *col[CSVIN_MAXCOLS];
static char *colname[CSVIN_MAXCOLS];
static char notnull[CSVIN_MAXCOLS];	/* the table refuses NULL there */
static int keycol = -1;		/* --update: the column naming a record */

static const char *fname;	/* the input, as messages name it */
static int update, dryrun, raw, verbose;
static long maxerr = 100;
static long nbad, nadded, nupdated, nrows;

static struct record rec;
static struct buf why;		/* the reasons a row is bad, one a line */
static struct buf errb;

/* --rejects: the bad rows go, through crm-export's writer, to a temporary
 * file renamed into place after the commit (or to stdout for "-"), in the
 * input's encoding. */
static const char *rejects_path;
static struct csvout *rejects;
static struct buf line;

/* Staff rows whose reports_to names a login not yet known: held back,
 * then inserted once their manager is (a file may list staff in any
 * order). */
struct held {
	long line;
	int n;
	char **f;
};
static struct held *held;
static size_t nheld, capheld;

/* Unique constraints of the table (besides id), to report a duplicate as
 * a bad row rather than a failed transaction. */
struct uniq {
	db_stmt *s;
	int ncol;
	const char *names[4];
};
static struct uniq uniq[8];
static int nuniq;
static db_stmt *id_taken, *key_stmt;

/* Bulk load into an empty table: secondary indexes and the full-text
 * triggers are dropped, then rebuilt once at the end (in the same
 * transaction). */
static struct buf bulk_index, bulk_search;
static int bulk;

/* -v: where the time went. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A bad row to the rejects file: its N fields as they were (padded to the
 * header's), the reason, then any fields past the header's. */
static void
reject_fields(int n, char *const *f, const char *why)
{
	int i;

	for (i = 0; i < ncols; i++)
		csvout_field(rejects, i < n ? f[i] : NULL, 0);
	csvout_field(rejects, why, 0);
	for (; i < n; i++)
		csvout_field(rejects, f[i], 0);
	csvout_endrow(rejects);
}

/* Report the row's reasons (in WHY) and count it bad. */
static void
bad_row(long lineno, int kept, char *const *f)
{
	const char *p, *q;

	nbad++;
	for (p = buf_str(&why); *p; p = q + 1) {
		q = strchr(p, '\n');
		if (nbad <= maxerr)
			warn("%s:%ld: %.*s", fname, lineno, (int)(q - p), p);
	}
	if (rejects) {
		buf_reset(&line);
		buf_printf(&line, "line %ld: ", lineno);
		for (p = buf_str(&why); *p; p = q + 1) {
			q = strchr(p, '\n');
			buf_add(&line, p, (size_t)(q - p));
			if (q[1])
				buf_adds(&line, "; ");
		}
		reject_fields(kept, f, line.s);
	}
	buf_reset(&why);
}

static void
reason(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
reason(const char *fmt, ...)
{
	va_list ap;
	char *m;

	va_start(ap, fmt);
	if (vasprintf(&m, fmt, ap) < 0)
		die(EX_SOFTWARE, "out of memory");
	va_end(ap);
	buf_adds(&why, m);
	buf_addc(&why, '\n');
	free(m);
}

/* crm-export's guard against spreadsheet formulas puts a ' before a value
 * that starts with = + - @ tab or CR (or with ' and then one of those);
 * take it off again, unless --raw. */
static const char *
unguard(const char *v)
{
	const char *p = v;

	if (raw || *v != '\'')
		return v;
	while (*p == '\'')
		p++;
	return *p && strchr("=+-@\t\r", *p) ? v + 1 : v;
}

static int
value_slot(const char *name)
{
	int i;

	for (i = 0; i < rec.n; i++)
		if (!strcmp(rec.f[i]->name, name))
			return i;
	return -1;
}

static void
bind_slot(db_stmt *s, int k, int i)
{
	if (rec.v[i].isint)
		db_bind_int(s, k, rec.v[i].i);
	else
		db_bind_text(s, k, rec.v[i].s);
}

/* A duplicate of an existing record: a reason, and 1. */
static int
duplicate(void)
{
	int i, j, k, dup = 0;

	if ((i = value_slot("id")) >= 0 && !rec.v[i].null) {
		db_bind_int(id_taken, 1, rec.v[i].i);
		if (db_step(id_taken)) {
			reason("id: %lld already exists", (long long)rec.v[i].i);
			dup = 1;
		}
		db_reset(id_taken);
	}
	for (j = 0; j < nuniq; j++) {
		for (k = 0; k < uniq[j].ncol; k++) {
			i = value_slot(uniq[j].names[k]);
			if (i < 0 || rec.v[i].null)
				break;
			bind_slot(uniq[j].s, k + 1, i);
		}
		if (k == uniq[j].ncol && db_step(uniq[j].s)) {
			if (k == 1) {
				i = value_slot(uniq[j].names[0]);
				if (rec.v[i].isint)
					reason("%s: %lld already exists",
					    uniq[j].names[0],
					    (long long)rec.v[i].i);
				else
					reason("%s: '%s' already exists",
					    uniq[j].names[0], rec.v[i].s);
			} else {
				buf_reset(&errb);
				for (k = 0; k < uniq[j].ncol; k++)
					buf_printf(&errb, "%s%s", k ? ", " : "",
					    uniq[j].names[k]);
				reason("%s: a record with these values already "
				    "exists", buf_str(&errb));
			}
			dup = 1;
		}
		db_reset(uniq[j].s);
	}
	return dup;
}

/* The id of the record the key column names (--update), 0 when none. */
static int64_t
key_lookup(const char *v)
{
	int64_t id = 0, n;

	if (!*v)
		return 0;
	if (!e->key) {
		if (int_parse(v, 1, INT64_MAX, &n) < 0)
			return 0;
		db_bind_int(key_stmt, 1, n);
	} else
		db_bind_text(key_stmt, 1, v);
	if (db_step(key_stmt))
		id = db_int(key_stmt, 0);
	db_reset(key_stmt);
	return id;
}

/* --update: whether this key already named a row of this file (a second
 * row for one record is a mistake, not a second update).  The keys seen
 * go to a temporary table, so memory does not grow with the file. */
static int
key_seen(const char *v)
{
	static db_stmt *s;

	if (!*v)
		return 0;
	if (!s) {
		db_exec("CREATE TEMP TABLE IF NOT EXISTS import_keys "
		    "(key TEXT PRIMARY KEY) WITHOUT ROWID");
		s = db_prepare("INSERT OR IGNORE INTO temp.import_keys "
		    "VALUES (?)");
	}
	db_bind_text(s, 1, v);
	db_step(s);
	db_reset(s);
	return db_changes() == 0;
}

static void
hold(const struct csvrow *row)
{
	struct held *h;
	int i;

	if (nheld == capheld) {
		capheld = capheld ? capheld * 2 : 16;
		held = xrealloc(held, capheld * sizeof *held);
	}
	h = &held[nheld++];
	h->line = row->line;
	h->n = row->kept;
	h->f = xcalloc((size_t)row->kept, sizeof *h->f);
	for (i = 0; i < row->kept; i++)
		h->f[i] = xstrdup(row->f[i]);
}

/* Check and write one row.  Returns 1 when it is held back, else 0 (the
 * row was written or reported bad). */
static int
import_row(long lineno, int n, int kept, char *const *f, int may_hold)
{
	const struct field *fd;
	const char *v;
	int64_t id = 0;
	int i, defer = 0;

	if (n != ncols) {
		reason("the row has %d field%s, the header has %d", n,
		    n == 1 ? "" : "s", ncols);
		bad_row(lineno, kept, f);
		return 0;
	}
	if (keycol >= 0) {
		/* A held row comes back (may_hold 0): its key is its own. */
		if (may_hold && key_seen(f[keycol])) {
			reason("%s: '%s' is on an earlier line of the file",
			    col[keycol]->name, f[keycol]);
			bad_row(lineno, kept, f);
			return 0;
		}
		id = key_lookup(f[keycol]);
	}
	record_clear(&rec);
	for (i = 0; i < ncols; i++) {
		fd = col[i];
		v = f[i];
		/* An update leaves the key and read-only columns alone. */
		if (id && (i == keycol || fd->flags & F_RO))
			continue;
		if (!*v) {
			/* A new record takes the column's default; an
			 * explicit NULL elsewhere keeps the shape of the
			 * INSERT the same from row to row. */
			if (!id && notnull[i])
				continue;
			if (id && notnull[i]) {
				reason("%s: cannot be emptied", fd->name);
				continue;
			}
		}
		v = unguard(v);
		if (may_hold && fd->type == FT_STAFF && !strcmp(e->table,
		    "staff") && *v && !staff_exists(v)) {
			defer = 1;
			continue;
		}
		buf_reset(&errb);
		if (record_set_field(&rec, fd, v, &errb) < 0)
			reason("%s", buf_str(&errb));
	}
	if (why.len) {
		bad_row(lineno, kept, f);
		return 0;
	}
	if (defer)
		return 1;
	if (id) {
		if (record_update(&rec, id) > 0)
			nupdated++;
		return 0;
	}
	if (duplicate()) {
		bad_row(lineno, kept, f);
		return 0;
	}
	buf_reset(&errb);
	if (record_insert(&rec, &errb) < 0) {
		reason("%s", buf_str(&errb));
		bad_row(lineno, kept, f);
		return 0;
	}
	nadded++;
	return 0;
}

/* Insert the held staff rows whose manager now exists, until none is
 * left or none can be; what remains is reported bad. */
static void
flush_held(void)
{
	size_t i, k;
	int progress = 1;
	const struct field *fd;

	while (nheld && progress) {
		progress = 0;
		for (i = k = 0; i < nheld; i++) {
			int ready = 1, c;

			for (c = 0; c < ncols; c++) {
				fd = col[c];
				if (fd->type == FT_STAFF && *held[i].f[c]
				    && !staff_exists(unguard(held[i].f[c])))
					ready = 0;
			}
			if (ready) {
				import_row(held[i].line, held[i].n, held[i].n,
				    held[i].f, 0);
				progress = 1;
				for (c = 0; c < held[i].n; c++)
					free(held[i].f[c]);
				free(held[i].f);
			} else
				held[k++] = held[i];
		}
		nheld = k;
	}
	for (i = 0; i < nheld; i++) {
		import_row(held[i].line, held[i].n, held[i].n, held[i].f,
		    0);
		for (k = 0; k < (size_t)held[i].n; k++)
			free(held[i].f[k]);
		free(held[i].f);
	}
	nheld = 0;
	free(held);
}

static void
read_header(struct csvin *in)
{
	struct csvrow *row;
	const struct field *fd;
	struct buf names = {0};
	int i, j, r;

	if ((r = csvin_next(in, &row)) < 0)
		die(csvin_errcode(in), "%s", csvin_error(in));
	if (r == 0)
		die(EX_DATAERR, "%s: empty file: the first line must name the "
		    "columns", fname);
	if (row->n > CSVIN_MAXCOLS)
		die(EX_DATAERR, "%s:%ld: %d columns in the header: %s has %d",
		    fname, row->line, row->n, e->table, CSVIN_MAXCOLS);
	ncols = row->n;
	for (fd = e->fields; fd->name; fd++)
		buf_printf(&names, "%s%s", names.len ? " " : "", fd->name);
	for (i = 0; i < ncols; i++) {
		colname[i] = xstrdup(row->f[i]);
		if (!(col[i] = entity_field(e, row->f[i])))
			die(EX_DATAERR, "%s:%ld: unknown column '%s' (column %d): "
			    "the columns of %s are: %s", fname, row->line,
			    row->f[i], i + 1, e->table, names.s);
		for (j = 0; j < i; j++)
			if (col[j] == col[i])
				die(EX_DATAERR, "%s:%ld: column '%s' appears "
				    "twice (columns %d and %d)", fname,
				    row->line, row->f[i], j + 1, i + 1);
		if (update && !strcmp(col[i]->name, e->key ? e->key : "id"))
			keycol = i;
	}
	if (update && keycol < 0)
		die(EX_DATAERR, "%s:%ld: --update needs a '%s' column to find "
		    "the %s to change", fname, row->line, e->key ? e->key : "id",
		    e->table);
	/* Without --update a column that is required must be there. */
	for (fd = e->fields; fd->name; fd++) {
		if (!(fd->flags & F_REQ) || update)
			continue;
		for (i = 0; i < ncols && col[i] != fd; i++)
			;
		if (i == ncols)
			die(EX_DATAERR, "%s:%ld: required column '%s' is missing",
			    fname, row->line, fd->name);
	}
	buf_free(&names);
}

/* What the table itself insists on: NOT NULL columns and unique
 * constraints. */
static void
table_rules(void)
{
	struct buf sql = {0};
	db_stmt *s, *t;
	int i;

	s = db_prepare("SELECT name, \"notnull\" FROM pragma_table_info(?)");
	db_bind_text(s, 1, e->table);
	while (db_step(s))
		for (i = 0; i < ncols; i++)
			if (!strcmp(db_text(s, 0), col[i]->name))
				notnull[i] = db_int(s, 1) != 0;
	db_finalize(s);
	s = db_prepare("SELECT name FROM pragma_index_list(?) "
	    "WHERE \"unique\" = 1");
	db_bind_text(s, 1, e->table);
	while (db_step(s) && nuniq < (int)(sizeof uniq / sizeof uniq[0])) {
		struct uniq *u = &uniq[nuniq];

		buf_reset(&sql);
		buf_printf(&sql, "SELECT 1 FROM \"%s\" WHERE 1", e->table);
		t = db_prepare("SELECT name FROM pragma_index_info(?)");
		db_bind_text(t, 1, db_text(s, 0));
		u->ncol = 0;
		while (db_step(t) && u->ncol < 4) {
			const struct field *fd = entity_field(e, db_text(t, 0));

			if (!fd)
				break;
			u->names[u->ncol++] = fd->name;
			buf_printf(&sql, " AND \"%s\" = ?", fd->name);
		}
		db_finalize(t);
		if (u->ncol) {
			u->s = db_prepare(sql.s);
			nuniq++;
		}
	}
	db_finalize(s);
	buf_reset(&sql);
	buf_printf(&sql, "SELECT 1 FROM \"%s\" WHERE id = ?", e->table);
	id_taken = db_prepare(sql.s);
	buf_reset(&sql);
	buf_printf(&sql, "SELECT id FROM \"%s\" WHERE \"%s\" = ?", e->table,
	    e->key ? e->key : "id");
	key_stmt = db_prepare(sql.s);
	buf_free(&sql);
}

/*
 * The full-text index of customers (lib/schema.c) is kept by triggers.
 * For a bulk load the insert triggers go, and the documents of the
 * customers concerned are written once at the end.
 */
static const struct {
	const char *table, *trigger, *refill;
} fts[] = {
	{"customers", "customers_ai",
	    "INSERT INTO customer_search (rowid, doc)"
	    " SELECT id, doc FROM customer_search_doc;"},
	{"contacts", "contacts_ai",
	    "DELETE FROM customer_search WHERE rowid IN"
	    " (SELECT DISTINCT customer FROM contacts);"
	    "INSERT INTO customer_search (rowid, doc)"
	    " SELECT id, doc FROM customer_search_doc WHERE id IN"
	    " (SELECT DISTINCT customer FROM contacts);"},
};

static void
bulk_begin(void)
{
	struct buf sql = {0}, drop = {0};
	db_stmt *s;
	size_t i;

	buf_printf(&sql, "SELECT NOT EXISTS (SELECT 1 FROM \"%s\")", e->table);
	bulk = !update && db_int_query(sql.s, NULL, 0);
	buf_free(&sql);
	if (!bulk)
		return;
	/* The change log's indexes too while it is small (rebuilding them
	 * costs a sort of the whole log). */
	s = db_prepare("SELECT name, sql FROM sqlite_master WHERE type = "
	    "'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' "
	    "AND (tbl_name = ?1 OR (tbl_name = 'changes' AND ?1 <> 'changes' "
	    "AND (SELECT count(*) FROM changes) < 100000))");
	db_bind_text(s, 1, e->table);
	while (db_step(s)) {
		buf_printf(&drop, "DROP INDEX \"%s\";", db_text(s, 0));
		buf_printf(&bulk_index, "%s;", db_text(s, 1));
	}
	db_finalize(s);
	for (i = 0; i < sizeof fts / sizeof fts[0]; i++) {
		char *trig;

		if (strcmp(fts[i].table, e->table))
			continue;
		/* Only while the index holds nothing of this table. */
		if (!strcmp(e->table, "customers") && db_int_query("SELECT "
		    "EXISTS (SELECT 1 FROM customer_search)", NULL, 1))
			continue;
		if (!(trig = db_text_query("SELECT sql FROM sqlite_master "
		    "WHERE type = 'trigger' AND name = ?", fts[i].trigger)))
			continue;
		buf_printf(&drop, "DROP TRIGGER \"%s\";", fts[i].trigger);
		buf_printf(&bulk_search, "%s;%s", trig, fts[i].refill);
		free(trig);
	}
	if (drop.len)
		db_exec(drop.s);
	buf_free(&drop);
	/* The change log is written for the whole table at the end. */
	record_log_inserts(0);
}

static void
bulk_end(void)
{
	double t0 = now(), t1;

	if (!bulk)
		return;
	/* One entry per record, as record_insert() would have written. */
	change_log_bulk(e);
	record_log_inserts(1);
	if (bulk_index.len)
		db_exec(bulk_index.s);
	t1 = now();
	if (bulk_search.len && !strcmp(e->table, "customers")) {
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
		db_exec(bulk_search.s);
		snprintf(sql, sizeof sql, "INSERT INTO customer_search "
		    "(customer_search) VALUES ('optimize');"
		    "INSERT INTO customer_search (customer_search, rank) "
		    "VALUES ('hashsize', %lld);"
		    "INSERT INTO customer_search (customer_search, rank) "
		    "VALUES ('automerge', %lld)", (long long)hs, (long long)am);
		db_exec(sql);
	} else if (bulk_search.len)
		db_exec(bulk_search.s);
	if (verbose)
		warn("bulk load: change log and indexes written in %.2f s, "
		    "search index in %.2f s", t1 - t0, now() - t1);
	buf_free(&bulk_index);
	buf_free(&bulk_search);
}

/* UTF-8 rejects get a BOM, so that Excel shows the Chinese right; a
 * GB18030 file's come back in GB18030, as they were. */
static void
open_rejects(const char *encoding)
{
	int i, utf8 = !encoding || !strcasecmp(encoding, "utf-8")
	    || !strcasecmp(encoding, "utf8");

	rejects = csvout_open(rejects_path, encoding, CSVOUT_RAW
	    | (utf8 ? CSVOUT_BOM : 0));
	for (i = 0; i < ncols; i++)
		csvout_field(rejects, colname[i], 0);
	csvout_field(rejects, "reason", 0);
	csvout_endrow(rejects);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{"encoding", 1, 0, OPT_ENCODING},
		{"update", 0, 0, OPT_UPDATE},
		{"dry-run", 0, 0, OPT_DRYRUN},
		{"rejects", 1, 0, OPT_REJECTS},
		{"max-errors", 1, 0, OPT_MAXERR},
		{"max-field", 1, 0, OPT_MAXFIELD},
		{"verbose", 0, 0, 'v'},
		{0, 0, 0, 0}
	};
	struct buf usage = {0};
	const char *encoding = NULL, *path;
	size_t maxfield = 0;
	struct csvin *in;
	struct csvrow *row;
	int64_t n;
	int c, r;
	double t0;

	buf_adds(&usage, usage_head);
	entity_tables_usage(&usage);
	crm_start(argc, argv, usage.s);
	/* Keep freed memory instead of returning it to the system after
	 * every row (brk churn doubled the time of a large import). */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 4 << 20);
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS "v", longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		switch (c) {
		case OPT_ENCODING:
			encoding = optarg;
			break;
		case OPT_UPDATE:
			update = 1;
			break;
		case OPT_DRYRUN:
			dryrun = 1;
			break;
		case OPT_REJECTS:
			rejects_path = optarg;
			break;
		case OPT_MAXERR:
			if (int_parse(optarg, 0, LONG_MAX, &n) < 0)
				die(EX_USAGE, "bad --max-errors '%s': not a "
				    "whole number", optarg);
			maxerr = (long)n;
			break;
		case OPT_MAXFIELD:
			if (size_parse(optarg, (size_t)1 << 30, &maxfield) < 0)
				die(EX_USAGE, "bad size '%s': give bytes, or a "
				    "number with K or M (at most 1G)", optarg);
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage_exit(EX_USAGE);
		}
	}
	if (optind == argc)
		warn("needs a TABLE");
	if (argc - optind < 1 || argc - optind > 2)
		usage_exit(EX_USAGE);
	e = entity_need(argv[optind]);
	path = argc - optind == 2 ? argv[optind + 1] : "-";
	raw = (opt.flags & OUT_RAW) != 0;
	db_open();
	in = csvin_open(path, encoding, maxfield);
	fname = xstrdup(csvin_name(in));
	read_header(in);
	/* A dry run writes no file, the rejects file included (standard
	 * output, "-", still shows them). */
	if (rejects_path && (!dryrun || !strcmp(rejects_path, "-")))
		open_rejects(encoding);
	record_init(&rec, e);
	db_begin();
	/* 4 MiB of page cache: more spills less often but gains little
	 * (measured from 2 to 16 MiB) and costs resident memory. */
	db_exec("PRAGMA cache_size = -4096");
	/* Every value has passed record_set(), whose rules the tables' CHECK
	 * constraints repeat; SQLite would build a temporary table for each
	 * IN list of each row (three times the time of the import). */
	db_exec("PRAGMA ignore_check_constraints = ON");
	table_rules();
	bulk_begin();
	t0 = now();
	while ((r = csvin_next(in, &row)) > 0) {
		nrows++;
		if (import_row(row->line, row->n, row->kept, row->f, 1))
			hold(row);
	}
	if (r < 0)
		die(csvin_errcode(in), "%s", csvin_error(in));
	flush_held();
	if (verbose)
		warn("%s: rows read, checked and written in %.2f s", fname,
		    now() - t0);
	bulk_end();
	db_exec("PRAGMA ignore_check_constraints = OFF");
	csvin_close(in);
	record_clear(&rec);
	if (nbad && !rejects) {
		if (nbad > maxerr)
			warn("%s: %ld more bad rows not shown", fname,
			    nbad - maxerr);
		die(EX_DATAERR, "%s: %ld bad row%s of %ld: nothing imported",
		    fname, nbad, nbad == 1 ? "" : "s", nrows);
	}
	t0 = now();
	if (dryrun)
		db_rollback();
	else
		db_commit();
	if (verbose)
		warn("%s in %.2f s", dryrun ? "rolled back" : "committed",
		    now() - t0);
	if (rejects)
		csvout_close(rejects);
	if (verbose || dryrun || nbad)
		warn("%s: %ld row%s: %ld added, %ld updated, %ld rejected%s",
		    fname, nrows, nrows == 1 ? "" : "s", nadded, nupdated,
		    nbad, dryrun ? " (dry run: nothing written)" : "");
	return 0;
}
