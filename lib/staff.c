/* staff.c - staff members: who is on the staff and active, what a member
 * holds, handovers, the reporting line and walks up it. */
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

int
staff_exists(const char *login)
{
	return staff_active(login) >= 0;
}

/* Who is on the staff and active, read once (a small table, asked about
 * for every row an import writes) and read again after any write to it. */
static struct staffdir *known;

void
staff_forget(void)
{
	staffdir_free(known);
	known = NULL;
}

/* LOGIN in the directory, read when first asked for; NULL when not on
 * the staff. */
static const struct person *
known_person(const char *login)
{
	if (!known)
		known = staffdir_load();
	return staffdir_find(known, login);
}

int
staff_active(const char *login)
{
	const struct person *p = known_person(login);

	return p ? p->active != 0 : -1;
}

int
staff_any(void)
{
	if (!known)
		known = staffdir_load();
	return known->n > 0;
}

char *
staff_role(const char *login)
{
	const struct person *p = known_person(login);

	return p ? xstrdup(p->role) : NULL;
}

char *
staff_of_os_user(const char *account)
{
	return db_text_query("SELECT login FROM staff WHERE os_user = ?",
	    account);
}

int64_t
customer_lookup(const char *idcode)
{
	static db_stmt *bycode, *byid;
	int64_t id = 0, n;

	if (!bycode) {
		bycode = db_prepare("SELECT id FROM customers WHERE code = ?");
		byid = db_prepare("SELECT id FROM customers WHERE id = ?");
	}
	if (int_parse(idcode, 1, INT64_MAX, &n) == 0) {
		db_bind_int(byid, 1, n);
		if (db_step(byid))
			id = n;
		db_reset(byid);
		return id;
	}
	db_bind_text(bycode, 1, idcode);
	if (db_step(bycode))
		id = db_int(bycode, 0);
	db_reset(bycode);
	return id;
}

/* The ids of the open records of E whose F_HELD field F is LOGIN. */
static db_stmt *
held_query(const struct entity *e, const struct field *f, const char *login,
    const char *what)
{
	const struct field *o = e->open.field ? entity_field(e, e->open.field)
	    : NULL;
	struct filter open = {0};
	struct query q = {0};
	db_stmt *s;
	char *w, *p;

	query_sql(&q, "SELECT %s FROM \"%s\" WHERE 1", what, e->table);
	query_sql(&q, " AND \"%s\"", f->name);
	query_text(&q, " = ?", login);
	if (o) {
		/* The open words as stored: a flag's yes is 1. */
		w = xstrdup(e->open.words);
		if (o->type == FT_BOOL)
			filter_add(&open, list_has("yes y true 1", w, ' ')
			    ? "1" : "0");
		else
			for (p = strtok(w, " "); p; p = strtok(NULL, " "))
				filter_add(&open, p);
		free(w);
	}
	query_filter(&q, &open, o ? o->name : NULL);
	s = query_prepare(&q);
	query_free(&q);
	filter_free(&open);
	return s;
}

int64_t
staff_holdings(const char *login, struct buf *b)
{
	const struct field *f;
	int64_t n, total = 0;
	db_stmt *s;
	int i;

	for (i = 0; entities[i]; i++)
		for (f = entities[i]->fields; f->name; f++) {
			if (!(f->flags & F_HELD))
				continue;
			s = held_query(entities[i], f, login, "count(*)");
			db_step(s);
			n = db_int(s, 0);
			db_finalize(s);
			if (!n)
				continue;
			if (total)
				buf_adds(b, _(", "));
			/* As record.c's referrers: the entity's name for
			 * people where there is one, else "2 customers". */
			if (entity_label(entities[i]->name)
			    != entities[i]->name)
				buf_printf(b, _("%lld %s"), (long long)n,
				    entity_label(entities[i]->name));
			else
				buf_printf(b, "%lld %s", (long long)n, n == 1
				    ? entities[i]->name : entities[i]->table);
			buf_printf(b, _(" (%s)"), col_label(f->name));
			total += n;
		}
	return total;
}

