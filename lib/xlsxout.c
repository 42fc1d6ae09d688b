/* xlsxout.c - a table as a workbook: one worksheet of Office Open XML
 * SpreadsheetML (ECMA-376, .xlsx) written with libxlsxwriter.  Each cell
 * has the type its column says (text stays text, so that Excel never
 * reads a phone number or a credit code as a number), the header is bold
 * and frozen, the columns are as wide as their text (a Chinese character
 * counts two), and a file appears only when it is whole. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crm-int.h"
#include "xlsxlib.h"

/* What a worksheet holds (Excel's limits, which libxlsxwriter keeps). */
#define SHEET_ROWS 1048576
#define SHEET_COLS 16384
#define CELL_CHARS 32767
/* Excel keeps 15 significant digits of a number: a longer one stays
 * text, as it was written. */
#define DIGITS_MAX 15
/* A column is as wide as its widest text (in characters of the default
 * font, a Chinese one two) and a little room, within these bounds: a
 * long note does not make its column a screen wide. */
#define WIDTH_PAD 2
#define WIDTH_MIN 4
#define WIDTH_MAX 60
/* An integer of more digits than General shows (11) gets format "0",
 * which shows them all. */
#define GENERAL_DIGITS 11

struct xlsxout {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *date, *money;
	lxw_format *textfmt;	/* "@": what is typed there stays text */
	lxw_format *dec[DIGITS_MAX + 1];	/* "0", "0.0", "0.00", ... */
	char *path;		/* the file asked for; NULL: to FP */
	FILE *fp;
	int fd;			/* PATH, a device, FIFO or link written
				 * through; else -1 */
	char *tmp;		/* the workbook's own file until it is whole */
	long row;		/* the row being written, from 0 */
	int col;		/* its next cell */
	int flags;		/* XLSXOUT_* */
	int ncol;		/* the header's columns */
	char **names;
	size_t *width;		/* each column's widest text */
	unsigned char *kinds;	/* each column's cells: KIND_* bits */
	int nwidth;
	struct buf text, line;
};

/* What a column has held (struct xlsxout.kinds): a column of text
 * cells alone, or declared text, is formatted Text as a whole. */
#define KIND_TEXT 1
#define KIND_OTHER 2
#define KIND_DECLARED 4

enum xlsx_cell
xlsx_field_kind(const struct field *f)
{
	switch (f->type) {
	case FT_ID: case FT_INT: case FT_REF:
		return XLSX_NUMBER;
	case FT_MONEY:
		return XLSX_MONEY;
	case FT_DATE:
		return XLSX_DATE;
	default:
		return XLSX_TEXT;
	}
}


/* libxlsxwriter tells its troubles on standard error, in lines of its
 * own; crm says them in one line of its own instead.  ON: standard
 * error goes nowhere until hush(0). */
static int saved_stderr = -1;

static void
hush(int on)
{
	int e = errno, fd;

	fflush(stderr);
	if (on) {
		saved_stderr = dup(STDERR_FILENO);
		if (saved_stderr >= 0
		    && (fd = open("/dev/null", O_WRONLY | O_CLOEXEC)) >= 0) {
			dup2(fd, STDERR_FILENO);
			close(fd);
		}
	} else if (saved_stderr >= 0) {
		dup2(saved_stderr, STDERR_FILENO);
		close(saved_stderr);
		saved_stderr = -1;
	}
	errno = e;
}

/* Where a workbook for standard output is made: $TMPDIR, else /tmp. */
static const char *
tmp_dir(void)
{
	const char *t = getenv("TMPDIR");

	return t && *t ? t : "/tmp";
}

/* A number format, made once. */
static lxw_format *
num_format(struct xlsxout *x, lxw_format **f, const char *spec)
{
	if (!*f) {
		*f = workbook_add_format(x->wb);
		if (!*f)
			die(EX_SOFTWARE, "out of memory");
		format_set_num_format(*f, spec);
	}
	return *f;
}

