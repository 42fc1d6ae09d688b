/* xlsxcell.c - a spreadsheet cell as the text crm reads: what
 * lib/xlsxin.c does with each cell of an .xlsx workbook before the row
 * goes the way of a CSV row (ECMA-376 Part 1: 18.18.11 the cell types,
 * 18.8.30 the built-in number formats, 18.17.4.1 the date systems).
 *
 * A spreadsheet keeps a date as a day number shown through a date format,
 * and turns what a person types as digits into a number: a phone number
 * loses its leading 0, an 18-digit credit code all but its first 15
 * digits.  Dates are given back as YYYY-MM-DD; a number that cannot be
 * the text the person meant is refused with a hint, not stored.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

/* The built-in formats by id (18.8.30, with the ids East Asian versions
 * give dates: 27-31, 36, 50-54, 57 and 58 in zh-CN, yyyy"年"m"月"d"日"
 * and the like).  18-21, 32-35, 45-47, 55 and 56 show a time of day
 * alone: numbers, for crm has no column for one. */
static const unsigned char builtin_kind[] = {
	[14] = XLSX_FMT_DATE, [15] = XLSX_FMT_DATE, [16] = XLSX_FMT_DATE,
	[17] = XLSX_FMT_DATE, [22] = XLSX_FMT_DATETIME,
	[27] = XLSX_FMT_DATE, [28] = XLSX_FMT_DATE, [29] = XLSX_FMT_DATE,
	[30] = XLSX_FMT_DATE, [31] = XLSX_FMT_DATE, [36] = XLSX_FMT_DATE,
	[50] = XLSX_FMT_DATE, [51] = XLSX_FMT_DATE, [52] = XLSX_FMT_DATE,
	[53] = XLSX_FMT_DATE, [54] = XLSX_FMT_DATE, [57] = XLSX_FMT_DATE,
	[58] = XLSX_FMT_DATE,
};

int
xlsx_numfmt_kind(long id, const char *code)
{
	int date = 0, time = 0;
	const char *p;

	if (!code)
		return id >= 0 && id < (long)sizeof builtin_kind
		    ? builtin_kind[id] : XLSX_FMT_NUMBER;
	/* The tokens of the code, not its literal text: "..." quoted, \c
	 * and _c and *c one character, [...] a colour, a locale or an
	 * elapsed time ([h]). */
	for (p = code; *p; p++) {
		switch (*p) {
		case '"':
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
			break;
		case '\\':
		case '_':
		case '*':
			if (p[1])
				p++;
			break;
		case '[':
			while (p[1] && p[1] != ']')
				p++;
			if (p[1])
				p++;
			break;
		case 'y': case 'Y': case 'd': case 'D':
			date = 1;
			break;
		case 'h': case 'H': case 's': case 'S':
			time = 1;
			break;
		}
	}
	return date ? time ? XLSX_FMT_DATETIME : XLSX_FMT_DATE
	    : XLSX_FMT_NUMBER;
}

int
xlsx_serial_date(double serial, int date1904, int time, char out[20])
{
	int day, secs, y, m, d;
	double whole;

	/* Day 1 is 1900-01-01 in the 1900 system, day 0 1904-01-01 in the
	 * 1904 one; 9999-12-31 is the last day of both. */
	if (!(serial >= (date1904 ? 0 : 1)) || serial >= 2958466)
		return -1;
	whole = floor(serial);
	secs = (int)lround((serial - whole) * 86400);
	day = (int)whole;
	if (secs == 86400) {
		day++;
		secs = 0;
	}
	if (date1904)
		day += date_from_ymd(1904, 1, 1);
	else if (day < 60)
		day += date_from_ymd(1899, 12, 31);
	else if (day == 60)
		return -1;	/* 1900-02-29: Lotus 1-2-3's leap day */
	else
		day += date_from_ymd(1899, 12, 30);
	date_to_ymd(day, &y, &m, &d);
	if (y > 9999)
		return -1;
	date_format(day, out);
	if (time)
		snprintf(out + 10, 10, " %02u:%02u:%02u",
		    (unsigned)secs / 3600 % 24, (unsigned)secs / 60 % 60,
		    (unsigned)secs % 60);
	return 0;
}