int
staff_handover(const char *from, const char *to, struct buf *err)
{
	const struct field *f;
	struct buf chain = {0};
	struct record r;
	db_stmt *s;
	int i, rc = 0;

	if (!strcmp(from, to)) {
		errf(err, "a handover goes to someone else");
		return -1;
	}
	/* Someone in the leaver's own team would end up reporting to
	 * themselves. */
	if (staff_exists(to) && staff_loop(from, to, &chain)) {
		errf(err, "'%s' reports to '%s' (%s): hand over to someone "
		    "outside the team", to, from, buf_str(&chain) + strlen(from)
		    + 4);
		buf_free(&chain);
		return -1;
	}
	buf_free(&chain);
	for (i = 0; entities[i] && !rc; i++)
		for (f = entities[i]->fields; f->name && !rc; f++) {
			if (!(f->flags & F_HELD))
				continue;
			record_init(&r, entities[i]);
			if (record_set_field(&r, f, to, err) < 0) {
				record_clear(&r);
				return -1;
			}
			s = held_query(entities[i], f, from, "id");
			while (!rc && db_step(s))
				rc = record_update(&r, db_int(s, 0), err) < 0;
			db_finalize(s);
			record_clear(&r);
		}
	return rc ? -1 : 0;
}

int
staff_loop(const char *self, const char *start, struct buf *chain)
{
	db_stmt *s = db_prepare("SELECT reports_to FROM staff WHERE login = ?");
	int64_t n = db_int_query("SELECT count(*) FROM staff", NULL, 0);
	char *cur = start ? xstrdup(start) : NULL;
	int loop = 0;

	buf_printf(chain, "%s", self);
	for (; cur && n >= 0; n--) {
		buf_printf(chain, " -> %s", cur);
		if (!strcmp(cur, self)) {
			loop = 1;
			break;
		}
		db_bind_text(s, 1, cur);
		free(cur);
		cur = db_step(s) && !db_isnull(s, 0) ? xstrdup(db_text(s, 0))
		    : NULL;
		db_reset(s);
	}
	free(cur);
	db_finalize(s);
	return loop;
}

/* The staff directory: everyone, read once, for walks up the reporting
 * line (the due list, the plans waiting for someone). */
static int
by_login(const void *a, const void *b)
{
	return strcmp(((const struct person *)a)->login,
	    ((const struct person *)b)->login);
}

struct staffdir *
staffdir_load(void)
{
	db_stmt *s = db_prepare("SELECT id, login, email, role, reports_to,"
	    " active FROM staff");
	struct staffdir *d = xcalloc(1, sizeof *d);
	struct person *p;
	size_t cap = 0;

	while (db_step(s)) {
		if (d->n == cap) {
			cap = cap ? cap * 2 : 64;
			d->p = xrealloc(d->p, cap * sizeof *d->p);
		}
		p = &d->p[d->n++];
		p->id = db_int(s, 0);
		p->login = xstrdup(db_text(s, 1));
		p->email = xstrdup(db_isnull(s, 2) ? "" : db_text(s, 2));
		p->role = xstrdup(db_text(s, 3));
		p->reports_to = db_isnull(s, 4) ? NULL : xstrdup(db_text(s, 4));
		p->active = (int)db_int(s, 5);
	}
	db_finalize(s);
	if (d->n)
		qsort(d->p, d->n, sizeof *d->p, by_login);
	return d;
}

void
staffdir_free(struct staffdir *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->p[i].login);
		free(d->p[i].email);
		free(d->p[i].role);
		free(d->p[i].reports_to);
	}
	free(d->p);
	free(d);
}

const struct person *
staffdir_find(const struct staffdir *d, const char *login)
{
	struct person key = {0};

	if (!login || !*login || !d->n)
		return NULL;
	key.login = (char *)login;
	return bsearch(&key, d->p, d->n, sizeof *d->p, by_login);
}

const struct person *
staffdir_manager(const struct staffdir *d, const struct person *p)
{
	size_t steps = 0;

	for (p = staffdir_find(d, p->reports_to); p && steps <= d->n;
	    p = staffdir_find(d, p->reports_to), steps++)
		if (p->active)
			return p;
	return NULL;
}

const struct person *
staffdir_taker(const struct staffdir *d, const char *login)
{
	const struct person *p = staffdir_find(d, login);

	if (!p || p->active)
		return p;
	return staffdir_manager(d, p);
}

const struct person *
staffdir_role(const struct staffdir *d, const char *from, const char *role)
{
	const struct person *p = staffdir_find(d, from), *best = NULL;
	size_t i, steps = 0;

	for (; p && steps <= d->n; p = staffdir_find(d, p->reports_to),
	    steps++)
		if (p->active && !strcmp(p->role, role))
			return p;
	/* Someone who left, whose job it was: their own line, not a
	 * stranger. */
	if ((p = staffdir_find(d, from)) && !p->active
	    && !strcmp(p->role, role))
		return staffdir_manager(d, p);
	for (i = 0; i < d->n; i++)
		if (d->p[i].active && !strcmp(d->p[i].role, role)
		    && (!best || d->p[i].id < best->id))
			best = &d->p[i];
	return best;
}
