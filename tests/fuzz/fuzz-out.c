/* fuzz-out.c - the output writers of lib/out.c (tsv, csv, json, jsonl,
 * table, ids, html; and rows kept in memory) under libFuzzer.
 *
 * An input is a format and a table.  Byte 0: the format (bits 0..2, an
 * enum fmt, 7 read as 0) and, in bits 3..5, OUT_NOHEADER, OUT_BOM and
 * OUT_RAW.  Byte 1: the number of
 * columns (% 6); bit 6 sends the table through out_rows() and
 * rows_out() as well; bit 7 leaves out_header() uncalled.  The rest,
 * split at NUL bytes: the column names, then one piece a cell: its first
 * byte says the kind (bits 0..1: null, number, string, string), whether
 * the text is a NULL pointer (bit 3) and whether the row ends after it
 * (bit 2); the rest is the text, any bytes but NUL, invalid UTF-8
 * included.  An empty piece ends a row.
 *
 * The writers go to an open_memstream and what they wrote is read back:
 * tsv and ids are compared with a model written here; csv is parsed by
 * libcsv in strict mode and gives back every field (a guarded one with
 * its '); json and jsonl are parsed by a strict JSON parser written here
 * (valid UTF-8, RFC 8259) and give back every key and value (invalid
 * UTF-8 as U+FFFD); html is parsed as the table it must be and gives back
 * every cell (control characters as U+FFFD); a table has one line a row,
 * each the row's cells with only blanks between and none after.  A table
 * sent through out_rows writes the same bytes as written directly.
 */
#include <csv.h>

#include "fuzz.h"

#define MAXCOL 5

struct mcell {
	enum cell kind;
	const char *text;	/* NULL: a null cell */
	size_t len;
	int nulltext;		/* given as a NULL pointer */
};

struct mrow {
	int n, cap;
	struct mcell *c;
};

struct model {
	enum fmt fmt;
	int flags;
	int ncol;		/* as given to out_header */
	int header;		/* out_header was called */
	int via_rows;
	int last_open;		/* the last row is ended by out_finish */
	const char *names[MAXCOL];
	int nrow, caprow;
	struct mrow *rows;
};

static void *
grow(void *p, int *cap, int n, size_t size)
{
	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 8;
	return xrealloc(p, (size_t)*cap * size);
}

/* --- a JSON number, RFC 8259 ---------------------------------------- */

static const char *
json_number_end(const char *p)
{
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return NULL;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (*p < '0' || *p > '9')
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return p;
}

static int
json_number(const char *s)
{
	const char *e = json_number_end(s);

	return e && !*e;
}

/* --- the model, from the input --------------------------------------- */

static void
model_read(struct model *m, const uint8_t *data, size_t size)
{
	const char *p = (const char *)data + 2, *end = (const char *)data
	    + size, *z;
	struct mrow *r = NULL;
	struct mcell *c;
	size_t len;
	int i = 0;

	memset(m, 0, sizeof *m);
	m->fmt = (enum fmt)((data[0] & 7) % 7);
	m->flags = (data[0] >> 3) & (OUT_NOHEADER | OUT_BOM | OUT_RAW);
	m->ncol = data[1] % (MAXCOL + 1);
	m->via_rows = !!(data[1] & 0x40);
	m->header = !(data[1] & 0x80);
	for (i = 0; i < m->ncol; i++)
		m->names[i] = "";
	for (i = 0; p <= end; p = z + 1, i++) {
		z = memchr(p, '\0', (size_t)(end - p));
		if (!z)
			z = end;
		len = (size_t)(z - p);
		if (i < m->ncol) {
			m->names[i] = p;
			continue;
		}
		if (!r) {
			m->rows = grow(m->rows, &m->caprow, m->nrow,
			    sizeof *m->rows);
			r = &m->rows[m->nrow++];
			memset(r, 0, sizeof *r);
		}
		if (len == 0) {
			r = NULL;	/* the row ends */
			continue;
		}
		r->c = grow(r->c, &r->cap, r->n, sizeof *r->c);
		c = &r->c[r->n++];
		c->kind = (*p & 3) == 0 ? CELL_NULL : (*p & 3) == 1 ? CELL_NUM
		    : CELL_STR;
		c->nulltext = c->kind != CELL_NULL && (*p & 8);
		c->text = c->kind == CELL_NULL || c->nulltext ? NULL : p + 1;
		c->len = c->text ? len - 1 : 0;
		/* In json, a number's text is written as it is: the
		 * callers give numbers only (SQLite's, our own). */
		if (c->kind == CELL_NUM && c->text && (m->fmt == FMT_JSON
		    || m->fmt == FMT_JSONL) && !json_number(c->text))
			c->kind = CELL_STR;
		if (*p & 4)
			r = NULL;
	}
	/* A last row with no cell is no row: out_finish ends only a row
	 * that has cells. */
	if (r && r->n == 0)
		m->nrow--;
	else
		m->last_open = r != NULL;
}

