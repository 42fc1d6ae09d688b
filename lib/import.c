/* import.c - crm-import's engine: a CSV file or a sheet of an .xlsx
 * workbook (lib/rowin.c) into a table, every row checked like crm-add
 * checks its options, the whole file in one transaction. */
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "crm-int.h"

/* Staff rows whose reports_to names a login not yet known: held back,
 * then inserted once their manager is (a file may list staff in any
 * order). */
struct held {
	long line;
	int n;
	char **f;
};

/* A unique constraint of the table (besides id), to report a duplicate
 * as a bad row rather than a failed transaction. */
struct uniq {
	db_stmt *s;
	int ncol;
	const char *names[4];
};

/* One import's state. */
struct import {
	const struct entity *e;
	const struct import_opts *o;
	struct import_result *r;
	const char *name;	/* the input, as messages name it */

	/* The file's columns, in header order. */
	int ncols;
	const struct field *col[CSVIN_MAXCOLS];
	char *colname[CSVIN_MAXCOLS];
	char notnull[CSVIN_MAXCOLS];	/* the table refuses NULL there */
	int keycol;		/* --update: the column naming a record */

	struct record rec;
	struct buf why;		/* the reasons a row is bad, one a line */
	struct buf errb;

	/* --rejects: the bad rows go, through crm-export's writer, to a
	 * temporary file renamed into place after the commit (or to stdout
	 * for "-"), in the input's encoding. */
	struct csvout *rejects;
	struct buf line;

	struct held *held;
	size_t nheld, capheld;

	struct uniq uniq[8];
	int nuniq;
	db_stmt *id_taken, *key_stmt;
	db_stmt *key_add, *key_get;	/* temp.import_keys */
	struct buf key;
	int badkeys;		/* temp.import_keys holds a bad row's key */
	/* The row being read: its line, the keys its cells give (each
	 * ended by a NUL) and which they are (1 the id, 2 << j unique key
	 * j). */
	long rowkeys_line;
	struct buf rowkeys;
	int64_t rowmask;
	db_stmt *line_add, *line_get;	/* temp.import_lines */
	int lines;		/* the lines of the rows added are kept */
	db_stmt *stored[CSVIN_MAXCOLS];	/* --update: a column's value */

	struct bulk *bulk;	/* a load into an empty table, or NULL */
	struct search_defer *defer;	/* other records' search documents */
};

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
reject_fields(struct import *im, int n, char *const *f, const char *why)
{
	int i;

	for (i = 0; i < im->ncols; i++)
		csvout_field(im->rejects, i < n ? f[i] : NULL, 0);
	csvout_field(im->rejects, why, 0);
	for (; i < n; i++)
		csvout_field(im->rejects, f[i], 0);
	csvout_endrow(im->rejects);
}

static void keep_row_keys(struct import *, long);

/* Report the row's reasons (in WHY) and count it bad. */
static void
bad_row(struct import *im, long lineno, int kept, char *const *f)
{
	const char *p, *q;

	im->r->bad++;
	keep_row_keys(im, lineno);
	for (p = buf_str(&im->why); *p; p = q + 1) {
		q = strchr(p, '\n');
		if (im->r->bad <= im->o->max_errors)
			warn("%s:%ld: %.*s", im->name, lineno, (int)(q - p), p);
	}
	if (im->rejects) {
		buf_reset(&im->line);
		/* TRANSLATORS: the start of a rejected row's reason (the
		 * rejects file's last column). */
		buf_printf(&im->line, _("line %ld: "), lineno);
		for (p = buf_str(&im->why); *p; p = q + 1) {
			q = strchr(p, '\n');
			buf_add(&im->line, p, (size_t)(q - p));
			if (q[1])
				buf_adds(&im->line, "; ");
		}
		reject_fields(im, kept, f, im->line.s);
	}
	buf_reset(&im->why);
}

/* A reason the row is bad, a line of WHY: FMT as people read it (the
 * caller marks and translates it: _() at the call). */
