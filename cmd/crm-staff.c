/* crm-staff - staff members: their roles, reporting line and targets. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	"usage: crm-staff add --login LOGIN --name NAME --role ROLE [--email E]\n"
	"         [--reports-to LOGIN] [--region R] [--intent-target N]\n"
	"         [--active[=no]]\n"
	"       crm-staff edit LOGIN --FIELD VALUE...\n"
	"       crm-staff list [--role ROLE,...] [--active | --inactive]\n"
	"         [-o FORMAT] [--no-header]\n"
	"Common options: [-d DB] [--as LOGIN]\n"
	"Roles: account_manager dept_manager division_head president\n"
	"       complaint_specialist archive_specialist admin\n";

static const struct entity *staff;

/* The field options of add and edit, as (field, value) pairs. */
struct changes {
	int n;
	const struct field **f;
	const char **v;
};

static void
field_args(int argc, char **argv, struct changes *ch)
{
	struct option *longopts = field_options(staff, NULL, F_RO);
	const struct field *f;
	int c;

	ch->n = 0;
	ch->f = xcalloc((size_t)argc, sizeof *ch->f);
	ch->v = xcalloc((size_t)argc, sizeof *ch->v);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
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
	struct buf err = {0};
	int i, named = 0;
	int64_t id;

	field_args(argc, argv, &ch);
	if (optind != argc)
		usage_exit(EX_USAGE);
	for (i = 0; i < ch.n; i++)
		if (!strcmp(ch.f[i]->name, "name") && *ch.v[i])
			named = 1;
	db_open();
	record_init(&r, staff);
	fill(&r, &ch);
	changes_free(&ch);
	/* The schema lets name default to empty; a new member needs one. */
	if (!named)
		die(EX_DATAERR, "cannot add staff: name: a value is required");
	db_begin();
	id = record_add(&r);
	db_commit();
	print_id(id);
	record_clear(&r);
	buf_free(&err);
	return 0;
}

/* A login rename reaches every column that refers to staff through ON
 * UPDATE CASCADE; log each of those changes too, so the audit log stays
 * complete. */
static void
log_rename(const char *old, const char *new)
{
	const struct field *f;
	struct buf sql = {0};
	db_stmt *s;
	int i;

	for (i = 0; entities[i]; i++)
		for (f = entities[i]->fields; f->name; f++) {
			if (f->type != FT_STAFF)
				continue;
			buf_reset(&sql);
			buf_printf(&sql, "SELECT id FROM \"%s\" WHERE \"%s\" = ?",
			    entities[i]->table, f->name);
			s = db_prepare(sql.s);
			db_bind_text(s, 1, old);
			while (db_step(s))
				change_log(entities[i]->name, db_int(s, 0),
				    f->name, old, new);
			db_finalize(s);
		}
	buf_free(&sql);
}

/* After an edit: refuse a reports_to chain that comes back to LOGIN. */
static void
check_cycle(const char *login)
{
	db_stmt *s = db_prepare("SELECT reports_to FROM staff WHERE login = ?");
	struct buf chain = {0};
	int64_t n = db_int_query("SELECT count(*) FROM staff", NULL, 0);
	char *cur = xstrdup(login);

	buf_adds(&chain, login);
	for (; n >= 0; n--) {
		db_bind_text(s, 1, cur);
		free(cur);
		cur = db_step(s) && !db_isnull(s, 0) ? xstrdup(db_text(s, 0))
		    : NULL;
		db_reset(s);
		if (!cur)
			break;
		buf_printf(&chain, " -> %s", cur);
		if (!strcmp(cur, login)) {
			free(cur);	/* the chain has it */
			die(EX_DATAERR, "cannot edit '%s': reports_to would make "
			    "a cycle: %s", login, buf_str(&chain));
		}
	}
	free(cur);
	db_finalize(s);
	buf_free(&chain);
}

static int
cmd_edit(int argc, char **argv)
{
	struct changes ch;
	struct record r;
	const char *login;
	char *newlogin = NULL;
	int i;
	int64_t id;

	field_args(argc, argv, &ch);
	if (optind == argc)
		warn("edit needs a LOGIN");
	else if (!ch.n)
		warn("edit needs a --FIELD VALUE to change");
	if (optind != argc - 1 || !ch.n)
		usage_exit(EX_USAGE);
	login = argv[optind];
	db_open();
	if (!(id = db_int_query("SELECT id FROM staff WHERE login = ?", login,
	    0)))
		die(EX_NOTFOUND, "no staff member '%s'", login);
	record_init(&r, staff);
	fill(&r, &ch);
	changes_free(&ch);
	db_begin();
	for (i = 0; i < r.n; i++)
		if (!strcmp(r.f[i]->name, "login") && !r.v[i].null
		    && strcmp(r.v[i].s, login))
			newlogin = r.v[i].s;
	if (newlogin)
		log_rename(login, newlogin);
	record_update(&r, id);
	check_cycle(newlogin ? newlogin : login);
	db_commit();
	record_clear(&r);
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