struct xlsxout *
xlsxout_open(const char *path, FILE *fp, const char *sheet, int flags)
{
	struct xlsxout *x;
	lxw_workbook_options wo = {0};
	struct stat st;
	const char *why, *lib;
	char *dir, *slash;
	int fd, e;

	/* Before any file is touched. */
	if ((why = xlsxlib_load(XLSXLIB_WRITE, &lib)))
		die(EX_UNAVAILABLE, "writing a workbook needs %s, which cannot "
		    "be loaded: %s", lib, why);
	x = xcalloc(1, sizeof *x);
	x->fd = -1;
	x->flags = flags;
	if (path && !strcmp(path, "-")) {
		path = NULL;
		fp = stdout;
	}
	if (!path) {
		x->fp = fp;
	} else if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* As crm-export's CSV: a folder is refused before anything
		 * is done; a device, a FIFO or a link is written through,
		 * never replaced by a file. */
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			die(EX_CANTCREAT, "cannot create '%s': it is a directory",
			    path);
		if ((x->fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600))
		    < 0)
			die(EX_CANTCREAT, "cannot open '%s':", path);
		x->path = xstrdup(path);
	} else {
		x->path = xstrdup(path);
	}
	if ((x->fp && isatty(fileno(x->fp))) || (x->fd >= 0 && isatty(x->fd)))
		die(EX_USAGE, "a workbook is binary: send it to a file "
		    "(> FILE.xlsx), not to a terminal");
	/* libxlsxwriter writes a file it is given by name, and seeks in
	 * it: a file with a hidden name beside the one asked for (mode
	 * 0600: customer data stays private), renamed when whole; for
	 * standard output or a file written through, one in $TMPDIR,
	 * copied when whole. */
	if (x->path && x->fd < 0) {
		dir = xstrdup(path);
		slash = strrchr(dir, '/');
		if (slash)
			slash[1] = '\0';
		x->tmp = xasprintf("%s.crm-xlsx.XXXXXX", slash ? dir : "");
		free(dir);
	} else {
		x->tmp = xasprintf("%s/crm-xlsx.XXXXXX", tmp_dir());
	}
	if ((fd = mkstemp(x->tmp)) < 0) {
		if (x->path && x->fd < 0)
			die(EX_CANTCREAT, "cannot create '%s':", x->path);
		die(EX_CANTCREAT, "cannot create a temporary file in '%s':",
		    tmp_dir());
	}
	close(fd);
	file_pending(x->tmp);
	/* A row at a time, in files of libxlsxwriter's own (unnamed, in
	 * $TMPDIR): a table of any length in little memory. */
	wo.constant_memory = LXW_TRUE;
	wo.tmpdir = (char *)tmp_dir();
	hush(1);
	x->wb = workbook_new_opt(x->tmp, &wo);
	if (x->wb && sheet && workbook_validate_sheet_name(x->wb, sheet))
		sheet = NULL;	/* "Sheet1" */
	if (x->wb)
		x->ws = workbook_add_worksheet(x->wb, sheet);
	e = errno;
	hush(0);
	if (!x->wb)
		die(EX_SOFTWARE, "out of memory");
	if (!x->ws) {
		errno = e;
		die(EX_CANTCREAT, "cannot create a temporary file in '%s':",
		    tmp_dir());
	}
	num_format(x, &x->date, "yyyy-mm-dd");
	num_format(x, &x->money, "0.00");
	num_format(x, &x->textfmt, "@");
	x->bold = workbook_add_format(x->wb);
	if (!x->bold)
		die(EX_SOFTWARE, "out of memory");
	format_set_bold(x->bold);
	return x;
}

/* Column COL is at least W wide. */
static void
widen(struct xlsxout *x, int col, size_t w)
{
	int n;

	if (col >= x->nwidth) {
		n = col + 8;
		x->width = xrealloc(x->width, (size_t)n * sizeof *x->width);
		memset(x->width + x->nwidth, 0, (size_t)(n - x->nwidth)
		    * sizeof *x->width);
		x->kinds = xrealloc(x->kinds, (size_t)n);
		memset(x->kinds + x->nwidth, 0, (size_t)(n - x->nwidth));
		x->nwidth = n;
	}
	if (w > x->width[col])
		x->width[col] = w;
}

/* The display width of S's widest line. */
static size_t
text_width(struct xlsxout *x, const char *s)
{
	size_t w, max = 0, n;

	if (!strchr(s, '\n'))
		return display_width(s);
	for (;;) {
		n = strcspn(s, "\n");
		buf_reset(&x->line);
		buf_add(&x->line, s, n);
		if ((w = display_width(buf_str(&x->line))) > max)
			max = w;
		if (!s[n])
			return max;
		s += n + 1;
	}
}

/* The name of column COL, for messages. */
static const char *
col_name(const struct xlsxout *x, int col)
{
	return col < x->ncol ? x->names[col] : "?";
}

