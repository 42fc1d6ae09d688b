/* record.c - the one write path: insert, update and remove a record of any
 * table, with its defaults, the rules and side effects of rules.c and the
 * change log, in the caller's transaction.  crm-add, crm-edit, crm-import,
 * crm-visit, crm-staff, crm-rm and every later writer come through here. */
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

/* A value of a record after SQL that holds its ?. */
static void
query_value(struct query *q, const char *sql, const struct value *v)
{
	if (v->null)
		query_text(q, sql, NULL);
	else if (v->isint)
		query_int(q, sql, v->i);
	else
		query_text(q, sql, v->s);
}

static void
bind_value(db_stmt *s, int i, const struct value *v)
{
	if (v->null)
		db_bind_null(s, i);
	else if (v->isint)
		db_bind_int(s, i, v->i);
	else
		db_bind_text_static(s, i, v->s);
}

/* Prepared INSERTs by shape of record (table and columns in order): an
 * import inserts many records of a few shapes.  The least recently used
 * goes when a new shape needs its place. */
#define NSHAPES 8
static struct shape {
	const struct entity *e;
	int n;
	const struct field *f[RECORD_MAX];
	db_stmt *s;
	unsigned long used;
} shapes[NSHAPES];
static unsigned long shape_clock;

static db_stmt *
insert_stmt(const struct record *r)
{
	struct shape *sh, *old = shapes;
	struct buf sql = {0};
	int i;

	for (sh = shapes; sh < shapes + NSHAPES; sh++) {
		if (sh->s && sh->e == r->e && sh->n == r->n
		    && !memcmp(sh->f, r->f, (size_t)r->n * sizeof *r->f)) {
			sh->used = ++shape_clock;
			return sh->s;
		}
		if (sh->used < old->used)
			old = sh;
	}
	if (old->s)
		db_finalize(old->s);
	buf_printf(&sql, "INSERT INTO \"%s\" (", r->e->table);
	for (i = 0; i < r->n; i++)
		buf_printf(&sql, "%s\"%s\"", i ? ", " : "", r->f[i]->name);
	buf_adds(&sql, ") VALUES (");
	for (i = 0; i < r->n; i++)
		buf_adds(&sql, i ? ", ?" : "?");
	buf_addc(&sql, ')');
	old->s = db_prepare(sql.s);
	old->e = r->e;
	old->n = r->n;
	memcpy(old->f, r->f, (size_t)r->n * sizeof *r->f);
	old->used = ++shape_clock;
	buf_free(&sql);
	return old->s;
}

/* A new customer's code: C and its id in six digits, or, when a code
 * given by hand already took that, the next number after the highest. */
static void
new_code(int64_t id, char code[32])
{
	static db_stmt *taken;
	int64_t n = id;

	if (!taken)
		taken = db_prepare("SELECT 1 FROM customers WHERE code = ?");
	for (;;) {
		snprintf(code, 32, "C%06lld", (long long)n);
		db_bind_text(taken, 1, code);
		if (!db_step(taken))
			break;
		db_reset(taken);
		n = db_int_query("SELECT max(CAST(substr(code, 2) AS INTEGER))"
		    " FROM customers WHERE code GLOB 'C[0-9]*'", NULL, 0) + 1;
	}
	db_reset(taken);
}

/* The default of F for a new record: its setting's value when set, else
 * the table's. */
static char *
default_of(const struct field *f)
{
	char *v;

	if (f->setting && (v = setting_get(f->setting)) && *v)
		return v;
	return f->dflt ? xstrdup(f->dflt) : NULL;
}

/* What the library keeps of a table it has just written goes. */
static void
forget(const struct entity *e)
{
	if (e->written)
		e->written();
}

/* The entity whose inserts write no change log (a bulk load logs them
 * afterwards), or NULL. */
static const struct entity *unlogged;

void
record_log_inserts(const struct entity *e)
{
	unlogged = e;
}

/* The customer of a new record without a code gets one from its id. */
static void
give_code(struct record *r, struct buf *err)
{
	static db_stmt *maxid;
	char code[32], idtext[32];
	int64_t next;

	if (record_isset(r, "code"))
		return;
	if (!(next = record_int(r, "id"))) {
		if (!maxid)
			maxid = db_prepare("SELECT max(id) FROM customers");
		next = db_step(maxid) ? db_int(maxid, 0) + 1 : 1;
		db_reset(maxid);
		snprintf(idtext, sizeof idtext, "%lld", (long long)next);
		record_set(r, "id", idtext, err);
	}
	new_code(next, code);
	record_set(r, "code", code, err);
}

int
record_missing(const struct record *r, const struct field *f)
{
	char *d;

	if (!(f->flags & F_REQ) || record_isset_field(r, f)
	    || (f->type == FT_TIME && f->flags & F_AUTO)
	    || rules_derive(r->e, f))
		return 0;
	if ((d = default_of(f))) {
		free(d);
		return 0;
	}
	return 1;
}

