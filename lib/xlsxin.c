/* xlsxin.c - the .xlsx reader of crm-import: the rows of one worksheet of
 * an Office Open XML workbook (ECMA-376 Part 1, SpreadsheetML).
 *
 *   libzip: the package -> expat: _rels/.rels (where the workbook is),
 *   the workbook (its sheets, its date system) and its relationships
 *   (the sheet's part, the shared strings, the styles), the shared
 *   strings into memory, the styles (which cell formats are dates) ->
 *   the sheet, zip_fread a chunk at a time into XML_ParseBuffer, the
 *   parser suspended at the end of each row -> rows of text
 *   (lib/xlsxcell.c), with the sheet's row numbers.
 *
 * No C library in Debian reads .xlsx; what a sheet of data needs is
 * small: relationships, sheets, shared strings (rich text runs joined,
 * phonetic runs left out), inline strings, numbers, booleans, dates by
 * their number format.  Charts, formulas (their last value is kept),
 * comments and the rest are not read.  Errors are returned, not fatal,
 * so that the fuzz harness can drive the reader; a document type
 * declaration is refused, which keeps entity expansion out.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm-int.h"
#include "xlsxlib.h"

#define CHUNK 65536
#define NSSEP '\x01'		/* between a namespace and a local name */
#define MAXCOL 16384		/* XFD, the last column of a sheet */

/* A relationship of a part (ECMA-376 Part 2, 9.3). */
struct rel {
	char *id, *type, *target;	/* type: the last segment of Type */
};

/* A sheet of the workbook, in the order of its tabs. */
struct sheet {
	char *name, *rid;
	int hidden;
};

struct xlsxin {
	char *name;		/* for messages */
	zip_t *zip;
	int open_err;		/* libzip's error opening it, or 0 */
	char *want;		/* the sheet asked for, or NULL */
	size_t maxfield;
	int started;		/* the workbook has been read */
	int date1904;

	/* The shared strings, each NUL-terminated in sst at sst_off[i]. */
	struct buf sst;
	size_t *sst_off, nsst, capsst;
	/* The styles: the XLSX_FMT_* of each cell format (cellXfs), and
	 * while reading them the custom number formats. */
	unsigned char *xf;
	size_t nxf, capxf;
	long *fmt_id;
	unsigned char *fmt_kind;
	size_t nfmt, capfmt;

	/* The part being read, for messages, and where its parser is. */
	char *part;
	XML_Parser p;
	zip_file_t *zf;
	int depth;		/* elements open */
	int in_set;		/* inside si, cellXfs, sheetData */
	int in_fmts;		/* inside numFmts */
	int in_text;		/* collecting: <v>, or <t> of a string */
	int phonetic;		/* inside <rPh>: text not collected */
	struct buf text;	/* what was collected */
	struct rel *rels;
	size_t nrels;
	struct sheet *sheets;
	size_t nsheets;

	/* The sheet being read. */
	int suspended, final, done;
	long rowno;		/* the row's number (r="7") */
	int col;		/* the column of the last cell, -1 before */
	enum xlsxin_cell kind;
	int fmt, has_value;
	int formula;		/* the cell has a formula (<f>) */
	/* The row being made: fields NUL-terminated in data. */
	struct buf data, cell, why;
	size_t *off, *len;
	char **f;
	int nf, cap;		/* fields kept */
	int n;			/* columns up to the last non-empty one */
	int row_ready;
	struct csvrow row;
	const struct field *cols[CSVIN_MAXCOLS];
	int ncols;

	struct buf err;
	int errcode;
	struct buf show[2];	/* text of the file, as messages show it */
};

