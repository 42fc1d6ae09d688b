/* crm-list - customers, filtered, searched and sorted, in one query. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-list [-d DB] [-o FORMAT] [--no-header] [--bom] [--raw]\n"
	"         [--tier T[,T...]] [--stage S] [--owner LOGIN] [--region R]\n"
	"         [--credit C] [--category C] [--search TEXT]\n"
	"         [--sort [-]COLUMN[,...]] [--columns COLUMN,...]\n"
	"Filters may be repeated or hold comma-separated values (any of them\n"
	"matches); an empty value matches customers without one.\n");

#define DEFAULT_COLUMNS \
	"id,code,name,tier,stage,category,region,owner,credit,scale_tonnes"

enum { OPT_SEARCH = OPT_PROGRAM, OPT_SORT, OPT_COLUMNS, OPT_FILTER };

/* --columns: the select list, each name checked, and named once (so
 * that no list outgrows what SQLite selects or sorts by). */
static void
add_columns(struct buf *sql, const char *list)
{
	const struct entity *e = entity_find("customers");
	const struct field *f;
	char *names = xstrdup(list), *v, *next, seen[RECORD_MAX] = {0};
	int k = 0;

	for (v = names; v; v = next) {
		if ((next = strchr(v, ',')))
			*next++ = '\0';
		if (!(f = entity_field(e, v)))
			die(EX_USAGE, "--columns: unknown column '%s'", v);
		if (seen[f - e->fields]++)
			die(EX_USAGE, "--columns: column '%s' twice", v);
		if (k++)
			buf_adds(sql, ", ");
		field_expr(sql, f, "c");
	}
	free(names);
}

/* --sort: columns, each with - for descending; the id breaks ties.
 * Text (names, regions, addresses) in the locale's order: pinyin under
 * zh_CN.UTF-8. */
static void
add_order(struct buf *sql, const char *list)
{
	const struct entity *e = entity_find("customers");
	const struct field *f;
	char *names = xstrdup(list ? list : "id"), *v, *next;
	char seen[RECORD_MAX] = {0};
	int desc;

	buf_adds(sql, " ORDER BY ");
	for (v = names; v; v = next) {
		if ((next = strchr(v, ',')))
			*next++ = '\0';
		desc = *v == '-';
		if (!(f = entity_field(e, v + desc)))
			die(EX_USAGE, "--sort: unknown column '%s'", v + desc);
		if (seen[f - e->fields]++)
			die(EX_USAGE, "--sort: column '%s' twice", v + desc);
		buf_printf(sql, "c.\"%s\"%s%s, ", v + desc, f->type == FT_TEXT
		    ? " COLLATE LOCALE" : "", desc ? " DESC" : "");
	}
	buf_adds(sql, "c.id");
	free(names);
}

int
main(int argc, char **argv)
{
	struct option longopts[] = {
		COMMON_LONGOPTS,
		{"search", 1, 0, OPT_SEARCH},
		{"sort", 1, 0, OPT_SORT},
		{"columns", 1, 0, OPT_COLUMNS},
		CUSTFILTER_LONGOPTS(OPT_FILTER),
		{0, 0, 0, 0}
	};
	struct custfilter cf = {0};
	struct buf cols = {0}, order = {0};
	struct query q = {0};
	const char *sort = NULL, *columns = DEFAULT_COLUMNS;
	db_stmt *s;
	int c;

	crm_start(argc, argv, usage);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		switch (c) {
		case OPT_SEARCH:
			custfilter_search(&cf, optarg);
			break;
		case OPT_SORT:
			sort = optarg;
			break;
		case OPT_COLUMNS:
			columns = optarg;
			break;
		default:
			if (c < OPT_FILTER || c >= OPT_FILTER + CUSTFILTER_N)
				usage_exit(EX_USAGE);
			custfilter_add(&cf, c - OPT_FILTER, optarg);
		}
	}
	if (optind != argc)
		usage_exit(EX_USAGE);
	add_columns(&cols, columns);
	add_order(&order, sort);
	db_open();
	query_sql(&q, "SELECT %s FROM customers c WHERE 1", buf_str(&cols));
	custfilter_query(&cf, &q);
	query_sql(&q, "%s", buf_str(&order));
	s = query_prepare(&q);
	out_list_of(entity_find("customers"));
	db_print(s, entity_numcols(entity_find("customers")));
	custfilter_free(&cf);
	query_free(&q);
	buf_free(&cols);
	buf_free(&order);
	return 0;
}