static void
reason(struct import *im, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
reason(struct import *im, const char *fmt, ...)
{
	va_list ap;
	char *m;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	buf_adds(&im->why, m);
	buf_addc(&im->why, '\n');
	free(m);
}

/* crm-export's guard against spreadsheet formulas puts a ' before a value
 * that starts with = + - @ tab or CR (or with ' and then one of those);
 * take it off again, unless --raw. */
static const char *
unguard(const struct import *im, const char *v)
{
	if (im->o->raw || *v != '\'')
		return v;
	return csv_guarded(v) ? v + 1 : v;
}

static int
value_slot(const struct import *im, const char *name)
{
	int i;

	for (i = 0; i < im->rec.n; i++)
		if (!strcmp(im->rec.f[i]->name, name))
			return i;
	return -1;
}

static void
bind_slot(const struct import *im, db_stmt *s, int k, int i)
{
	if (im->rec.v[i].isint)
		db_bind_int(s, k, im->rec.v[i].i);
	else
		db_bind_text(s, k, im->rec.v[i].s);
}

/* The keys a file has had, in temporary tables, so that memory does not
 * grow with the file: a row whose key another row of the file had is
 * told that row's line.  The rows added are found by the table's own
 * unique index, and temp.import_lines gives the line of each one added
 * (an append by id, which costs little beside the insert); the keys of
 * the rows that were not added (the bad rows, and --update's rows) are
 * in temp.import_keys, the first line of each. */
static void
key_tables(struct import *im)
{
	if (im->key_add)
		return;
	db_exec("CREATE TEMP TABLE IF NOT EXISTS import_keys "
	    "(key TEXT PRIMARY KEY, line INTEGER) WITHOUT ROWID;"
	    "DELETE FROM temp.import_keys;"
	    "CREATE TEMP TABLE IF NOT EXISTS import_lines "
	    "(id INTEGER PRIMARY KEY, line INTEGER, keys INTEGER);"
	    "DELETE FROM temp.import_lines");
	im->key_add = db_prepare("INSERT OR IGNORE INTO "
	    "temp.import_keys VALUES (?, ?)");
	im->key_get = db_prepare("SELECT line FROM temp.import_keys "
	    "WHERE key = ?");
	im->line_add = db_prepare("INSERT INTO temp.import_lines "
	    "VALUES (?, ?, ?)");
	im->line_get = db_prepare("SELECT line FROM temp.import_lines "
	    "WHERE id = ? AND keys & ? <> 0");
}

/* The line S (bound) gives, 0 when none; S is reset. */
static long
line_of(db_stmt *s)
{
	long at = db_step(s) ? (long)db_int(s, 0) : 0;

	db_reset(s);
	return at;
}

/* Key K (NUL-terminated) is on LINENO: kept unless it was on a line
 * before, whose number is returned (else 0). */
static long
key_keep(struct import *im, const char *k, long lineno)
{
	key_tables(im);
	db_bind_text(im->key_add, 1, k);
	db_bind_int(im->key_add, 2, lineno);
	db_step(im->key_add);
	db_reset(im->key_add);
	if (db_changes() != 0)
		return 0;
	db_bind_text(im->key_get, 1, k);
	return line_of(im->key_get);
}

/* The line of this file where a bad row had key im->key, 0 when none. */
static long
key_bad_line(struct import *im)
{
	if (!im->badkeys)
		return 0;
	db_bind_text(im->key_get, 1, buf_str(&im->key));
	return line_of(im->key_get);
}

/* The line of this file that added record ID with key KEY (a bit of
 * rowmask) in its cells, 0 when another did, or when its key was made
 * (a code or id given by crm). */
static long
added_line(struct import *im, int64_t id, int64_t key)
{
	key_tables(im);
	db_bind_int(im->line_get, 1, id);
	db_bind_int(im->line_get, 2, key);
	return line_of(im->line_get);
}

/* The row that added record ID was line LINENO, with the keys of
 * im->rowmask in its cells. */
static void
added_keep(struct import *im, int64_t id, long lineno)
{
	key_tables(im);
	db_bind_int(im->line_add, 1, id);
	db_bind_int(im->line_add, 2, lineno);
	db_bind_int(im->line_add, 3, im->rowmask);
	db_step(im->line_add);
	db_reset(im->line_add);
}

/* A row that is not added: its keys go to import_keys, so that a later
 * row with one of them is told this line.  (Not a held row reported bad
 * without being read again: its keys were never taken.) */
static void
keep_row_keys(struct import *im, long lineno)
{
	const char *k;

	if (im->rowkeys_line != lineno || !im->rowkeys.len)
		return;
	for (k = im->rowkeys.s; k < im->rowkeys.s + im->rowkeys.len;
	    k += strlen(k) + 1)
		key_keep(im, k, lineno);
	im->badkeys = 1;
	im->rowkeys_line = 0;
}

/* The value of slot I in im->key, where no two values look alike. */
static void
key_value(struct import *im, int i)
{
	const struct value *v = &im->rec.v[i];

	if (v->isint)
		buf_printf(&im->key, "%lld;", (long long)v->i);
	else
		buf_printf(&im->key, "%zu:%s", strlen(v->s), v->s);
}

/* Whether the key im->key that S (bound) looks up (KEY, a bit of
 * rowmask) is taken: by a row this file added with it or a bad row of
 * it (*AT its line), or by a record that was there or got it from crm
 * (*AT 0).  Returns 0 when it is free. */
static int
key_taken(struct import *im, db_stmt *s, int64_t key, long *at)
{
	int taken;

	buf_add(&im->rowkeys, im->key.s, im->key.len + 1);
	im->rowmask |= key;
	*at = 0;
	if ((taken = db_step(s)))
		*at = added_line(im, db_int(s, 0), key);
	else if ((*at = key_bad_line(im)))
		taken = 1;
	db_reset(s);
	return taken;
}

/* A duplicate, of a record there is or of another row of this file, of
 * any key whose values are valid: a reason each. */
static void
duplicate(struct import *im)
{
	const struct value *v = im->rec.v;
	struct uniq *u;
	long at;
	int i, j, k;

	if ((i = value_slot(im, "id")) >= 0 && !v[i].null) {
		buf_reset(&im->key);
		buf_adds(&im->key, "id ");
		key_value(im, i);
		db_bind_int(im->id_taken, 1, v[i].i);
		if (!key_taken(im, im->id_taken, 1, &at))
			;
		else if (at)
			reason(im, _("id: %lld is also on line %ld of this "
			    "file"), (long long)v[i].i, at);
		else
			reason(im, _("id: %lld already exists"),
			    (long long)v[i].i);
	}
	for (j = 0; j < im->nuniq; j++) {
		u = &im->uniq[j];
		buf_reset(&im->key);
		buf_printf(&im->key, "%d ", j);
		for (k = 0; k < u->ncol; k++) {
			i = value_slot(im, u->names[k]);
			if (i < 0 || v[i].null)
				break;
			bind_slot(im, u->s, k + 1, i);
			key_value(im, i);
		}
		if (k < u->ncol) {
			db_reset(u->s);
			continue;
		}
		if (!key_taken(im, u->s, (int64_t)2 << j, &at))
			continue;
		if (k == 1) {
			i = value_slot(im, u->names[0]);
			if (v[i].isint && at)
				reason(im, _("%s: %lld is also on line %ld of "
				    "this file"), u->names[0],
				    (long long)v[i].i, at);
			else if (v[i].isint)
				reason(im, _("%s: %lld already exists"),
				    u->names[0], (long long)v[i].i);
			else if (at)
				reason(im, _("%s: '%s' is also on line %ld of "
				    "this file"), u->names[0], v[i].s, at);
			else
				reason(im, _("%s: '%s' already exists"),
				    u->names[0], v[i].s);
		} else {
			buf_reset(&im->errb);
			for (k = 0; k < u->ncol; k++)
				buf_printf(&im->errb, "%s%s",
				    k ? ", " : "", u->names[k]);
			if (at)
				reason(im, _("%s: a record with these values "
				    "is also on line %ld of this file"),
				    buf_str(&im->errb), at);
			else
				reason(im, _("%s: a record with these values "
				    "already exists"), buf_str(&im->errb));
		}
	}
}

/* The row is bad already: the required values it lacks as well (empty,
 * or no column), which record_insert() would name only once the rest
 * was mended. */
static void
missing_values(struct import *im, char *const *f)
{
	const struct field *fd;
	int i;

	for (fd = im->e->fields; fd->name; fd++) {
		for (i = 0; i < im->ncols && im->col[i] != fd; i++)
			;
		if ((i == im->ncols || !*f[i]) && record_missing(&im->rec, fd))
			reason(im, _("%s: a value is required"), fd->name);
	}
}

/* The id of the record the key column names (--update), 0 when none. */
static int64_t
key_lookup(struct import *im, const char *v)
{
	int64_t id = 0, n;

	if (!*v)
		return 0;
	if (!im->e->key) {
		if (int_parse(v, 1, INT64_MAX, &n) < 0)
			return 0;
		db_bind_int(im->key_stmt, 1, n);
	} else
		db_bind_text(im->key_stmt, 1, v);
	if (db_step(im->key_stmt))
		id = db_int(im->key_stmt, 0);
	db_reset(im->key_stmt);
	return id;
}

/* --update: the line where this key already named a row of this file
 * (a second row for one record is a mistake, not a second update), 0
 * when none. */
static long
key_seen(struct import *im, const char *v, long lineno)
{
	if (!*v)
		return 0;
	buf_reset(&im->key);
	buf_adds(&im->key, "key ");
	buf_adds(&im->key, v);
	return key_keep(im, buf_str(&im->key), lineno);
}

/* --update: the stored value of column I of record ID when the file's V
 * is it without its leading 0s, which a spreadsheet drops from a column
 * of digits (phone, mobile, QQ: 09123827223 comes back 9123827223); NULL
 * when V is anything else.  The stored value is kept, so that a round
 * trip changes nothing that nobody changed.  Malloc'd. */
static char *
zero_dropped(struct import *im, int i, int64_t id, const char *v)
{
	const struct field *fd = im->col[i];
	struct buf sql = {0};
	const char *was;
	char *kept = NULL;

	if (fd->mask != MASK_DIGITS || *v < '1' || *v > '9'
	    || strspn(v, "0123456789") != strlen(v))
		return NULL;
	if (!im->stored[i]) {
		buf_printf(&sql, "SELECT \"%s\" FROM \"%s\" WHERE id = ?",
		    fd->name, im->e->table);
		im->stored[i] = db_prepare(sql.s);
		buf_free(&sql);
	}
	db_bind_int(im->stored[i], 1, id);
	if (db_step(im->stored[i]) && (was = db_text(im->stored[i], 0))
	    && *was == '0' && !strcmp(was + strspn(was, "0"), v))
		kept = xstrdup(was);
	db_reset(im->stored[i]);
	return kept;
}

/* A phone that a spreadsheet stripped of its leading 0: a warning with
 * its line and column, or with --strict the row's error. */
static void
stripped_phone(struct import *im, long lineno, const struct field *fd,
    const char *v)
{
	if (im->o->strict)
		reason(im, _("%s: '%s' looks like a phone number that lost "
		    "its leading 0 in a spreadsheet (0%s?); format the column "
		    "as Text, or write the 0 back"), fd->name, v, v);
	else
		warn(_("%s:%ld: %s: '%s' looks like a phone number that lost "
		    "its leading 0 in a spreadsheet (0%s?); imported as it "
		    "is (--strict refuses it)"), im->name, lineno, fd->name,
		    v, v);
}

static void
hold(struct import *im, const struct csvrow *row)
{
	struct held *h;
	int i;

	if (im->nheld == im->capheld) {
		im->capheld = im->capheld ? im->capheld * 2 : 16;
		im->held = xrealloc(im->held, im->capheld * sizeof *im->held);
	}
	h = &im->held[im->nheld++];
	h->line = row->line;
	h->n = row->kept;
	h->f = xcalloc((size_t)row->kept, sizeof *h->f);
	for (i = 0; i < row->kept; i++)
		h->f[i] = xstrdup(row->f[i]);
}

/* Check and write one row.  Returns 1 when it is held back, else 0 (the
 * row was written or reported bad). */
static int
import_row(struct import *im, long lineno, int n, int kept, char *const *f,
    int may_hold)
{
	const struct field *fd;
	const char *v;
	char *was;
	int64_t id = 0;
	long at;
	int i, defer = 0;

	/* A spreadsheet's empty cells after the last column. */
	while (n > im->ncols && n <= kept && !*f[n - 1])
		n--;
	if (n != im->ncols) {
		reason(im, ngettext("the row has %d field, the header has %d",
		    "the row has %d fields, the header has %d",
		    (unsigned long)n), n, im->ncols);
		bad_row(im, lineno, kept, f);
		return 0;
	}
	if (im->keycol >= 0) {
		/* A held row comes back (may_hold 0): its key is its own. */
		if (may_hold && (at = key_seen(im, f[im->keycol], lineno)))
			reason(im, _("%s: '%s' is also on line %ld of this "
			    "file"), im->col[im->keycol]->name, f[im->keycol],
			    at);
		id = key_lookup(im, f[im->keycol]);
	}
	record_clear(&im->rec);
	im->rowkeys_line = lineno;
	buf_reset(&im->rowkeys);
	im->rowmask = 0;
	for (i = 0; i < im->ncols; i++) {
		fd = im->col[i];
		v = f[i];
		/* An update leaves the key and read-only columns alone. */
		if (id && (i == im->keycol || fd->flags & F_RO))
			continue;
		if (!*v) {
			/* A new record takes the column's default; an
			 * explicit NULL elsewhere keeps the shape of the
			 * INSERT the same from row to row. */
			if (!id && im->notnull[i])
				continue;
			if (id && im->notnull[i]) {
				reason(im, _("%s: cannot be emptied"),
				    fd->name);
				continue;
			}
		}
		v = unguard(im, v);
		if (may_hold && fd->type == FT_STAFF && !strcmp(im->e->table,
		    "staff") && *v && !staff_exists(v)) {
			defer = 1;
			continue;
		}
		buf_reset(&im->errb);
		if (id && (was = zero_dropped(im, i, id, v))) {
			warn(_("%s:%ld: %s: '%s' is the stored '%s' without its "
			    "leading 0, which a spreadsheet drops: '%s' is "
			    "kept"), im->name, lineno, fd->name, v, was, was);
			record_set_field(&im->rec, fd, was, &im->errb);
			free(was);
		} else if (record_set_field(&im->rec, fd, v, &im->errb) < 0)
			reason(im, "%s", buf_str(&im->errb));
		else if (fd->flags & F_PHONE && phone_stripped(v))
			stripped_phone(im, lineno, fd, v);
	}
	/* Every reason of the row at once: with a bad value, the required
	 * values missing and the keys taken too (a new record's; an update
	 * that collides is the database's to say). */
	if (!id && im->why.len)
		missing_values(im, f);
	if (!id && (!defer || im->why.len))
		duplicate(im);
	if (im->why.len) {
		bad_row(im, lineno, kept, f);
		return 0;
	}
	if (defer)
		return 1;
	if (id) {
		buf_reset(&im->errb);
		if ((i = record_update(&im->rec, id, &im->errb)) > 0)
			im->r->updated++;
		else if (i < 0) {
			reason(im, "%s", buf_str(&im->errb));
			bad_row(im, lineno, kept, f);
		}
		return 0;
	}
	buf_reset(&im->errb);
	search_defer_arm(im->defer);
	if ((id = record_insert(&im->rec, &im->errb)) < 0) {
		reason(im, "%s", buf_str(&im->errb));
		bad_row(im, lineno, kept, f);
		return 0;
	}
	if (im->lines)
		added_keep(im, id, lineno);
	im->r->added++;
	if (im->rec.derived)
		im->r->derived++;
	return 0;
}

static void
free_held(struct held *h)
{
	int c;

	for (c = 0; c < h->n; c++)
		free(h->f[c]);
	free(h->f);
}

/* Held row I's login and the login it reports to, by the file's
 * columns. */
static void
held_names(struct import *im, size_t i, const char **login,
    const char **to)
{
	int c;

	*login = *to = NULL;
	for (c = 0; c < im->ncols && c < im->held[i].n; c++) {
		if (!strcmp(im->col[c]->name, im->e->key ? im->e->key : ""))
			*login = unguard(im, im->held[i].f[c]);
		else if (im->col[c]->type == FT_STAFF)
			*to = unguard(im, im->held[i].f[c]);
	}
}

/* Held rows that report to each other, none to a member there is: a loop
 * within the file.  1 with the reason given, when row I is in one. */
static int
held_loop(struct import *im, size_t i)
{
	struct buf chain = {0};
	const char *self, *to, *login, *next;
	size_t j, steps;

	held_names(im, i, &self, &to);
	if (!self || !to)
		return 0;
	buf_adds(&chain, self);
	for (steps = 0; to && steps <= im->nheld; steps++) {
		buf_printf(&chain, " -> %s", to);
		if (!strcmp(to, self)) {
			reason(im, _("reports_to would make a cycle: %s (rows "
			    "of this file): a reporting line ends at the top"),
			    buf_str(&chain));
			buf_free(&chain);
			return 1;
		}
		for (j = 0, next = NULL; j < im->nheld && !next; j++) {
			held_names(im, j, &login, &next);
			if (!login || strcmp(login, to))
				next = NULL;
		}
		to = next;
	}
	buf_free(&chain);
	return 0;
}

/* Insert the held staff rows whose manager now exists, until none is
 * left or none can be; what remains is reported bad. */
static void
flush_held(struct import *im)
{
	struct held *h;
	size_t i, k;
	int progress = 1, ready, c;

	while (im->nheld && progress) {
		progress = 0;
		for (i = k = 0; i < im->nheld; i++) {
			h = &im->held[i];
			ready = 1;
			for (c = 0; c < im->ncols; c++)
				if (im->col[c]->type == FT_STAFF && *h->f[c]
				    && !staff_exists(unguard(im, h->f[c])))
					ready = 0;
			if (ready) {
				import_row(im, h->line, h->n, h->n, h->f, 0);
				progress = 1;
				free_held(h);
			} else
				im->held[k++] = *h;
		}
		im->nheld = k;
	}
	/* What is left waits for another row left: a loop, or a login
	 * that is nowhere.  (Freed after: a loop reads the other rows.) */
	for (i = 0; i < im->nheld; i++) {
		h = &im->held[i];
		if (held_loop(im, i))
			bad_row(im, h->line, h->n, h->f);
		else
			import_row(im, h->line, h->n, h->n, h->f, 0);
	}
	for (i = 0; i < im->nheld; i++)
		free_held(&im->held[i]);
	im->nheld = 0;
	free(im->held);
	im->held = NULL;
}

/* A header of one cell that names no column: a file separated by tabs
 * or semicolons, or a title row (a merged cell) above the names.  Dies
 * saying which. */
static void
one_cell_header(struct import *im, const struct csvrow *row, const char *v)
{
	struct buf names = {0};

	if (strchr(v, '\t'))
		die(EX_DATAERR, "%s:%ld: the columns are separated by tabs, and "
		    "crm-import reads comma-separated CSV: save the file from "
		    "the spreadsheet as \"CSV UTF-8\"", im->name, row->line);
	if (strchr(v, ';'))
		die(EX_DATAERR, "%s:%ld: the columns are separated by "
		    "semicolons, and crm-import reads comma-separated CSV: "
		    "save the file with commas between the columns", im->name,
		    row->line);
	entity_columns_text(im->e, &names);
	die(EX_DATAERR, "%s:%ld: the first row is the one cell '%s', which "
	    "names no column: the first row must name the columns (delete a "
	    "title row above them); the columns of %s are (by name or label): "
	    "%s", im->name, row->line, v, im->e->table, names.s);
}

/* The header: every problem of it on a line of its own, all in one run
 * (unknown columns, a column twice, a required column missing), then
 * die 65. */
static void
read_header(struct import *im, struct rowin *in)
{
	const struct entity *e = im->e;
	const char *key = e->key ? e->key : "id";
	struct csvrow *row;
	const struct field *fd;
	struct buf names = {0}, unknown = {0}, probs = {0};
	char *p, *q;
	int i, j, r, nunknown = 0, nfull = 0, full = 0;

	if ((r = rowin_next(in, &row)) < 0)
		die(rowin_errcode(in), "%s", rowin_error(in));
	if (r == 0)
		die(EX_DATAERR, "%s: empty file: the first line must name the "
		    "columns", im->name);
	if (row->n > CSVIN_MAXCOLS)
		die(EX_DATAERR, "%s:%ld: %d columns in the header: %s has %d",
		    im->name, row->line, row->n, e->table, CSVIN_MAXCOLS);
	/* Empty cells after the last name are a spreadsheet's, not
	 * columns: "a,b,c,,,". */
	for (im->ncols = row->n; im->ncols > 0 && !*row->f[im->ncols - 1];
	    im->ncols--)
		;
	for (i = 0; i < im->ncols; i++) {
		im->colname[i] = xstrdup(row->f[i]);
		im->col[i] = header_field(e, row->f[i]);
		if (*row->f[i]) {
			nfull++;
			full = i;
		}
	}
	if (nfull == 1 && !im->col[full])
		one_cell_header(im, row, row->f[full]);
	/* Every unknown column at once, in one line. */
	for (i = 0; i < im->ncols; i++)
		if (!im->col[i]) {
			buf_printf(&unknown, _("%s'%s' (column %d)"),
			    unknown.len ? _(", ") : "", row->f[i], i + 1);
			nunknown++;
		}
	if (nunknown) {
		entity_columns_text(e, &names);
		buf_printf(&probs, ngettext("%s:%ld: unknown column %s: the "
		    "columns of %s are (by name or label): %s",
		    "%s:%ld: unknown columns %s: the columns of %s are (by "
		    "name or label): %s", (unsigned long)nunknown), im->name,
		    row->line, buf_str(&unknown), e->table, names.s);
		buf_addc(&probs, '\n');
	}
	for (i = 0; i < im->ncols; i++) {
		if (!im->col[i])
			continue;
		for (j = 0; j < i && im->col[j] != im->col[i]; j++)
			;
		if (j < i) {
			buf_printf(&probs, _("%s:%ld: column '%s' appears "
			    "twice (columns %d and %d)"), im->name, row->line,
			    row->f[i], j + 1, i + 1);
			buf_addc(&probs, '\n');
		}
		if (im->o->update && !strcmp(im->col[i]->name, key))
			im->keycol = i;
	}
	if (im->o->update && im->keycol < 0) {
		buf_printf(&probs, _("%s:%ld: --update needs a '%s' column to "
		    "find the %s to change"), im->name, row->line, key,
		    e->table);
		buf_addc(&probs, '\n');
	}
	/* Without --update a column that is required must be there. */
	for (fd = e->fields; fd->name; fd++) {
		if (!(fd->flags & F_REQ) || im->o->update)
			continue;
		for (i = 0; i < im->ncols && im->col[i] != fd; i++)
			;
		if (i == im->ncols) {
			buf_printf(&probs, _("%s:%ld: required column '%s' is "
			    "missing"), im->name, row->line, fd->name);
			buf_addc(&probs, '\n');
		}
	}
	if (probs.len) {
		/* Each a line of its own; the last one dies. */
		probs.s[probs.len - 1] = '\0';
		for (p = probs.s; (q = strchr(p, '\n')); p = q + 1) {
			*q = '\0';
			warn("%s", p);
		}
		die(EX_DATAERR, "%s", p);
	}
	buf_free(&names);
	buf_free(&unknown);
	buf_free(&probs);
}

/* What the table itself insists on: NOT NULL columns and unique
 * constraints. */
static void
table_rules(struct import *im)
{
	const struct entity *e = im->e;
	struct buf sql = {0};
	db_stmt *s, *t;
	int i;

	s = db_prepare("SELECT name, \"notnull\" FROM pragma_table_info(?)");
	db_bind_text(s, 1, e->table);
	while (db_step(s))
		for (i = 0; i < im->ncols; i++)
			if (!strcmp(db_text(s, 0), im->col[i]->name))
				im->notnull[i] = db_int(s, 1) != 0;
	db_finalize(s);
	s = db_prepare("SELECT name FROM pragma_index_list(?) "
	    "WHERE \"unique\" = 1");
	db_bind_text(s, 1, e->table);
	while (db_step(s) && im->nuniq < (int)(sizeof im->uniq
	    / sizeof im->uniq[0])) {
		struct uniq *u = &im->uniq[im->nuniq];

		buf_reset(&sql);
		buf_printf(&sql, "SELECT rowid FROM \"%s\" WHERE 1",
		    e->table);
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
			im->nuniq++;
		}
	}
	db_finalize(s);
	buf_reset(&sql);
	buf_printf(&sql, "SELECT rowid FROM \"%s\" WHERE id = ?", e->table);
	im->id_taken = db_prepare(sql.s);
	buf_reset(&sql);
	buf_printf(&sql, "SELECT id FROM \"%s\" WHERE \"%s\" = ?", e->table,
	    e->key ? e->key : "id");
	im->key_stmt = db_prepare(sql.s);
	buf_free(&sql);
	/* A key another row may repeat: a unique one, or the id. */
	im->lines = im->nuniq > 0;
	for (i = 0; i < im->ncols; i++)
		if (!strcmp(im->col[i]->name, "id"))
			im->lines = 1;
}

