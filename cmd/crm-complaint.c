/* crm-complaint - the complaint specialist's procedure (SPEC section 6):
 * record a complaint, have a department assign, resolve and the customer
 * confirm it, call back and close it; list, show and print the handling
 * notice.  The states and moves (lib/state.c), the due date, escalation
 * and the steps kept (lib/rules.c) are the library's. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-complaint new -c CUSTOMER --severity SEVERITY\n"
	"         --channel CHANNEL --category TEXT [--contact NAME]\n"
	"         [--phone TEXT] [--place TEXT] [--received DATE|TIME]\n"
	"         DESCRIPTION\n"
	"       crm-complaint assign --dept TEXT [--handler LOGIN] ID...|-\n"
	"       crm-complaint note ID TEXT\n"
	"       crm-complaint resolve --result TEXT ID...|-\n"
	"       crm-complaint confirm [--rejected] [--note TEXT] ID...|-\n"
	"       crm-complaint callback --score 1..5 [--note TEXT] ID...|-\n"
	"       crm-complaint list [-c CUSTOMER,...] [--status STATUS,...]\n"
	"         [--dept TEXT,...] [--severity SEVERITY,...]\n"
	"         [--handler LOGIN,...] [--overdue] [--escalated]\n"
	"         [--from DATE] [--to DATE] [-o FORMAT]\n"
	"       crm-complaint show [-o FORMAT] ID...|-\n"
	"       crm-complaint notice [-o FORMAT] ID...|-\n"
	"Common options: [-d DB] [--as LOGIN] [--today DATE]\n"
	"SEVERITY: {complaints.severity}\n"
	"CHANNEL: {complaints.channel}\n"
	"STATUS: {complaints.status}\n"
	"A DATE may be YYYY-MM-DD, today, today+N or today-N; a TIME is\n"
	"YYYY-MM-DDTHH:MM:SSZ (UTC).  new prints the complaint's id.\n");

#define MAXOPTS OPT_VALUES_MAX

static int
complaint_new(int argc, char **argv)
{
	static const struct option lo[] = {
		{"customer", 1, 0, 'c'}, {"severity", 1, 0, 'S'},
		{"channel", 1, 0, 'C'}, {"category", 1, 0, 'K'},
		{"contact", 1, 0, 'n'}, {"phone", 1, 0, 'p'},
		{"place", 1, 0, 'P'}, {"received", 1, 0, 'r'}, {0, 0, 0, 0}
	};
	static const char *const fields[] = {"customer", "severity",
		"channel", "category", "contact", "contact_phone", "place",
		"received_at"};
	const char *val[MAXOPTS] = {0};
	struct record r;

	opt_values(argc, argv, lo, val, NULL);
	/* Given, and not blank: an unset shell variable is no severity. */
	if (text_blank(val[0]) || text_blank(val[1]) || text_blank(val[2])
	    || text_blank(val[3])) {
		warn("new needs -c CUSTOMER, --severity, --channel and "
		    "--category");
		usage_exit(EX_USAGE);
	}
	if (optind != argc - 1 || text_blank(argv[optind])) {
		warn("new needs the DESCRIPTION, one argument");
		usage_exit(EX_USAGE);
	}
	db_open();
	customer_need(val[0]);	/* exit 1 when there is none */
	record_init(&r, entity_find("complaints"));
	record_need_each(&r, fields, val, sizeof fields / sizeof fields[0]);
	record_need(&r, "description", argv[optind]);
	return record_add_print(&r);
}

/* assign, resolve, confirm, callback: the move (lib/state.c) of each
 * complaint named, all or none; the options and the fields they set are
 * the library's (lib/complaint.c). */
static int
complaint_move(int argc, char **argv)
{
	const char *move, *text;
	struct record extra;
	struct ids it;
	int64_t id;

	move = complaint_step_args(subcmd_verb, argc, argv, &extra);
	db_begin();
	ids_init(&it, argc - optind, argv + optind);
	while ((text = ids_next(&it))) {
		if (int_parse(text, 1, INT64_MAX, &id) < 0)
			die(EX_DATAERR, "'%s' is not a complaint id", text);
		if (!ids_seen(&it, id))
			complaint_step(id, move, &extra);
	}
	db_commit();
	record_clear(&extra);
	return 0;
}