int64_t
record_insert(struct record *r, struct buf *err)
{
	const struct field *f;
	char now[21], *d;
	const char *label;
	db_stmt *s;
	int64_t id;
	int i;

	timestamp_now(now);
	for (f = r->e->fields; f->name; f++) {
		if (record_isset_field(r, f))
			continue;
		if (f->type == FT_TIME && f->flags & F_AUTO) {
			record_set_field(r, f, now, err);
			r->stamped |= 1ULL << (f - r->e->fields);
		}
		else if (!rules_derive(r->e, f) && (d = default_of(f))) {
			if (record_set_field(r, f, d, err) < 0) {
				free(d);
				return -1;
			}
			free(d);
		}
	}
	if (rules_fill(NULL, r, err) < 0)
		return -1;
	for (f = r->e->fields; f->name; f++)
		if (f->flags & F_REQ && !record_isset_field(r, f)) {
			errf(err, "%s: a value is required", f->name);
			return -1;
		}
	if (entity_field(r->e, "code") && entity_field(r->e, "code")->flags
	    & F_AUTO)
		give_code(r, err);
	if (rules_check(NULL, r, err) < 0)
		return -1;
	s = insert_stmt(r);
	for (i = 0; i < r->n; i++)
		bind_value(s, i + 1, &r->v[i]);
	if (db_step_try(s, err) < 0) {
		db_reset(s);
		return -1;
	}
	db_reset(s);
	forget(r->e);
	id = db_last_id();
	label = record_text(r, r->e->label);
	if (r->e != unlogged)
		change_log(r->e->name, id, NULL, NULL, label ? label : "created");
	if (rules_apply(NULL, r, id, err) < 0)
		die(EX_SOFTWARE, "cannot add %s %lld: %s", entity_label(r->e->name),
		    (long long)id, buf_str(err));
	return id;
}

/* Read record ID of E, every field, into R.  0, or -1 when none. */
static int
record_load(const struct entity *e, int64_t id, struct record *r)
{
	const struct field *f;
	struct buf sql = {0};
	struct value *v;
	db_stmt *s;
	int i = 0;

	buf_adds(&sql, "SELECT ");
	for (f = e->fields; f->name; f++)
		buf_printf(&sql, "%s\"%s\"", f == e->fields ? "" : ", ", f->name);
	buf_printf(&sql, " FROM \"%s\" WHERE id = ?", e->table);
	s = db_prepare(sql.s);
	buf_free(&sql);
	db_bind_int(s, 1, id);
	record_init(r, e);
	if (!db_step(s)) {
		db_finalize(s);
		return -1;
	}
	for (f = e->fields; f->name; f++, i++) {
		v = &r->v[r->n];
		r->f[r->n++] = f;
		memset(v, 0, sizeof *v);
		if ((v->null = db_isnull(s, i)))
			continue;
		if (db_isnum(s, i)) {
			v->isint = 1;
			v->i = db_int(s, i);
		} else
			v->s = xstrdup(db_text(s, i));
	}
	db_finalize(s);
	return 0;
}

/* A copy of R. */
static void
record_copy(struct record *to, const struct record *r)
{
	int i;

	*to = *r;
	for (i = 0; i < r->n; i++)
		to->v[i].s = r->v[i].s ? xstrdup(r->v[i].s) : NULL;
}

void
record_merge(struct record *to, const struct record *r)
{
	int i, j;

	for (i = 0; i < r->n; i++) {
		for (j = 0; j < to->n && to->f[j] != r->f[i]; j++)
			;
		if (j == to->n) {
			to->f[j] = r->f[i];
			to->n++;
		} else
			free(to->v[j].s);
		to->v[j] = r->v[i];
		to->v[j].s = r->v[i].s ? xstrdup(r->v[i].s) : NULL;
	}
}

/* The order in which an update logs its changes: the fields the write
 * gave, in its order, then those the rules stamped. */
static int
log_order(const struct record *r, const struct record *after, int *order)
{
	char seen[RECORD_MAX] = {0};
	int i, j, n = 0;

	for (j = 0; j < r->n; j++)
		for (i = 0; i < after->n; i++)
			if (after->f[i] == r->f[j] && !seen[i]) {
				seen[i] = 1;
				order[n++] = i;
			}
	for (i = 0; i < after->n; i++)
		if (!seen[i])
			order[n++] = i;
	return n;
}