static int
fail(struct xlsxin *x, int code, long row, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
fail(struct xlsxin *x, int code, long row, const char *fmt, ...)
{
	va_list ap;
	char *m;

	if (x->errcode)
		return -1;	/* the first error is the one to tell */
	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	buf_reset(&x->err);
	if (row > 0)
		buf_printf(&x->err, "%s:%ld: %s", x->name, row, m);
	else
		buf_printf(&x->err, "%s: %s", x->name, m);
	free(m);
	x->errcode = code;
	if (x->p)
		XML_StopParser(x->p, XML_FALSE);
	return -1;
}

/* S, text of the file, as message I of two shows it: at most 40 bytes
 * (whole characters, then "..."), a control character as '?'. */
static const char *
shown(struct xlsxin *x, int i, const char *s)
{
	struct buf *b = &x->show[i];
	size_t n = strlen(s), k = utf8_cut(s, n, 40), j;

	buf_reset(b);
	buf_add(b, s, k);
	for (j = 0; j < b->len; j++)
		if ((unsigned char)b->s[j] < 0x20 || b->s[j] == 0x7f)
			b->s[j] = '?';
	if (k < n)
		buf_adds(b, "...");
	return buf_str(b);
}

/* An error of libzip: its message, with the exit code it deserves. */
static int
zip_fail(struct xlsxin *x, zip_error_t *ze)
{
	int code;

	switch (zip_error_code_zip(ze)) {
	case ZIP_ER_OPEN:
	case ZIP_ER_NOENT:
		return fail(x, EX_NOINPUT, 0, _("cannot read: %s"),
		    zip_error_strerror(ze));
	case ZIP_ER_READ:
	case ZIP_ER_SEEK:
		code = EX_IOERR;
		break;
	case ZIP_ER_MEMORY:
		code = EX_SOFTWARE;
		break;
	case ZIP_ER_NOPASSWD:
	case ZIP_ER_WRONGPASSWD:
	case ZIP_ER_ENCRNOTSUPP:
		return fail(x, EX_DATAERR, 0, _("the workbook is encrypted: "
		    "save it without a password"));
	default:
		code = EX_DATAERR;
	}
	if (x->part)
		return fail(x, code, 0, _("%s: %s: the workbook is damaged"),
		    shown(x, 0, x->part), zip_error_strerror(ze));
	return fail(x, code, 0, _("%s: the workbook is damaged"),
	    zip_error_strerror(ze));
}

/* ---- XML ----------------------------------------------------------- */

/* The local part of an element or attribute name. */
static const char *
lname(const char *n)
{
	const char *s = strrchr(n, NSSEP);

	return s ? s + 1 : n;
}

/* The value of attribute LOCAL of ATTS: one without a namespace, or with
 * NS one in a namespace (r:id); NULL when there is none. */
static const char *
attr(const char **atts, const char *local, int ns)
{
	for (; *atts; atts += 2)
		if (!strcmp(lname(atts[0]), local)
		    && (strchr(atts[0], NSSEP) != NULL) == ns)
			return atts[1];
	return NULL;
}

/* SpreadsheetML writes a character XML cannot hold as _xHHHH_ (ST_Xstring,
 * 22.9.2.19), _x005F_ for the _ of such a text: decoded in place in the
 * N bytes at S (but _x0000_: a text holds no NUL); returns the new
 * length. */
static size_t
unescape_x(char *s, size_t n)
{
	size_t i, o = 0;
	unsigned long c;
	char *end, hex[5];

	for (i = 0; i < n; i++) {
		if (s[i] == '_' && i + 6 < n && s[i + 1] == 'x'
		    && s[i + 6] == '_') {
			memcpy(hex, s + i + 2, 4);
			hex[4] = '\0';
			c = strtoul(hex, &end, 16);
			if (end == hex + 4 && hex[0] != '+' && hex[0] != '-'
			    && c != 0 && (c < 0xd800 || c > 0xdfff)) {
				if (c < 0x80)
					s[o++] = (char)c;
				else if (c < 0x800) {
					s[o++] = (char)(0xc0 | c >> 6);
					s[o++] = (char)(0x80 | (c & 0x3f));
				} else {
					s[o++] = (char)(0xe0 | c >> 12);
					s[o++] = (char)(0x80 | (c >> 6 & 0x3f));
					s[o++] = (char)(0x80 | (c & 0x3f));
				}
				i += 6;
				continue;
			}
		}
		s[o++] = s[i];
	}
	return o;
}

static void
refuse_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int has_internal)
{
	struct xlsxin *x = ud;

	(void)name, (void)sysid, (void)pubid, (void)has_internal;
	fail(x, EX_DATAERR, 0, _("%s: a document type declaration, which "
	    "no workbook has: the file is not a workbook"),
	    shown(x, 0, x->part));
}

/* Text of an element being collected: into x->text, within the field
 * limit (a shared string, a cell). */
static void
on_text(void *ud, const XML_Char *s, int len)
{
	struct xlsxin *x = ud;

	if (!x->in_text || x->phonetic || x->errcode)
		return;
	if (x->text.len + (size_t)len > x->maxfield) {
		fail(x, EX_DATAERR, x->rowno, _("a cell is longer than %zu "
		    "bytes (the limit; see --max-field)"), x->maxfield);
		return;
	}
	buf_add(&x->text, s, (size_t)len);
}

/* Read part NAME of the package through a new parser with handlers START
 * and END (text goes to on_text).  REQUIRED: a missing part is an error;
 * else 1 when it is missing.  0 when read, -1 on an error. */
