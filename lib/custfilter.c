/* custfilter.c - the customer filters of crm-list (--tier --stage --owner
 * --region --credit --category --search), for every program that selects
 * customers the same way (crm-export). */
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
	size_t bad;

	/* Free text, as filter_check_text wants it. */
	if (!utf8_valid(text, strlen(text), &bad))
		die(EX_DATAERR, "search: invalid UTF-8 at byte %zu", bad + 1);
	buf_adds(&cf->search, " ");
	buf_adds(&cf->search, text);
}

/* The next whitespace-separated term of P into T; the rest of the text,
 * or NULL when there is none. */
static const char *
term(const char *p, struct buf *t)
{
	static const char ws[] = " \t\n\r\v\f";
	size_t n;

	p += strspn(p, ws);
	if (!*p)
		return NULL;
	n = strcspn(p, ws);
	buf_reset(t);
	buf_add(t, p, n);
	return p + n;
}

static int
long_term(struct buf *t)
{
	return utf8_chars(t->s, t->len) >= 3;
}

#define SEARCH_WORDS_MAX 100

/* --search: every whitespace-separated term must occur in the customer's
 * search document.  Terms of three characters or more go to the trigram
 * index as quoted FTS5 strings; shorter ones are a LIKE scan (the unary +
 * keeps SQLite 3.40 from handing a short CJK pattern to FTS5, which
 * wrongly finds nothing). */
static void
add_search(struct query *q, const char *text)
{
	struct buf match = {0}, t = {0}, pat = {0};
	const char *p, *c;
	int nshort = 0, nwords = 0;

	for (p = text; (p = term(p, &t));) {
		/* Each short word is one more AND in SQLite's expression
		 * tree, which stops at a depth of 1000. */
		if (++nwords > SEARCH_WORDS_MAX)
			die(EX_USAGE, "--search: more than %d words",
			    SEARCH_WORDS_MAX);
		if (!long_term(&t)) {
			nshort++;
			continue;
		}
		buf_adds(&match, match.len ? " AND \"" : "\"");
		for (c = t.s; *c; c++) {
			if (*c == '"')
				buf_addc(&match, '"');
			buf_addc(&match, *c);
		}
		buf_addc(&match, '"');
	}
	if (match.len || nshort) {
		query_sql(q, " AND c.id IN (SELECT rowid FROM customer_search"
		    " WHERE 1");
		if (match.len)
			query_text(q, " AND customer_search MATCH ?", match.s);
		for (p = text; (p = term(p, &t));) {
			if (long_term(&t))
				continue;
			buf_reset(&pat);
			buf_addc(&pat, '%');
			for (c = t.s; *c; c++) {
				if (*c == '%' || *c == '_' || *c == '\\')
					buf_addc(&pat, '\\');
				buf_addc(&pat, *c);
			}
			buf_addc(&pat, '%');
			query_text(q, " AND +doc LIKE ? ESCAPE '\\'", pat.s);
		}
		query_sql(q, ")");
	}
	buf_free(&match);
	buf_free(&pat);
	buf_free(&t);
}

void
custfilter_query(struct custfilter *cf, struct query *q)
{
	struct buf expr = {0};
	const char *col;
	int i;

	/* Each value checked like an edit of that column; region is free
	 * text. */
	for (i = 0; (col = customer_filters[i]); i++) {
		if (strcmp(col, "region"))
			filter_check(&cf->f[i], col, "customers", col);
		else
			filter_check_text(&cf->f[i], col);
		buf_reset(&expr);
		buf_printf(&expr, "c.\"%s\"", col);
		query_filter(q, &cf->f[i], buf_str(&expr));
	}
	add_search(q, buf_str(&cf->search));
	buf_free(&expr);
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
	buf_free(&cf->search);
	memset(cf, 0, sizeof *cf);
}