static void
model_free(struct model *m)
{
	int i;

	for (i = 0; i < m->nrow; i++)
		free(m->rows[i].c);
	free(m->rows);
}

/* The cells' text as out_cell takes it. */
static const char *
cell_arg(const struct mcell *c)
{
	return c->nulltext ? NULL : c->text;
}

/* The model written by lib/out.c: directly, or kept by out_rows and
 * written by rows_out.  Returns the bytes, *N of them. */
static char *
render(const struct model *m, int via_rows, size_t *n)
{
	struct rows kept;
	struct out *o;
	char *s = NULL;
	FILE *fp;
	int i, j;

	if (!(fp = open_memstream(&s, n)))
		abort();
	o = via_rows ? out_rows(&kept) : out_new(fp, m->fmt, m->flags);
	if (m->header)
		out_header(o, m->ncol, m->names);
	for (i = 0; i < m->nrow; i++) {
		for (j = 0; j < m->rows[i].n; j++)
			out_cell(o, m->rows[i].c[j].kind,
			    cell_arg(&m->rows[i].c[j]));
		if (i < m->nrow - 1 || !m->last_open)
			out_endrow(o);
	}
	out_finish(o);
	if (via_rows) {
		FUZZ_CHECK(kept.ncol == (m->header ? m->ncol : 0), "rows");
		for (j = 0; j < kept.ncol; j++)
			FUZZ_CHECK(rows_col(&kept, kept.names[j]) <= j,
			    kept.names[j]);
		FUZZ_CHECK(rows_get(&kept, kept.n, 0) == NULL, "rows");
		o = out_new(fp, m->fmt, m->flags);
		rows_out(&kept, o);
		out_finish(o);
		rows_free(&kept);
	}
	if (fclose(fp) != 0)
		abort();
	return s;
}

/* --- helpers ------------------------------------------------------------ */

static void
tsv_esc(struct buf *b, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '\t': buf_adds(b, "\\t"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\\': buf_adds(b, "\\\\"); break;
		default: buf_addc(b, *s);
		}
}

/* The header line is written: named columns, no --no-header. */
static int
header_shown(const struct model *m)
{
	return m->header && m->ncol > 0 && !(m->flags & OUT_NOHEADER);
}

static void
same_bytes(const char *got, size_t n, const struct buf *want)
{
	FUZZ_CHECK(n == want->len && !memcmp(got, want->s ? want->s : "", n),
	    got);
}

/* --- tsv and ids: the model's bytes --------------------------------- */

static void
check_tsv(const struct model *m, const char *got, size_t n)
{
	struct buf want = {0};
	int i, j;

	if (m->fmt == FMT_TSV && header_shown(m)) {
		for (j = 0; j < m->ncol; j++) {
			if (j)
				buf_addc(&want, '\t');
			tsv_esc(&want, m->names[j]);
		}
		buf_addc(&want, '\n');
	}
	for (i = 0; i < m->nrow; i++) {
		for (j = 0; j < m->rows[i].n; j++) {
			if (m->fmt == FMT_TSV && j)
				buf_addc(&want, '\t');
			if (m->fmt == FMT_TSV || j == 0)
				tsv_esc(&want, m->rows[i].c[j].text);
		}
		buf_addc(&want, '\n');
	}
	same_bytes(got, n, &want);
	buf_free(&want);
}