int
xlsx_number_text(double x, struct buf *out)
{
	char e[40], dig[20];
	int p, exp, nd = 0, i;
	const char *s;

	buf_reset(out);
	if (x == 0 || !isfinite(x)) {
		buf_adds(out, "0");
		return 1;
	}
	/* The fewest significant digits that read back as X. */
	for (p = 1; p < 17; p++) {
		snprintf(e, sizeof e, "%.*e", p - 1, x);
		if (strtod(e, NULL) == x)
			break;
	}
	snprintf(e, sizeof e, "%.*e", p - 1, x);
	s = e;
	if (*s == '-') {
		buf_addc(out, '-');
		s++;
	}
	for (; *s && *s != 'e'; s++)
		if (isdigit((unsigned char)*s) && nd < (int)sizeof dig)
			dig[nd++] = *s;
	exp = *s ? atoi(s + 1) : 0;
	while (nd > 1 && dig[nd - 1] == '0')
		nd--;
	if (exp >= nd - 1) {		/* a whole number */
		buf_add(out, dig, (size_t)nd);
		for (i = nd - 1; i < exp; i++)
			buf_addc(out, '0');
		return exp + 1;
	}
	if (exp >= 0) {
		buf_add(out, dig, (size_t)exp + 1);
		buf_addc(out, '.');
		buf_add(out, dig + exp + 1, (size_t)(nd - exp - 1));
	} else {
		buf_adds(out, "0.");
		for (i = -1; i > exp; i--)
			buf_addc(out, '0');
		buf_add(out, dig, (size_t)nd);
	}
	return nd;
}

/* A column of text that a person types as it is (a name, a code, a
 * credit code): a number there is a number the spreadsheet made of it. */
static int
text_column(const struct field *f)
{
	return f && (f->type == FT_TEXT || f->type == FT_CODE
	    || f->type == FT_USCC);
}

/* A column of digits that are not a quantity (phone, mobile, QQ): the
 * model masks them as digits (MASK_DIGITS). */
static int
digits_column(const struct field *f)
{
	return f && f->mask == MASK_DIGITS;
}

/* A number cell in column F (RAW as the file has it, X its value, TEXT
 * its shortest decimal of DIGITS significant digits): 0, or -1 with the
 * reason in WHY. */
static int
number_refused(const struct field *f, const char *raw, const char *text,
    int digits, struct buf *why)
{
	/* A spreadsheet shows 12 or more digits in E-notation and keeps
	 * 15: a credit code or a long number typed as digits is gone. */
	if ((text_column(f) || digits_column(f)) && (digits >= 12
	    || strpbrk(raw, "Ee"))) {
		errf(why, "%s: %s is a number the spreadsheet made from text "
		    "(digits lost); format the column as Text in the "
		    "spreadsheet and type the values again", f->name, raw);
		return -1;
	}
	/* A phone number with its area code whose leading 0 the number
	 * lost (0912-6797525 came in as 9126797525), as phone_stripped()
	 * tells it in a CSV file: a phone column's alone (F_PHONE), for a
	 * QQ number of 10 digits has no 0 to lose. */
	if (f && (f->flags & F_PHONE) && phone_stripped(text)) {
		errf(why, "%s: %s is a number in the spreadsheet, which drops "
		    "a phone number's leading 0 (was it 0%s?); format the "
		    "column as Text in the spreadsheet and type the values "
		    "again", f->name, raw, text);
		return -1;
	}
	return 0;
}

/* A money cell X with two decimals when it is a number of fen: 12.5 is
 * 12.50, and 0.1 + 0.2 (0.30000000000000004) is 0.30, for a spreadsheet
 * keeps 15 significant digits and what lies past them is the noise of
 * binary fractions.  Else OUT keeps its shortest decimal, for
 * money_parse to judge: 12345.675 is refused, never rounded. */
