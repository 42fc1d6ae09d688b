/* crm-staff - staff members: their roles, reporting line and targets. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-staff add --login LOGIN --name NAME --role ROLE [--email E]\n"
	"         [--reports-to LOGIN] [--region R] [--intent-target N]\n"
	"         [--active[=no]]\n"
	"       crm-staff edit LOGIN [--handover LOGIN] --FIELD VALUE...\n"
	"       crm-staff list [--role ROLE,...] [--active | --inactive]\n"
	"         [-o FORMAT] [--no-header]\n"
	"Common options: [-d DB] [--as LOGIN]\n"
	"Roles: {staff.role}\n");

static const struct entity *staff;

/* edit --handover LOGIN */
static void
handover(int c, const char *arg, void *ctx)
{
	if (c != OPT_PROGRAM)
		usage_exit(EX_USAGE);
	*(const char **)ctx = arg;
}

static int
cmd_add(int argc, char **argv)
{
	struct fieldargs fa;
	struct record r;
	int bad;

	field_args(staff, argc, argv, NULL, NULL, NULL, NULL, &fa);
	if (optind != argc)
		usage_exit(EX_USAGE);
	db_open();
	record_init(&r, staff);
	bad = field_fill(&r, &fa, 0);
	field_args_free(&fa);
	if (bad) {
		record_clear(&r);
		return EX_DATAERR;
	}
	return record_add_print(&r);
}

static int
cmd_edit(int argc, char **argv)
{
	static const struct option own[] = {
		{"handover", 1, 0, OPT_PROGRAM},
		{0, 0, 0, 0}
	};
	const char *login, *to = NULL;
	struct fieldargs fa;
	struct record r;
	struct buf err = {0};
	int64_t id;
	int bad;

	field_args(staff, argc, argv, NULL, own, handover, &to, &fa);
	if (optind == argc)
		warn("edit needs a LOGIN");
	else if (!fa.n && !to)
		warn("edit needs a --FIELD VALUE to change");
	if (optind != argc - 1 || (!fa.n && !to))
		usage_exit(EX_USAGE);
	login = argv[optind];
	db_open();
	if (!(id = record_lookup(staff, login)) || strspn(login, "0123456789")
	    == strlen(login))
		die(EX_NOTFOUND, "no staff member '%s'", login);
	record_init(&r, staff);
	bad = field_fill(&r, &fa, 0);
	field_args_free(&fa);
	if (bad) {
		record_clear(&r);
		return EX_DATAERR;
	}
	db_begin();
	/* Everything the member holds goes first, so that they may leave. */
	if (to && staff_handover(login, to, &err) < 0)
		die(EX_DATAERR, "cannot hand over from '%s' to '%s': %s", login,
		    to, buf_str(&err));
	if (record_update(&r, id, &err) < 0)
		die(EX_DATAERR, "cannot edit '%s': %s", login, buf_str(&err));
	db_commit();
	record_clear(&r);
	buf_free(&err);
	return 0;
}

static int
cmd_list(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{"role", 1, 0, 'r'},
		{"active", 0, 0, 'a'},
		{"inactive", 0, 0, 'i'},
		{0, 0, 0, 0}
	};
	struct filter role = {0};
	struct query q = {0};
	int c, active = -1;

	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		switch (c) {
		case 'r':	/* repeated or a comma list: any matches */
			filter_add(&role, optarg);
			break;
		case 'a':
		case 'i':
			if (active != -1 && active != (c == 'a'))
				die(EX_USAGE, "give --active or --inactive, "
				    "not both");
			active = c == 'a';
			break;
		default:
			usage_exit(EX_USAGE);
		}
	}
	if (optind != argc)
		usage_exit(EX_USAGE);
	db_open();
	filter_check(&role, "role", "staff", "role");
	query_sql(&q, "SELECT login, name, email, role, reports_to, region,"
	    " intent_target, yesno(active) AS active FROM staff WHERE 1");
	if (active >= 0)
		query_int(&q, " AND active = ?", active);
	query_filter(&q, &role, "role");
	query_sql(&q, " ORDER BY login");
	out_list_of(entity_find("staff"));
	db_print(query_prepare(&q), NULL);
	filter_free(&role);
	query_free(&q);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct subcmd cmds[] = {
		{"add", cmd_add}, {"edit", cmd_edit}, {"list", cmd_list},
		{NULL, NULL}
	};

	crm_start(argc, argv, usage);
	staff = entity_find("staff");
	return subcmd_run(cmds, argc, argv);
}