/* After the rows: a load into an empty table (lib/bulk.c) gets its
 * change log and indexes, then the search documents are written once
 * (the bulk load's, the deferred ones of lib/searchdefer.c); -v times
 * each.  An import that is rolled back (DISCARD) builds none of it. */
static void
bulk_finish(struct import *im, int discard)
{
	double t0 = now(), t1;

	if (discard) {
		bulk_discard(im->bulk);
		search_defer_discard(im->defer);
		im->bulk = NULL;
		im->defer = NULL;
		return;
	}
	if (im->bulk)
		bulk_rebuild(im->bulk);
	t1 = now();
	if (im->bulk)
		bulk_end(im->bulk);
	search_defer_end(im->defer);
	im->defer = NULL;
	if (im->bulk && im->o->verbose)
		warn("bulk load: change log and indexes built in %.2f s, "
		    "search index in %.2f s", t1 - t0, now() - t1);
	im->bulk = NULL;
}

/* UTF-8 rejects get a BOM, so that Excel shows the Chinese right; a
 * GB18030 file's come back in GB18030, as they were. */
static void
open_rejects(struct import *im)
{
	const char *enc = im->o->encoding;
	int i, utf8 = !enc || !strcasecmp(enc, "utf-8")
	    || !strcasecmp(enc, "utf8");

	im->rejects = csvout_open(im->o->rejects, enc, CSVOUT_RAW
	    | (utf8 ? CSVOUT_BOM : 0));
	for (i = 0; i < im->ncols; i++)
		csvout_field(im->rejects, im->colname[i], 0);
	csvout_field(im->rejects, "reason", 0);
	csvout_endrow(im->rejects);
}