/* --- csv: read back by libcsv ---------------------------------------- */

struct csvread {
	char **f;		/* the fields read, in order */
	int n, cap;
	int *rowlen;		/* fields in each row */
	int nrow, caprow, cur;
};

static void
on_field(void *s, size_t len, void *data)
{
	struct csvread *r = data;
	char *f = xmalloc(len + 1);

	memcpy(f, s, len);
	f[len] = '\0';
	r->f = grow(r->f, &r->cap, r->n, sizeof *r->f);
	r->f[r->n++] = f;
	r->cur++;
}

static void
on_row(int c, void *data)
{
	struct csvread *r = data;

	(void)c;
	r->rowlen = grow(r->rowlen, &r->caprow, r->nrow, sizeof *r->rowlen);
	r->rowlen[r->nrow++] = r->cur;
	r->cur = 0;
}

static int
guarded(const char *v)
{
	while (*v == '\'')
		v++;
	return *v && strchr("=+-@\t\r", *v);
}

/* The field the reader gets for a cell. */
static void
csv_want(struct buf *b, const struct mcell *c, int flags)
{
	buf_reset(b);
	if (!c->text)
		return;
	if (c->kind == CELL_STR && !(flags & OUT_RAW) && guarded(c->text))
		buf_addc(b, '\'');
	buf_adds(b, c->text);
}

