/* test-xlsxin.c - unit tests of lib/xlsxin.c over the workbooks of
 * tests/data (written by tests/data/make-xlsx.py): the rows, their
 * numbers and their cells; the sheet asked for; every kind of damage as
 * one message and its exit code; and every prefix and many single-byte
 * changes of a workbook read without a crash (run from the top folder,
 * as make check runs the unit tests). */
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "tap.h"

#define DATA "tests/data/"

/* The rows of SHEET of workbook NAME, each "LINE:f|f|...;" (a row with
 * a reason gets "!" before its ";"), or "ERR CODE: message". */
static char *
rows(const char *name, const char *sheet, const char *table)
{
	const struct field *col[CSVIN_MAXCOLS];
	const struct entity *e = table ? entity_find(table) : NULL;
	struct xlsxin *x = xlsxin_open(name, sheet, 0);
	struct csvrow *row;
	struct buf b = {0};
	int i, r, first = 1;

	while ((r = xlsxin_next(x, &row)) > 0) {
		buf_printf(&b, "%ld:", row->line);
		for (i = 0; i < row->kept; i++)
			buf_printf(&b, "%s%s", i ? "|" : "", row->f[i]);
		buf_adds(&b, row->why ? "!;" : ";");
		if (first && e) {
			for (i = 0; i < row->kept; i++)
				col[i] = entity_field(e, row->f[i]);
			xlsxin_columns(x, col, row->kept);
		}
		first = 0;
	}
	if (r < 0) {
		buf_reset(&b);
		buf_printf(&b, "ERR %d: %s", xlsxin_errcode(x), xlsxin_error(x));
	}
	xlsxin_close(x);
	return b.s ? b.s : xstrdup("");
}

static void
check(const char *name, const char *sheet, const char *table,
    const char *want, const char *why)
{
	char *got = rows(name, sheet, table);

	is_str(got, want, "%s", why);
	free(got);
}

/* The bytes of file NAME, *N of them. */
static char *
slurp(const char *name, size_t *n)
{
	FILE *fp = fopen(name, "rb");
	struct buf b = {0};
	char chunk[4096];
	size_t k;

	if (!fp)
		die(EX_NOINPUT, "cannot read '%s':", name);
	while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(&b, chunk, k);
	fclose(fp);
	*n = b.len;
	return b.s;
}

/* Read the N bytes at P to the end; 1 when the reader kept its word: a
 * row's kept cells, an error with a message that names the input and an
 * exit code of the list. */
static int
survives(const char *p, size_t n)
{
	struct xlsxin *x = xlsxin_mem("mem", p, n, NULL, 4096);
	struct csvrow *row;
	int r, i, good = 1;
	size_t len;

	while ((r = xlsxin_next(x, &row)) > 0)
		for (i = 0; i < row->kept; i++) {
			len = strlen(row->f[i]);
			if (len != row->len[i] || len > 4096)
				good = 0;
		}
	if (r < 0) {
		r = xlsxin_errcode(x);
		if (strncmp(xlsxin_error(x), "mem:", 4) || strchr(xlsxin_error(x),
		    '\n') || (r != 65 && r != 66 && r != 74))
			good = 0;
		if (!good)
			diag("%d: %s", r, xlsxin_error(x));
	}
	xlsxin_close(x);
	return good;
}