/* A cell that libxlsxwriter would not write. */
static void
cell_failed(struct xlsxout *x, lxw_error err)
{
	if (err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
		die(EX_DATAERR, "row %ld, column '%s': more characters than a "
		    "cell holds (%d): write CSV instead", x->row + 1,
		    col_name(x, x->col), CELL_CHARS);
	if (err == LXW_ERROR_MEMORY_MALLOC_FAILED)
		die(EX_SOFTWARE, "out of memory");
	die(EX_SOFTWARE, "cannot write row %ld of the workbook: %s",
	    x->row + 1, lxw_strerror(err));
}

/* S as a worksheet's text that reads back as S (ECMA-376 Part 1,
 * 22.9.2.19, ST_Xstring): "_xHHHH_" is read as an escape, so the '_' of
 * one in S is written _x005F_; U+FFFE and U+FFFF, which XML cannot hold,
 * as _xFFFE_ and _xFFFF_; a byte that is no UTF-8 as U+FFFD.
 * libxlsxwriter escapes the control characters itself. */
static const char *
sheet_text(struct buf *b, const char *s)
{
	const unsigned char *u;
	size_t n = strlen(s), k;
	int i;

	buf_reset(b);
	while (n > 0) {
		if (*s == '_' && n >= 7 && s[1] == 'x' && s[6] == '_') {
			for (i = 2; i < 6 && strchr("0123456789abcdefABCDEF",
			    s[i]); i++)
				;
			if (i == 6)
				buf_adds(b, "_x005F");
		}
		k = utf8_seq(s, n);
		u = (const unsigned char *)s;
		if (k == 0) {
			buf_adds(b, "\xef\xbf\xbd");
			k = 1;
		} else if (k == 3 && u[0] == 0xef && u[1] == 0xbf
		    && (u[2] == 0xbe || u[2] == 0xbf)) {
			buf_adds(b, u[2] == 0xbe ? "_xFFFE_" : "_xFFFF_");
		} else {
			buf_add(b, s, k);
		}
		s += k;
		n -= k;
	}
	return buf_str(b);
}

/* TEXT as the number it says, when it says one as crm writes numbers,
 * without losing a digit: -?DIGITS[.DIGITS], no leading zero before
 * another digit, DIGITS_MAX significant digits at most.  *DEC its
 * decimals, *DIGITS its digits before the point.  0 or -1. */
static int
plain_number(const char *s, double *v, int *dec, int *digits)
{
	const char *p = s;
	int sig = 0, n = 0, started = 0;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9' || (p[0] == '0' && p[1] >= '0'
	    && p[1] <= '9'))
		return -1;
	for (; *p >= '0' && *p <= '9'; p++, n++)
		if (*p != '0' || started) {
			started = 1;
			sig++;
		}
	*digits = n;
	*dec = 0;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, (*dec)++)
			if (*p != '0' || started) {
				started = 1;
				sig++;
			}
		if (*dec == 0)
			return -1;
	}
	if (*p || sig > DIGITS_MAX)
		return -1;
	*v = strtod(s, NULL);
	return 0;
}

/* Any other number SQLite may write ("1.0e+20"): the whole of TEXT read
 * by strtod, finite.  0 or -1. */
static int
other_number(const char *s, double *v)
{
	char *end;

	if (!*s || !strchr("-0123456789", *s))
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	if (*end || errno == ERANGE || *v != *v || *v - *v != 0)
		return -1;
	return 0;
}

/* The format of a number written with DEC decimals and DIGITS digits
 * before the point: General (NULL) for an integer it shows whole, else
 * that many decimals. */
static lxw_format *
dec_format(struct xlsxout *x, int dec, int digits)
{
	char spec[DIGITS_MAX + 3];

	if (dec == 0 && digits <= GENERAL_DIGITS)
		return NULL;
	if (dec == 2)
		return x->money;
	if (dec > DIGITS_MAX)
		dec = DIGITS_MAX;
	memcpy(spec, "0.", 2);
	memset(spec + 2, '0', (size_t)dec);
	spec[dec ? dec + 2 : 1] = '\0';
	return num_format(x, &x->dec[dec], spec);
}

static void
write_text(struct xlsxout *x, const char *text, lxw_format *f)
{
	lxw_error err;

	if (utf8_chars(text, strlen(text)) > CELL_CHARS)
		cell_failed(x, LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED);
	widen(x, x->col, text_width(x, text));
	err = worksheet_write_string(x->ws, (lxw_row_t)x->row,
	    (lxw_col_t)x->col, sheet_text(&x->text, text), f);
	if (err)
		cell_failed(x, err);
}

static void
write_number(struct xlsxout *x, double v, lxw_format *f, size_t w)
{
	lxw_error err;

	widen(x, x->col, w);
	err = worksheet_write_number(x->ws, (lxw_row_t)x->row,
	    (lxw_col_t)x->col, v, f);
	if (err)
		cell_failed(x, err);
}

