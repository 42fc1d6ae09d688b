/* filter.c - list filters: an option of a listing program that may be
 * repeated or hold comma-separated values (--tier A,B or --tier A --tier
 * B), any of which matches.  Each value is checked as a value of the
 * column it filters would be, so that the allowed values live in the
 * column tables (lib/entity.c) and nowhere else. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

void
filter_add(struct filter *f, const char *arg)
{
	const char *p = arg, *comma;

	for (;;) {
		comma = strchr(p, ',');
		f->v = xrealloc(f->v, (size_t)(f->n + 1) * sizeof *f->v);
		f->v[f->n++] = comma ? xstrndup(p, (size_t)(comma - p))
		    : xstrdup(p);
		if (!comma)
			break;
		p = comma + 1;
	}
}

void
filter_check(struct filter *f, const char *name, const char *table,
    const char *field)
{
	struct buf err = {0};
	struct record r;
	const char *why;
	size_t n = strlen(field);
	int i;

	record_init(&r, entity_find(table));
	for (i = 0; i < f->n; i++) {
		buf_reset(&err);
		if (record_set(&r, field, f->v[i], &err) < 0) {
			/* The reason, under the option's name. */
			why = buf_str(&err);
			if (!strncmp(why, field, n) && !strncmp(why + n, ": ", 2))
				why += n + 2;
			/* The same in Chinese, after a full-width colon. */
			else if (!strncmp(why, field, n)
			    && !strncmp(why + n, "\xef\xbc\x9a", 3))
				why += n + 3;
			die(EX_DATAERR, "%s: %s", name, why);
		}
		/* Match as stored: "a" is tier A, a code stays a code. */
		if (r.n == 1 && !r.v[0].null && !r.v[0].isint && r.v[0].s
		    && strcmp(r.v[0].s, f->v[i])) {
			free(f->v[i]);
			f->v[i] = xstrdup(r.v[0].s);
		}
		record_clear(&r);
	}
	buf_free(&err);
}

void
filter_check_words(const struct filter *f, const char *name,
    const char *const *words)
{
	struct buf all = {0};
	const char *const *w;
	int i;

	for (i = 0; i < f->n; i++) {
		for (w = words; *w && strcmp(*w, f->v[i]); w++)
			;
		if (*w)
			continue;
		for (w = words; *w; w++)
			buf_printf(&all, "%s%s", w == words ? "" : " ", *w);
		die(EX_DATAERR, "%s: '%s' is not one of: %s", name, f->v[i],
		    buf_str(&all));
	}
}

void
filter_check_text(const struct filter *f, const char *name)
{
	size_t bad;
	int i;

	for (i = 0; i < f->n; i++)
		if (!utf8_valid(f->v[i], strlen(f->v[i]), &bad))
			die(EX_DATAERR, "%s: invalid UTF-8 at byte %zu", name,
			    bad + 1);
}

int
filter_match(const struct filter *f, const char *v)
{
	int i;

	if (!f->n)
		return 1;
	for (i = 0; i < f->n; i++)
		if (!strcmp(f->v[i], v ? v : ""))
			return 1;
	return 0;
}

void
filter_free(struct filter *f)
{
	int i;

	for (i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	memset(f, 0, sizeof *f);
}