int
record_update(struct record *r, int64_t id, struct buf *err)
{
	struct record before, after;
	struct query q = {0};
	char *old[RECORD_MAX], *new[RECORD_MAX], now[21];
	int order[RECORD_MAX], i, j, n, k = 0;
	db_stmt *u;

	if (record_load(r->e, id, &before) < 0)
		return -2;
	record_copy(&after, &before);
	record_merge(&after, r);
	if (rules_fill(&before, &after, err) < 0
	    || rules_check(&before, &after, err) < 0) {
		record_clear(&before);
		record_clear(&after);
		return -1;
	}
	query_sql(&q, "UPDATE \"%s\" SET id = id", r->e->table);
	for (i = 0; i < after.n; i++) {
		old[i] = value_text(before.f[i], &before.v[i]);
		new[i] = value_text(after.f[i], &after.v[i]);
		if ((!old[i] && !new[i]) || (old[i] && new[i]
		    && !strcmp(old[i], new[i]))) {
			free(old[i]);
			free(new[i]);
			old[i] = new[i] = NULL;
			continue;
		}
		/* Changed: old[i] is not NULL from here on ("" for none). */
		query_sql(&q, ", \"%s\"", after.f[i]->name);
		query_value(&q, " = ?", &after.v[i]);
		if (!old[i])
			old[i] = xstrdup("");
		k++;
	}
	if (k) {
		if (entity_field(r->e, "updated_at")) {
			timestamp_now(now);
			query_text(&q, ", \"updated_at\" = ?", now);
		}
		query_int(&q, " WHERE id = ?", id);
		u = query_prepare(&q);
		if (db_step_try(u, err) < 0) {
			db_finalize(u);
			for (i = 0; i < after.n; i++) {
				free(old[i]);
				free(new[i]);
			}
			query_free(&q);
			record_clear(&before);
			record_clear(&after);
			return -1;
		}
		db_finalize(u);
		forget(r->e);
		/* Side effects first: a rename's cascade is logged before
		 * the rename itself, as the cascade happened within it. */
		if (rules_apply(&before, &after, id, err) < 0)
			die(EX_SOFTWARE, "cannot change %s %lld: %s",
			    r->e->name, (long long)id, buf_str(err));
		n = log_order(r, &after, order);
		for (j = 0; j < n; j++) {
			i = order[j];
			if (!old[i])
				continue;
			change_log(r->e->name, id, after.f[i]->name,
			    before.v[i].null ? NULL : old[i], new[i]);
			free(old[i]);
			free(new[i]);
		}
	}
	query_free(&q);
	record_clear(&before);
	record_clear(&after);
	return k;
}

int64_t
record_add(struct record *r)
{
	struct buf err = {0};
	int64_t id;

	if ((id = record_insert(r, &err)) < 0)
		die(EX_DATAERR, "cannot add %s: %s", entity_label(r->e->name),
		    buf_str(&err));
	buf_free(&err);
	return id;
}

int
record_edit(struct record *r, int64_t id)
{
	struct buf err = {0};
	int n = record_update(r, id, &err);

	if (n == -2)
		die(EX_NOTFOUND, "no %s %lld", entity_label(r->e->name),
		    (long long)id);
	if (n < 0)
		die(EX_DATAERR, "cannot change %s %lld: %s",
		    entity_label(r->e->name),
		    (long long)id, buf_str(&err));
	buf_free(&err);
	return n;
}

int64_t
record_lookup(const struct entity *e, const char *text)
{
	struct buf sql = {0};
	int64_t id = 0, n;
	db_stmt *s;

	if (!strcmp(e->table, "customers"))
		return customer_lookup(text);
	if (int_parse(text, 1, INT64_MAX, &n) == 0)
		buf_printf(&sql, "SELECT id FROM \"%s\" WHERE id = ?",
		    e->table);
	else if (e->key)
		buf_printf(&sql, "SELECT id FROM \"%s\" WHERE \"%s\" = ?",
		    e->table, e->key);
	else
		return 0;
	s = db_prepare(sql.s);
	db_bind_text(s, 1, text);
	if (db_step(s))
		id = db_int(s, 0);
	db_finalize(s);
	buf_free(&sql);
	return id;
}

/* The records of other tables that refer to OLD (by its id, or a staff
 * member by login), counted into B: "2 contacts, 5 visits", with the
 * column where it is not the record's own name: "3 customers (owner)". */
