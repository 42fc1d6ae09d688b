/* crm-import - read a CSV file or a sheet of an .xlsx workbook into a
 * table: every row checked like crm-add checks its options, the whole
 * file in one transaction (lib/import.c). */
#include <limits.h>
#include <stdlib.h>

#include "crm.h"

/* The TABLE lines follow, from the library's list. */
static const char usage_head[] =
	N_("usage: crm-import [-d DB] [--as LOGIN] [--encoding ENC] [--update]\n"
	"         [--dry-run] [--rejects FILE] [--raw] [--max-errors N]\n"
	"         [--max-field SIZE] [--sheet NAME] [--strict] [-q|-v] TABLE\n"
	"         [FILE|-]\n");

enum {
	OPT_ENCODING = OPT_PROGRAM, OPT_UPDATE, OPT_DRYRUN, OPT_REJECTS,
	OPT_MAXERR, OPT_MAXFIELD, OPT_STRICT, OPT_SHEET
};

/* The one line of the end (whole sentences, each with its plural, for
 * the translators).  Added rows alone: "imported 15 customers" (the
 * records' name for people where the language has one); --update: what
 * became of every row; a dry run, -v or rejected rows: the counts. */
static void
summary(const struct entity *e, const struct import_opts *o,
    const struct import_result *r)
{
	struct buf b = {0};
	long same = r->rows - r->added - r->updated - r->bad;
	const char *what = entity_label(e->name) != e->name
	    ? entity_label(e->name) : r->added == 1 ? e->name : e->table;

	if (o->update && r->bad)
		buf_printf(&b, ngettext("%s: %ld row: %ld added, %ld updated, "
		    "%ld unchanged, %ld rejected", "%s: %ld rows: %ld added, "
		    "%ld updated, %ld unchanged, %ld rejected",
		    (unsigned long)r->rows), r->name, r->rows, r->added,
		    r->updated, same, r->bad);
	else if (o->update)
		buf_printf(&b, ngettext("%s: %ld row: %ld added, %ld updated, "
		    "%ld unchanged", "%s: %ld rows: %ld added, %ld updated, "
		    "%ld unchanged", (unsigned long)r->rows), r->name, r->rows,
		    r->added, r->updated, same);
	else if (o->dry_run || o->verbose || r->bad)
		buf_printf(&b, ngettext("%s: %ld row: %ld added, %ld updated, "
		    "%ld rejected", "%s: %ld rows: %ld added, %ld updated, "
		    "%ld rejected", (unsigned long)r->rows), r->name, r->rows,
		    r->added, r->updated, r->bad);
	else
		buf_printf(&b, ngettext("%s: imported %ld %s",
		    "%s: imported %ld %s", (unsigned long)r->added), r->name,
		    r->added, what);
	if (r->derived)
		buf_printf(&b, ngettext("; %ld without a tier: its tier from "
		    "the rulebook's criteria", "; %ld without a tier: their "
		    "tier from the rulebook's criteria",
		    (unsigned long)r->derived), r->derived);
	if (o->dry_run)
		buf_adds(&b, _(" (dry run: nothing written)"));
	warn("%s", b.s);
	buf_free(&b);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{"encoding", 1, 0, OPT_ENCODING},
		{"update", 0, 0, OPT_UPDATE},
		{"dry-run", 0, 0, OPT_DRYRUN},
		{"rejects", 1, 0, OPT_REJECTS},
		{"max-errors", 1, 0, OPT_MAXERR},
		{"max-field", 1, 0, OPT_MAXFIELD},
		{"strict", 0, 0, OPT_STRICT},
		{"sheet", 1, 0, OPT_SHEET},
		{"verbose", 0, 0, 'v'},
		{"quiet", 0, 0, 'q'},
		{0, 0, 0, 0}
	};
	struct import_opts o = { .max_errors = IMPORT_MAX_ERRORS };
	struct import_result r;
	struct buf usage = {0};
	const struct entity *e;
	int64_t n;
	int c;

	/* The language first: the head is translated, then the TABLE
	 * lines (names, never translated) follow, and usage_exit finds no
	 * other translation of the whole. */
	crm_start(argc, argv, usage_head);
	buf_adds(&usage, _(usage_head));
	entity_tables_usage(&usage);
	opt.usage = usage.s;
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS "vq", longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		switch (c) {
		case OPT_ENCODING:
			o.encoding = optarg;
			break;
		case OPT_UPDATE:
			o.update = 1;
			break;
		case OPT_STRICT:
			o.strict = 1;
			break;
		case OPT_DRYRUN:
			o.dry_run = 1;
			break;
		case OPT_REJECTS:
			o.rejects = optarg;
			break;
		case OPT_MAXERR:
			if (int_parse(optarg, 0, LONG_MAX, &n) < 0)
				die(EX_USAGE, "bad --max-errors '%s': not a "
				    "whole number", optarg);
			o.max_errors = (long)n;
			break;
		case OPT_MAXFIELD:
			if (size_parse(optarg, (size_t)1 << 30, &o.max_field) < 0)
				die(EX_USAGE, "bad size '%s': give bytes, or a "
				    "number with K or M (at most 1G)", optarg);
			break;
		case OPT_SHEET:
			o.sheet = optarg;
			break;
		case 'v':
			o.verbose = 1;
			break;
		case 'q':
			o.quiet = 1;
			break;
		default:
			usage_exit(EX_USAGE);
		}
	}
	if (optind == argc)
		warn("needs a TABLE");
	if (argc - optind < 1 || argc - optind > 2)
		usage_exit(EX_USAGE);
	e = entity_need(argv[optind]);
	o.raw = (opt.flags & OUT_RAW) != 0;
	db_open();
	if (import_file(e, argc - optind == 2 ? argv[optind + 1] : "-", &o,
	    &r) < 0) {
		if (r.bad > o.max_errors)
			warn("%s: %ld more bad rows not shown", r.name,
			    r.bad - o.max_errors);
		die(EX_DATAERR, ngettext("%s: %ld bad row of %ld: nothing "
		    "imported", "%s: %ld bad rows of %ld: nothing imported",
		    (unsigned long)r.bad), r.name, r.bad, r.rows);
	}
	/* -q: the bad rows and the warnings about data, nothing else. */
	if (!o.quiet)
		summary(e, &o, &r);
	free(r.name);
	return 0;
}