/* TEXT, a date YYYY-MM-DD, as a date cell; 0, or -1 when it is none
 * that a worksheet holds (Excel's days start in 1900). */
static int
write_date(struct xlsxout *x, const char *text)
{
	lxw_datetime dt = {0};
	lxw_error err;
	int day;

	if (date_parse(text, &day) < 0)
		return -1;
	date_to_ymd(day, &dt.year, &dt.month, &dt.day);
	if (dt.year < 1900)
		return -1;
	widen(x, x->col, 10);
	err = worksheet_write_datetime(x->ws, (lxw_row_t)x->row,
	    (lxw_col_t)x->col, &dt, x->date);
	if (err)
		cell_failed(x, err);
	return 0;
}

/* The row being written may have a cell at COL. */
static void
room(struct xlsxout *x)
{
	if (x->row >= SHEET_ROWS)
		die(EX_DATAERR, "more rows than a worksheet holds (%d): write "
		    "CSV instead", SHEET_ROWS);
	if (x->col >= SHEET_COLS)
		die(EX_DATAERR, "more columns than a worksheet holds (%d)",
		    SHEET_COLS);
}

/* Column COL has held a cell of KIND_* BIT. */
static void
mark(struct xlsxout *x, int col, unsigned char bit)
{
	widen(x, col, 0);
	x->kinds[col] |= bit;
}

void
xlsxout_header(struct xlsxout *x, int ncol, const char *const *names,
    const char *const *heads, const enum xlsx_cell *kinds)
{
	const char *h;
	int i;

	for (i = 0; i < x->ncol; i++)
		free(x->names[i]);
	free(x->names);
	x->ncol = ncol;
	x->names = xcalloc((size_t)(ncol > 0 ? ncol : 1), sizeof *x->names);
	for (i = 0; i < ncol; i++) {
		x->names[i] = xstrdup(names[i] ? names[i] : "");
		if (kinds)
			mark(x, i, kinds[i] == XLSX_TEXT ? KIND_DECLARED
			    : KIND_OTHER);
	}
	if (ncol == 0 || (x->flags & XLSXOUT_NOHEADER))
		return;
	for (x->col = 0; x->col < ncol; x->col++) {
		room(x);
		h = heads && heads[x->col] ? heads[x->col] : x->names[x->col];
		write_text(x, h, x->bold);
		widen(x, x->col, text_width(x, h) + 1);	/* bold is wider */
	}
	/* The header stays in sight as the rows scroll. */
	worksheet_freeze_panes(x->ws, (lxw_row_t)x->row + 1, 0);
	xlsxout_endrow(x);
}

void
xlsxout_cell(struct xlsxout *x, enum xlsx_cell kind, const char *text)
{
	double v;
	int dec, digits;

	room(x);
	if (!text || kind == XLSX_BLANK || !*text) {
		x->col++;
		return;
	}
	mark(x, x->col, kind == XLSX_TEXT ? KIND_TEXT : KIND_OTHER);
	switch (kind) {
	case XLSX_NUMBER:
		if (plain_number(text, &v, &dec, &digits) == 0)
			write_number(x, v, dec_format(x, dec, digits),
			    strlen(text));
		else if (other_number(text, &v) == 0)
			write_number(x, v, NULL, strlen(text));
		else
			write_text(x, text, x->textfmt);
		break;
	case XLSX_MONEY:
		if (plain_number(text, &v, &dec, &digits) == 0)
			write_number(x, v, x->money, strlen(text));
		else
			write_text(x, text, x->textfmt);
		break;
	case XLSX_DATE:
		if (write_date(x, text) < 0)
			write_text(x, text, x->textfmt);
		break;
	default:
		write_text(x, text, x->textfmt);
		break;
	}
	x->col++;
}

void
xlsxout_endrow(struct xlsxout *x)
{
	x->row++;
	x->col = 0;
}

/* 0 when the workbook in PATH reads back whole: the zip is consistent,
 * each member inflates to its CRC, and each XML part is well-formed; -1
 * when not.  libxlsxwriter writes each part to a temporary file of its
 * own first and does not check those writes: a full $TMPDIR, or a file
 * size limit, would give a workbook cut short, and report no error. */