static int
read_part(struct xlsxin *x, const char *name, XML_StartElementHandler start,
    XML_EndElementHandler end, int required)
{
	zip_int64_t i, n;
	zip_file_t *zf;
	void *b;
	int rc = 0;

	free(x->part);
	x->part = xstrdup(name);
	if ((i = zip_name_locate(x->zip, name, ZIP_FL_NOCASE)) < 0) {
		if (!required)
			return 1;
		return fail(x, EX_DATAERR, 0, _("not an .xlsx workbook: it has "
		    "no %s"), shown(x, 0, name));
	}
	if (!(zf = zip_fopen_index(x->zip, (zip_uint64_t)i, 0)))
		return zip_fail(x, zip_get_error(x->zip));
	if (!(x->p = XML_ParserCreateNS(NULL, NSSEP)))
		die(EX_SOFTWARE, "out of memory");
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, start, end);
	XML_SetCharacterDataHandler(x->p, on_text);
	XML_SetStartDoctypeDeclHandler(x->p, refuse_doctype);
	x->depth = x->in_set = x->in_fmts = x->in_text = x->phonetic = 0;
	buf_reset(&x->text);
	do {
		if (!(b = XML_GetBuffer(x->p, CHUNK)))
			die(EX_SOFTWARE, "out of memory");
		if ((n = zip_fread(zf, b, CHUNK)) < 0) {
			rc = zip_fail(x, zip_file_get_error(zf));
			break;
		}
		if (XML_ParseBuffer(x->p, (int)n, n == 0) != XML_STATUS_OK) {
			rc = -1;
			if (!x->errcode)
				fail(x, EX_DATAERR, 0, _("%s:%lu:%lu: %s: the "
				    "workbook is damaged"), shown(x, 0, name),
				    (unsigned long)XML_GetCurrentLineNumber(x->p),
				    (unsigned long)XML_GetCurrentColumnNumber(x->p)
				    + 1, XML_ErrorString(XML_GetErrorCode(x->p)));
			break;
		}
	} while (n > 0 && !x->errcode);
	zip_fclose(zf);
	XML_ParserFree(x->p);
	x->p = NULL;
	return x->errcode ? -1 : rc;
}

/* ---- relationships, the workbook ----------------------------------- */

static void
free_rels(struct xlsxin *x)
{
	size_t i;

	for (i = 0; i < x->nrels; i++) {
		free(x->rels[i].id);
		free(x->rels[i].type);
		free(x->rels[i].target);
	}
	free(x->rels);
	x->rels = NULL;
	x->nrels = 0;
}

static void
rels_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct xlsxin *x = ud;
	const char *id, *type, *target, *mode, *t;
	struct rel *r;

	if (strcmp(lname(el), "Relationship"))
		return;
	id = attr(atts, "Id", 0);
	type = attr(atts, "Type", 0);
	target = attr(atts, "Target", 0);
	mode = attr(atts, "TargetMode", 0);
	if (!id || !type || !target || (mode && strcmp(mode, "Internal")))
		return;
	t = strrchr(type, '/');
	x->rels = xrealloc(x->rels, (x->nrels + 1) * sizeof *x->rels);
	r = &x->rels[x->nrels++];
	r->id = xstrdup(id);
	r->type = xstrdup(t ? t + 1 : type);
	r->target = xstrdup(target);
}

static void
no_end(void *ud, const XML_Char *el)
{
	(void)ud, (void)el;
}

/* The relationship of type TYPE, NULL when none. */
static const struct rel *
rel_type(struct xlsxin *x, const char *type)
{
	size_t i;

	for (i = 0; i < x->nrels; i++)
		if (!strcmp(x->rels[i].type, type))
			return &x->rels[i];
	return NULL;
}

/* The relationship ID, NULL when none. */
static const struct rel *
rel_id(struct xlsxin *x, const char *id)
{
	size_t i;

	for (i = 0; i < x->nrels; i++)
		if (!strcmp(x->rels[i].id, id))
			return &x->rels[i];
	return NULL;
}

/* Target TARGET of a relationship of part FROM as a part name: relative
 * to FROM's folder, or from the package's root with a leading /; "." and
 * ".." steps taken.  Malloc'd. */
static char *
resolve(const char *from, const char *target)
{
	struct buf b = {0};
	const char *p, *q, *slash;
	size_t n;

	if (*target != '/' && (slash = strrchr(from, '/')))
		buf_add(&b, from, (size_t)(slash - from));
	for (p = target; *p; p = *q ? q + 1 : q) {
		q = strchr(p, '/');
		if (!q)
			q = p + strlen(p);
		n = (size_t)(q - p);
		if (n == 0 || (n == 1 && *p == '.'))
			continue;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			slash = b.len ? strrchr(b.s, '/') : NULL;
			buf_truncate(&b, slash ? (size_t)(slash - b.s) : 0);
			continue;
		}
		if (b.len)
			buf_addc(&b, '/');
		buf_add(&b, p, n);
	}
	if (!b.s)
		buf_adds(&b, "");
	return b.s;
}

