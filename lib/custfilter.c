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
	filter_add(&cf->f[which], value);	/* repeated options add */
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
		if (utf8_chars(t.s, strlen(t.s)) >= 3) {
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
	struct buf expr = {0};
	const char *col;
	int i;

	if (!cf->built) {
		cf->built = 1;
		/* Each value checked like an edit of that column; region is
		 * free text. */
		for (i = 0; (col = customer_filters[i]); i++) {
			if (strcmp(col, "region"))
				filter_check(&cf->f[i], col, "customers", col);
			buf_reset(&expr);
			buf_printf(&expr, "c.\"%s\"", col);
			filter_sql(&cf->where, &cf->f[i], buf_str(&expr), 0);
		}
		add_search(cf, buf_str(&cf->search));
		buf_free(&expr);
	}
	return buf_str(&cf->where);
}

int
custfilter_bind(struct custfilter *cf, db_stmt *s, int first)
{
	int i;

	for (i = 0; customer_filters[i]; i++)
		first = filter_bind(&cf->f[i], s, first);
	for (i = 0; i < cf->nbinds; i++)
		db_bind_text(s, first + i, cf->binds[i]);
	return first + cf->nbinds;
}

int
custfilter_any(const struct custfilter *cf)
{
	int i;

	for (i = 0; customer_filters[i]; i++)
		if (cf->f[i].n)
			return 1;
	return cf->search.len > 0;
}

void
custfilter_free(struct custfilter *cf)
{
	int i;

	for (i = 0; customer_filters[i]; i++)
		filter_free(&cf->f[i]);
	for (i = 0; i < cf->nbinds; i++)
		free(cf->binds[i]);
	free(cf->binds);
	buf_free(&cf->search);
	buf_free(&cf->where);
	memset(cf, 0, sizeof *cf);
}