static int
workbook_whole(const char *path)
{
	char b[65536];
	const char *name, *dot;
	zip_t *z;
	zip_file_t *f;
	zip_int64_t i, n, k = 0;
	XML_Parser p;
	int err, bad = 0;

	if (!(z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err)))
		return -1;
	n = zip_get_num_entries(z, 0);
	for (i = 0; i < n && !bad; i++) {
		if (!(name = zip_get_name(z, (zip_uint64_t)i, 0))
		    || !(f = zip_fopen_index(z, (zip_uint64_t)i, 0))) {
			bad = 1;
			break;
		}
		dot = strrchr(name, '.');
		p = dot && (!strcmp(dot, ".xml") || !strcmp(dot, ".rels"))
		    ? XML_ParserCreate(NULL) : NULL;
		while (!bad && (k = zip_fread(f, b, sizeof b)) > 0)
			bad = p && XML_Parse(p, b, (int)k, 0)
			    == XML_STATUS_ERROR;
		if (k < 0 || (p && !bad && XML_Parse(p, "", 0, 1)
		    == XML_STATUS_ERROR))
			bad = 1;
		if (p)
			XML_ParserFree(p);
		zip_fclose(f);
	}
	zip_discard(z);
	return bad ? -1 : 0;
}

/* The whole workbook in file TMP to FD (a file written through) or FP;
 * dies 74 as a write there fails. */
static void
copy_out(struct xlsxout *x, int in)
{
	char b[65536];
	ssize_t n, k, done;
	struct stat st;

	if (x->fd >= 0 && fstat(x->fd, &st) == 0 && S_ISREG(st.st_mode)
	    && ftruncate(x->fd, 0) < 0)
		die_write(x->path);
	while ((n = read(in, b, sizeof b)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die(EX_IOERR, "cannot read the workbook made in '%s':",
			    x->tmp);
		if (x->fd < 0) {
			out_write(x->fp, b, (size_t)n);
			continue;
		}
		for (done = 0; done < n; done += k) {
			k = write(x->fd, b + done, (size_t)(n - done));
			if (k < 0 && errno == EINTR)
				k = 0;
			else if (k < 0)
				die_write(x->path);
		}
	}
	if (x->fd < 0)
		out_check(x->fp);
	else if (close(x->fd) < 0)
		die_write(x->path);
	x->fd = -1;
}

void
xlsxout_close(struct xlsxout *x)
{
	lxw_error err;
	int i, fd, e, text;
	size_t w;

	for (i = 0; i < x->nwidth; i++) {
		if (!x->width[i] && i >= x->ncol)
			continue;
		w = x->width[i] + WIDTH_PAD;
		w = w < WIDTH_MIN ? WIDTH_MIN : w > WIDTH_MAX ? WIDTH_MAX : w;
		/* A column of text is Text as a whole: a phone number the
		 * admin types below the rows keeps its leading 0. */
		text = x->kinds[i] & KIND_DECLARED || x->kinds[i] == KIND_TEXT;
		worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i,
		    (double)w, text ? x->textfmt : NULL);
	}
	hush(1);
	errno = 0;
	err = workbook_close(x->wb);
	e = errno;
	hush(0);
	x->wb = NULL;
	errno = e;
	if (err == LXW_ERROR_CREATING_XLSX_FILE)
		die(EX_CANTCREAT, "cannot create '%s':", x->path ? x->path
		    : x->tmp);
	if (err == LXW_ERROR_MEMORY_MALLOC_FAILED)
		die(EX_SOFTWARE, "out of memory");
	if (err) {
		/* The file beside the one asked for, or in $TMPDIR. */
		if (!errno)
			errno = EIO;
		if (x->path && x->fd < 0)
			die_write(x->path);
		die(EX_IOERR, "cannot write a temporary file in '%s':",
		    tmp_dir());
	}
	if (workbook_whole(x->tmp) < 0) {
		if (x->path)
			die(EX_IOERR, "cannot write '%s': a temporary file in "
			    "'%s' was cut short (a full disk?)", x->path,
			    tmp_dir());
		die(EX_IOERR, "cannot write standard output: a temporary file "
		    "in '%s' was cut short (a full disk?)", tmp_dir());
	}
	/* On the disk before it takes the name (or is copied). */
	if ((fd = open(x->tmp, O_RDONLY | O_CLOEXEC)) < 0)
		die(EX_IOERR, "cannot read the workbook made in '%s':", x->tmp);
	if (x->path && x->fd < 0) {
		if (fsync(fd) < 0)
			die_write(x->path);
		close(fd);
		if (rename(x->tmp, x->path) < 0)
			die(EX_CANTCREAT, "cannot create '%s':", x->path);
	} else {
		copy_out(x, fd);
		close(fd);
		unlink(x->tmp);
	}
	file_done(x->tmp);
	for (i = 0; i < x->ncol; i++)
		free(x->names[i]);
	free(x->names);
	free(x->width);
	free(x->kinds);
	free(x->tmp);
	free(x->path);
	buf_free(&x->text);
	buf_free(&x->line);
	free(x);
}
