/* query.c - an SQL statement built in pieces with its values beside it.
 *
 * Each value goes in with the bit of SQL that holds its ? and is kept in
 * the order of the ?s, so query_prepare binds them by position: no code
 * numbers parameters by hand, and no value is ever written into the SQL
 * text.  A piece of text that holds a ? without its value, or a value
 * without exactly one ?, is a bug in crm and dies at once rather than bind
 * the values one place off. */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

static size_t
marks(const char *s)
{
	size_t n = 0;

	for (; (s = strchr(s, '?')); s++)
		n++;
	return n;
}

void
query_sql(struct query *q, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	if (marks(s))
		die(EX_SOFTWARE, "query: a ? without its value in '%s'", s);
	buf_adds(&q->sql, s);
	free(s);
}

/* Append SQL, which must hold one ?, and make room for its value. */
static struct query_value *
add(struct query *q, const char *sql, enum query_type type)
{
	struct query_value *v;

	if (marks(sql) != 1)
		die(EX_SOFTWARE, "query: a value needs one ? in '%s'", sql);
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 16;
		q->v = xrealloc(q->v, (size_t)q->cap * sizeof *q->v);
	}
	buf_adds(&q->sql, sql);
	v = &q->v[q->n++];
	memset(v, 0, sizeof *v);
	v->type = type;
	return v;
}

void
query_text(struct query *q, const char *sql, const char *v)
{
	struct query_value *qv = add(q, sql, v ? QUERY_TEXT : QUERY_NULL);

	if (v)
		qv->s = xstrdup(v);
}

void
query_int(struct query *q, const char *sql, int64_t v)
{
	add(q, sql, QUERY_INT)->i = v;
}

void
query_date(struct query *q, const char *sql, int day)
{
	char d[11];

	date_format(day, d);
	query_text(q, sql, d);
}

void
query_in(struct query *q, const char *expr, const char *words)
{
	const char *p = words;
	char w[64];
	int n = 0;

	query_sql(q, "%s IN (", expr);
	while (list_next(&p, w, sizeof w))
		query_text(q, n++ ? ", ?" : "?", w);
	query_sql(q, ")");
}

void
query_days(struct query *q, const char *expr, int from, int to)
{
	if (from != INT_MIN) {
		query_sql(q, " AND %s", expr);
		query_date(q, " >= ?", from);
	}
	if (to != INT_MIN) {
		query_sql(q, " AND %s", expr);
		query_date(q, " <= ?", to);
	}
}

void
query_print(struct query *q, const char *numcols)
{
	db_print(query_prepare(q), numcols);
	query_free(q);
}

void
query_out(struct query *q, struct out *o, const char *numcols)
{
	db_stmt *s = query_prepare(q);

	db_out(o, s, numcols);
	db_finalize(s);
	query_free(q);
}

void
query_filter(struct query *q, const struct filter *f, const char *expr)
{
	int i, k = 0;

	if (!f->n)
		return;
	query_sql(q, " AND (%s IN (", expr);
	for (i = 0; i < f->n; i++)
		if (*f->v[i])
			query_text(q, k++ ? ", ?" : "?", f->v[i]);
	query_sql(q, ")");	/* SQLite takes an empty list: no match */
	if (filter_match(f, ""))	/* "" matches a row without one */
		query_sql(q, " OR %s IS NULL", expr);
	query_sql(q, ")");
}

db_stmt *
query_prepare(const struct query *q)
{
	db_stmt *s = db_prepare(q->sql.s ? q->sql.s : "");
	int i;

	for (i = 0; i < q->n; i++)
		switch (q->v[i].type) {
		case QUERY_NULL:
			db_bind_null(s, i + 1);
			break;
		case QUERY_INT:
			db_bind_int(s, i + 1, q->v[i].i);
			break;
		case QUERY_TEXT:
			db_bind_text(s, i + 1, q->v[i].s);	/* copied */
			break;
		}
	return s;
}

void
query_free(struct query *q)
{
	int i;

	for (i = 0; i < q->n; i++)
		free(q->v[i].s);
	free(q->v);
	buf_free(&q->sql);
	memset(q, 0, sizeof *q);
}