/* The relationships of part PART (FOLDER/_rels/NAME.rels), read into
 * x->rels. */
static int
read_rels(struct xlsxin *x, const char *part)
{
	const char *slash = strrchr(part, '/');
	char *name;
	int rc;

	free_rels(x);
	if (slash)
		name = xasprintf("%.*s/_rels/%s.rels", (int)(slash - part),
		    part, slash + 1);
	else
		name = xasprintf("_rels/%s.rels", part);
	rc = read_part(x, name, rels_start, no_end, 0);
	free(name);
	return rc < 0 ? -1 : 0;
}

static void
workbook_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct xlsxin *x = ud;
	const char *n = lname(el), *v, *name, *rid, *state;
	struct sheet *s;

	if (!strcmp(n, "workbookPr")) {
		v = attr(atts, "date1904", 0);
		x->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
	} else if (!strcmp(n, "sheet")) {
		name = attr(atts, "name", 0);
		rid = attr(atts, "id", 1);
		state = attr(atts, "state", 0);
		if (!name || !rid)
			return;
		x->sheets = xrealloc(x->sheets, (x->nsheets + 1)
		    * sizeof *x->sheets);
		s = &x->sheets[x->nsheets++];
		s->name = xstrdup(name);
		s->rid = xstrdup(rid);
		s->hidden = state && strcmp(state, "visible");
	}
}

/* ---- shared strings, styles ---------------------------------------- */

static void
sst_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct xlsxin *x = ud;
	const char *n = lname(el);

	(void)atts;
	if (!strcmp(n, "si")) {
		x->in_set = 1;
		buf_reset(&x->text);
	} else if (x->in_set && !strcmp(n, "rPh"))
		x->phonetic++;
	else if (x->in_set && !strcmp(n, "t"))
		x->in_text = 1;
}

static void
sst_end(void *ud, const XML_Char *el)
{
	struct xlsxin *x = ud;
	const char *n = lname(el);
	size_t len;

	if (!strcmp(n, "t"))
		x->in_text = 0;
	else if (!strcmp(n, "rPh") && x->phonetic)
		x->phonetic--;
	else if (!strcmp(n, "si") && x->in_set) {
		x->in_set = 0;
		len = x->text.len ? unescape_x(x->text.s, x->text.len) : 0;
		if (x->sst.len + len + 1 + (x->nsst + 1) * sizeof *x->sst_off
		    > XLSXIN_MAXSTRINGS) {
			fail(x, EX_DATAERR, 0, _("%s: the shared strings take "
			    "more than %zu MiB: the workbook is too large to "
			    "import"), shown(x, 0, x->part),
			    XLSXIN_MAXSTRINGS >> 20);
			return;
		}
		if (x->nsst == x->capsst) {
			x->capsst = x->capsst ? x->capsst * 2 : 256;
			x->sst_off = xrealloc(x->sst_off, x->capsst
			    * sizeof *x->sst_off);
		}
		x->sst_off[x->nsst++] = x->sst.len;
		buf_add(&x->sst, x->text.s ? x->text.s : "", len);
		buf_addc(&x->sst, '\0');
		buf_reset(&x->text);
	}
}

/* A whole number attribute, or -1 when it is not one. */
static long
attr_num(const char *v)
{
	char *end;
	long n;

	if (!v || *v < '0' || *v > '9')
		return -1;
	errno = 0;
	n = strtol(v, &end, 10);
	return *end || errno ? -1 : n;
}

static void
styles_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct xlsxin *x = ud;
	const char *n = lname(el), *code;
	long id;
	size_t i;
	int kind;

	x->depth++;
	if (!strcmp(n, "cellXfs"))
		x->in_set = x->depth;
	else if (!strcmp(n, "numFmts"))
		x->in_fmts = x->depth;
	else if (!strcmp(n, "numFmt") && x->in_fmts
	    && x->depth == x->in_fmts + 1 && (id = attr_num(attr(atts,
	    "numFmtId", 0))) >= 0 && (code = attr(atts, "formatCode", 0))) {
		if (x->nfmt == x->capfmt) {
			x->capfmt = x->capfmt ? x->capfmt * 2 : 16;
			x->fmt_id = xrealloc(x->fmt_id, x->capfmt
			    * sizeof *x->fmt_id);
			x->fmt_kind = xrealloc(x->fmt_kind, x->capfmt);
		}
		x->fmt_id[x->nfmt] = id;
		x->fmt_kind[x->nfmt++] = (unsigned char)xlsx_numfmt_kind(id,
		    code);
	} else if (!strcmp(n, "xf") && x->in_set && x->depth == x->in_set + 1) {
		id = attr_num(attr(atts, "numFmtId", 0));
		kind = xlsx_numfmt_kind(id, NULL);
		for (i = 0; i < x->nfmt; i++)
			if (x->fmt_id[i] == id)
				kind = x->fmt_kind[i];
		if (x->nxf == x->capxf) {
			x->capxf = x->capxf ? x->capxf * 2 : 64;
			x->xf = xrealloc(x->xf, x->capxf);
		}
		x->xf[x->nxf++] = (unsigned char)kind;
	}
}

