/* crm-visit-due - the visits, callbacks and meetings that are due. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-visit-due [-d DB] [--today DATE] [--within DAYS]\n"
	"         [--escalate DAYS] [--assignee LOGIN,...] [--owner LOGIN,...]\n"
	"         [--tier T,...] [--level LEVEL,...] [--obligation KIND,...]\n"
	"         [--status due|overdue] [-o FORMAT|ics] [--no-header]\n"
	"Lists each obligation not yet met whose deadline is today + DAYS or\n"
	"earlier: columns due status customer_id code customer tier\n"
	"obligation level assignee email detail, sorted by due, then customer.\n"
	"Filters may be repeated or hold comma-separated values (any of them\n"
	"matches).\n");

enum {
	OPT_WITHIN = OPT_PROGRAM, OPT_ESCALATE, OPT_ASSIGNEE, OPT_OWNER,
	OPT_TIER, OPT_LEVEL, OPT_OBLIGATION, OPT_STATUS
};

static const char *const columns[] = {
	"due", "status", "customer_id", "code", "customer", "tier",
	"obligation", "level", "assignee", "email", "detail"
};

static int
days_arg(const char *opt, const char *v)
{
	int64_t n;

	if (int_parse(v, 0, 3660, &n) < 0)
		die(EX_USAGE, "%s: '%s' is not a number of days from 0 to "
		    "3660", opt, v);
	return (int)n;
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static void
print_table(const struct due_row *r, size_t n)
{
	struct out *o = out_stdout();
	char d[11], id[24];
	size_t i;

	/* -o ids: the customers, once each, for crm show - or crm edit -
	 * (the first column, the date, would be no id). */
	if (opt.fmt_set && opt.fmt == FMT_IDS) {
		int64_t *ids = xcalloc(n ? n : 1, sizeof *ids);

		for (i = 0; i < n; i++)
			ids[i] = r[i].customer;
		qsort(ids, n, sizeof *ids, cmp_id);
		for (i = 0; i < n; i++)
			if (!i || ids[i] != ids[i - 1])
				printf("%lld\n", (long long)ids[i]);
		free(ids);
		out_finish(o);
		return;
	}
	out_header(o, 11, columns);
	for (i = 0; i < n; i++, r++) {
		date_format(r->due, d);
		snprintf(id, sizeof id, "%lld", (long long)r->customer);
		out_cell(o, CELL_STR, d);
		out_cell(o, CELL_STR, due_statuses[r->overdue]);
		out_cell(o, CELL_NUM, id);
		out_cell(o, CELL_STR, r->code);
		out_cell(o, CELL_STR, r->customer_name);
		out_cell(o, CELL_STR, r->tier);
		out_cell(o, CELL_STR, r->obligation);
		out_cell(o, CELL_STR, r->level);
		out_cell(o, CELL_STR, r->assignee);
		out_cell(o, CELL_STR, r->email);
		out_cell(o, CELL_STR, r->detail);
		out_endrow(o);
	}
	out_finish(o);
}

/* NAME:VALUE with VALUE escaped as iCalendar TEXT. */
static void
ics_prop(struct buf *b, const char *name, const char *value)
{
	buf_reset(b);
	buf_adds(b, name);
	buf_addc(b, ':');
	ics_text(b, value);
	ics_line(stdout, buf_str(b));
}

/* One VTODO per row: a calendar that task and calendar programs can
 * subscribe to.  UIDs come from the obligation, so a refreshed calendar
 * updates the same entries. */
