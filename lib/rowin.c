/* rowin.c - crm-import's input: a CSV file (lib/csvin.c) or an .xlsx
 * workbook (lib/xlsxin.c), whose rows lib/import.c reads alike.
 *
 * A workbook is a file named .xlsx that starts as a zip does.  The name
 * alone is not enough: a CSV file renamed .xlsx, an old .xls or an
 * encrypted workbook (both OLE2 compound files) is refused saying which,
 * rather than read as a damaged zip.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "crm-int.h"

struct rowin {
	struct csvin *csv;	/* one of the two */
	struct xlsxin *xlsx;
};

/* 1 when PATH names an .xlsx workbook; dies when it is not one. */
static int
is_xlsx(const char *path)
{
	unsigned char head[8];
	enum infile_kind kind;
	size_t n = strlen(path);
	ssize_t k;
	int fd;

	if (n < 5 || strcasecmp(path + n - 5, ".xlsx"))
		return 0;
	if ((fd = open(path, O_RDONLY)) < 0)
		die(EX_NOINPUT, "cannot read '%s':", path);
	infile_check(fd, path);
	k = read(fd, head, sizeof head);
	close(fd);
	kind = infile_kind(head, k > 0 ? (size_t)k : 0);
	if (kind == INFILE_ZIP)
		return 1;
	if (kind == INFILE_OLE2)
		die(EX_DATAERR, "%s: not an .xlsx workbook but an encrypted "
		    "one or an old .xls file: save it as an Excel workbook "
		    "(.xlsx) without a password", path);
	die(EX_DATAERR, "%s: not an .xlsx workbook (not a zip file): save "
	    "it from the spreadsheet as an Excel workbook (.xlsx), or name a "
	    "CSV file .csv", path);
}

struct rowin *
rowin_open(const char *path, const char *encoding, size_t maxfield,
    const char *sheet)
{
	struct rowin *in = xcalloc(1, sizeof *in);

	if (path && strcmp(path, "-") && is_xlsx(path))
		in->xlsx = xlsxin_open(path, sheet, maxfield);
	else if (sheet)
		die(EX_USAGE, "--sheet names a sheet of an .xlsx workbook, "
		    "and '%s' is read as CSV", path && strcmp(path, "-")
		    ? path : "<stdin>");
	else
		in->csv = csvin_open(path, encoding, maxfield);
	return in;
}

void
rowin_columns(struct rowin *in, const struct field *const *col, int n)
{
	if (in->xlsx)
		xlsxin_columns(in->xlsx, col, n);
}

int
rowin_next(struct rowin *in, struct csvrow **row)
{
	return in->xlsx ? xlsxin_next(in->xlsx, row) : csvin_next(in->csv, row);
}

const char *
rowin_error(struct rowin *in)
{
	return in->xlsx ? xlsxin_error(in->xlsx) : csvin_error(in->csv);
}

int
rowin_errcode(struct rowin *in)
{
	return in->xlsx ? xlsxin_errcode(in->xlsx) : csvin_errcode(in->csv);
}

const char *
rowin_name(struct rowin *in)
{
	return in->xlsx ? xlsxin_name(in->xlsx) : csvin_name(in->csv);
}

void
rowin_close(struct rowin *in)
{
	if (!in)
		return;
	xlsxin_close(in->xlsx);
	csvin_close(in->csv);
	free(in);
}

long long
rowin_bytes(const struct rowin *in)
{
	return in->csv ? csvin_bytes(in->csv) : -1;
}

long long
rowin_size(const struct rowin *in)
{
	return in->csv ? csvin_size(in->csv) : -1;
}
