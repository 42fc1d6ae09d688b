/* test-xlsxcell.c - unit tests of lib/xlsxcell.c: number formats, the
 * two date systems, shortest decimals, and what becomes of each kind of
 * cell in each kind of column. */
#include <string.h>

#include "crm.h"
#include "tap.h"

static const struct {
	long id;
	const char *code;
	int kind;
} fmts[] = {
	{ 0, NULL, XLSX_FMT_NUMBER },		/* General */
	{ 2, NULL, XLSX_FMT_NUMBER },		/* 0.00 */
	{ 14, NULL, XLSX_FMT_DATE },		/* m/d/yyyy */
	{ 17, NULL, XLSX_FMT_DATE },		/* mmm-yy */
	{ 18, NULL, XLSX_FMT_NUMBER },		/* h:mm AM/PM: a time alone */
	{ 21, NULL, XLSX_FMT_NUMBER },		/* h:mm:ss */
	{ 22, NULL, XLSX_FMT_DATETIME },	/* m/d/yy h:mm */
	{ 31, NULL, XLSX_FMT_DATE },		/* yyyy"年"m"月"d"日" */
	{ 32, NULL, XLSX_FMT_NUMBER },		/* h"时"mm"分" */
	{ 49, NULL, XLSX_FMT_NUMBER },		/* @ */
	{ 57, NULL, XLSX_FMT_DATE },
	{ 58, NULL, XLSX_FMT_DATE },
	{ 100, NULL, XLSX_FMT_NUMBER },
	{ -1, NULL, XLSX_FMT_NUMBER },
	{ 164, "yyyy-mm-dd", XLSX_FMT_DATE },
	{ 164, "yyyy/m/d;@", XLSX_FMT_DATE },
	{ 164, "yyyy\"年\"m\"月\"d\"日\";@", XLSX_FMT_DATE },
	{ 164, "[$-804]yyyy\"年\"m\"月\";@", XLSX_FMT_DATE },
	{ 164, "m/d/yy h:mm", XLSX_FMT_DATETIME },
	{ 164, "yyyy-mm-dd hh:mm:ss", XLSX_FMT_DATETIME },
	{ 164, "mm:ss", XLSX_FMT_NUMBER },
	{ 164, "[h]:mm:ss", XLSX_FMT_NUMBER },
	{ 164, "General", XLSX_FMT_NUMBER },
	{ 164, "0.00E+00", XLSX_FMT_NUMBER },
	{ 164, "#,##0.00_);[Red](#,##0.00)", XLSX_FMT_NUMBER },
	{ 164, "[$¥-804]#,##0.00", XLSX_FMT_NUMBER },
	{ 164, "0 \"days\"", XLSX_FMT_NUMBER },
	{ 164, "0\\d", XLSX_FMT_NUMBER },
	{ 164, "#,##0_d", XLSX_FMT_NUMBER },
	{ 164, "@", XLSX_FMT_NUMBER },
	{ 164, "", XLSX_FMT_NUMBER },
	{ 164, "\"unterminated y", XLSX_FMT_NUMBER },
	{ 164, "[unterminated y", XLSX_FMT_NUMBER },
	{ 164, "\\", XLSX_FMT_NUMBER },
};

static const struct {
	double serial;
	int date1904, time;
	const char *want;	/* NULL: no day */
} serials[] = {
	{ 1, 0, 0, "1900-01-01" },
	{ 59, 0, 0, "1900-02-28" },
	{ 60, 0, 0, NULL },		/* 1900-02-29, which never was */
	{ 61, 0, 0, "1900-03-01" },
	{ 45292, 0, 0, "2024-01-01" },
	{ 45292.99, 0, 0, "2024-01-01" },
	{ 46353, 0, 0, "2026-11-27" },
	{ 2958465, 0, 0, "9999-12-31" },
	{ 2958466, 0, 0, NULL },
	{ 0, 0, 0, NULL },
	{ 0.5, 0, 0, NULL },
	{ -1, 0, 0, NULL },
	{ 0, 1, 0, "1904-01-01" },
	{ 43830, 1, 0, "2024-01-01" },
	{ -1, 1, 0, NULL },
	{ 45356.395833333336, 0, 1, "2024-03-05 09:30:00" },
	{ 45356.5, 0, 1, "2024-03-05 12:00:00" },
	{ 45356.99999999, 0, 1, "2024-03-06 00:00:00" },
	{ 45356, 0, 1, "2024-03-05 00:00:00" },
	{ 1e300, 0, 0, NULL },
};

