/* test-model.c - the two copies of the data model agree: the SQL schema of
 * lib/schema.c (CHECK, DEFAULT, NOT NULL, the settings it inserts) and
 * the C tables of lib/model.c and lib/settings.c.  For every column: the
 * same name in the same place, the same NOT NULL and default; for every
 * closed list: the same words, each of which the table takes, and a word
 * outside it refused by both. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "crm.h"
#include "tap.h"
#include "tmpdb.h"

static sqlite3 *raw;	/* a second connection that writes without crm */

static void
close_raw(void)
{
	if (raw)
		sqlite3_close(raw);
}

/* The stored form of TEXT for F, as crm would write it. */
static char *
stored(const struct entity *e, const struct field *f, const char *text)
{
	struct record r;
	struct buf err = {0};
	char *v = NULL;

	record_init(&r, e);
	if (record_set_field(&r, f, text, &err) == 0 && r.n == 1
	    && !r.v[0].null)
		v = r.v[0].isint ? xasprintf("%lld", (long long)r.v[0].i)
		    : xstrdup(r.v[0].s);
	record_clear(&r);
	buf_free(&err);
	return v;
}

/* The words of the SQL list "col IN ('a','b')" of TABLE's column COL in
 * its CREATE TABLE text, space-separated, or NULL when there is none. */
static char *
sql_words(const char *create, const char *col)
{
	struct buf words = {0};
	const char *p, *q;
	size_t n = strlen(col);

	/* col IN (, "col" IN (, with any blanks and line breaks between. */
	for (p = create; (p = strstr(p, col)); p += n) {
		q = p + n + (p[n] == '"');
		if ((p > create && strchr("(\" ", p[-1]) == NULL)
		    || !strchr(" \n", *q))
			continue;
		q += strspn(q, " \n");
		if (strncmp(q, "IN", 2))
			continue;
		q += 2;
		q += strspn(q, " \n");
		if (*q == '(')
			break;
	}
	if (!p)
		return NULL;
	for (p = q + 1; *p && *p != ')'; p++) {
		if (*p != '\'')
			continue;
		q = strchr(p + 1, '\'');
		if (words.len)
			buf_addc(&words, ' ');
		buf_add(&words, p + 1, (size_t)(q - p - 1));
		p = q;
	}
	return words.s ? words.s : xstrdup("");
}

/* The value a required column gets in a test row. */
static const char *
filler(const struct field *f, char *tmp, size_t n, int k)
{
	switch (f->type) {
	case FT_CODE:
		snprintf(tmp, n, "'k%d'", k);
		return tmp;
	case FT_DATE:
		return "'2026-01-01'";
	case FT_TIME:
		return "'2026-01-01T00:00:00Z'";
	case FT_CUSTOMER:
	case FT_REF:
		return "1";
	case FT_STAFF:
		return "'st'";
	case FT_INT:
		snprintf(tmp, n, "%lld", (long long)f->min);
		return tmp;
	case FT_MONEY:
	case FT_BOOL:
		return "0";
	case FT_TIERS:
		return "'A'";
	case FT_ENUM:
		snprintf(tmp, n, "'%.*s'", (int)strcspn(f->values, " "),
		    f->values);
		return tmp;
	default:
		return "'x'";
	}
}

/* Insert a row into E's table with F = VALUE (an SQL literal) and every
 * NOT NULL column without a default filled in, and take it back.  The
 * SQLite result code. */
static int
try_insert(const struct entity *e, const struct field *f, const char *value)
{
	static int k;
	struct buf sql = {0}, vals = {0};
	const struct field *g;
	char tmp[64];
	int rc;

	buf_printf(&sql, "SAVEPOINT t; INSERT INTO \"%s\" (\"%s\"", e->table,
	    f->name);
	buf_adds(&vals, value);
	for (g = e->fields; g->name; g++) {
		if (g == f || g->type == FT_ID || !field_notnull(g) || g->dflt)
			continue;
		buf_printf(&sql, ", \"%s\"", g->name);
		buf_printf(&vals, ", %s", filler(g, tmp, sizeof tmp, ++k));
	}
	buf_printf(&sql, ") VALUES (%s)", vals.s);
	rc = sqlite3_exec(raw, sql.s, NULL, NULL, NULL);
	sqlite3_exec(raw, "ROLLBACK TO t; RELEASE t", NULL, NULL, NULL);
	buf_free(&sql);
	buf_free(&vals);
	return rc;
}

