/* custfilter.c - the customer filters of crm-list (--tier --stage --owner
 * --region --credit --category --search), for every program that selects
 * customers the same way (crm-export). */
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

const char *const customer_filters[] = {
	"tier", "stage", "owner", "region", "credit", "category", NULL
};

void
custfilter_add(struct custfilter *cf, int which, const char *value)
{
	/* Repeated options add to the list. */
	if (cf->vals[which].s)
		buf_addc(&cf->vals[which], ',');
	buf_adds(&cf->vals[which], value);
}

void
custfilter_search(struct custfilter *cf, const char *text)
{
	buf_adds(&cf->search, " ");
	buf_adds(&cf->search, text);
}

static void
bind(struct custfilter *cf, char *v)
{
	cf->binds = xrealloc(cf->binds, (size_t)(cf->nbinds + 1)
	    * sizeof *cf->binds);
	cf->binds[cf->nbinds++] = v;
}

/* Each value of a filter: checked like an edit of that column, then
 * OR-ed with the others of the same column; empty matches no value. */
static void
add_filter(struct custfilter *cf, const char *vals, const char *col)
{
	const struct entity *e = entity_find("customers");
	char *list, *v, *next;
	struct buf err = {0};
	struct record r;
	int k = 0;

	record_init(&r, e);
	buf_printf(&cf->where, " AND (");
	list = xstrdup(vals);
	for (v = list; v; v = next) {
		if ((next = strchr(v, ',')))
			*next++ = '\0';
		if (strcmp(col, "region") && *v
		    && record_set(&r, col, v, &err) < 0)
			die(EX_DATAERR, "%s", buf_str(&err));
		if (k++)
			buf_adds(&cf->where, " OR ");
		if (*v) {
			buf_printf(&cf->where, "c.\"%s\" = ?", col);
			bind(cf, xstrdup(v));
		} else
			buf_printf(&cf->where, "c.\"%s\" IS NULL", col);
	}
	buf_addc(&cf->where, ')');
	free(list);
	record_clear(&r);
	buf_free(&err);
}

static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if ((*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* --search: every whitespace-separated term must occur in the customer's
 * search document.  Terms of three characters or more go to the trigram
 * index as quoted FTS5 strings; shorter ones are a LIKE scan (the unary +
 * keeps SQLite 3.40 from handing a short CJK pattern to FTS5, which
 * wrongly finds nothing). */
static void
add_search(struct custfilter *cf, const char *text)
{
	struct buf match = {0}, like = {0}, t = {0}, pat;
	const char *p = text, *q, *ws = " \t\n\r\v\f";
	char **pats = NULL;
	int npats = 0, i;
	size_t n;

	while (*(p += strspn(p, ws))) {
		n = strcspn(p, ws);
		buf_reset(&t);
		buf_add(&t, p, n);
		p += n;
		if (chars(t.s) >= 3) {
			buf_adds(&match, match.len ? " AND \"" : "\"");
			for (q = t.s; *q; q++) {
				if (*q == '"')
					buf_addc(&match, '"');
				buf_addc(&match, *q);
			}
			buf_addc(&match, '"');
			continue;
		}
		memset(&pat, 0, sizeof pat);
		buf_addc(&pat, '%');
		for (q = t.s; *q; q++) {
			if (*q == '%' || *q == '_' || *q == '\\')
				buf_addc(&pat, '\\');
			buf_addc(&pat, *q);
		}
		buf_addc(&pat, '%');
		pats = xrealloc(pats, (size_t)(npats + 1) * sizeof *pats);
		pats[npats++] = pat.s;
		buf_adds(&like, " AND +doc LIKE ? ESCAPE '\\'");
	}
	if (match.len || npats) {
		buf_adds(&cf->where, " AND c.id IN (SELECT rowid FROM "
		    "customer_search WHERE 1");
		if (match.len) {
			buf_adds(&cf->where, " AND customer_search MATCH ?");
			bind(cf, match.s);
		}
		buf_adds(&cf->where, buf_str(&like));
		buf_addc(&cf->where, ')');
		for (i = 0; i < npats; i++)
			bind(cf, pats[i]);
	}
	if (!match.len)
		buf_free(&match);
	free(pats);
	buf_free(&like);
	buf_free(&t);
}

const char *
custfilter_where(struct custfilter *cf)
{
	int i;

	if (!cf->built) {
		cf->built = 1;
		for (i = 0; customer_filters[i]; i++)
			if (cf->vals[i].s)
				add_filter(cf, cf->vals[i].s,
				    customer_filters[i]);
		add_search(cf, buf_str(&cf->search));
	}
	return buf_str(&cf->where);
}

int
custfilter_bind(struct custfilter *cf, db_stmt *s, int first)
{
	int i;

	for (i = 0; i < cf->nbinds; i++)
		db_bind_text(s, first + i, cf->binds[i]);
	return first + cf->nbinds;
}

int
custfilter_any(const struct custfilter *cf)
{
	int i;

	for (i = 0; customer_filters[i]; i++)
		if (cf->vals[i].s)
			return 1;
	return cf->search.len > 0;
}

void
custfilter_free(struct custfilter *cf)
{
	int i;

	for (i = 0; customer_filters[i]; i++)
		buf_free(&cf->vals[i]);
	for (i = 0; i < cf->nbinds; i++)
		free(cf->binds[i]);
	free(cf->binds);
	buf_free(&cf->search);
	buf_free(&cf->where);
	memset(cf, 0, sizeof *cf);
}
