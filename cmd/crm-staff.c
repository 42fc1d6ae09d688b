/* crm-staff - staff members: their roles, reporting line and targets. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	"usage: crm-staff add --login LOGIN --name NAME --role ROLE [--email E]\n"
	"         [--reports-to LOGIN] [--region R] [--intent-target N]\n"
	"         [--active[=no]]\n"
	"       crm-staff edit LOGIN [--handover LOGIN] --FIELD VALUE...\n"
	"       crm-staff list [--role ROLE,...] [--active | --inactive]\n"
	"         [-o FORMAT] [--no-header]\n"
	"Common options: [-d DB] [--as LOGIN]\n"
	"Roles: {staff.role}\n";

static const struct entity *staff;

/* The field options of add and edit, as (field, value) pairs. */
struct changes {
	int n;
	const struct field **f;
	const char **v;
	const char *handover;	/* edit --handover LOGIN */
};

static void
field_args(int argc, char **argv, struct changes *ch, int edit)
{
	static const struct option own[] = {
		{"handover", 1, 0, OPT_PROGRAM},
		{0, 0, 0, 0}
	};
	struct option *longopts = field_options(staff, edit ? own : NULL,
	    F_RO);
	const struct field *f;
	int c;

	ch->n = 0;
	ch->handover = NULL;
	ch->f = xcalloc((size_t)argc, sizeof *ch->f);
	ch->v = xcalloc((size_t)argc, sizeof *ch->v);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		if (c == OPT_PROGRAM) {
			ch->handover = optarg;
			continue;
		}
		if (!(f = field_option(staff, c)))
			usage_exit(EX_USAGE);
		ch->f[ch->n] = f;
		ch->v[ch->n++] = field_optarg(f, argc, argv);
	}
	field_options_free(longopts);
}

static void
changes_free(struct changes *ch)
{
	free(ch->f);
	free(ch->v);
}

/* Check every value into R; all bad values are reported, then exit 65. */
static void
fill(struct record *r, const struct changes *ch)
{
	struct buf err = {0};
	int i, bad = 0;

	for (i = 0; i < ch->n; i++) {
		buf_reset(&err);
		if (record_set(r, ch->f[i]->name, ch->v[i], &err) < 0) {
			warn("%s", buf_str(&err));
			bad = 1;
		}
	}
	buf_free(&err);
	if (bad)
		exit(EX_DATAERR);
}

static int
cmd_add(int argc, char **argv)
{
	struct changes ch;
	struct record r;
	int64_t id;

	field_args(argc, argv, &ch, 0);
	if (optind != argc)
		usage_exit(EX_USAGE);
	db_open();
	record_init(&r, staff);
	fill(&r, &ch);
	changes_free(&ch);
	db_begin();
	id = record_add(&r);
	db_commit();
	print_id(id);
	record_clear(&r);
	return 0;
}

static int
cmd_edit(int argc, char **argv)
{
	struct changes ch;
	struct record r;
	struct buf err = {0};
	const char *login;
	int64_t id;

	field_args(argc, argv, &ch, 1);
	if (optind == argc)
		warn("edit needs a LOGIN");
	else if (!ch.n && !ch.handover)
		warn("edit needs a --FIELD VALUE to change");
	if (optind != argc - 1 || (!ch.n && !ch.handover))
		usage_exit(EX_USAGE);
	login = argv[optind];
	db_open();
	if (!(id = record_lookup(staff, login)) || strspn(login, "0123456789")
	    == strlen(login))
		die(EX_NOTFOUND, "no staff member '%s'", login);
	record_init(&r, staff);
	fill(&r, &ch);
	db_begin();
	/* Everything the member holds goes first, so that they may leave. */
	if (ch.handover && staff_handover(login, ch.handover, &err) < 0)
		die(EX_DATAERR, "cannot hand over from '%s' to '%s': %s", login,
		    ch.handover, buf_str(&err));
	if (record_update(&r, id, &err) < 0)
		die(EX_DATAERR, "cannot edit '%s': %s", login, buf_str(&err));
	db_commit();
	changes_free(&ch);
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