int
main(void)
{
	char *p, *q;
	size_t n, i, bad;

	setprogname("test-xlsxin");
	check(DATA "customers.xlsx", NULL, "customers",
	    "1:code|name|tier|category|region|address|owner|uscc|scale_tonnes"
	    "|investment|notes|customer_since;"
	    "2:C000101|榆阳区第二污水处理厂|A|government|榆阳区|"
	    "榆林市榆阳区沙河路北段1号||126108027430909087|40000|86000000.00|"
	    "两期工程\n二期2025年投运|2024-01-01;"
	    "3:C000102|神木市污水处理厂|B|enterprise|神木市||zhanglei||15000|"
	    "1234.50|12|2025-01-01;"
	    "6:C000103|府谷县水务局||other|府谷县|府谷县新区|sunli|||0.30|"
	    "制表符\t与_x000D_|2023-06-15;",
	    "customers.xlsx: rows by their numbers, gaps filled, empty rows "
	    "left out, rich text joined, phonetic runs and escapes read");
	check(DATA "customers.xlsx", NULL, NULL,
	    "1:code|name|tier|category|region|address|owner|uscc|scale_tonnes"
	    "|investment|notes|customer_since;"
	    "2:C000101|榆阳区第二污水处理厂|A|government|榆阳区|"
	    "榆林市榆阳区沙河路北段1号||126108027430909087|40000|86000000|"
	    "两期工程\n二期2025年投运|2024-01-01;"
	    "3:C000102|神木市污水处理厂|B|enterprise|神木市||zhanglei||15000|"
	    "1234.5|12|2025-01-01;"
	    "6:C000103|府谷县水务局||other|府谷县|府谷县新区|sunli|||"
	    "0.30000000000000004|制表符\t与_x000D_|2023-06-15;",
	    "without columns: numbers as they are, dates still dates");
	check(DATA "office.xlsx", "联系人", "contacts",
	    "1:customer|name|title|phone|mobile|email|qq|primary|notes;"
	    "2:C000101|李卫东|局长|0912-3827223|15199224448|liweidong@example.cn"
	    "|12345678|yes|2024-03-05 09:30:00;"
	    "3:C000101|高晓燕|科长|09126797525|18643130847|||no|;",
	    "office.xlsx --sheet 联系人: prefixed names, inline strings, "
	    "booleans, a date and time in a text column, padded to the header");
	check(DATA "office.xlsx", NULL, NULL,
	    "1:code|name|tier|category|region|address|owner|uscc|scale_tonnes"
	    "|investment|notes|customer_since;"
	    "2:C000101|榆阳区第二污水处理厂|A|government|榆阳区|"
	    "榆林市榆阳区沙河路北段1号||126108027430909087|40000|86000000|"
	    "两期工程\n二期2025年投运|2024-01-01;"
	    "3:C000102|神木市污水处理厂|B|enterprise|神木市||zhanglei||15000|"
	    "1234.5|12|2025-01-01;"
	    "6:C000103|府谷县水务局||other|府谷县|府谷县新区|sunli|||"
	    "0.30000000000000004|制表符\t与_x000D_|2023-06-15;",
	    "office.xlsx: the first sheet");
	check(DATA "hidden.xlsx", NULL, NULL,
	    "1:customer|name|title|phone|mobile|email|qq|primary|notes;"
	    "2:C000101|李卫东|局长|0912-3827223|15199224448|liweidong@example.cn"
	    "|12345678|yes|2024-03-05 09:30:00;"
	    "3:C000101|高晓燕|科长|09126797525|18643130847|||no;",
	    "hidden.xlsx: a hidden sheet and a chart sheet are passed over");
	check(DATA "hidden.xlsx", "说明", NULL, "1:隐藏;",
	    "--sheet names a hidden sheet");
	check(DATA "hidden.xlsx", "图表", NULL, "ERR 65: " DATA "hidden.xlsx: "
	    "sheet '图表' is a chartsheet, not a worksheet of rows",
	    "--sheet names a chart sheet");
	check(DATA "office.xlsx", "Sheet1", NULL, "ERR 66: " DATA "office.xlsx: "
	    "the workbook has no sheet 'Sheet1' (its sheets: '客户', '联系人')",
	    "--sheet names no sheet: 66, and the sheets there are");
	check(DATA "date1904.xlsx", NULL, "visits",
	    "1:customer|date|summary;2:C000101|2024-01-01|1904年纪年;",
	    "the 1904 date system");
	check(DATA "uscc-number.xlsx", NULL, "customers",
	    "1:name|uscc;2:甲厂|126108027430909087;"
	    "3:乙厂|1.26108027430909E+17!;4:丙厂|#N/A!;",
	    "a credit code as a number and an error value: a reason each, "
	    "the cell as the file has it");
	check(DATA "bad-xml.xlsx", NULL, NULL, "ERR 65: " DATA "bad-xml.xlsx: "
	    "xl/worksheets/sheet1.xml:2:262: mismatched tag: the workbook is "
	    "damaged", "XML that is not well-formed: where, and why");
	check(DATA "doctype.xlsx", NULL, NULL, "ERR 65: " DATA "doctype.xlsx: "
	    "xl/worksheets/sheet1.xml: a document type declaration, which no "
	    "workbook has: the file is not a workbook",
	    "a document type declaration is refused, its entities unread");
	check(DATA "bad-sst.xlsx", NULL, NULL, "ERR 65: " DATA "bad-sst.xlsx:2: "
	    "cell A2: there is no shared string '7' (the workbook has 1): the "
	    "workbook is damaged", "a shared string that is not there");
	check(DATA "no-workbook.xlsx", NULL, NULL, "ERR 65: " DATA
	    "no-workbook.xlsx: not an .xlsx workbook: it has no "
	    "xl/workbook.xml", "a zip that is no workbook");
	check(DATA "corrupt.xlsx", NULL, NULL, "ERR 65: " DATA "corrupt.xlsx: "
	    "the workbook is damaged: Not a zip archive (a file cut short, or "
	    "not an .xlsx workbook)", "a workbook cut short");
	check(DATA "none.xlsx", NULL, NULL, "ERR 66: " DATA "none.xlsx: cannot "
	    "read: No such file", "a file that is not there");

	/* Every prefix, and single bytes changed, of an uncompressed
	 * workbook: rows or one message, never a crash (the ASan build). */
	p = slurp("tests/fuzz/corpus-xlsxin/customers.xlsx", &n);
	q = xmalloc(n);
	for (i = bad = 0; i <= n; i++) {
		memcpy(q, p, i);
		if (!survives(q, i))
			bad++;
	}
	is_int((long long)bad, 0, "every prefix of a workbook (%zu)", n);
	for (i = bad = 0; i < n; i += 3) {
		memcpy(q, p, n);
		q[i] = (char)(q[i] ^ (i % 2 ? 0x20 : '<'));
		if (!survives(q, n))
			bad++;
	}
	is_int((long long)bad, 0, "a byte changed, every third one");
	free(p);
	free(q);
	return done_testing();
}