static void
styles_end(void *ud, const XML_Char *el)
{
	struct xlsxin *x = ud;

	if (x->in_set == x->depth && !strcmp(lname(el), "cellXfs"))
		x->in_set = 0;
	if (x->in_fmts == x->depth && !strcmp(lname(el), "numFmts"))
		x->in_fmts = 0;
	x->depth--;
}

/* ---- the sheet ----------------------------------------------------- */

/* The column of cell reference REF ("C7" is 2), or -1 when it is not
 * one. */
static int
ref_col(const char *ref)
{
	int c = 0, k = 0;

	for (; *ref >= 'A' && *ref <= 'Z' && k < 3; ref++, k++)
		c = c * 26 + (*ref - 'A' + 1);
	if (k == 0 || c > MAXCOL || *ref < '1' || *ref > '9')
		return -1;
	while (*ref >= '0' && *ref <= '9')
		ref++;
	return *ref ? -1 : c - 1;
}

/* The reference of column COL of the row being read ("C7"), in OUT. */
static const char *
cell_ref(const struct xlsxin *x, int col, char out[32])
{
	char letters[4];
	int k = 3;

	letters[k] = '\0';
	for (col++; col > 0 && k > 0; col = (col - 1) / 26)
		letters[--k] = (char)('A' + (col - 1) % 26);
	snprintf(out, 32, "%s%ld", letters + k, x->rowno);
	return out;
}

/* The next field of the row being made: S, N bytes. */
static void
add_field(struct xlsxin *x, const char *s, size_t n)
{
	if (x->nf == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 32;
		x->off = xrealloc(x->off, (size_t)x->cap * sizeof *x->off);
		x->len = xrealloc(x->len, (size_t)x->cap * sizeof *x->len);
	}
	x->off[x->nf] = x->data.len;
	x->len[x->nf++] = n;
	buf_add(&x->data, s, n);
	buf_addc(&x->data, '\0');
}

/* The cell just read: its text, for its column's field, in its place. */
static void
end_cell(struct xlsxin *x)
{
	const char *raw;
	size_t k, n;
	char *end, ref[32];

	if (x->formula && (!x->has_value || (!x->text.len
	    && x->kind != XLSXIN_STRING)) && x->col < x->ncols
	    && x->cols[x->col]) {
		/* The formula's value was never computed (a workbook a
		 * program wrote and no spreadsheet saved: no <v>, or an
		 * empty one, as openpyxl writes, where a formula whose
		 * value is the empty string says t="str"): refused, not
		 * taken for an empty cell. */
		x->kind = XLSXIN_UNCOMPUTED;
		x->fmt = XLSX_FMT_NUMBER;
		buf_reset(&x->text);
	} else if (!x->has_value)
		return;
	if (x->text.s)
		buf_truncate(&x->text, unescape_x(x->text.s, x->text.len));
	raw = buf_str(&x->text);
	if (x->kind == XLSXIN_STRING && x->fmt < 0) {	/* t="s" */
		errno = 0;
		k = strtoul(raw, &end, 10);
		if (*raw < '0' || *raw > '9' || *end || errno || k >= x->nsst) {
			fail(x, EX_DATAERR, x->rowno, _("cell %s: there is no "
			    "shared string '%s' (the workbook has %zu): the "
			    "workbook is damaged"), cell_ref(x, x->col, ref),
			    shown(x, 0, raw), x->nsst);
			return;
		}
		raw = x->sst.s + x->sst_off[k];
		x->fmt = XLSX_FMT_NUMBER;
	}
	if (!*raw && x->kind != XLSXIN_UNCOMPUTED)
		return;		/* an empty cell */
	x->n = x->col + 1;
	if (x->col >= CSVIN_MAXCOLS)
		return;		/* counted, not kept */
	while (x->nf < x->col)
		add_field(x, "", 0);
	/* A cell the spreadsheet spoiled adds its reason to the row's. */
	xlsx_cell_text(x->kind, raw, x->fmt, x->date1904, x->col < x->ncols
	    ? x->cols[x->col] : NULL, &x->cell, &x->why);
	n = x->cell.len;
	if (n > x->maxfield) {
		fail(x, EX_DATAERR, x->rowno, _("a cell is longer than %zu "
		    "bytes (the limit; see --max-field)"), x->maxfield);
		return;
	}
	if (x->data.len + n > 8 * x->maxfield) {
		fail(x, EX_DATAERR, x->rowno, _("the row is longer than %zu "
		    "bytes (the limit is 8 times --max-field)"),
		    8 * x->maxfield);
		return;
	}
	add_field(x, buf_str(&x->cell), n);
}