static void
check_entity(const struct entity *e)
{
	const struct field *f = e->fields;
	char *create, *words, *v, *d, lit[128];
	const char *p;
	db_stmt *s;
	size_t n;

	create = db_text_query("SELECT sql FROM sqlite_master WHERE type ="
	    " 'table' AND name = ?", e->table);
	ok(create != NULL, "%s: a table of the schema", e->table);
	s = db_prepare("SELECT name, \"notnull\", dflt_value FROM"
	    " pragma_table_info(?) ORDER BY cid");
	db_bind_text(s, 1, e->table);
	for (; db_step(s); f = f->name ? f + 1 : f) {
		const char *col = db_text(s, 0);

		if (!is_str(f->name, col, "%s: column %s is in the C table, in "
		    "the same place", e->table, col) || !f->name)
			continue;
		if (f->type != FT_ID)
			is_int(field_notnull(f), db_int(s, 1), "%s.%s: NOT NULL "
			    "agrees", e->table, f->name);
		if (f->flags & F_REQ)
			;	/* an SQL default crm never uses */
		else if (f->dflt) {
			d = db_isnull(s, 2) ? NULL : xstrdup(db_text(s, 2));
			if (d && *d == '\'') {
				memmove(d, d + 1, strlen(d));
				d[strlen(d) - 1] = '\0';
			}
			v = stored(e, f, f->dflt);
			is_str(v, d, "%s.%s: the default agrees", e->table,
			    f->name);
			free(v);
			free(d);
		} else
			ok(db_isnull(s, 2), "%s.%s: no default in either",
			    e->table, f->name);
		if (f->type != FT_ENUM)
			continue;
		words = sql_words(create ? create : "", f->name);
		is_str(words, f->values, "%s.%s: the same words", e->table,
		    f->name);
		free(words);
		for (p = f->values; *p; p += n, p += *p == ' ') {
			n = strcspn(p, " ");
			snprintf(lit, sizeof lit, "'%.*s'", (int)n, p);
			is_int(try_insert(e, f, lit), SQLITE_OK, "%s.%s: %s "
			    "inserts", e->table, f->name, lit);
		}
		is_int(try_insert(e, f, "'zzz'"), SQLITE_CONSTRAINT, "%s.%s: "
		    "'zzz' is refused by the schema", e->table, f->name);
		v = stored(e, f, "zzz");
		ok(v == NULL, "%s.%s: 'zzz' is refused by crm", e->table,
		    f->name);
		free(v);
	}
	ok(f->name == NULL, "%s: no C column (%s) missing from the schema",
	    e->table, f->name ? f->name : "-");
	db_finalize(s);
	free(create);
}

/* The tier letters of an FT_TIERS column's GLOB agree with the tiers. */
static void
check_tiers(const char *table)
{
	char *create = db_text_query("SELECT sql FROM sqlite_master WHERE"
	    " name = ?", table), want[64], *p;
	const char *t = field_words("customers", "tier");

	snprintf(want, sizeof want, "NOT GLOB '*[^");
	for (p = want + strlen(want); *t; t++)
		if (*t != ' ')
			*p++ = *t;
	*p = '\0';
	ok(create && strstr(create, want) != NULL, "%s.tiers: the schema's "
	    "letters are the tiers (%s])", table, want);
	free(create);
}

static void
check_settings(void)
{
	const char *k, *d;
	char *v;
	size_t i;

	for (i = 0; (k = setting_key(i, &d, NULL)); i++) {
		v = setting_get(k);
		is_str(v, d, "setting %s: the schema's default agrees", k);
		free(v);
	}
	is_int(db_int_query("SELECT count(*) FROM settings", NULL, -1),
	    (int64_t)i, "no setting in the schema unknown to crm");
}

int
main(void)
{
	char *db;
	int i;

	db = tmpdb("test-model");
	atexit(close_raw);	/* before the folder goes */
	db_create(db, NULL);
	db_exec("INSERT INTO staff (login, name, role, created_at) VALUES"
	    " ('st', 'st', 'admin', 'x');"
	    "INSERT INTO customers (id, code, name, created_at, updated_at)"
	    " VALUES (1, 'K1', 'k', 'x', 'x');"
	    "INSERT INTO plans (id, customer, date, created_at) VALUES"
	    " (1, 1, '2026-01-01', 'x');"
	    "INSERT INTO complaints (id, customer, received_at, description)"
	    " VALUES (1, 1, 'x', 'x')");
	if (sqlite3_open_v2(db, &raw, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die(EX_SOFTWARE, "cannot open '%s'", db);
	sqlite3_exec(raw, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	for (i = 0; entities[i]; i++)
		check_entity(entities[i]);
	check_entity(&visit_rule_entity);
	check_tiers("holidays");
	check_tiers("visit_rules");
	check_settings();
	free(db);
	return done_testing();
}