static const struct {
	double x;
	const char *want;
	int digits;
} numbers[] = {
	{ 12, "12", 2 },
	{ 12.5, "12.5", 3 },
	{ 0.1, "0.1", 1 },
	{ 0.1 + 0.2, "0.30000000000000004", 17 },
	{ -3, "-3", 1 },
	{ 0, "0", 1 },
	{ -0.0, "0", 1 },
	{ 1e-5, "0.00001", 1 },
	{ 123456789012, "123456789012", 12 },
	{ 12345678901, "12345678901", 11 },
	{ 9.16108023082463e17, "916108023082463000", 18 },
	{ 1e21, "1000000000000000000000", 22 },
	{ 9126797525, "9126797525", 10 },
	{ 40000, "40000", 5 },
};

/* A cell: kind, raw, format, the column (table.field or NULL), the text
 * and, when refused, a piece of the reason. */
static const struct {
	enum xlsxin_cell kind;
	const char *raw;
	int fmt;
	const char *col;
	const char *want;
	const char *why;
} cells[] = {
	{ XLSXIN_STRING, "榆阳区", 0, "customers.name", "榆阳区", NULL },
	{ XLSXIN_STRING, "0912-3827223", 0, "contacts.phone", "0912-3827223",
	    NULL },
	{ XLSXIN_NUMBER, "12", 0, "customers.notes", "12", NULL },
	{ XLSXIN_NUMBER, "12.0", 0, "customers.notes", "12", NULL },
	{ XLSXIN_NUMBER, "1.5E+2", 0, NULL, "150", NULL },
	{ XLSXIN_NUMBER, "15000.0", 0, "customers.scale_tonnes", "15000", NULL },
	{ XLSXIN_NUMBER, "12.5", 0, "customers.scale_tonnes", "12.5", NULL },
	{ XLSXIN_NUMBER, "86000000", 0, "customers.investment", "86000000.00",
	    NULL },
	{ XLSXIN_NUMBER, "1234.5", 0, "customers.investment", "1234.50", NULL },
	{ XLSXIN_NUMBER, "0.30000000000000004", 0, "customers.investment",
	    "0.30", NULL },
	{ XLSXIN_NUMBER, "12.345", 0, "customers.investment", "12.345", NULL },
	{ XLSXIN_NUMBER, "-5", 0, "orders.amount", "-5.00", NULL },
	/* A third decimal is the amount's own, not noise: kept for the
	 * money column to refuse, never rounded. */
	{ XLSXIN_NUMBER, "12345.675", 0, "orders.amount", "12345.675", NULL },
	{ XLSXIN_NUMBER, "0.1", 0, "orders.amount", "0.10", NULL },
	{ XLSXIN_NUMBER, "1234567.8", 0, "orders.amount", "1234567.80", NULL },
	{ XLSXIN_NUMBER, "0.00001", 0, "orders.amount", "0.00001", NULL },
	/* A QQ number has no leading 0 to lose; a 400 or 800 number has
	 * none either. */
	{ XLSXIN_NUMBER, "2876543210", 0, "contacts.qq", "2876543210", NULL },
	{ XLSXIN_NUMBER, "4008001234", 0, "contacts.phone", "4008001234",
	    NULL },
	{ XLSXIN_NUMBER, "8008101234", 0, "contacts.mobile", "8008101234",
	    NULL },
	{ XLSXIN_NUMBER, "2876543210", 0, "contacts.phone", "2876543210",
	    "leading 0" },
	{ XLSXIN_BOOL, "1", 0, "contacts.name", "1", "name: the cell holds "
	    "the spreadsheet's TRUE, and the column is not yes or no" },
	{ XLSXIN_BOOL, "0", 0, "customers.notes", "0", "FALSE" },
	{ XLSXIN_BOOL, "1", 0, NULL, "yes", NULL },
	{ XLSXIN_UNCOMPUTED, "", 0, "contacts.name", "", "name: the cell "
	    "holds a formula whose value was never computed" },
	{ XLSXIN_UNCOMPUTED, "", 0, NULL, "", NULL },
	{ XLSXIN_NUMBER, "1.26108027430909E+17", 0, "customers.uscc",
	    "1.26108027430909E+17", "uscc: 1.26108027430909E+17 is a number "
	    "the spreadsheet made from text (digits lost)" },
	{ XLSXIN_NUMBER, "126108027430909000", 0, "customers.uscc",
	    "126108027430909000", "digits lost" },
	{ XLSXIN_NUMBER, "123456789012", 0, "customers.name", "123456789012",
	    "name: 123456789012 is a number the spreadsheet made" },
	{ XLSXIN_NUMBER, "1E+3", 0, "customers.notes", "1E+3", "digits lost" },
	{ XLSXIN_NUMBER, "12345678901", 0, "customers.notes", "12345678901",
	    NULL },
	{ XLSXIN_NUMBER, "123456789012", 0, "customers.scale_tonnes",
	    "123456789012", NULL },
	{ XLSXIN_NUMBER, "123456789012", 0, "staff.login", "123456789012",
	    "login: 123456789012" },
	{ XLSXIN_NUMBER, "9126797525", 0, "contacts.phone", "9126797525",
	    "phone: 9126797525 is a number in the spreadsheet, which drops a "
	    "phone number's leading 0 (was it 09126797525?)" },
	{ XLSXIN_NUMBER, "75588886666", 0, "contacts.phone", "75588886666",
	    "leading 0" },
	{ XLSXIN_NUMBER, "15199224448", 0, "contacts.mobile", "15199224448",
	    NULL },
	{ XLSXIN_NUMBER, "88886666", 0, "contacts.phone", "88886666", NULL },
	{ XLSXIN_NUMBER, "12345678", 0, "contacts.qq", "12345678", NULL },
	{ XLSXIN_NUMBER, "1.5199224448E+10", 0, "contacts.mobile",
	    "1.5199224448E+10", "digits lost" },
	{ XLSXIN_NUMBER, "151992244480", 0, "contacts.mobile",
	    "151992244480", "digits lost" },
	{ XLSXIN_NUMBER, "45292", XLSX_FMT_DATE, "customers.customer_since",
	    "2024-01-01", NULL },
	{ XLSXIN_NUMBER, "45292", XLSX_FMT_DATE, "customers.notes",
	    "2024-01-01", NULL },
	{ XLSXIN_NUMBER, "45356.5", XLSX_FMT_DATETIME,
	    "customers.customer_since", "2024-03-05", NULL },
	{ XLSXIN_NUMBER, "45356.5", XLSX_FMT_DATETIME,
	    "complaints.received_at", "2024-03-05 12:00:00", NULL },
	{ XLSXIN_NUMBER, "45356.5", XLSX_FMT_DATETIME, "customers.notes",
	    "2024-03-05 12:00:00", NULL },
	{ XLSXIN_NUMBER, "46000", 0, "customers.customer_since", "46000",
	    "customer_since: 46000 is a number in the spreadsheet, which looks "
	    "like a spreadsheet's date serial (2025-12-09); format the column "
	    "as Date" },
	{ XLSXIN_NUMBER, "46000", 0, "complaints.received_at", "46000",
	    "received_at: 46000 is a number in the spreadsheet, which looks "
	    "like a spreadsheet's date serial (2025-12-09)" },
	{ XLSXIN_NUMBER, "46000.5", 0, "customers.customer_since", "46000.5",
	    NULL },
	{ XLSXIN_NUMBER, "20210601", 0, "customers.customer_since", "20210601",
	    NULL },
	{ XLSXIN_NUMBER, "46000", 0, "customers.scale_tonnes", "46000", NULL },
	{ XLSXIN_NUMBER, "60", XLSX_FMT_DATE, "customers.customer_since", "60",
	    NULL },
	{ XLSXIN_NUMBER, "-3", XLSX_FMT_DATE, "customers.customer_since", "-3",
	    NULL },
	{ XLSXIN_NUMBER, "abc", 0, "customers.notes", "abc", NULL },
	{ XLSXIN_NUMBER, "inf", 0, "customers.notes", "inf", NULL },
	{ XLSXIN_NUMBER, "", 0, "customers.notes", "", NULL },
	{ XLSXIN_BOOL, "1", 0, "contacts.primary", "yes", NULL },
	{ XLSXIN_BOOL, "0", 0, "contacts.primary", "no", NULL },
	{ XLSXIN_BOOL, "2", 0, "contacts.primary", "2", NULL },
	{ XLSXIN_ERROR, "#N/A", 0, "customers.uscc", "#N/A",
	    "uscc: the cell holds the spreadsheet's error #N/A" },
	{ XLSXIN_ERROR, "#DIV/0!", 0, NULL, "#DIV/0!", NULL },
	{ XLSXIN_ISODATE, "2024-03-05T09:30:00", 0, "visits.date", "2024-03-05",
	    NULL },
	{ XLSXIN_ISODATE, "2024-03-05T09:30:00", XLSX_FMT_DATETIME,
	    "complaints.received_at", "2024-03-05 09:30:00", NULL },
	{ XLSXIN_ISODATE, "2024-02-30", 0, "visits.date", "2024-02-30", NULL },
	{ XLSXIN_ISODATE, "2024", 0, "visits.date", "2024", NULL },
};

