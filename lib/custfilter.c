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
	const char *p, *q;
	size_t bad;

	/* Free text, as filter_check_text wants it. */
	if (!utf8_valid(text, strlen(text), &bad))
		die(EX_DATAERR, "search: invalid UTF-8 at byte %zu", bad + 1);
	buf_adds(&cf->search, " ");
	/* The ideographic space (U+3000) that a Chinese input method types
	 * separates words as a space does. */
	for (p = text; (q = strstr(p, "\xe3\x80\x80")); p = q + 3) {
		buf_add(&cf->search, p, (size_t)(q - p));
		buf_addc(&cf->search, ' ');
	}
	buf_adds(&cf->search, p);
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

/* At least three characters: one trigram or more. */
static int
long_text(const char *s, size_t n)
{
	return utf8_chars(s, n) >= 3;
}

/* '%S%' (N bytes of S) into PAT; with ESC, LIKE's wildcards and the
 * escape character itself escaped for ESCAPE '\'. */
static void
like_pattern(struct buf *pat, const char *s, size_t n, int esc)
{
	size_t i;

	buf_reset(pat);
	buf_addc(pat, '%');
	for (i = 0; i < n; i++) {
		if (esc && (s[i] == '%' || s[i] == '_' || s[i] == '\\'))
			buf_addc(pat, '\\');
		buf_addc(pat, s[i]);
	}
	buf_addc(pat, '%');
}

/* The longest run of S (N bytes) without LIKE's wildcards % and _: its
 * offset into *OFF, its length returned. */
static size_t
longest_run(const char *s, size_t n, size_t *off)
{
	size_t i, run, len = 0, most = 0, chars;

	*off = 0;
	for (i = 0; i < n; i += run + 1) {
		run = strcspn(s + i, "%_");
		if ((chars = utf8_chars(s + i, run)) > most) {
			*off = i;
			len = run;
			most = chars;
		}
	}
	return len;
}

#define SEARCH_WORDS_MAX 100

/*
 * --search: every whitespace-separated term must occur in the customer's
 * search document, as LIKE finds it (ASCII letters in either case, every
 * other character as it is).
 *
 * The trigram index (detail=none, lib/schema.c) answers doc LIKE '%term%'
 * for a term of three characters or more: FTS5 finds the documents that
 * hold all of its trigrams and SQLite checks LIKE on each, so the result
 * is exactly LIKE's (the index folds more case than LIKE: it finds a
 * superset).  Only the two-argument LIKE goes to FTS5; with an ESCAPE
 * clause it is a scan.  So a term without % or _ is given as it is (LIKE
 * has no escape character then: a \ is itself).  One with them is
 * checked escaped, after its longest run of three characters or more
 * between them has narrowed the rows through the index.  Shorter terms
 * are a scan, the unary + keeping SQLite 3.40 from handing their pattern
 * to FTS5, which finds nothing for one or two multibyte characters (its
 * pattern reader counts bytes, and the phrase it makes has no trigram).
 */
static void
add_search(struct query *q, const char *text)
{
	struct buf t = {0}, pat = {0};
	const char *p;
	size_t off, len;
	int nwords = 0, indexed;

	for (p = text; (p = term(p, &t));) {
		/* Each word is one or two more ANDs in SQLite's expression
		 * tree, which stops at a depth of 1000. */
		if (++nwords > SEARCH_WORDS_MAX)
			die(EX_USAGE, "--search: more than %d words",
			    SEARCH_WORDS_MAX);
		if (nwords == 1)
			query_sql(q, " AND c.id IN (SELECT rowid FROM"
			    " customer_search WHERE 1");
		len = longest_run(t.s, t.len, &off);
		if ((indexed = long_text(t.s + off, len))) {
			like_pattern(&pat, t.s + off, len, 0);
			query_text(q, " AND doc LIKE ?", pat.s);
		}
		if (!indexed || len < t.len) {
			like_pattern(&pat, t.s, t.len, 1);
			query_text(q, " AND +doc LIKE ? ESCAPE '\\'", pat.s);
		}
	}
	if (nwords)
		query_sql(q, ")");
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
