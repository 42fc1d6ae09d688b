/* crm-export - a table as CSV, every column, as crm-import reads it back;
 * or as a workbook (.xlsx), each column's cells of its type. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

/* The TABLE lines follow, from the library's list. */
static const char usage_head[] =
	N_("usage: crm-export [-d DB] [--bom] [--raw] [--no-header] [--encoding ENC]\n"
	"         [--redact] [--labels] [-v] TABLE [FILE|-]\n"
	"       crm-export [-d DB] [--no-header] [--redact] [--names] [-v] TABLE\n"
	"         --xlsx FILE|-o xlsx [FILE|-]\n"
	"       crm-export [options] [--tier T] [--stage S] [--owner LOGIN]\n"
	"         [--region R] [--credit C] [--category C] [--search TEXT]\n"
	"         customers [FILE|-]\n");

enum { OPT_ENCODING = OPT_PROGRAM, OPT_REDACT, OPT_SEARCH, OPT_XLSX,
	OPT_LABELS, OPT_NAMES,
	OPT_FILTER };

/* Cells the formula guard looks at: everything but numbers and flags. */
static int
is_text(const struct field *f)
{
	switch (f->type) {
	case FT_ID: case FT_INT: case FT_MONEY: case FT_BOOL: case FT_REF:
		return 0;
	default:
		return 1;
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{"encoding", 1, 0, OPT_ENCODING},
		{"redact", 0, 0, OPT_REDACT},
		{"labels", 0, 0, OPT_LABELS},
		{"names", 0, 0, OPT_NAMES},
		{"verbose", 0, 0, 'v'},
		{"search", 1, 0, OPT_SEARCH},
		{"xlsx", 1, 0, OPT_XLSX},
		CUSTFILTER_LONGOPTS(OPT_FILTER),
		{0, 0, 0, 0}
	};
	const struct entity *e;
	const struct field *f;
	struct custfilter cf = {0};
	const char *encoding = NULL, *path, *v, *xlsx_path = NULL;
	struct buf cols = {0}, red = {0}, usage = {0};
	struct query q = {0};
	struct csvout *o = NULL;
	struct xlsxout *x = NULL;
	const char *names[64];
	char *renamed[64] = {0};
	enum mask mask[64];
	enum xlsx_cell kind[64];
	int text[64];
	int c, i, n, masked = 0, verbose = 0, flags = 0, xlsx, labels = -1;
	long rows = 0;
	db_stmt *s;
	struct progress *prog;

	/* The language first: the head is translated, then the TABLE
	 * lines (names, never translated) follow, and usage_exit finds no
	 * other translation of the whole. */
	crm_start(argc, argv, usage_head);
	buf_adds(&usage, _(usage_head));
	entity_tables_usage(&usage);
	opt.usage = usage.s;
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS "v", longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		if (c == OPT_ENCODING)
			encoding = optarg;
		else if (c == OPT_REDACT)
			masked = 1;
		else if (c == OPT_LABELS)
			labels = 1;
		else if (c == OPT_NAMES)
			labels = 0;
		else if (c == 'v')
			verbose = 1;
		else if (c == OPT_SEARCH)
			custfilter_search(&cf, optarg);
		else if (c == OPT_XLSX)
			xlsx_path = optarg;
		else if (c >= OPT_FILTER && c <= OPT_FILTER + 5)
			custfilter_add(&cf, c - OPT_FILTER, optarg);
		else
			usage_exit(EX_USAGE);
	}
	if (optind == argc)
		warn("needs a TABLE");
	if (argc - optind < 1 || argc - optind > 2)
		usage_exit(EX_USAGE);
	if (opt.fmt_set && opt.fmt != FMT_CSV && opt.fmt != FMT_XLSX)
		die(EX_USAGE, "crm-export writes CSV or xlsx only (crm-list "
		    "and the other programs have -o)");
	/* --xlsx FILE is -o xlsx FILE. */
	xlsx = xlsx_path || (opt.fmt_set && opt.fmt == FMT_XLSX);
	/* A workbook is for people: its header is the labels unless
	 * --names; a CSV file has the names unless --labels. */
	if (labels < 0)
		labels = xlsx;
	if (xlsx_path && ((opt.fmt_set && opt.fmt != FMT_XLSX)
	    || argc - optind == 2))
		die(EX_USAGE, "--xlsx names the file: give no other FILE or "
		    "format");
	if (xlsx_path && !*xlsx_path)
		die(EX_USAGE, "--xlsx needs a FILE");
	if (xlsx && (encoding || (opt.flags & OUT_BOM)))
		die(EX_USAGE, "--encoding and --bom are for CSV: a workbook "
		    "holds Unicode text");
	e = entity_need(argv[optind]);
	if (custfilter_any(&cf) && strcmp(e->table, "customers"))
		die(EX_USAGE, "filters apply to customers only");
	path = xlsx_path ? xlsx_path : argc - optind == 2 ? argv[optind + 1]
	    : NULL;
	db_open();
	for (n = 0, f = e->fields; f->name; f++, n++) {
		if (n)
			buf_adds(&cols, ", ");
		field_expr(&cols, f, "c");
		mask[n] = masked ? f->mask : MASK_NONE;
		text[n] = is_text(f);
		kind[n] = xlsx_field_kind(f);
	}
	query_sql(&q, "SELECT %s FROM \"%s\" c WHERE 1", buf_str(&cols),
	    e->table);
	if (!strcmp(e->table, "customers"))
		custfilter_query(&cf, &q);
	query_sql(&q, " ORDER BY c.id");
	s = query_prepare(&q);
	query_free(&q);
	if (opt.flags & OUT_BOM)
		flags |= CSVOUT_BOM;
	if (opt.flags & OUT_RAW)
		flags |= CSVOUT_RAW;
	/* Masked columns are renamed, so that crm-import refuses the file
	 * rather than overwrite real numbers with masks. */
	for (n = 0, f = e->fields; f->name; f++, n++) {
		/* The label a spreadsheet's reader knows; crm-import
		 * takes it back. */
		renamed[n] = column_header(e, f->name, labels,
		    mask[n] != MASK_NONE);
		names[n] = renamed[n];
	}
	if (xlsx) {
		x = xlsxout_open(path, stdout, e->table, opt.flags
		    & OUT_NOHEADER ? XLSXOUT_NOHEADER : 0);
		xlsxout_header(x, n, names, NULL, kind);
	} else {
		o = csvout_open(path, encoding, flags);
		if (!(opt.flags & OUT_NOHEADER)) {
			for (i = 0; i < n; i++)
				csvout_field(o, names[i], 0);
			csvout_endrow(o);
		}
	}
	prog = progress_start(path ? path : "<stdout>", -1);
	while (db_step(s)) {
		if (!(rows & 1023))
			progress_update(prog, rows, -1);
		for (i = 0; i < n; i++) {
			v = redact(&red, mask[i], db_text(s, i));
			if (x)
				xlsxout_cell(x, kind[i], v);
			else
				csvout_field(o, v, text[i]);
		}
		if (x)
			xlsxout_endrow(x);
		else
			csvout_endrow(o);
		rows++;
	}
	progress_end(prog);
	db_finalize(s);
	if (x)
		xlsxout_close(x);
	else
		csvout_close(o);
	for (i = 0; i < n; i++)
		free(renamed[i]);
	if (verbose)
		warn(ngettext("%s: %ld row", "%s: %ld rows", (unsigned long)rows),
		    path ? path : "<stdout>", rows);
	custfilter_free(&cf);
	buf_free(&cols);
	buf_free(&red);
	buf_free(&usage);
	return 0;
}
