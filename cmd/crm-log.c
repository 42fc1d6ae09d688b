/* crm-log - the change log: who changed what, when, from what to what. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	"usage: crm-log [-d DB] [--entity ENTITY] [--id ID] [--who LOGIN]\n"
	"         [--field FIELD] [--since YYYY-MM-DD] [--until YYYY-MM-DD]\n"
	"         [--limit N] [-o FORMAT] [--no-header]\n"
	"Entities: customer contact staff visit plan complaint survey order\n"
	"          holiday setting\n"
	"Rows are oldest first; --limit N keeps the newest N.\n";

/* Entities that are not tables of lib/entity.c but do write the log. */
static const char *const other_entities[] = {"setting", "visit_rule",
	"mail_sent", NULL};

/* The entity name as the log spells it (customer for customers), or
 * NULL. */
static const char *
entity_name(const char *s)
{
	const struct entity *e = entity_find(s);
	int i;

	if (e)
		return e->name;
	for (i = 0; other_entities[i]; i++)
		if (!strcmp(s, other_entities[i]))
			return other_entities[i];
	return NULL;
}

/* --since D: from D 00:00:00 UTC; --until D: up to the end of D. */
static char *
date_bound(const char *opt_name, const char *s, int next)
{
	char out[11];
	int d;

	if (date_parse(s, &d) < 0)
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
	const char *entity = NULL, *idtext = NULL, *who = NULL, *field = NULL;
	char *since = NULL, *until = NULL;
	int64_t id = 0, limit = -1;
	struct out *o;
	db_stmt *s;
	int c;

	crm_start(argc, argv, usage);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		switch (c) {
		case 'e':
			if (!(entity = entity_name(optarg)))
				die(EX_USAGE, "--entity: unknown entity '%s': use "
				    "customer contact staff visit plan complaint "
				    "survey order holiday setting", optarg);
			break;
		case 'i':
			idtext = optarg;
			break;
		case 'w':
			who = optarg;
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
	db_open();
	/* A customer may be named by its code, as everywhere else. */
	if (idtext && int_parse(idtext, 0, INT64_MAX, &id) < 0) {
		if (!entity || strcmp(entity, "customer"))
			die(EX_USAGE, "--id: '%s' is not a record id", idtext);
		if (!(id = customer_lookup(idtext)))
			die(EX_NOTFOUND, "no customer '%s'", idtext);
	}
	/* The newest LIMIT rows, shown oldest first. */
	s = db_prepare("SELECT at, who, os_user, program, entity, entity_id,"
	    " field, old, new FROM (SELECT * FROM changes"
	    " WHERE (?1 IS NULL OR entity = ?1)"
	    " AND (?2 IS NULL OR entity_id = ?2)"
	    " AND (?3 IS NULL OR who = ?3)"
	    " AND (?4 IS NULL OR field = ?4)"
	    " AND (?5 IS NULL OR at >= ?5)"
	    " AND (?6 IS NULL OR at < ?6)"
	    " ORDER BY at DESC, id DESC LIMIT ?7)"
	    " ORDER BY at, id");
	db_bind_text(s, 1, entity);
	if (idtext)
		db_bind_int(s, 2, id);
	db_bind_text(s, 3, who);
	db_bind_text(s, 4, field);
	db_bind_text(s, 5, since);
	db_bind_text(s, 6, until);
	db_bind_int(s, 7, limit);
	o = out_stdout();
	db_out(o, s, NULL);
	db_finalize(s);
	out_finish(o);
	free(since);
	free(until);
	return 0;
}