static const struct field *
column(const char *name)
{
	char table[64];
	const char *dot = strchr(name, '.');

	snprintf(table, sizeof table, "%.*s", (int)(dot - name), name);
	return entity_field(entity_find(table), dot + 1);
}

int
main(void)
{
	struct buf out = {0}, why = {0};
	char date[20];
	size_t i;
	int r, d;

	for (i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
		is_int(xlsx_numfmt_kind(fmts[i].id, fmts[i].code), fmts[i].kind,
		    "format %ld '%s'", fmts[i].id,
		    fmts[i].code ? fmts[i].code : "(built in)");
	for (i = 0; i < sizeof serials / sizeof serials[0]; i++) {
		memset(date, 0, sizeof date);
		r = xlsx_serial_date(serials[i].serial, serials[i].date1904,
		    serials[i].time, date);
		if (serials[i].want)
			is_str(r == 0 ? date : "(none)", serials[i].want,
			    "day %.8f of the %s system", serials[i].serial,
			    serials[i].date1904 ? "1904" : "1900");
		else
			is_int(r, -1, "day %g of the %s system is none",
			    serials[i].serial,
			    serials[i].date1904 ? "1904" : "1900");
	}
	for (i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
		d = xlsx_number_text(numbers[i].x, &out);
		is_str(buf_str(&out), numbers[i].want, "%.17g as text",
		    numbers[i].x);
		is_int(d, numbers[i].digits, "%.17g has %d digits",
		    numbers[i].x, numbers[i].digits);
	}
	for (i = 0; i < sizeof cells / sizeof cells[0]; i++) {
		const struct field *f = cells[i].col ? column(cells[i].col)
		    : NULL;

		ok(!cells[i].col || f, "column %s", cells[i].col);
		buf_reset(&why);
		r = xlsx_cell_text(cells[i].kind, cells[i].raw, cells[i].fmt, 0,
		    f, &out, &why);
		is_str(buf_str(&out), cells[i].want, "'%s' in %s",
		    cells[i].raw, cells[i].col ? cells[i].col : "no column");
		if (cells[i].why) {
			is_int(r, -1, "'%s' in %s is refused", cells[i].raw,
			    cells[i].col);
			ok(strstr(buf_str(&why), cells[i].why)
			    && why.s[why.len - 1] == '\n'
			    && !strchr(why.s, '\n')[1],
			    "with one line of reason: %s", buf_str(&why));
		} else {
			is_int(r, 0, "'%s' in %s is taken", cells[i].raw,
			    cells[i].col ? cells[i].col : "no column");
			is_int((long long)why.len, 0, "without a reason");
		}
	}
	/* The date system is the workbook's. */
	xlsx_cell_text(XLSXIN_NUMBER, "43830", XLSX_FMT_DATE, 1,
	    column("visits.date"), &out, &why);
	is_str(buf_str(&out), "2024-01-01", "a day of the 1904 system");
	buf_free(&out);
	buf_free(&why);
	return done_testing();
}
