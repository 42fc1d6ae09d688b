/* crm-log - the change log: who changed what, when, from what to what. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-log [-d DB] [--entity ENTITY,...] [--id ID] [--who LOGIN,...]\n"
	"         [--field FIELD] [--since YYYY-MM-DD] [--until YYYY-MM-DD]\n"
	"         [--limit N] [-o FORMAT] [--no-header]\n"
	"Entities: {entities}\n"
	"--entity and --who may be repeated or hold comma-separated values (any\n"
	"of them matches).  Rows are oldest first; --limit N keeps the newest N.\n");

/* The entity name as the log spells it (customer for customers), or
 * NULL. */
static const char *
entity_name(const char *s)
{
	const struct entity *e = entity_find(s);
	int i;

	if (e)
		return e->name;
	for (i = 0; log_entities[i]; i++)
		if (!strcmp(s, log_entities[i]))
			return log_entities[i];
	return NULL;
}

/* --entity: each value as the log spells it; an unknown one dies 65
 * naming those there are. */
static void
entity_names(const struct filter *given, struct filter *names)
{
	struct buf all = {0};
	const char *name;
	int i, j;

	for (i = 0; i < given->n; i++) {
		if ((name = entity_name(given->v[i]))) {
			filter_add(names, name);
			continue;
		}
		for (j = 0; entities[j]; j++)
			buf_printf(&all, "%s ", entities[j]->name);
		for (j = 0; log_entities[j]; j++)
			buf_printf(&all, "%s%s", j ? " " : "", log_entities[j]);
		die(EX_DATAERR, "entity: '%s' is not one of: %s", given->v[i],
		    buf_str(&all));
	}
}

/* --since D: from D 00:00:00 UTC; --until D: up to the end of D. */
static char *
date_bound(const char *opt_name, const char *s, int next)
{
	char out[11];
	int d;

	if (date_arg(s, &d) < 0)
		die(EX_USAGE, "%s: '%s' is not a valid date YYYY-MM-DD",
		    opt_name, s);
	date_format(d + next, out);
	return xstrdup(out);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{"entity", 1, 0, 'e'},
		{"id", 1, 0, 'i'},
		{"who", 1, 0, 'w'},
		{"field", 1, 0, 'f'},
		{"since", 1, 0, 's'},
		{"until", 1, 0, 'u'},
		{"limit", 1, 0, 'l'},
		{0, 0, 0, 0}
	};
	struct filter given = {0}, entity = {0}, who = {0};
	const char *idtext = NULL, *field = NULL;
	char *since = NULL, *until = NULL;
	int64_t id = 0, limit = -1;
	struct query q = {0};
	int c;

	crm_start(argc, argv, usage);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		switch (c) {
		case 'e':
			filter_add(&given, optarg);
			break;
		case 'i':
			idtext = optarg;
			break;
		case 'w':	/* any login: the log keeps any --as */
			filter_add(&who, optarg);
			break;
		case 'f':
			field = optarg;
			break;
		case 's':
			since = date_bound("--since", optarg, 0);
			break;
		case 'u':
			until = date_bound("--until", optarg, 1);
			break;
		case 'l':
			if (int_parse(optarg, 0, INT64_MAX, &limit) < 0)
				die(EX_USAGE, "--limit: '%s' is not a whole "
				    "number", optarg);
			break;
		default:
			usage_exit(EX_USAGE);
		}
	}
	if (optind != argc)
		usage_exit(EX_USAGE);
	entity_names(&given, &entity);
	filter_check_text(&who, "who");
	db_open();
	/* A customer may be named by its code, as everywhere else. */
	if (idtext && int_parse(idtext, 0, INT64_MAX, &id) < 0) {
		if (entity.n != 1 || strcmp(entity.v[0], "customer"))
			die(EX_USAGE, "--id: '%s' is not a record id", idtext);
		id = customer_need(idtext);
	}
	/* The newest LIMIT rows, shown oldest first. */
	query_sql(&q, "SELECT at, who, os_user, program, entity, entity_id,"
	    " field, old, new FROM (SELECT * FROM changes WHERE 1");
	if (idtext)
		query_int(&q, " AND entity_id = ?", id);
	if (field)
		query_text(&q, " AND field = ?", field);
	if (since)
		query_text(&q, " AND at >= ?", since);
	if (until)
		query_text(&q, " AND at < ?", until);
	query_filter(&q, &entity, "entity");
	query_filter(&q, &who, "who");
	query_int(&q, " ORDER BY at DESC, id DESC LIMIT ?", limit);
	query_sql(&q, ") ORDER BY at, id");
	db_print(query_prepare(&q), NULL);
	query_free(&q);
	free(since);
	free(until);
	filter_free(&given);
	filter_free(&entity);
	filter_free(&who);
	return 0;
}
