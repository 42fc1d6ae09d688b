/* out.c - tabular output in table, tsv, csv, json, jsonl, ids and xlsx; an
 * HTML table for a page; rows kept in memory for a page that also draws
 * them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "crm.h"

/* A buffered table cell: the tsv-escaped text and its display width. */
struct tcell {
	char *s;
	size_t w;
	enum cell kind;
};

struct trow {
	int n;
	struct tcell *c;
};

struct out {
	FILE *fp;
	enum fmt fmt;
	int flags;
	int ncol;
	char **names;
	char *closed;		/* table, html: column I holds closed-list
				 * words, shown as their labels */
	int col;		/* cells seen in the current row */
	long nrows;
	struct buf row;		/* the current row (tsv, json, jsonl, ids) */
	struct buf tmp, tmp2;
	struct buf people;	/* a cell's text as people read it */
	/* table only */
	struct trow *rows;
	size_t nrow, caprow;
	struct trow cur;
	int capcur;
	/* html: the table's start is written */
	int started;
	/* rows: where the cells go */
	struct rows *sink;
	/* xlsx: the workbook */
	struct xlsxout *x;
	const struct entity *e;	/* the table whose rows are listed */
};

/* out_list_of() */
static const struct entity *listed;

int
fmt_parse(const char *s, enum fmt *f)
{
	static const struct {
		const char *name;
		enum fmt f;
	} tab[] = {
		{"table", FMT_TABLE}, {"tsv", FMT_TSV}, {"csv", FMT_CSV},
		{"json", FMT_JSON}, {"jsonl", FMT_JSONL}, {"ids", FMT_IDS},
		{"html", FMT_HTML}, {"xlsx", FMT_XLSX},
	};
	size_t i;

	for (i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (strcmp(s, tab[i].name) == 0) {
			*f = tab[i].f;
			return 0;
		}
	return -1;
}

void
out_one_table(enum fmt f)
{
	if (f == FMT_XLSX)
		die(EX_USAGE, "-o xlsx is for lists and reports: this prints "
		    "more than one table");
}

void
tsv_escape(struct buf *b, const char *s)
{
	const char *p;
	size_t n;

	if (!s)
		return;
	for (p = s; *p; p++) {
		/* Plain text is copied a run at a time. */
		if ((n = strcspn(p, "\t\n\r\\"))) {
			buf_add(b, p, n);
			p += n - 1;
			continue;
		}
		switch (*p) {
		case '\t': buf_add(b, "\\t", 2); break;
		case '\n': buf_add(b, "\\n", 2); break;
		case '\r': buf_add(b, "\\r", 2); break;
		case '\\': buf_add(b, "\\\\", 2); break;
		default: buf_addc(b, *p); break;
		}
	}
}

void
json_escape(struct buf *b, const char *s)
{
	const unsigned char *p;
	size_t left, n;

	if (!s) {
		buf_adds(b, "null");
		return;
	}
	buf_addc(b, '"');
	p = (const unsigned char *)s;
	for (left = strlen(s); left > 0; p += n, left -= n) {
		n = 1;
		switch (*p) {
		case '"': buf_add(b, "\\\"", 2); continue;
		case '\\': buf_add(b, "\\\\", 2); continue;
		case '\n': buf_add(b, "\\n", 2); continue;
		case '\t': buf_add(b, "\\t", 2); continue;
		case '\r': buf_add(b, "\\r", 2); continue;
		case '\b': buf_add(b, "\\b", 2); continue;
		case '\f': buf_add(b, "\\f", 2); continue;
		}
		if (*p < 0x20) {
			buf_printf(b, "\\u%04x", *p);
			continue;
		}
		n = utf8_seq((const char *)p, left);
		if (n == 0) {
			buf_adds(b, "\\ufffd");
			n = 1;
			continue;
		}
		buf_add(b, (const char *)p, n);
	}
	buf_addc(b, '"');
}

/* A write to FP failed, errno says why. */
static _Noreturn void
write_failed(FILE *fp)
{
	if (errno == ENOMEM && fp != stdout)	/* open_memstream */
		die(EX_SOFTWARE, "out of memory");
	die_write(NULL);
}

void
out_check(FILE *fp)
{
	int bad;

	errno = 0;
	bad = fflush(fp) != 0;
	if (ferror(fp))
		bad = 1;
	if (!bad)
		return;
	/* A write that failed before left no reason (errno 0 now):
	 * out_write's checks are there to keep it. */
	if (errno == 0)
		errno = EIO;
	write_failed(fp);
}

void
out_write(FILE *fp, const char *s, size_t n)
{
	if (n && fwrite(s, 1, n, fp) != n)
		write_failed(fp);
}

static void
put(struct out *o, const char *s, size_t n)
{
	out_write(o->fp, s, n);
}

static void
putb(struct out *o, struct buf *b)
{
	put(o, b->s, b->len);
	buf_reset(b);
}

static void
csv_field(struct out *o, const char *s)
{
	csv_append(&o->tmp2, s, strlen(s));
	putb(o, &o->tmp2);
}

struct out *
out_new(FILE *fp, enum fmt f, int flags)
{
	struct out *o = xcalloc(1, sizeof *o);

	o->fp = fp;
	o->fmt = f;
	o->flags = flags;
	o->e = listed;
	if (f == FMT_CSV && (flags & OUT_BOM))
		put(o, "\xef\xbb\xbf", 3);
	/* The sheet is named after the program ("crm-list"). */
	if (f == FMT_XLSX)
		o->x = xlsxout_open(NULL, fp, progname, flags & OUT_NOHEADER
		    ? XLSXOUT_NOHEADER : 0);
	return o;
}

/* The json key of column I. */
static void
json_key(struct out *o, int i)
{
	if (i < o->ncol) {
		json_escape(&o->row, o->names[i]);
	} else {
		buf_printf(&o->tmp, "col%d", i + 1);
		json_escape(&o->row, buf_str(&o->tmp));
		buf_reset(&o->tmp);
	}
	buf_addc(&o->row, ':');
}

/* html: the table's start and its header row, once. */
static void
html_start(struct out *o)
{
	int i;

	if (o->started)
		return;
	o->started = 1;
	buf_adds(&o->row, "<table>\n");
	if (o->ncol > 0 && !(o->flags & OUT_NOHEADER)) {
		buf_adds(&o->row, "<thead><tr>");
		for (i = 0; i < o->ncol; i++) {
			buf_adds(&o->row, "<th>");
			html_escape(&o->row, col_label(o->names[i]));
			buf_adds(&o->row, "</th>");
		}
		buf_adds(&o->row, "</tr></thead>\n");
	}
	buf_adds(&o->row, "<tbody>\n");
	putb(o, &o->row);
}

/* The column names *DST (*N of them) replaced by copies of NAMES. */
static void
names_set(char ***dst, int *n, int ncol, const char *const *names)
{
	int i;

	for (i = 0; i < *n; i++)
		free((*dst)[i]);
	free(*dst);
	*n = ncol;
	*dst = xcalloc((size_t)(ncol > 0 ? ncol : 1), sizeof **dst);
	for (i = 0; i < ncol; i++)
		(*dst)[i] = xstrdup(names[i] ? names[i] : "");
}

void
out_list_of(const struct entity *e)
{
	listed = e;
}

char *
column_header(const struct entity *e, const char *name, int labels,
    int redacted)
{
	const char *l = NULL;

	if (!labels)
		l = name;
	else if (e && entity_field(e, name))
		l = field_label(e, name) ? field_label(e, name) : name;
	else
		l = col_label(name);
	/* Chinese, as the labels are: a header crm-import knows for no
	 * column, so that masks never overwrite real numbers. */
	if (redacted)
		return labels ? xasprintf("%s（已脱敏）", l)
		    : xasprintf("%s_redacted", l);
	return xstrdup(l);
}

/* xlsx: the header row, of the labels people read (column_header), and
 * the column names for messages. */
static void
xlsx_header(struct out *o)
{
	char **heads = xcalloc((size_t)(o->ncol > 0 ? o->ncol : 1),
	    sizeof *heads);
	int i;

	for (i = 0; i < o->ncol; i++)
		heads[i] = column_header(o->e, o->names[i], 1, 0);
	xlsxout_header(o->x, o->ncol, (const char *const *)o->names,
	    (const char *const *)heads, NULL);
	for (i = 0; i < o->ncol; i++)
		free(heads[i]);
	free(heads);
}

void
out_header(struct out *o, int ncol, const char *const *names)
{
	int i;

	names_set(&o->names, &o->ncol, ncol, names);
	free(o->closed);
	o->closed = NULL;
	if (o->fmt == FMT_TABLE || o->fmt == FMT_HTML) {
		o->closed = xcalloc((size_t)(ncol > 0 ? ncol : 1), 1);
		for (i = 0; i < ncol; i++)
			o->closed[i] = (char)closed_column(o->names[i]);
	}
	if (o->fmt == FMT_ROWS) {
		names_set(&o->sink->names, &o->sink->ncol, ncol, names);
		return;
	}
	if (o->fmt == FMT_HTML) {
		html_start(o);
		return;
	}
	if (o->fmt == FMT_XLSX) {
		xlsx_header(o);
		return;
	}
	if (o->flags & OUT_NOHEADER)
		return;
	if (o->fmt == FMT_TSV && ncol > 0) {
		for (i = 0; i < ncol; i++) {
			if (i)
				buf_addc(&o->row, '\t');
			tsv_escape(&o->row, o->names[i]);
		}
		buf_addc(&o->row, '\n');
		putb(o, &o->row);
	} else if (o->fmt == FMT_CSV && ncol > 0) {
		for (i = 0; i < ncol; i++) {
			if (i)
				put(o, ",", 1);
			csv_field(o, o->names[i]);
		}
		put(o, "\r\n", 2);
	}
}

/* A cell of the row being kept: the row grows to hold column I. */
static void
rows_cell(struct rows *r, int i, enum cell kind, const char *text)
{
	size_t k;

	if (i >= r->ncol)	/* more cells than the header names */
		return;
	if (i == 0) {
		r->kind = xrealloc(r->kind, (r->n + 1) * (size_t)r->ncol
		    * sizeof *r->kind);
		r->cell = xrealloc(r->cell, (r->n + 1) * (size_t)r->ncol
		    * sizeof *r->cell);
		for (k = 0; k < (size_t)r->ncol; k++) {
			r->kind[r->n * (size_t)r->ncol + k] = CELL_NULL;
			r->cell[r->n * (size_t)r->ncol + k] = NULL;
		}
		r->n++;
	}
	k = (r->n - 1) * (size_t)r->ncol + (size_t)i;
	r->kind[k] = kind;
	r->cell[k] = kind == CELL_NULL ? NULL : xstrdup(text);
}

/* Cell I's TEXT as people read it (table and html only): people_value
 * of its column, in O->people. */
static const char *
people_text(struct out *o, int i, const char *text)
{
	if (i >= o->ncol)
		return text;
	if (o->closed && o->closed[i])	/* the common case, without a copy */
		return word_label(o->names[i], text);
	return people_value(o->names[i], text, &o->people);
}

static void
table_cell(struct out *o, enum cell kind, const char *text)
{
	struct tcell *c;

	if (o->cur.n == o->capcur) {
		o->capcur = o->capcur ? o->capcur * 2 : 8;
		o->cur.c = xrealloc(o->cur.c,
		    (size_t)o->capcur * sizeof *o->cur.c);
	}
	c = &o->cur.c[o->cur.n];
	if (kind == CELL_STR)
		text = people_text(o, o->cur.n, text);
	o->cur.n++;
	tsv_escape(&o->tmp, kind == CELL_NULL ? NULL : text);
	c->s = xstrdup(buf_str(&o->tmp));
	buf_reset(&o->tmp);
	c->w = display_width(c->s);
	c->kind = kind;
}

/* 1 when TEXT is exactly a valid day, YYYY-MM-DD. */
static int
is_day(const char *text)
{
	int day;

	return strlen(text) == 10 && text[4] == '-' && text[7] == '-'
	    && date_parse(text, &day) == 0;
}

void
out_cell(struct out *o, enum cell kind, const char *text)
{
	int i = o->col++;

	if (kind != CELL_NULL && !text)
		kind = CELL_NULL;
	switch (o->fmt) {
	case FMT_TABLE:
		table_cell(o, kind, text);
		break;
	case FMT_TSV:
		if (i)
			buf_addc(&o->row, '\t');
		if (kind != CELL_NULL)
			tsv_escape(&o->row, text);
		break;
	case FMT_CSV:
		if (i)
			put(o, ",", 1);
		if (kind == CELL_NULL)
			break;
		if (kind == CELL_STR && !(o->flags & OUT_RAW)
		    && csv_guarded(text)) {
			buf_addc(&o->tmp, '\'');
			buf_adds(&o->tmp, text);
			csv_field(o, buf_str(&o->tmp));
			buf_reset(&o->tmp);
		} else {
			csv_field(o, text);
		}
		break;
	case FMT_JSON:
	case FMT_JSONL:
		buf_addc(&o->row, i ? ',' : '{');
		json_key(o, i);
		if (kind == CELL_NULL)
			buf_adds(&o->row, "null");
		else if (kind == CELL_NUM)
			buf_adds(&o->row, text);
		else
			json_escape(&o->row, text);
		break;
	case FMT_IDS:
		if (i == 0 && kind != CELL_NULL)
			tsv_escape(&o->row, text);
		break;
	case FMT_HTML:
		html_start(o);
		if (i == 0)
			buf_adds(&o->row, "<tr>");
		buf_adds(&o->row, kind == CELL_NUM ? "<td class=\"n\">"
		    : kind == CELL_NULL ? "<td class=\"null\">" : "<td>");
		if (kind == CELL_STR)
			html_escape(&o->row, people_text(o, i, text));
		else if (kind != CELL_NULL)
			html_escape(&o->row, text);
		buf_adds(&o->row, "</td>");
		break;
	case FMT_ROWS:
		rows_cell(o->sink, i, kind, text);
		break;
	case FMT_XLSX:
		/* A number that reads as one; a day (YYYY-MM-DD, the due
		 * list's due) a date cell; any other text text. */
		xlsxout_cell(o->x, kind == CELL_NULL ? XLSX_BLANK : kind
		    == CELL_NUM ? XLSX_NUMBER : is_day(text) ? XLSX_DATE
		    : XLSX_TEXT, text);
		break;
	}
}

int
out_for_people(const struct out *o)
{
	return o->fmt == FMT_TABLE || o->fmt == FMT_HTML;
}

void
out_pair(struct out *o, const char *name, enum cell kind, const char *value)
{
	int people = o->fmt == FMT_TABLE || o->fmt == FMT_HTML;

	out_cell(o, CELL_STR, people ? col_label(name) : name);
	if (people && kind == CELL_STR)
		value = people_value(name, value, &o->people);
	out_cell(o, kind, value);
	out_endrow(o);
}

void
out_endrow(struct out *o)
{
	switch (o->fmt) {
	case FMT_TABLE:
		if (o->nrow == o->caprow) {
			o->caprow = o->caprow ? o->caprow * 2 : 16;
			o->rows = xrealloc(o->rows, o->caprow * sizeof *o->rows);
		}
		o->rows[o->nrow++] = o->cur;
		o->cur.n = 0;
		o->cur.c = NULL;
		o->capcur = 0;
		break;
	case FMT_TSV:
	case FMT_IDS:
		buf_addc(&o->row, '\n');
		putb(o, &o->row);
		break;
	case FMT_CSV:
		put(o, "\r\n", 2);
		break;
	case FMT_JSON:
		put(o, o->nrows ? ",\n" : "[\n", 2);
		if (o->col == 0)
			buf_addc(&o->row, '{');
		buf_addc(&o->row, '}');
		putb(o, &o->row);
		break;
	case FMT_HTML:
		html_start(o);
		if (o->col == 0)
			buf_adds(&o->row, "<tr>");
		buf_adds(&o->row, "</tr>\n");
		putb(o, &o->row);
		break;
	case FMT_ROWS:
		break;
	case FMT_XLSX:
		xlsxout_endrow(o->x);
		break;
	case FMT_JSONL:
		if (o->col == 0)
			buf_addc(&o->row, '{');
		buf_add(&o->row, "}\n", 2);
		putb(o, &o->row);
		break;
	}
	o->col = 0;
	o->nrows++;
}

static void
spaces(struct out *o, size_t n)
{
	while (n--)
		putc(' ', o->fp);
}

/* One table line: padding is written only before text that follows it, so
 * no line ends in padding. */
static void
table_line(struct out *o, int ncols, const size_t *width, const int *numcol,
    const struct tcell *c, int n, int header)
{
	size_t pending = 0, pad;
	int j, right;

	for (j = 0; j < ncols; j++) {
		const char *s = j < n ? c[j].s : "";
		size_t w = j < n ? c[j].w : 0;

		right = header ? numcol[j] : j < n && c[j].kind == CELL_NUM;
		pad = width[j] > w ? width[j] - w : 0;
		if (j)
			pending += 2;
		if (right)
			pending += pad;
		if (*s) {
			spaces(o, pending);
			fputs(s, o->fp);
			pending = 0;
		}
		if (!right)
			pending += pad;
	}
}

static void
table_print(struct out *o)
{
	int ncols = o->ncol, j, color, header;
	size_t i, *width;
	int *numcol, *strcol;
	struct tcell *hc = NULL;
	const char *nc;

	for (i = 0; i < o->nrow; i++)
		if (o->rows[i].n > ncols)
			ncols = o->rows[i].n;
	if (ncols == 0)
		return;
	width = xcalloc((size_t)ncols, sizeof *width);
	numcol = xcalloc((size_t)ncols, sizeof *numcol);
	strcol = xcalloc((size_t)ncols, sizeof *strcol);
	header = !(o->flags & OUT_NOHEADER) && o->ncol > 0;
	if (header) {
		hc = xcalloc((size_t)o->ncol, sizeof *hc);
		for (j = 0; j < o->ncol; j++) {
			tsv_escape(&o->tmp, col_label(o->names[j]));
			hc[j].s = xstrdup(buf_str(&o->tmp));
			buf_reset(&o->tmp);
			hc[j].w = display_width(hc[j].s);
			hc[j].kind = CELL_STR;
			width[j] = hc[j].w;
		}
	}
	for (i = 0; i < o->nrow; i++)
		for (j = 0; j < o->rows[i].n; j++) {
			struct tcell *c = &o->rows[i].c[j];

			if (c->w > width[j])
				width[j] = c->w;
			if (c->kind == CELL_NUM)
				numcol[j] = 1;
			else if (c->kind == CELL_STR)
				strcol[j] = 1;
		}
	/* A header is right-aligned over a column of numbers only. */
	for (j = 0; j < ncols; j++)
		if (strcol[j])
			numcol[j] = 0;
	if (header) {
		nc = getenv("NO_COLOR");
		color = isatty(fileno(o->fp)) && (!nc || !*nc);
		if (color)
			fputs("\033[1m", o->fp);
		table_line(o, ncols, width, numcol, hc, o->ncol, 1);
		if (color)
			fputs("\033[0m", o->fp);
		putc('\n', o->fp);
		for (j = 0; j < o->ncol; j++)
			free(hc[j].s);
		free(hc);
	}
	for (i = 0; i < o->nrow; i++) {
		table_line(o, ncols, width, numcol, o->rows[i].c,
		    o->rows[i].n, 0);
		putc('\n', o->fp);
	}
	free(width);
	free(numcol);
	free(strcol);
}

static void
free_row(struct trow *r)
{
	int j;

	for (j = 0; j < r->n; j++)
		free(r->c[j].s);
	free(r->c);
}

void
out_finish(struct out *o)
{
	FILE *fp = o->fp;
	size_t i;
	int j;

	if (o->col > 0)
		out_endrow(o);
	switch (o->fmt) {
	case FMT_TABLE:
		table_print(o);
		break;
	case FMT_JSON:
		if (o->nrows)
			put(o, "\n]\n", 3);
		else
			put(o, "[]\n", 3);
		break;
	case FMT_HTML:
		html_start(o);
		put(o, "</tbody></table>\n", 17);
		break;
	case FMT_XLSX:
		xlsxout_close(o->x);
		break;
	default:
		break;
	}
	for (i = 0; i < o->nrow; i++)
		free_row(&o->rows[i]);
	free(o->rows);
	free_row(&o->cur);
	for (j = 0; j < o->ncol; j++)
		free(o->names[j]);
	free(o->names);
	free(o->closed);
	buf_free(&o->row);
	buf_free(&o->tmp);
	buf_free(&o->tmp2);
	buf_free(&o->people);
	free(o);
	if (fp)
		out_check(fp);
}

long
out_nrows(const struct out *o)
{
	return o->nrows;
}

struct out *
out_rows(struct rows *r)
{
	struct out *o = out_new(NULL, FMT_ROWS, 0);

	memset(r, 0, sizeof *r);
	o->sink = r;
	return o;
}

void
rows_out(const struct rows *r, struct out *o)
{
	size_t i;
	int j;

	out_header(o, r->ncol, (const char *const *)r->names);
	for (i = 0; i < r->n; i++) {
		for (j = 0; j < r->ncol; j++)
			out_cell(o, r->kind[i * (size_t)r->ncol + (size_t)j],
			    r->cell[i * (size_t)r->ncol + (size_t)j]);
		out_endrow(o);
	}
}

int
rows_col(const struct rows *r, const char *name)
{
	int j;

	for (j = 0; j < r->ncol; j++)
		if (!strcmp(r->names[j], name))
			return j;
	return -1;
}

const char *
rows_get(const struct rows *r, size_t row, int col)
{
	if (col < 0 || col >= r->ncol || row >= r->n)
		return NULL;
	return r->cell[row * (size_t)r->ncol + (size_t)col];
}

void
rows_free(struct rows *r)
{
	size_t i;
	int j;

	for (i = 0; i < r->n * (size_t)r->ncol; i++)
		free(r->cell[i]);
	for (j = 0; j < r->ncol; j++)
		free(r->names[j]);
	free(r->names);
	free(r->cell);
	free(r->kind);
	memset(r, 0, sizeof *r);
}

void
print_id(int64_t id)
{
	printf("%lld\n", (long long)id);
	out_check(stdout);
}