static void
check_csv(const struct model *m, const char *got, size_t n)
{
	struct csv_parser p;
	struct csvread r = {0};
	struct buf want = {0};
	struct mcell name = {CELL_STR, NULL, 0, 0};
	int i, j, k = 0, row = 0;

	if (m->flags & OUT_BOM) {
		FUZZ_CHECK(n >= 3 && !memcmp(got, "\xef\xbb\xbf", 3), got);
		got += 3;
		n -= 3;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		abort();
	FUZZ_CHECK(csv_parse(&p, got, n, on_field, on_row, &r) == n, got);
	FUZZ_CHECK(csv_fini(&p, on_field, on_row, &r) == 0, got);
	csv_free(&p);
	FUZZ_CHECK(r.cur == 0, got);
	/* The header, then the rows; an empty line (no cell, or one empty:
	 * one empty field to RFC 4180) is no row to libcsv, which skips
	 * blank lines. */
	if (header_shown(m) && !(m->ncol == 1 && !*m->names[0])) {
		FUZZ_CHECK(row < r.nrow && r.rowlen[row] == m->ncol, got);
		for (j = 0; j < m->ncol; j++) {
			name.text = m->names[j];
			csv_want(&want, &name, m->flags | OUT_RAW);
			FUZZ_CHECK(!strcmp(r.f[k++], buf_str(&want)), got);
		}
		row++;
	}
	for (i = 0; i < m->nrow; i++) {
		const struct mrow *mr = &m->rows[i];

		if (mr->n == 0 || (mr->n == 1 && (!mr->c[0].text
		    || !mr->c[0].text[0])))
			continue;
		FUZZ_CHECK(row < r.nrow && r.rowlen[row] == mr->n, got);
		for (j = 0; j < mr->n; j++) {
			csv_want(&want, &mr->c[j], m->flags);
			FUZZ_CHECK(!strcmp(r.f[k++], buf_str(&want)), got);
		}
		row++;
	}
	FUZZ_CHECK(row == r.nrow && k == r.n, got);
	for (i = 0; i < r.n; i++)
		free(r.f[i]);
	free(r.f);
	free(r.rowlen);
	buf_free(&want);
}

/* --- json and jsonl: a strict parser ------------------------------------ */

struct member {
	struct buf key;
	int null;		/* the value is null */
	int num;		/* a number (text as written) */
	struct buf val;
};

/* A JSON string at *P (before END) decoded into B; 0, or -1 when it is
 * not one (a raw control character, invalid UTF-8, a bad escape, a lone
 * surrogate). */
static int
jstring(const char **pp, const char *end, struct buf *b)
{
	const char *p = *pp;
	unsigned long cp, lo;
	size_t k;
	int i;

	buf_reset(b);
	if (p >= end || *p != '"')
		return -1;
	for (p++; p < end && *p != '"';) {
		unsigned char c = (unsigned char)*p;

		if (c < 0x20)
			return -1;
		if (c >= 0x80) {
			if (!(k = fuzz_utf8_seq((const unsigned char *)p,
			    (size_t)(end - p))))
				return -1;
			buf_add(b, p, k);
			p += k;
			continue;
		}
		if (c != '\\') {
			buf_addc(b, *p++);
			continue;
		}
		if (++p >= end)
			return -1;
		switch (*p++) {
		case '"': buf_addc(b, '"'); continue;
		case '\\': buf_addc(b, '\\'); continue;
		case '/': buf_addc(b, '/'); continue;
		case 'b': buf_addc(b, '\b'); continue;
		case 'f': buf_addc(b, '\f'); continue;
		case 'n': buf_addc(b, '\n'); continue;
		case 'r': buf_addc(b, '\r'); continue;
		case 't': buf_addc(b, '\t'); continue;
		case 'u': break;
		default: return -1;
		}
		for (cp = 0, i = 0; i < 4; i++, p++) {
			if (p >= end || !strchr("0123456789abcdefABCDEF", *p)
			    || !*p)
				return -1;
			cp = cp * 16 + (unsigned long)(*p <= '9' ? *p - '0'
			    : (*p | 0x20) - 'a' + 10);
		}
		if (cp >= 0xdc00 && cp <= 0xdfff)
			return -1;
		if (cp >= 0xd800 && cp <= 0xdbff) {
			if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
				return -1;
			p += 2;
			for (lo = 0, i = 0; i < 4; i++, p++) {
				if (!strchr("0123456789abcdefABCDEF", *p)
				    || !*p)
					return -1;
				lo = lo * 16 + (unsigned long)(*p <= '9'
				    ? *p - '0' : (*p | 0x20) - 'a' + 10);
			}
			if (lo < 0xdc00 || lo > 0xdfff)
				return -1;
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		}
		if (cp == 0)
			return -1;	/* no NUL in a C string */
		if (cp < 0x80) {
			buf_addc(b, (char)cp);
		} else if (cp < 0x800) {
			buf_addc(b, (char)(0xc0 | cp >> 6));
			buf_addc(b, (char)(0x80 | (cp & 0x3f)));
		} else if (cp < 0x10000) {
			buf_addc(b, (char)(0xe0 | cp >> 12));
			buf_addc(b, (char)(0x80 | (cp >> 6 & 0x3f)));
			buf_addc(b, (char)(0x80 | (cp & 0x3f)));
		} else {
			buf_addc(b, (char)(0xf0 | cp >> 18));
			buf_addc(b, (char)(0x80 | (cp >> 12 & 0x3f)));
			buf_addc(b, (char)(0x80 | (cp >> 6 & 0x3f)));
			buf_addc(b, (char)(0x80 | (cp & 0x3f)));
		}
	}
	if (p >= end)
		return -1;
	*pp = p + 1;
	return 0;
}

static void
ws(const char **p, const char *end)
{
	while (*p < end && strchr(" \t\n\r", **p) && **p)
		(*p)++;
}

/* A JSON object at *P of string keys and values that are null, numbers
 * or strings: its members in *MS (*N, capacity *CAP).  0 or -1. */
static int
jobject(const char **pp, const char *end, struct member **ms, int *n,
    int *cap)
{
	const char *p = *pp, *e;
	struct member *mb;

	*n = 0;
	if (p >= end || *p++ != '{')
		return -1;
	ws(&p, end);
	if (p < end && *p == '}') {
		*pp = p + 1;
		return 0;
	}
	for (;;) {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 8;
			*ms = xrealloc(*ms, (size_t)*cap * sizeof **ms);
			memset(*ms + *n, 0, (size_t)(*cap - *n) * sizeof **ms);
		}
		mb = &(*ms)[(*n)++];
		mb->null = mb->num = 0;
		ws(&p, end);
		if (jstring(&p, end, &mb->key) < 0)
			return -1;
		ws(&p, end);
		if (p >= end || *p++ != ':')
			return -1;
		ws(&p, end);
		buf_reset(&mb->val);
		if (end - p >= 4 && !memcmp(p, "null", 4)) {
			mb->null = 1;
			p += 4;
		} else if (p < end && *p == '"') {
			if (jstring(&p, end, &mb->val) < 0)
				return -1;
		} else {
			/* the text ends at a ',' '}' or blank, never at END
			 * inside a number: json_number_end needs a NUL or a
			 * non-number byte, which the closing '}' is */
			if (!(e = json_number_end(p)) || e > end)
				return -1;
			mb->num = 1;
			buf_add(&mb->val, p, (size_t)(e - p));
			p = e;
		}
		ws(&p, end);
		if (p >= end)
			return -1;
		if (*p == '}') {
			*pp = p + 1;
			return 0;
		}
		if (*p++ != ',')
			return -1;
	}
}