/* The statements and memory of one import (the transaction is the
 * caller's business). */
static void
import_free(struct import *im)
{
	int i;

	for (i = 0; i < im->nuniq; i++)
		db_finalize(im->uniq[i].s);
	db_finalize(im->id_taken);
	db_finalize(im->key_stmt);
	for (i = 0; i < CSVIN_MAXCOLS; i++)
		if (im->stored[i])
			db_finalize(im->stored[i]);
	if (im->key_add) {
		db_finalize(im->key_add);
		db_finalize(im->key_get);
	}
	for (i = 0; i < im->ncols; i++)
		free(im->colname[i]);
	record_clear(&im->rec);
	buf_free(&im->why);
	buf_free(&im->errb);
	buf_free(&im->line);
	buf_free(&im->key);
	buf_free(&im->rowkeys);
}

int
import_file(const struct entity *e, const char *path,
    const struct import_opts *o, struct import_result *r)
{
	struct import im = {0};
	struct rowin *in;
	struct csvrow *row;
	struct progress *prog;
	double t0;
	int rc;

	/* Keep freed memory instead of returning it to the system after
	 * every row (brk churn doubled the time of a large import). */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 4 << 20);
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	memset(r, 0, sizeof *r);
	/* crm-export writes no .xlsx of them: Excel would refuse CSV under
	 * that name. */
	if (o->rejects && strlen(o->rejects) >= 5 && !strcasecmp(o->rejects
	    + strlen(o->rejects) - 5, ".xlsx"))
		die(EX_USAGE, "--rejects '%s': the rejects file is CSV (the "
		    "bad rows as they were read, with a reason column): name it "
		    ".csv", o->rejects);
	im.e = e;
	im.o = o;
	im.r = r;
	im.keycol = -1;
	in = rowin_open(path ? path : "-", o->encoding, o->max_field, o->sheet);
	r->name = xstrdup(rowin_name(in));
	im.name = r->name;
	/* From the start: a slow pipe's wait counts. */
	prog = o->quiet ? NULL : progress_start(im.name, rowin_size(in));
	read_header(&im, in);
	rowin_columns(in, im.col, im.ncols);
	/* A dry run writes no file, the rejects file included (standard
	 * output, "-", still shows them). */
	if (o->rejects && (!o->dry_run || !strcmp(o->rejects, "-")))
		open_rejects(&im);
	record_init(&im.rec, e);
	db_begin();
	/* 4 MiB of page cache: more spills less often but gains little
	 * (measured from 2 to 16 MiB) and costs resident memory. */
	db_exec("PRAGMA cache_size = -4096");
	/* Every value has passed record_set(), whose rules the tables' CHECK
	 * constraints repeat; SQLite would build a temporary table for each
	 * IN list of each row (three times the time of the import). */
	db_exec("PRAGMA ignore_check_constraints = ON");
	table_rules(&im);
	if (!o->update)
		im.bulk = bulk_begin(e);
	im.defer = search_defer_begin(e);
	t0 = now();
	while ((rc = rowin_next(in, &row)) > 0) {
		r->rows++;
		/* A cell a spreadsheet spoiled (lib/xlsxin.c) is reason
		 * enough: the row's other values wait until it is mended. */
		if (row->why) {
			buf_adds(&im.why, row->why);
			bad_row(&im, row->line, row->kept, row->f);
		} else if (import_row(&im, row->line, row->n, row->kept,
		    row->f, 1))
			hold(&im, row);
		if (!(r->rows & 1023))
			progress_update(prog, r->rows, rowin_bytes(in));
	}
	progress_end(prog);
	if (rc < 0)
		die(rowin_errcode(in), "%s", rowin_error(in));
	flush_held(&im);
	if (o->verbose && o->dry_run)
		warn("%s: rows read and checked in %.2f s (dry run: nothing "
		    "written)", im.name, now() - t0);
	else if (o->verbose)
		warn("%s: rows read, checked and written in %.2f s", im.name,
		    now() - t0);
	bulk_finish(&im, r->bad && !im.rejects);
	db_exec("PRAGMA ignore_check_constraints = OFF");
	rowin_close(in);
	import_free(&im);
	if (r->bad && !im.rejects) {
		db_rollback();
		return -1;
	}
	/* The rejects first: a file that cannot be written (a full disk)
	 * exits 74 with the good rows not committed either. */
	if (im.rejects)
		csvout_close(im.rejects);
	t0 = now();
	if (o->dry_run)
		db_rollback();
	else
		db_commit();
	if (o->verbose && o->dry_run)
		warn("rolled back in %.2f s", now() - t0);
	else if (o->verbose)
		warn("committed in %.2f s", now() - t0);
	return 0;
}
