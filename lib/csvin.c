/* csvin.c - the streaming CSV reader of crm-import.
 *
 *   bytes -> iconv (unless UTF-8) -> BOM, CR LF, NUL and strict UTF-8
 *   checks -> libcsv in strict mode -> rows, each with the physical line
 *   it starts on.
 *
 * libcsv is fed one physical line at a time, so that every row and every
 * error knows its line, quoted newlines included.  Memory is bounded by the
 * largest row, never by the file.  Errors are returned, not fatal, so that
 * the fuzz harness can drive the reader.
 */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>
#include <unistd.h>

#include <csv.h>

#include "crm-int.h"

#define RAW_SIZE 65536
#define DEC_SIZE (4 * RAW_SIZE)	/* GB18030 grows at most 2x into UTF-8 */

struct csvin {
	char *name;		/* for messages */
	int fd;			/* -1: reading memory */
	int close_fd;
	const unsigned char *mem;
	size_t memlen, mempos;
	iconv_t cd;		/* (iconv_t)-1 for UTF-8 */
	int utf8;		/* the input is meant to be UTF-8 */
	unsigned char *raw;	/* bytes read, not yet converted */
	size_t rawlen;
	unsigned char *dec;	/* UTF-8 to scan */
	size_t declen, decpos;
	int eof;		/* the input is exhausted */
	int conv_bad;		/* 1 invalid sequence, 2 truncated at the end */
	unsigned char conv_byte;
	int started;		/* the BOM check is done */
	int raw_seen;		/* the undecoded start was looked at */
	long long consumed;	/* bytes read from the file */
	int at_end;		/* csv_fini has run */
	size_t maxfield;
	struct csv_parser p;
	/* scanning */
	long line;		/* physical line being fed, from 1 */
	long col;		/* characters already seen on this line */
	long feed_col;		/* col where the span being fed starts */
	int need;		/* UTF-8 continuation bytes still expected */
	unsigned char lo, hi;	/* range of the next continuation byte */
	unsigned char lead;	/* the byte that started the sequence */
	char *encoding;		/* for messages */
	int pending_cr;		/* a CR ended the last chunk */
	int last_lf;		/* the last byte scanned was a LF */
	/* the row being collected */
	struct buf data;	/* fields, each NUL-terminated */
	size_t *off, *len;
	char **f;
	int nf, cap;
	int toobig;
	long row_start;		/* line the row in progress starts on, or 0 */
	int row_done;
	struct csvrow row;
	struct buf err;
	int errcode;
};

/*
 * libcsv grows its field buffer through this hook, BLK bytes at a time.
 * The hook refuses to pass the field limit (libcsv then fails with
 * CSV_ENOMEM and hook_tripped tells why), and grows geometrically behind
 * libcsv's back so that a long field costs no quadratic copying.  One
 * parser runs at a time, so the state can be static.
 */
static size_t hook_cap;
static int hook_tripped;
static void *hook_ptr;
static size_t hook_size;

static void *
field_realloc(void *p, size_t n)
{
	size_t want;
	void *q;

	if (n > hook_cap + 1) {	/* + 1: the NUL of CSV_APPEND_NULL */
		hook_tripped = 1;
		return NULL;
	}
	if (p && p == hook_ptr && n <= hook_size)
		return p;
	want = n;
	if (p && p == hook_ptr && hook_size * 2 > want)
		want = hook_size * 2;
	if (want > hook_cap + 1)
		want = hook_cap + 1;
	if (!(q = realloc(p, want)))
		return NULL;
	hook_ptr = q;
	hook_size = want;
	return q;
}

static void
field_free(void *p)
{
	if (p == hook_ptr) {
		hook_ptr = NULL;
		hook_size = 0;
	}
	free(p);
}

static void
on_field(void *s, size_t n, void *arg)
{
	struct csvin *c = arg;

	if (c->nf < CSVIN_MAXCOLS) {
		if (c->nf == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 32;
			c->off = xrealloc(c->off, (size_t)c->cap * sizeof *c->off);
			c->len = xrealloc(c->len, (size_t)c->cap * sizeof *c->len);
		}
		c->off[c->nf] = c->data.len;
		c->len[c->nf] = n;
		if (c->data.len + n > 8 * c->maxfield)
			c->toobig = 1;
		else
			buf_add(&c->data, s, n);
		buf_addc(&c->data, '\0');
	}
	c->nf++;
}

static void
on_row(int term, void *arg)
{
	struct csvin *c = arg;

	(void)term;
	c->row_done = 1;
	c->row.line = c->row_start ? c->row_start : c->line;
	c->row_start = 0;
}