static void
print_ics(const struct due_row *r, size_t n)
{
	struct buf b = {0}, t = {0};
	char stamp[21], d[11], due[9];
	size_t i;

	timestamp_now(stamp);
	ics_line(stdout, "BEGIN:VCALENDAR");
	ics_line(stdout, "VERSION:2.0");
	ics_line(stdout, "PRODID:-//crm//crm-visit-due " CRM_VERSION "//EN");
	ics_line(stdout, "CALSCALE:GREGORIAN");
	ics_line(stdout, "METHOD:PUBLISH");
	ics_prop(&b, "X-WR-CALNAME", "crm visits due");
	for (i = 0; i < n; i++, r++) {
		date_format(r->due, d);
		snprintf(due, sizeof due, "%.4s%.2s%.2s", d, d + 5, d + 8);
		ics_line(stdout, "BEGIN:VTODO");
		ics_prop(&b, "UID", r->uid);
		buf_reset(&b);
		buf_printf(&b, "DTSTAMP:%.4s%.2s%.2sT%.2s%.2s%.2sZ", stamp,
		    stamp + 5, stamp + 8, stamp + 11, stamp + 14, stamp + 17);
		ics_line(stdout, buf_str(&b));
		buf_reset(&b);
		buf_printf(&b, "DUE;VALUE=DATE:%s", due);
		ics_line(stdout, buf_str(&b));
		buf_reset(&t);
		buf_printf(&t, "%s %s (%s)", r->obligation, r->customer_name,
		    r->code);
		ics_prop(&b, "SUMMARY", buf_str(&t));
		buf_reset(&t);
		buf_printf(&t, "%s\ncustomer: %s %s, tier %s\n", r->detail,
		    r->code, r->customer_name, r->tier);
		if (*r->level)
			buf_printf(&t, "level: %s\n", r->level);
		buf_printf(&t, "assignee: %s", *r->assignee ? r->assignee
		    : "(nobody)");
		if (*r->email)
			buf_printf(&t, " <%s>", r->email);
		buf_printf(&t, "\nstatus: %s", due_statuses[r->overdue]);
		ics_prop(&b, "DESCRIPTION", buf_str(&t));
		ics_prop(&b, "CATEGORIES", r->obligation);
		ics_line(stdout, "STATUS:NEEDS-ACTION");
		ics_line(stdout, "END:VTODO");
	}
	ics_line(stdout, "END:VCALENDAR");
	buf_free(&b);
	buf_free(&t);
	out_check(stdout);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{"within", 1, 0, OPT_WITHIN},
		{"escalate", 1, 0, OPT_ESCALATE},
		{"assignee", 1, 0, OPT_ASSIGNEE},
		{"owner", 1, 0, OPT_OWNER},
		{"tier", 1, 0, OPT_TIER},
		{"level", 1, 0, OPT_LEVEL},
		{"obligation", 1, 0, OPT_OBLIGATION},
		{"status", 1, 0, OPT_STATUS},
		{0, 0, 0, 0}
	};
	struct due_filter f = {.escalate = -1};
	struct due_list due;
	int c, ics = 0;

	crm_start(argc, argv, usage);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		/* -o ics is this program's own format. */
		if (c == 'o' && !strcmp(optarg, "ics")) {
			ics = 1;
			continue;
		}
		if (c == 'o')
			ics = 0;
		if (common_option(c, optarg))
			continue;
		switch (c) {
		case OPT_WITHIN:
			f.within = days_arg("--within", optarg);
			break;
		case OPT_ESCALATE:
			f.escalate = days_arg("--escalate", optarg);
			break;
		case OPT_ASSIGNEE:
			filter_add(&f.assignee, optarg);
			break;
		case OPT_OWNER:
			filter_add(&f.owner, optarg);
			break;
		case OPT_TIER:
			filter_add(&f.tier, optarg);
			break;
		case OPT_LEVEL:
			filter_add(&f.level, optarg);
			break;
		case OPT_OBLIGATION:
			filter_add(&f.obligation, optarg);
			break;
		case OPT_STATUS:
			filter_add(&f.status, optarg);
			break;
		default:
			usage_exit(EX_USAGE);
		}
	}
	if (optind != argc)
		usage_exit(EX_USAGE);
	db_open();
	/* Each value checked as a value of the column it filters. */
	filter_check(&f.assignee, "assignee", "visits", "staff");
	filter_check(&f.owner, "owner", "customers", "owner");
	filter_check(&f.tier, "tier", "customers", "tier");
	filter_check(&f.level, "level", "visits", "level");
	filter_check_words(&f.obligation, "obligation", due_obligations);
	filter_check_words(&f.status, "status", due_statuses);
	f.uids = ics;
	due_collect(&f, &due);
	if (ics)
		print_ics(due.rows, due.n);
	else
		print_table(due.rows, due.n);
	due_free(&due);
	filter_free(&f.assignee);
	filter_free(&f.owner);
	filter_free(&f.tier);
	filter_free(&f.level);
	filter_free(&f.obligation);
	filter_free(&f.status);
	return 0;
}