/* What json_escape means: the text, each byte that starts no well-formed
 * UTF-8 sequence read as U+FFFD. */
static void
json_want(struct buf *b, const char *s)
{
	size_t n = strlen(s), k;

	buf_reset(b);
	while (n > 0) {
		if ((k = fuzz_utf8_seq((const unsigned char *)s, n))) {
			buf_add(b, s, k);
		} else {
			buf_adds(b, "\xef\xbf\xbd");
			k = 1;
		}
		s += k;
		n -= k;
	}
}

/* Object MS (N members) is row R of the model. */
static void
same_object(const struct model *m, const struct mrow *r,
    const struct member *ms, int n, const char *got)
{
	struct buf want = {0}, key = {0};
	int j, ncol = m->header ? m->ncol : 0;

	FUZZ_CHECK(n == r->n, got);
	for (j = 0; j < n; j++) {
		const struct mcell *c = &r->c[j];

		buf_reset(&key);
		if (j < ncol)
			buf_adds(&key, m->names[j]);
		else
			buf_printf(&key, "col%d", j + 1);
		json_want(&want, buf_str(&key));
		FUZZ_CHECK(!strcmp(buf_str((struct buf *)&ms[j].key),
		    buf_str(&want)), got);
		if (!c->text) {
			FUZZ_CHECK(ms[j].null, got);
		} else if (c->kind == CELL_NUM) {
			FUZZ_CHECK(ms[j].num && !strcmp(buf_str(
			    (struct buf *)&ms[j].val), c->text), got);
		} else {
			json_want(&want, c->text);
			FUZZ_CHECK(!ms[j].null && !ms[j].num
			    && !strcmp(buf_str((struct buf *)&ms[j].val),
			    buf_str(&want)), got);
		}
	}
	buf_free(&want);
	buf_free(&key);
}

static void
check_json(const struct model *m, const char *got, size_t n)
{
	const char *p = got, *end = got + n, *nl;
	struct member *ms = NULL;
	int nm = 0, cap = 0, i;

	FUZZ_CHECK(fuzz_utf8_bad(got, n) == n, got);
	if (m->fmt == FMT_JSON) {
		ws(&p, end);
		FUZZ_CHECK(p < end && *p++ == '[', got);
		ws(&p, end);
		for (i = 0; i < m->nrow; i++) {
			if (i) {
				FUZZ_CHECK(p < end && *p++ == ',', got);
				ws(&p, end);
			}
			FUZZ_CHECK(jobject(&p, end, &ms, &nm, &cap) == 0, got);
			same_object(m, &m->rows[i], ms, nm, got);
			ws(&p, end);
		}
		FUZZ_CHECK(p < end && *p++ == ']', got);
		ws(&p, end);
		FUZZ_CHECK(p == end, got);
	} else {
		/* one object a line */
		for (i = 0; i < m->nrow; i++) {
			nl = memchr(p, '\n', (size_t)(end - p));
			FUZZ_CHECK(nl, got);
			FUZZ_CHECK(jobject(&p, nl, &ms, &nm, &cap) == 0
			    && p == nl, got);
			same_object(m, &m->rows[i], ms, nm, got);
			p = nl + 1;
		}
		FUZZ_CHECK(p == end, got);
	}
	for (i = 0; i < cap; i++) {
		buf_free(&ms[i].key);
		buf_free(&ms[i].val);
	}
	free(ms);
}