static int64_t
referrers(const struct record *old, struct buf *b)
{
	const struct entity *e = old->e, *x;
	struct buf sql = {0};
	const char *table, *col, *part;
	int64_t count, total = 0;
	db_stmt *fk, *n;

	fk = db_prepare("SELECT m.name, f.\"from\", ifnull(f.\"to\", 'id')"
	    " FROM sqlite_master m, pragma_foreign_key_list(m.name) f"
	    " WHERE m.type = 'table' AND f.\"table\" = ? ORDER BY m.rowid");
	db_bind_text(fk, 1, e->table);
	while (db_step(fk)) {
		table = db_text(fk, 0);
		col = db_text(fk, 1);
		buf_reset(&sql);
		buf_printf(&sql, "SELECT count(*) FROM \"%s\" WHERE \"%s\" = ?",
		    table, col);
		n = db_prepare(sql.s);
		if (record_text(old, db_text(fk, 2)))
			db_bind_text(n, 1, record_text(old, db_text(fk, 2)));
		else
			db_bind_int(n, 1, record_int(old, db_text(fk, 2)));
		db_step(n);
		count = db_int(n, 0);
		db_finalize(n);
		/* Its parts go with it. */
		if (!count || ((part = rules_part_of(table, e->table, NULL))
		    && !strcmp(part, col)))
			continue;
		x = entity_find(table);
		if (total)
			buf_adds(b, _(", "));
		/* In a language of its own, the entity's name for people;
		 * in English the table's plural: "2 contacts". */
		if (x && entity_label(x->name) != x->name)
			/* TRANSLATORS: how many records of a kind refer to
			 * the one to be removed: "2 contacts". */
			buf_printf(b, _("%lld %s"), (long long)count,
			    entity_label(x->name));
		else
			buf_printf(b, "%lld %s", (long long)count,
			    count == 1 && x ? x->name : table);
		if (strcmp(col, e->name))
			buf_printf(b, _(" (%s)"), col_label(col));
		total += count;
	}
	db_finalize(fk);
	buf_free(&sql);
	return total;
}

/* Removing a whole: its parts may go. */
static int removing_whole;

/* The parts of record ID of E (a complaint's steps), each removed and
 * logged as record_remove does. */
static int
remove_parts(const struct entity *e, int64_t id, struct buf *err)
{
	const struct entity *x;
	struct buf sql = {0};
	const char *col;
	db_stmt *s;
	int i, rc = 0;

	for (i = 0; entities[i] && rc == 0; i++) {
		x = entities[i];
		if (!(col = rules_part_of(x->table, e->table, NULL)))
			continue;
		buf_reset(&sql);
		buf_printf(&sql, "SELECT id FROM \"%s\" WHERE \"%s\" = ?"
		    " ORDER BY id", x->table, col);
		s = db_prepare(sql.s);
		db_bind_int(s, 1, id);
		removing_whole++;
		while (rc == 0 && db_step(s))
			rc = record_remove(x, db_int(s, 0), err) < 0 ? -1 : 0;
		removing_whole--;
		db_finalize(s);
	}
	buf_free(&sql);
	return rc;
}

int
record_remove(const struct entity *e, int64_t id, struct buf *err)
{
	struct record old;
	struct buf why = {0}, sql = {0};
	const char *label, *part, *pwhy;
	char *v;
	db_stmt *s;
	int64_t n;
	int i;

	if (record_load(e, id, &old) < 0)
		return -2;
	if (!removing_whole && (part = rules_part_of(e->table, NULL, &pwhy))) {
		errf(err, "a %s is part of its %s (%s): it goes when that "
		    "is removed", entity_label(e->name), entity_label(part),
		    _(pwhy));
		record_clear(&old);
		return -1;
	}
	if ((n = referrers(&old, &why))) {
		/* TRANSLATORS: the records that refer to the one to be
		 * removed, counted: "2 contacts, 5 visits"; N is their
		 * total. */
		buf_printf(err, ngettext("%s refers to it", "%s refer to it",
		    (unsigned long)n), buf_str(&why));
		buf_free(&why);
		record_clear(&old);
		return -1;
	}
	for (i = 0; i < old.n; i++) {
		if (old.f[i]->type == FT_ID || old.v[i].null)
			continue;
		v = value_text(old.f[i], &old.v[i]);
		change_log(e->name, id, old.f[i]->name, v, NULL);
		free(v);
	}
	label = record_text(&old, e->label);
	change_log(e->name, id, NULL, label ? label : "removed", NULL);
	if (remove_parts(e, id, err) < 0) {
		buf_free(&why);
		record_clear(&old);
		return -1;
	}
	buf_printf(&sql, "DELETE FROM \"%s\" WHERE id = ?", e->table);
	s = db_prepare(sql.s);
	db_bind_int(s, 1, id);
	db_step(s);
	db_finalize(s);
	forget(e);
	if (rules_removed(&old, err) < 0)
		die(EX_SOFTWARE, "cannot remove %s %lld: %s", entity_label(e->name),
		    (long long)id, buf_str(err));
	buf_free(&sql);
	buf_free(&why);
	record_clear(&old);
	return 0;
}

int
record_add_print(struct record *r)
{
	int64_t id;

	db_begin();
	id = record_add(r);
	print_id(id);	/* before the commit: see print_id */
	db_commit();
	record_clear(r);
	return 0;
}