static void
money_text(double x, struct buf *out)
{
	char s[40], *dot;
	size_t dec;

	if (!(fabs(x) < 1e13))
		return;
	snprintf(s, sizeof s, "%.15g", x);
	if (strpbrk(s, "eE"))
		return;
	dot = strchr(s, '.');
	dec = dot ? strlen(dot + 1) : 0;
	if (dec > 2)
		return;
	buf_reset(out);
	buf_adds(out, strcmp(s, "-0") ? s : "0");
	buf_adds(out, dec == 0 ? ".00" : dec == 1 ? "0" : "");
}

int
xlsx_cell_text(enum xlsxin_cell kind, const char *raw, int fmt, int date1904,
    const struct field *f, struct buf *out, struct buf *why)
{
	char date[20], *end;
	int digits, time, day, n;
	double x;

	/* A time of day where the column is not a day alone. */
	time = fmt == XLSX_FMT_DATETIME && (!f || f->type != FT_DATE);
	buf_reset(out);
	switch (kind) {
	case XLSXIN_STRING:
		break;
	case XLSXIN_BOOL:
		/* TRUE in a name, a code or a note is no yes. */
		if (f && f->type != FT_BOOL) {
			buf_adds(out, raw);
			errf(why, "%s: the cell holds the spreadsheet's %s, and "
			    "the column is not yes or no; type the value as "
			    "text", f->name, *raw == '1' ? "TRUE" : "FALSE");
			buf_addc(why, '\n');
			return -1;
		}
		if (!strcmp(raw, "1") || !strcmp(raw, "0")) {
			buf_adds(out, *raw == '1' ? "yes" : "no");
			return 0;
		}
		break;
	case XLSXIN_UNCOMPUTED:
		if (!f)
			break;
		errf(why, "%s: the cell holds a formula whose value was never "
		    "computed: open the workbook in a spreadsheet and save it "
		    "again", f->name);
		buf_addc(why, '\n');
		return -1;
	case XLSXIN_ERROR:
		if (!f)
			break;
		buf_adds(out, raw);
		/* #N/A, #DIV/0!, #VALUE!...: what is more is not shown. */
		for (n = 0; n < 16 && raw[n] > ' ' && raw[n] < 0x7f; n++)
			;
		errf(why, "%s: the cell holds the spreadsheet's error %.*s (a "
		    "formula that failed)", f->name, n, raw);
		buf_addc(why, '\n');
		return -1;
	case XLSXIN_ISODATE:
		/* 2026-11-27T09:30:00: the day, and the time where the
		 * column keeps one. */
		if (strlen(raw) < 10)
			break;
		memcpy(date, raw, 10);
		date[10] = '\0';
		if (!date_parse(date, &day)) {
			buf_adds(out, date);
			if (strlen(raw) >= 19 && raw[10] == 'T' && time)
				buf_printf(out, " %.8s", raw + 11);
			return 0;
		}
		break;
	case XLSXIN_NUMBER:
		/* A number as SpreadsheetML writes one (xsd:double): no
		 * blanks, no hexadecimal; else the text, to judge. */
		if (!strchr("+-.0123456789", *raw) || strpbrk(raw, "xX"))
			break;
		x = strtod(raw, &end);
		if (end == raw || *end || !isfinite(x))
			break;
		if (fmt != XLSX_FMT_NUMBER && !xlsx_serial_date(x, date1904,
		    time, date)) {
			buf_adds(out, date);
			return 0;
		}
		/* A day typed into a column of General format is shown
		 * as its serial: 46000 for 2025-12-09. */
		if (f && (f->type == FT_DATE || f->type == FT_TIME)
		    && x == floor(x) && !xlsx_serial_date(x, date1904, 0,
		    date)) {
			errf(why, "%s: %s is a number in the spreadsheet, which "
			    "looks like a spreadsheet's date serial (%s); "
			    "format the column as Date in the spreadsheet",
			    f->name, raw, date);
			buf_addc(why, '\n');
			buf_adds(out, raw);
			return -1;
		}
		digits = xlsx_number_text(x, out);
		if (number_refused(f, raw, out->s, digits, why) < 0) {
			buf_addc(why, '\n');
			buf_reset(out);
			buf_adds(out, raw);
			return -1;
		}
		if (f && f->type == FT_MONEY)
			money_text(x, out);
		return 0;
	}
	buf_adds(out, raw);
	return 0;
}