static int
fail(struct csvin *c, int code, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int
fail(struct csvin *c, int code, long line, long col, const char *fmt, ...)
{
	va_list ap;
	char *m;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	buf_reset(&c->err);
	if (line > 0 && col > 0)
		buf_printf(&c->err, "%s:%ld:%ld: %s", c->name, line, col, m);
	else if (line > 0)
		buf_printf(&c->err, "%s:%ld: %s", c->name, line, m);
	else
		buf_printf(&c->err, "%s: %s", c->name, m);
	free(m);
	c->errcode = code;
	return -1;
}

/* libcsv's own messages (csv_strerror), for the catalogue: the reason
 * is shown translated when it is one of them. */
static const char *const csv_reasons[] = {
	N_("error parsing data while strict checking enabled"),
	N_("memory exhausted while increasing buffer size"),
	N_("data size too large"),
	N_("invalid status code"),
};

static const char *
csv_reason(int st)
{
	const char *e = csv_strerror(st);
	size_t i;

	for (i = 0; i < sizeof csv_reasons / sizeof csv_reasons[0]; i++)
		if (!strcmp(e, csv_reasons[i]))
			return _(csv_reasons[i]);
	return e;
}

/* Feed libcsv N bytes at S, all on line c->line. */
static int
feed(struct csvin *c, const unsigned char *s, size_t n)
{
	size_t used;
	int st;
	long col;

	if (!n)
		return 0;
	hook_cap = c->maxfield;
	hook_tripped = 0;
	used = csv_parse(&c->p, s, n, on_field, on_row, c);
	if (used < n) {
		/* Saved now: csv_fini would reset it. */
		st = csv_error(&c->p);
		col = c->feed_col + (long)utf8_chars((const char *)s, used) + 1;
		if (st == CSV_EPARSE && c->p.pstate == 2 /* FIELD_BEGUN */
		    && !c->p.quoted)
			return fail(c, EX_DATAERR, c->line, col,
			    _("stray quote in a field that does not start "
			    "with one (quote the whole field and double the "
			    "quote: \"say \"\"hi\"\"\")"));
		if (st == CSV_EPARSE)
			return fail(c, EX_DATAERR, c->line, col,
			    _("text after the closing quote of a field (a "
			    "quote inside a quoted field must be doubled)"));
		if (st == CSV_ENOMEM && hook_tripped)
			return fail(c, EX_DATAERR, c->line, 0,
			    _("a field is longer than %zu bytes (the limit; "
			    "see --max-field)"), c->maxfield);
		return fail(c, st == CSV_ENOMEM ? EX_SOFTWARE : EX_DATAERR,
		    c->line, 0, _("cannot parse: %s"), csv_reason(st));
	}
	if (c->toobig)
		return fail(c, EX_DATAERR, c->row_start ? c->row_start
		    : c->line, 0, _("the row is "
		    "longer than %zu bytes (the limit is 8 times --max-field)"),
		    8 * c->maxfield);
	if (c->p.pstate != 0 && !c->row_start)
		c->row_start = c->line;
	c->feed_col += (long)utf8_chars((const char *)s, n);
	return 0;
}

static ssize_t
input_read(struct csvin *c, unsigned char *to, size_t n)
{
	size_t got = 0;
	ssize_t k;

	if (c->fd < 0) {
		k = (ssize_t)(c->memlen - c->mempos < n ? c->memlen - c->mempos
		    : n);
		memcpy(to, c->mem + c->mempos, (size_t)k);
		c->mempos += (size_t)k;
		return k;
	}
	/* Fill the buffer, as fread does: a pipe gives little at a time. */
	while (got < n) {
		k = read(c->fd, to + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			fail(c, EX_IOERR, 0, 0, _("cannot read: %s"),
			    strerror(errno));
			return -1;
		}
		if (k == 0)
			break;
		got += (size_t)k;
	}
	c->consumed += (long long)got;
	return (ssize_t)got;
}

/* The first bytes of the input (N at B) are a file of another kind
 * that people hand crm-import: a workbook (a zip) named otherwise or on
 * standard input, an old binary .xls (an OLE2 compound file).  -1 with
 * the reason, else 0. */
static int
sniff(struct csvin *c, const unsigned char *b, size_t n)
{
	switch (infile_kind(b, n)) {
	case INFILE_ZIP:
		return fail(c, EX_DATAERR, 0, 0, _("this is an .xlsx "
		    "workbook, not CSV: name the file with .xlsx (crm-import "
		    "reads a workbook only from a file)"));
	case INFILE_OLE2:
		return fail(c, EX_DATAERR, 0, 0, _("this is an Excel "
		    "97-2003 workbook (.xls), not CSV: save it from the "
		    "spreadsheet as an Excel workbook (.xlsx) or as \"CSV "
		    "UTF-8\""));
	case INFILE_OTHER:
		break;
	}
	return 0;
}

/* The N raw bytes at B, the start of a file said to be in another
 * encoding, have letters beyond ASCII and are all valid UTF-8 (a
 * character cut at the end of the block aside): the file is UTF-8, and
 * converting it would garble every such letter (环保 read as gb18030 is
 * 鐜繚).  -1 with the reason and the line of the first such letter,
 * else 0. */
static int
utf8_misread(struct csvin *c, const unsigned char *b, size_t n)
{
	const char *s = (const char *)b;
	unsigned char lo, hi;
	size_t bad, i;
	long line = 1;

	/* Well-formed (lib/utf8.c), or only its last character cut by
	 * the block with more to come. */
	if (!utf8_valid(s, n, &bad) && (c->eof
	    || utf8_lead(b[bad], &lo, &hi) <= n - bad
	    || (n - bad > 1 && (b[bad + 1] < lo || b[bad + 1] > hi))
	    || (n - bad > 2 && (b[bad + 2] & 0xc0) != 0x80)))
		return 0;
	for (i = 0; i < n && b[i] < 0x80; i++)
		line += b[i] == '\n';
	if (i == n)
		return 0;
	return fail(c, EX_DATAERR, line, 0, _("the file reads as UTF-8, not "
	    "%s: drop --encoding %s"), c->encoding, c->encoding);
}

/* New bytes in c->dec: 0, 1 at the end of the input, -1 on error. */
static int
refill(struct csvin *c)
{
	char *in, *out;
	size_t inleft, outleft, r;
	ssize_t n;
	int saved;

	c->decpos = c->declen = 0;
	if (c->conv_bad == 1)
		return fail(c, EX_DATAERR, c->line, c->col + 1,
		    _("byte 0x%02X does not start a valid %s character"),
		    c->conv_byte, c->encoding);
	if (c->conv_bad == 2)
		return fail(c, EX_DATAERR, c->line, c->col + 1,
		    _("the file ends in the middle of a %s character"),
		    c->encoding);
	if (c->utf8) {
		if ((n = input_read(c, c->dec, DEC_SIZE)) < 0)
			return -1;
		c->declen = (size_t)n;
		if (!c->raw_seen) {
			c->raw_seen = 1;
			if (sniff(c, c->dec, c->declen) < 0)
				return -1;
		}
		return n == 0;
	}
	while (c->declen == 0) {
		if (!c->eof && c->rawlen < RAW_SIZE) {
			if ((n = input_read(c, c->raw + c->rawlen,
			    RAW_SIZE - c->rawlen)) < 0)
				return -1;
			if (n == 0)
				c->eof = 1;
			c->rawlen += (size_t)n;
		}
		/* A UTF-8 file read as another encoding: its byte order
		 * mark says what it is (gb18030 would make it 锘?). */
		if (c->line <= 1 && !c->raw_seen) {
			c->raw_seen = 1;
			if (c->rawlen >= 3 && !memcmp(c->raw, "\xef\xbb\xbf",
			    3))
				return fail(c, EX_DATAERR, 1, 0, _("the file "
				    "is UTF-8 (it starts with a UTF-8 byte "
				    "order mark), not %s: drop --encoding %s"),
				    c->encoding, c->encoding);
			if (sniff(c, c->raw, c->rawlen) < 0
			    || utf8_misread(c, c->raw, c->rawlen) < 0)
				return -1;
		}
		if (c->rawlen == 0)
			return 1;
		in = (char *)c->raw;
		inleft = c->rawlen;
		out = (char *)c->dec;
		outleft = DEC_SIZE;
		r = iconv(c->cd, &in, &inleft, &out, &outleft);
		saved = errno;
		c->declen = DEC_SIZE - outleft;
		if (r == (size_t)-1 && saved == EILSEQ) {
			c->conv_bad = 1;
			c->conv_byte = (unsigned char)*in;
		} else if (r == (size_t)-1 && saved == EINVAL && c->eof)
			c->conv_bad = 2;
		memmove(c->raw, in, inleft);
		c->rawlen = inleft;
		if (c->declen == 0 && c->conv_bad)
			return refill(c);
	}
	return 0;
}

static int
bad_utf8(struct csvin *c, long col, unsigned char b)
{
	char what[128];

	if (c->need)
		snprintf(what, sizeof what, _("byte 0x%02X after 0x%02X"), b,
		    c->lead);
	else
		snprintf(what, sizeof what, _("byte 0x%02X"), b);
	if (c->line == 1 && col == 1 && (b == 0xff || b == 0xfe))
		return fail(c, EX_DATAERR, c->line, col, _("the file looks "
		    "like UTF-16 (byte 0x%02X first); save it as \"CSV "
		    "UTF-8\""), b);
	if (c->utf8)
		return fail(c, EX_DATAERR, c->line, col, _("invalid UTF-8 "
		    "(%s); if the file was saved by Excel as Chinese CSV, "
		    "try --encoding gb18030"), what);
	return fail(c, EX_DATAERR, c->line, col, _("invalid UTF-8 (%s) after "
	    "conversion from %s"), what, c->encoding);
}

/* Scan c->dec from c->decpos, feeding libcsv line by line, until a row is
 * complete or the bytes run out. */
static int
scan(struct csvin *c)
{
	const unsigned char *d = c->dec;
	size_t i = c->decpos, n = c->declen, start, k;
	unsigned char b;

	c->feed_col = c->col;
	if (c->pending_cr && i < n) {
		c->pending_cr = 0;
		if (d[i] != '\n') {
			/* A lone CR: libcsv ends a row there (old Mac). */
			if (feed(c, (const unsigned char *)"\r", 1) < 0)
				return -1;
			if (c->row_done)
				return 0;
		}
	}
	start = i;
	for (; i < n; i++) {
		b = d[i];
		if (c->need) {
			if (b < c->lo || b > c->hi)
				return bad_utf8(c, c->col, b);
			c->lo = 0x80;
			c->hi = 0xbf;
			c->need--;
			continue;
		}
		if (b >= 0x20 && b < 0x80) {
			c->col++;
			continue;
		}
		if (b >= 0x80) {
			/* The rule of lib/utf8.c, a byte at a time: the
			 * input may end in the middle of a character. */
			if ((k = utf8_lead(b, &c->lo, &c->hi)) < 2)
				return bad_utf8(c, c->col + 1, b);
			c->need = (int)k - 1;
			c->lead = b;
			c->col++;
			continue;
		}
		if (b == '\n') {
			if (feed(c, d + start, i + 1 - start) < 0)
				return -1;
			c->line++;
			c->col = c->feed_col = 0;
			start = i + 1;
			if (c->row_done) {
				i++;
				break;
			}
			continue;
		}
		if (b == '\r') {
			/* CR LF: the CR goes, inside quoted fields too. */
			if (feed(c, d + start, i - start) < 0)
				return -1;
			start = i + 1;
			if (i + 1 == n) {
				c->pending_cr = 1;
				continue;
			}
			if (d[i + 1] == '\n')
				continue;
			if (feed(c, d + i, 1) < 0)
				return -1;
			c->col++;
			if (c->row_done) {
				i++;
				break;
			}
			continue;
		}
		if (b == 0) {
			if (c->line == 1 && c->col <= 1)
				return fail(c, EX_DATAERR, c->line, c->col + 1,
				    _("NUL byte: the file looks like UTF-16; "
				    "save it as \"CSV UTF-8\""));
			return fail(c, EX_DATAERR, c->line, c->col + 1,
			    _("NUL byte: not a text file"));
		}
		c->col++;
	}
	if (start < i && feed(c, d + start, i - start) < 0)
		return -1;
	if (i > c->decpos)
		c->last_lf = d[i - 1] == '\n';
	c->decpos = i;
	return 0;
}

static void
init_parser(struct csvin *c)
{
	csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_realloc_func(&c->p, field_realloc);
	csv_set_free_func(&c->p, field_free);
	csv_set_blk_size(&c->p, 4096);
}

static struct csvin *
csvin_new(const char *name, const char *encoding, size_t maxfield)
{
	struct csvin *c = xcalloc(1, sizeof *c);

	c->name = xstrdup(name);
	c->fd = -1;
	c->cd = (iconv_t)-1;
	c->maxfield = maxfield ? maxfield : CSVIN_MAXFIELD;
	c->line = 1;
	c->dec = xmalloc(DEC_SIZE);
	c->utf8 = !encoding || !*encoding || !strcasecmp(encoding, "utf-8")
	    || !strcasecmp(encoding, "utf8");
	if (!c->utf8) {
		c->cd = iconv_open("UTF-8", encoding);
		if (c->cd == (iconv_t)-1)
			die(EX_USAGE, "unknown encoding '%s': use utf-8, "
			    "gb18030 or another name iconv knows", encoding);
		c->raw = xmalloc(RAW_SIZE);
		c->encoding = xstrdup(encoding);
	}
	init_parser(c);
	return c;
}

struct csvin *
csvin_open(const char *path, const char *encoding, size_t maxfield)
{
	struct csvin *c;
	int fd;

	if (!path || !strcmp(path, "-")) {
		infile_check(0, "<stdin>");
		c = csvin_new("<stdin>", encoding, maxfield);
		c->fd = 0;
		return c;
	}
	if ((fd = open(path, O_RDONLY)) < 0)	/* missing, or not to be opened */
		die(EX_NOINPUT, "cannot read '%s':", path);
	infile_check(fd, path);
	c = csvin_new(path, encoding, maxfield);
	c->fd = fd;
	c->close_fd = 1;
	return c;
}

struct csvin *
csvin_mem(const char *name, const void *data, size_t n, const char *encoding,
    size_t maxfield)
{
	struct csvin *c = csvin_new(name, encoding, maxfield);

	c->mem = data;
	c->memlen = n;
	return c;
}

/* The row just completed, as pointers into c->data. */
static void
make_row(struct csvin *c)
{
	int i, k = c->nf < CSVIN_MAXCOLS ? c->nf : CSVIN_MAXCOLS;

	c->f = xrealloc(c->f, (size_t)(k ? k : 1) * sizeof *c->f);
	for (i = 0; i < k; i++)
		c->f[i] = c->data.s + c->off[i];
	c->row.n = c->nf;
	c->row.kept = k;
	c->row.f = c->f;
	c->row.len = c->len;
}

static int
blank_row(struct csvin *c)
{
	int i;

	for (i = 0; i < c->row.kept; i++)
		if (c->len[i])
			return 0;
	return c->row.n <= c->row.kept;
}

static int
finish(struct csvin *c)
{
	long last = c->last_lf && c->line > 1 ? c->line - 1 : c->line;

	c->at_end = 1;
	if (c->pending_cr) {
		c->pending_cr = 0;
		if (feed(c, (const unsigned char *)"\r", 1) < 0)
			return -1;
		if (c->row_done)
			return 0;
	}
	if (c->need)
		return fail(c, EX_DATAERR, c->line, c->col, _("invalid "
		    "UTF-8 (the file ends in the middle of a character)"));
	if (csv_fini(&c->p, on_field, on_row, c) != 0)
		return fail(c, EX_DATAERR, last, 0, _("the file ends inside a "
		    "quoted field (a quote opened in the row that starts on "
		    "line %ld is never closed)"), c->row_start ? c->row_start
		    : last);
	if (c->row_done && c->row.line > last)
		c->row.line = last;
	return 0;
}

int
csvin_next(struct csvin *c, struct csvrow **row)
{
	int r;

	for (;;) {
		c->row_done = 0;
		c->nf = 0;
		c->toobig = 0;
		buf_reset(&c->data);
		while (!c->row_done) {
			if (c->errcode)
				return -1;
			if (c->at_end)
				return 0;
			if (c->decpos == c->declen) {
				if ((r = refill(c)) < 0)
					return -1;
				if (r == 1) {
					if (finish(c) < 0)
						return -1;
					continue;
				}
				if (!c->started) {
					c->started = 1;
					if (c->declen >= 3 && !memcmp(c->dec,
					    "\xef\xbb\xbf", 3))
						c->decpos = 3;
				}
			}
			if (scan(c) < 0)
				return -1;
		}
		make_row(c);
		if (!blank_row(c))
			break;
	}
	*row = &c->row;
	return 1;
}

const char *
csvin_error(struct csvin *c)
{
	return buf_str(&c->err);
}

int
csvin_errcode(struct csvin *c)
{
	return c->errcode ? c->errcode : EX_DATAERR;
}

const char *
csvin_name(struct csvin *c)
{
	return c->name;
}

void
csvin_close(struct csvin *c)
{
	if (!c)
		return;
	csv_free(&c->p);
	if (c->cd != (iconv_t)-1)
		iconv_close(c->cd);
	if (c->close_fd)
		close(c->fd);
	free(c->name);
	free(c->encoding);
	free(c->raw);
	free(c->dec);
	free(c->off);
	free(c->len);
	free(c->f);
	buf_free(&c->data);
	buf_free(&c->err);
	free(c);
}

long long
csvin_bytes(const struct csvin *c)
{
	return c->fd < 0 ? (long long)c->mempos : c->consumed;
}

long long
csvin_size(const struct csvin *c)
{
	struct stat st;

	if (c->fd < 0)
		return (long long)c->memlen;
	return fstat(c->fd, &st) == 0 && S_ISREG(st.st_mode)
	    ? (long long)st.st_size : -1;
}