/* The row just read, when it has a value: padded to the header's
 * columns, and the parser suspended so that xlsxin_next can give it. */
static void
end_row(struct xlsxin *x)
{
	int i;

	if (!x->n)
		return;		/* nothing but empty cells */
	while (x->nf < x->ncols)
		add_field(x, "", 0);
	x->f = xrealloc(x->f, (size_t)(x->nf ? x->nf : 1) * sizeof *x->f);
	for (i = 0; i < x->nf; i++)
		x->f[i] = x->data.s + x->off[i];
	x->row.line = x->rowno;
	x->row.n = x->n > x->ncols ? x->n : x->ncols;
	x->row.kept = x->nf;
	x->row.f = x->f;
	x->row.len = x->len;
	x->row.why = x->why.len ? x->why.s : NULL;
	x->row_ready = 1;
	XML_StopParser(x->p, XML_TRUE);
}

static void
sheet_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct xlsxin *x = ud;
	const char *n = lname(el), *v;
	char ref[32];
	long r, s;
	int c;

	if (x->errcode)
		return;
	if (!strcmp(n, "sheetData")) {
		x->in_set = 1;
		return;
	}
	if (!x->in_set)
		return;
	if (!strcmp(n, "row")) {
		v = attr(atts, "r", 0);
		r = v ? attr_num(v) : x->rowno + 1;
		if (r <= x->rowno || r >= LONG_MAX / 2) {
			fail(x, EX_DATAERR, 0, _("%s: row '%s' after row %ld: "
			    "the workbook is damaged"), shown(x, 0, x->part),
			    shown(x, 1, v ? v : ""),
			    x->rowno);
			return;
		}
		x->rowno = r;
		x->col = -1;
		x->nf = x->n = 0;
		buf_reset(&x->data);
		buf_reset(&x->why);
	} else if (!strcmp(n, "c")) {
		v = attr(atts, "r", 0);
		c = v ? ref_col(v) : x->col + 1;
		if (c <= x->col || c >= MAXCOL) {
			fail(x, EX_DATAERR, x->rowno, _("cell '%s' after cell "
			    "%s: the workbook is damaged"),
			    shown(x, 0, v ? v : ""),
			    x->col < 0 ? "-" : cell_ref(x, x->col, ref));
			return;
		}
		x->col = c;
		v = attr(atts, "t", 0);
		x->kind = XLSXIN_NUMBER;
		x->fmt = XLSX_FMT_NUMBER;
		if (!v || !strcmp(v, "n")) {
			s = attr_num(attr(atts, "s", 0));
			if (s >= 0 && (size_t)s < x->nxf)
				x->fmt = x->xf[s];
		} else if (!strcmp(v, "s")) {
			x->kind = XLSXIN_STRING;
			x->fmt = -1;	/* an index into the shared strings */
		} else if (!strcmp(v, "b"))
			x->kind = XLSXIN_BOOL;
		else if (!strcmp(v, "e"))
			x->kind = XLSXIN_ERROR;
		else if (!strcmp(v, "d")) {
			x->kind = XLSXIN_ISODATE;
			s = attr_num(attr(atts, "s", 0));
			if (s >= 0 && (size_t)s < x->nxf)
				x->fmt = x->xf[s];
		} else
			x->kind = XLSXIN_STRING;	/* str, inlineStr */
		x->has_value = 0;
		x->formula = 0;
		x->phonetic = 0;
		buf_reset(&x->text);
	} else if (!strcmp(n, "v") && x->col >= 0)
		x->in_text = 1;
	else if (!strcmp(n, "f") && x->col >= 0)
		x->formula = 1;
	else if (!strcmp(n, "is") && x->col >= 0) {
		x->has_value = 1;
		buf_reset(&x->text);
	} else if (!strcmp(n, "rPh"))
		x->phonetic++;
	else if (!strcmp(n, "t") && x->col >= 0)
		x->in_text = 1;
}

static void
sheet_end(void *ud, const XML_Char *el)
{
	struct xlsxin *x = ud;
	const char *n = lname(el);

	if (x->errcode || !x->in_set)
		return;
	if (!strcmp(n, "v")) {
		x->in_text = 0;
		x->has_value = 1;
	} else if (!strcmp(n, "t"))
		x->in_text = 0;
	else if (!strcmp(n, "rPh") && x->phonetic)
		x->phonetic--;
	else if (!strcmp(n, "c")) {
		end_cell(x);
		x->in_text = 0;
	} else if (!strcmp(n, "row"))
		end_row(x);
	else if (!strcmp(n, "sheetData"))
		x->in_set = 0;
}

