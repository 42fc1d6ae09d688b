/* tsvin.c - the streaming reader of crm's tsv, the format tsv_escape()
 * writes: a header line, then rows split at tabs with \t \n \r \\ undone.
 *
 * One physical line is held at a time, so memory is bounded by the longest
 * line, not by the input.  Errors are returned, not fatal, so that the
 * reader can be tested and the caller says what happens next.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

enum { HEADER, ROWS, END };

struct tsvin {
	char *name;		/* for messages */
	FILE *fp;
	int close_fp;
	int state;
	long line;		/* physical lines read */
	char *text;		/* the last line read, split in place */
	size_t cap;
	char **f;		/* the row's fields: pointers into text */
	size_t capf;
	struct tsvrow row;
	struct tsvrow hdr;	/* the header, in its own copies */
	struct buf err;
	int errcode;
};

static int
fail(struct tsvin *t, int code, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Set the error and return -1; LINE 0: the message needs no place.  FMT
 * is as people read it (_() at the call). */
static int
fail(struct tsvin *t, int code, long line, const char *fmt, ...)
{
	va_list ap;
	char *m;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	buf_reset(&t->err);
	if (line > 0)
		buf_printf(&t->err, "%s:%ld: %s", t->name, line, m);
	else
		buf_adds(&t->err, m);
	free(m);
	t->errcode = code;
	t->state = END;
	return -1;
}

/* Undo the escapes of tsv_escape in place; any other \x stays as it is. */
static void
unescape(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			switch (s[1]) {
			case 't': *w++ = '\t'; s++; continue;
			case 'n': *w++ = '\n'; s++; continue;
			case 'r': *w++ = '\r'; s++; continue;
			case '\\': *w++ = '\\'; s++; continue;
			}
		}
		*w++ = *s;
	}
	*w = '\0';
}

/* The next physical line in t->text without its LF or CR LF, checked:
 * 1 and its length, 0 at the end, -1 on an error. */
static int
read_line(struct tsvin *t, size_t *len)
{
	ssize_t n;
	size_t bad;

	*len = 0;
	errno = 0;
	if ((n = getline(&t->text, &t->cap, t->fp)) < 0) {
		if (ferror(t->fp))
			return fail(t, EX_IOERR, 0, _("cannot read '%s': %s"),
			    t->name, strerror(errno ? errno : EIO));
		t->state = END;
		return 0;
	}
	t->line++;
	if (n > 0 && t->text[n - 1] == '\n')
		t->text[--n] = '\0';
	if (n > 0 && t->text[n - 1] == '\r')
		t->text[--n] = '\0';
	if (memchr(t->text, '\0', (size_t)n))
		return fail(t, EX_DATAERR, t->line, _("contains a NUL byte"));
	if (!utf8_valid(t->text, (size_t)n, &bad))
		return fail(t, EX_DATAERR, t->line,
		    _("not valid UTF-8 (byte %zu)"), bad + 1);
	*len = (size_t)n;
	return 1;
}

/* Split t->text at tabs into t->row, each field unescaped. */
static int
split(struct tsvin *t)
{
	char *p, *tab;
	size_t k = 1, i;

	for (p = t->text; (p = strchr(p, '\t')); p++)
		k++;
	if (k > INT_MAX)
		return fail(t, EX_DATAERR, t->line, _("more than %d fields"),
		    INT_MAX);
	if (k > t->capf) {
		t->capf = k;
		t->f = xrealloc(t->f, k * sizeof *t->f);
	}
	for (p = t->text, i = 0; i < k; i++) {
		if ((tab = strchr(p, '\t')))
			*tab = '\0';
		t->f[i] = p;
		unescape(p);
		p = tab ? tab + 1 : p + strlen(p);
	}
	t->row.line = t->line;
	t->row.n = (int)k;
	t->row.f = t->f;
	return 0;
}

static struct tsvin *
tsvin_new(FILE *fp, const char *name)
{
	struct tsvin *t = xcalloc(1, sizeof *t);

	t->name = xstrdup(name);
	t->fp = fp;
	t->state = HEADER;
	return t;
}

struct tsvin *
tsvin_open(const char *path)
{
	struct tsvin *t;
	FILE *fp;

	if (!path || !strcmp(path, "-")) {
		infile_check(0, "stdin");
		return tsvin_new(stdin, "stdin");
	}
	if (!(fp = fopen(path, "r")))
		die(EX_NOINPUT, "cannot open '%s':", path);
	infile_check(fileno(fp), path);
	t = tsvin_new(fp, path);
	t->close_fp = 1;
	return t;
}

struct tsvin *
tsvin_fp(FILE *fp, const char *name)
{
	return tsvin_new(fp, name);
}

int
tsvin_header(struct tsvin *t, struct tsvrow **hdr)
{
	size_t len;
	int r, i;

	if (t->state == HEADER) {
		/* The first line, even a blank one, names the columns. */
		if ((r = read_line(t, &len)) <= 0)
			return r;
		if (split(t) < 0)
			return -1;
		t->hdr.line = t->row.line;
		t->hdr.n = t->row.n;
		t->hdr.f = xcalloc((size_t)t->hdr.n, sizeof *t->hdr.f);
		for (i = 0; i < t->hdr.n; i++)
			t->hdr.f[i] = xstrdup(t->row.f[i]);
		t->state = ROWS;
	}
	if (t->errcode)
		return -1;
	if (!t->hdr.f)
		return 0;	/* empty input */
	*hdr = &t->hdr;
	return 1;
}

int
tsvin_next(struct tsvin *t, struct tsvrow **row)
{
	struct tsvrow *h;
	size_t len;
	int r;

	if ((r = tsvin_header(t, &h)) <= 0)
		return r;
	while (t->state == ROWS) {
		if ((r = read_line(t, &len)) <= 0)
			return r;
		if (len == 0)
			continue;	/* blank lines are skipped */
		if (split(t) < 0)
			return -1;
		if (t->row.n != h->n)
			return fail(t, EX_DATAERR, t->line,
			    _("%d fields, the header has %d"), t->row.n, h->n);
		*row = &t->row;
		return 1;
	}
	return t->errcode ? -1 : 0;
}

const char *
tsvin_error(struct tsvin *t)
{
	return buf_str(&t->err);
}

int
tsvin_errcode(struct tsvin *t)
{
	return t->errcode ? t->errcode : EX_DATAERR;
}

const char *
tsvin_name(struct tsvin *t)
{
	return t->name;
}

void
tsvin_close(struct tsvin *t)
{
	int i;

	if (!t)
		return;
	if (t->close_fp)
		fclose(t->fp);
	for (i = 0; i < t->hdr.n; i++)
		free(t->hdr.f[i]);
	free(t->hdr.f);
	free(t->name);
	free(t->text);
	free(t->f);
	buf_free(&t->err);
	free(t);
}