static int
complaint_note_cmd(int argc, char **argv)
{
	static const struct option lo[] = {{0, 0, 0, 0}};
	const char *val[MAXOPTS] = {0};
	int64_t id;

	opt_values(argc, argv, lo, val, NULL);
	if (optind != argc - 2) {
		warn("note needs a complaint ID and the TEXT");
		usage_exit(EX_USAGE);
	}
	if (int_parse(argv[optind], 1, INT64_MAX, &id) < 0)
		die(EX_DATAERR, "'%s' is not a complaint id", argv[optind]);
	db_open();
	db_begin();
	complaint_note(id, argv[optind + 1]);
	db_commit();
	return 0;
}

static int
complaint_list(int argc, char **argv)
{
	static const struct option lo[] = {
		{"customer", 1, 0, 'c'}, {"status", 1, 0, 'S'},
		{"dept", 1, 0, 'D'}, {"severity", 1, 0, 'Y'},
		{"handler", 1, 0, 'H'}, {"overdue", 0, 0, 'O'},
		{"escalated", 0, 0, 'E'}, {"from", 1, 0, 'F'},
		{"to", 1, 0, 'T'}, {0, 0, 0, 0}
	};
	const char *val[MAXOPTS] = {0};
	struct filter f[MAXOPTS] = {{0}};
	struct complaint_filter cf;
	int i;

	memset(&cf, 0, sizeof cf);
	opt_values(argc, argv, lo, val, f);
	if (optind != argc)
		usage_exit(EX_USAGE);
	cf.from = opt_date(lo[7].name, val[7]);
	cf.to = opt_date(lo[8].name, val[8]);
	db_open();
	customer_ids(&f[0], &cf.customer);
	cf.status = f[1];
	cf.dept = f[2];
	cf.severity = f[3];
	cf.handler = f[4];
	cf.overdue = val[5] != NULL;
	cf.escalated = val[6] != NULL;
	complaints_print(&cf);
	filter_free(&cf.customer);
	for (i = 0; i < MAXOPTS; i++)
		filter_free(&f[i]);
	return 0;
}

/* show and notice: each complaint named, one after another. */
static int
complaint_print(int argc, char **argv)
{
	static const struct option lo[] = {{0, 0, 0, 0}};
	const char *val[MAXOPTS] = {0}, *text;
	int notice = !strcmp(subcmd_verb, "notice");
	struct ids it;
	int64_t id;
	enum fmt f;
	int n = 0;

	opt_values(argc, argv, lo, val, NULL);
	if (optind == argc) {
		warn("%s needs a complaint ID, or - to read ids", subcmd_verb);
		usage_exit(EX_USAGE);
	}
	/* For people unless a machine format is asked for. */
	f = opt.fmt_set ? opt.fmt : FMT_TABLE;
	out_one_table(f);
	db_open();
	ids_init(&it, argc - optind, argv + optind);
	while ((text = ids_next(&it))) {
		if (int_parse(text, 1, INT64_MAX, &id) < 0)
			die(EX_DATAERR, "'%s' is not a complaint id", text);
		if (n++ && (f == FMT_TABLE || f == FMT_TSV || f == FMT_CSV))
			putchar(notice ? '\f' : '\n');
		if (notice)
			complaint_notice(id, f);
		else
			complaint_show(id, f);
	}
	out_check(stdout);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct subcmd verbs[] = {
		{"new", complaint_new}, {"assign", complaint_move},
		{"note", complaint_note_cmd}, {"resolve", complaint_move},
		{"confirm", complaint_move}, {"callback", complaint_move},
		{"list", complaint_list}, {"show", complaint_print},
		{"notice", complaint_print}, {NULL, NULL}
	};

	crm_start(argc, argv, usage);
	return subcmd_run(verbs, argc, argv);
}