/* ---- opening ------------------------------------------------------- */

/* The sheets' names, for the message that the one asked for is not
 * there. */
static char *
sheet_names(struct xlsxin *x)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < x->nsheets; i++)
		buf_printf(&b, "%s'%s'", i ? ", " : "",
		    shown(x, 0, x->sheets[i].name));
	return b.s ? b.s : xstrdup("");
}

/* Read the workbook and find the sheet; then open it and its parser. */
static int
start(struct xlsxin *x)
{
	const struct rel *r;
	char *book = NULL, *sheet = NULL, *sst = NULL, *styles = NULL, *names;
	const struct sheet *s = NULL;
	size_t i;
	zip_int64_t k;
	int rc = -1;

	x->started = 1;
	if (x->errcode)
		return -1;	/* the libraries could not be loaded */
	if (x->open_err) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, x->open_err);
		if (x->open_err == ZIP_ER_NOZIP || x->open_err == ZIP_ER_INCONS)
			fail(x, EX_DATAERR, 0, _("the workbook is damaged: %s "
			    "(a file cut short, or not an .xlsx workbook)"),
			    zip_error_strerror(&ze));
		else
			zip_fail(x, &ze);
		zip_error_fini(&ze);
		return -1;
	}
	/* The package's relationships name the workbook; without them it
	 * is where every writer puts it. */
	if (read_rels(x, "") < 0)
		goto out;
	r = rel_type(x, "officeDocument");
	book = resolve("", r ? r->target : "xl/workbook.xml");
	if (read_part(x, book, workbook_start, no_end, 1) < 0
	    || read_rels(x, book) < 0)
		goto out;
	for (i = 0; i < x->nsheets && !s; i++) {
		if (x->want ? !strcmp(x->sheets[i].name, x->want)
		    : !x->sheets[i].hidden && (r = rel_id(x, x->sheets[i].rid))
		    && !strcmp(r->type, "worksheet"))
			s = &x->sheets[i];
	}
	for (i = 0; i < x->nsheets && !s && x->want; i++)
		if (!strcasecmp(x->sheets[i].name, x->want))
			s = &x->sheets[i];
	if (!s && x->want) {
		names = sheet_names(x);
		fail(x, EX_NOINPUT, 0, _("the workbook has no sheet '%s' (its "
		    "sheets: %s)"), x->want, names);
		free(names);
		goto out;
	}
	if (!s) {
		fail(x, EX_DATAERR, 0, _("the workbook has no worksheet to "
		    "read"));
		goto out;
	}
	if (!(r = rel_id(x, s->rid))) {
		fail(x, EX_DATAERR, 0, _("%s: sheet '%s' has no part: the "
		    "workbook is damaged"), shown(x, 0, book),
		    shown(x, 1, s->name));
		goto out;
	}
	if (strcmp(r->type, "worksheet")) {
		fail(x, EX_DATAERR, 0, _("sheet '%s' is a %s, not a worksheet "
		    "of rows"), shown(x, 0, s->name), shown(x, 1, r->type));
		goto out;
	}
	sheet = resolve(book, r->target);
	if ((r = rel_type(x, "sharedStrings")))
		sst = resolve(book, r->target);
	if ((r = rel_type(x, "styles")))
		styles = resolve(book, r->target);
	if ((sst && read_part(x, sst, sst_start, sst_end, 1) < 0)
	    || (styles && read_part(x, styles, styles_start, styles_end, 1)
	    < 0))
		goto out;
	/* The sheet, read row by row from xlsxin_next. */
	free(x->part);
	x->part = sheet;
	sheet = NULL;
	if ((k = zip_name_locate(x->zip, x->part, ZIP_FL_NOCASE)) < 0) {
		fail(x, EX_DATAERR, 0, _("not an .xlsx workbook: it has no %s"),
		    shown(x, 0, x->part));
		goto out;
	}
	if (!(x->zf = zip_fopen_index(x->zip, (zip_uint64_t)k, 0))) {
		zip_fail(x, zip_get_error(x->zip));
		goto out;
	}
	if (!(x->p = XML_ParserCreateNS(NULL, NSSEP)))
		die(EX_SOFTWARE, "out of memory");
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, sheet_start, sheet_end);
	XML_SetCharacterDataHandler(x->p, on_text);
	XML_SetStartDoctypeDeclHandler(x->p, refuse_doctype);
	x->in_set = x->in_text = x->phonetic = 0;
	x->col = -1;
	rc = 0;
out:
	free(book);
	free(sheet);
	free(sst);
	free(styles);
	free_rels(x);
	return rc;
}

/* A reader of NAME; libzip and expat loaded, else its error (69) is
 * set, which the first xlsxin_next() returns. */