/* --- html: the table it must be ----------------------------------------- */

/* "LIT" at *P: moved past it, else the check fails. */
static void
lit(const char **p, const char *end, const char *s, const char *got)
{
	size_t n = strlen(s);

	FUZZ_CHECK((size_t)(end - *p) >= n && !memcmp(*p, s, n), got);
	*p += n;
}

/* Text up to the next '<', entities undone, into B; no raw > " ' and
 * no control character but tab and line feed. */
static void
html_cell(const char **pp, const char *end, struct buf *b, const char *got)
{
	static const char *const ent[][2] = {
		{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
		{"&quot;", "\""}, {"&#39;", "'"},
	};
	const char *p = *pp;
	size_t i;

	buf_reset(b);
	while (p < end && *p != '<') {
		unsigned char c = (unsigned char)*p;

		FUZZ_CHECK(c != '>' && c != '"' && c != '\'', got);
		FUZZ_CHECK(c >= 0x20 || c == '\t' || c == '\n', got);
		if (c != '&') {
			buf_addc(b, *p++);
			continue;
		}
		for (i = 0; i < sizeof ent / sizeof ent[0]; i++)
			if ((size_t)(end - p) >= strlen(ent[i][0])
			    && !memcmp(p, ent[i][0], strlen(ent[i][0])))
				break;
		FUZZ_CHECK(i < sizeof ent / sizeof ent[0], got);
		buf_adds(b, ent[i][1]);
		p += strlen(ent[i][0]);
	}
	*pp = p;
}

/* What html_escape means: the text, a control character but tab and line
 * feed read as U+FFFD. */
static void
html_want(struct buf *b, const char *s)
{
	buf_reset(b);
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n')
			buf_adds(b, "\xef\xbf\xbd");
		else
			buf_addc(b, *s);
}

static void
check_html(const struct model *m, const char *got, size_t n)
{
	const char *p = got, *end = got + n;
	struct buf text = {0}, want = {0};
	int i, j;

	lit(&p, end, "<table>\n", got);
	if (header_shown(m)) {
		lit(&p, end, "<thead><tr>", got);
		for (j = 0; j < m->ncol; j++) {
			lit(&p, end, "<th>", got);
			html_cell(&p, end, &text, got);
			html_want(&want, m->names[j]);
			FUZZ_CHECK(!strcmp(buf_str(&text), buf_str(&want)), got);
			lit(&p, end, "</th>", got);
		}
		lit(&p, end, "</tr></thead>\n", got);
	}
	lit(&p, end, "<tbody>\n", got);
	for (i = 0; i < m->nrow; i++) {
		lit(&p, end, "<tr>", got);
		for (j = 0; j < m->rows[i].n; j++) {
			const struct mcell *c = &m->rows[i].c[j];

			lit(&p, end, !c->text ? "<td class=\"null\">"
			    : c->kind == CELL_NUM ? "<td class=\"n\">" : "<td>",
			    got);
			html_cell(&p, end, &text, got);
			html_want(&want, c->text ? c->text : "");
			FUZZ_CHECK(!strcmp(buf_str(&text), buf_str(&want)), got);
			lit(&p, end, "</td>", got);
		}
		lit(&p, end, "</tr>\n", got);
	}
	lit(&p, end, "</tbody></table>\n", got);
	FUZZ_CHECK(p == end, got);
	buf_free(&text);
	buf_free(&want);
}

/* --- table: one line a row, cells with blanks between -------------- */

/* Line [P, E) holds cells C (N of them, tsv-escaped) in order with only
 * blanks between and before them, and nothing after the last that is not
 * empty: no padding at the end. */
static void
table_line(const char *p, const char *e, const char *const *c, int n,
    const char *got)
{
	struct buf line = {0}, cells = {0};
	const char *last = "";
	size_t k;
	int j;

	for (k = 0; p + k < e; k++)
		if (p[k] != ' ')
			buf_addc(&line, p[k]);
	for (j = 0; j < n; j++) {
		for (k = 0; c[j][k]; k++)
			if (c[j][k] != ' ')
				buf_addc(&cells, c[j][k]);
		if (*c[j])
			last = c[j];
	}
	FUZZ_CHECK(line.len == cells.len && !memcmp(buf_str(&line),
	    buf_str(&cells), line.len), got);
	k = strlen(last);
	FUZZ_CHECK((size_t)(e - p) >= k && !memcmp(e - k, last, k), got);
	if (!*last)
		FUZZ_CHECK(p == e, got);
	buf_free(&line);
	buf_free(&cells);
}

static void
check_table(const struct model *m, const char *got, size_t n)
{
	const char *p = got, *end = got + n, *nl;
	struct buf b = {0};
	char **cells = NULL;
	int i, j, ncols = m->header ? m->ncol : 0, hdr;

	for (i = 0; i < m->nrow; i++)
		if (m->rows[i].n > ncols)
			ncols = m->rows[i].n;
	if (ncols == 0) {
		FUZZ_CHECK(n == 0, got);
		return;
	}
	hdr = header_shown(m);
	for (i = -hdr; i < m->nrow; i++) {
		int nc = i < 0 ? m->ncol : m->rows[i].n;

		nl = memchr(p, '\n', (size_t)(end - p));
		FUZZ_CHECK(nl, got);
		cells = xrealloc(cells, (size_t)(nc ? nc : 1) * sizeof *cells);
		for (j = 0; j < nc; j++) {
			buf_reset(&b);
			tsv_esc(&b, i < 0 ? m->names[j] : m->rows[i].c[j].text);
			cells[j] = xstrdup(buf_str(&b));
		}
		table_line(p, nl, (const char *const *)cells, nc, got);
		for (j = 0; j < nc; j++)
			free(cells[j]);
		p = nl + 1;
	}
	FUZZ_CHECK(p == end, got);
	free(cells);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct model m;
	char *copy, *got, *again;
	size_t n, n2;
	int i, full;

	if (!ready) {
		setprogname("fuzz-out");
		width_init();
		ready = 1;
	}
	if (size < 2)
		return 0;
	/* a copy with a NUL after its end, so that the last piece is a
	 * string too */
	copy = fuzz_str(data, size);
	model_read(&m, (const uint8_t *)copy, size);
	got = render(&m, 0, &n);
	switch (m.fmt) {
	case FMT_TSV:
	case FMT_IDS:
		check_tsv(&m, got, n);
		break;
	case FMT_CSV:
		check_csv(&m, got, n);
		break;
	case FMT_JSON:
	case FMT_JSONL:
		check_json(&m, got, n);
		break;
	case FMT_HTML:
		check_html(&m, got, n);
		break;
	case FMT_TABLE:
		check_table(&m, got, n);
		break;
	default:
		break;
	}
	if (m.via_rows) {
		/* Rows kept and written again are the rows written, when
		 * each has a cell for each named column. */
		full = m.header && m.ncol > 0;
		for (i = 0; i < m.nrow && full; i++)
			full = m.rows[i].n == m.ncol;
		again = render(&m, 1, &n2);
		if (full)
			FUZZ_CHECK(n == n2 && !memcmp(got, again, n), again);
		free(again);
	}
	free(got);
	model_free(&m);
	free(copy);
	return 0;
}