static struct xlsxin *
xlsxin_new(const char *name, const char *sheet, size_t maxfield)
{
	struct xlsxin *x = xcalloc(1, sizeof *x);
	const char *why, *lib;

	x->name = xstrdup(name);
	x->want = sheet ? xstrdup(sheet) : NULL;
	x->maxfield = maxfield ? maxfield : CSVIN_MAXFIELD;
	if ((why = xlsxlib_load(XLSXLIB_READ, &lib)))
		fail(x, EX_UNAVAILABLE, 0, _("reading a workbook needs %s, "
		    "which cannot be loaded: %s"), lib, why);
	return x;
}

struct xlsxin *
xlsxin_open(const char *path, const char *sheet, size_t maxfield)
{
	struct xlsxin *x = xlsxin_new(path, sheet, maxfield);

	if (x->errcode)
		return x;
	if (!(x->zip = zip_open(path, ZIP_RDONLY,
	    &x->open_err)) && !x->open_err)
		x->open_err = ZIP_ER_INTERNAL;
	return x;
}

struct xlsxin *
xlsxin_mem(const char *name, const void *data, size_t n, const char *sheet,
    size_t maxfield)
{
	struct xlsxin *x = xlsxin_new(name, sheet, maxfield);
	zip_source_t *src;
	zip_error_t ze;

	if (x->errcode)
		return x;
	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(data, n, 0, &ze)))
		x->open_err = zip_error_code_zip(&ze);
	else if (!(x->zip = zip_open_from_source(src, ZIP_RDONLY, &ze))) {
		x->open_err = zip_error_code_zip(&ze);
		zip_source_free(src);
	}
	if (!x->zip && !x->open_err)
		x->open_err = ZIP_ER_INTERNAL;
	zip_error_fini(&ze);
	return x;
}

void
xlsxin_columns(struct xlsxin *x, const struct field *const *col, int n)
{
	if (n > CSVIN_MAXCOLS)
		n = CSVIN_MAXCOLS;
	memcpy(x->cols, col, (size_t)n * sizeof *col);
	x->ncols = n;
}

int
xlsxin_next(struct xlsxin *x, struct csvrow **row)
{
	enum XML_Status st;
	zip_int64_t n = 0;
	void *b;

	if (!x->started && start(x) < 0)
		return -1;
	for (;;) {
		if (x->errcode)
			return -1;
		if (x->row_ready) {
			x->row_ready = 0;
			*row = &x->row;
			return 1;
		}
		if (x->done)
			return 0;
		if (x->suspended)
			st = XML_ResumeParser(x->p);
		else {
			if (!(b = XML_GetBuffer(x->p, CHUNK)))
				die(EX_SOFTWARE, "out of memory");
			if ((n = zip_fread(x->zf, b, CHUNK)) < 0)
				return zip_fail(x, zip_file_get_error(x->zf));
			x->final = n == 0;
			st = XML_ParseBuffer(x->p, (int)n, x->final);
		}
		x->suspended = st == XML_STATUS_SUSPENDED;
		if (st == XML_STATUS_ERROR) {
			if (!x->errcode)
				fail(x, EX_DATAERR, 0, _("%s:%lu:%lu: %s: the "
				    "workbook is damaged"), shown(x, 0, x->part),
				    (unsigned long)XML_GetCurrentLineNumber(x->p),
				    (unsigned long)XML_GetCurrentColumnNumber(x->p)
				    + 1, XML_ErrorString(XML_GetErrorCode(x->p)));
			return -1;
		}
		if (st == XML_STATUS_OK && x->final)
			x->done = 1;
	}
}

const char *
xlsxin_error(struct xlsxin *x)
{
	return buf_str(&x->err);
}

int
xlsxin_errcode(struct xlsxin *x)
{
	return x->errcode ? x->errcode : EX_DATAERR;
}

const char *
xlsxin_name(struct xlsxin *x)
{
	return x->name;
}

void
xlsxin_close(struct xlsxin *x)
{
	size_t i;

	if (!x)
		return;
	if (x->p)
		XML_ParserFree(x->p);
	if (x->zf)
		zip_fclose(x->zf);
	if (x->zip)
		zip_discard(x->zip);
	for (i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
	}
	free(x->sheets);
	free_rels(x);
	free(x->name);
	free(x->want);
	free(x->part);
	free(x->sst_off);
	free(x->xf);
	free(x->fmt_id);
	free(x->fmt_kind);
	free(x->off);
	free(x->len);
	free(x->f);
	buf_free(&x->sst);
	buf_free(&x->text);
	buf_free(&x->data);
	buf_free(&x->cell);
	buf_free(&x->why);
	buf_free(&x->err);
	buf_free(&x->show[0]);
	buf_free(&x->show[1]);
	free(x);
}
