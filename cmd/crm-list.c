/* crm-list - customers, filtered, searched and sorted, in one query. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	"usage: crm-list [-d DB] [-o FORMAT] [--no-header] [--bom] [--raw]\n"
	"         [--tier T[,T...]] [--stage S] [--owner LOGIN] [--region R]\n"
	"         [--credit C] [--category C] [--search TEXT]\n"
	"         [--sort [-]COLUMN[,...]] [--columns COLUMN,...]\n"
	"Filters may be repeated or hold comma-separated values (any of them\n"
	"matches); an empty value matches customers without one.\n";

#define DEFAULT_COLUMNS \
	"id,code,name,tier,stage,category,region,owner,credit,scale_tonnes"

/* The filters, in the order their options are numbered. */
static const char *const filters[] = {
	"tier", "stage", "owner", "region", "credit", "category", NULL
};
enum { OPT_SEARCH = OPT_PROGRAM, OPT_SORT, OPT_COLUMNS, OPT_FILTER };

/* The values bound to the query, in order. */
static const char **binds;
static int nbinds;

static void
bind(char *v)
{
	binds = xrealloc(binds, (size_t)(nbinds + 1) * sizeof *binds);
	binds[nbinds++] = v;
}

/* Each value of a filter option: checked like an edit of that column,
 * then OR-ed with the others of the same column. */
static void
add_filter(struct buf *where, struct buf *vals, const char *col)
{
	const struct entity *e = entity_find("customers");
	char *list, *v, *next;
	struct buf err = {0};
	struct record r;
	int k = 0;

	record_init(&r, e);
	buf_printf(where, " AND (");
	list = xstrdup(buf_str(vals));
	for (v = list; v; v = next) {
		if ((next = strchr(v, ',')))
			*next++ = '\0';
		if (strcmp(col, "region") && *v
		    && record_set(&r, col, v, &err) < 0)
			die(EX_DATAERR, "%s", buf_str(&err));
		if (k++)
			buf_adds(where, " OR ");
		if (*v) {
			buf_printf(where, "c.\"%s\" = ?", col);
			bind(xstrdup(v));
		} else
			buf_printf(where, "c.\"%s\" IS NULL", col);
	}
	buf_addc(where, ')');
	free(list);
	record_clear(&r);
	buf_free(&err);
}

static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if ((*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* --search: every whitespace-separated term must occur in the customer's
 * search document.  Terms of three characters or more go to the trigram
 * index as quoted FTS5 strings; shorter ones are a LIKE scan (the unary +
 * keeps SQLite 3.40 from handing a short CJK pattern to FTS5, which
 * wrongly finds nothing). */
static void
add_search(struct buf *where, const char *text)
{
	struct buf match = {0}, like = {0}, t = {0}, pat;
	const char *p = text, *q, *ws = " \t\n\r\v\f";
	char **pats = NULL;
	int npats = 0, i;
	size_t n;

	while (*(p += strspn(p, ws))) {
		n = strcspn(p, ws);
		buf_reset(&t);
		buf_add(&t, p, n);
		p += n;
		if (chars(t.s) >= 3) {
			/* "te""rm": an FTS5 string, never FTS syntax. */
			buf_adds(&match, match.len ? " AND \"" : "\"");
			for (q = t.s; *q; q++) {
				if (*q == '"')
					buf_addc(&match, '"');
				buf_addc(&match, *q);
			}
			buf_addc(&match, '"');
			continue;
		}
		memset(&pat, 0, sizeof pat);
		buf_addc(&pat, '%');
		for (q = t.s; *q; q++) {
			if (*q == '%' || *q == '_' || *q == '\\')
				buf_addc(&pat, '\\');
			buf_addc(&pat, *q);
		}
		buf_addc(&pat, '%');
		pats = xrealloc(pats, (size_t)(npats + 1) * sizeof *pats);
		pats[npats++] = pat.s;
		buf_adds(&like, " AND +doc LIKE ? ESCAPE '\\'");
	}
	if (match.len || npats) {
		buf_adds(where, " AND c.id IN (SELECT rowid FROM customer_search"
		    " WHERE 1");
		if (match.len) {
			buf_adds(where, " AND customer_search MATCH ?");
			bind(match.s);
		}
		buf_adds(where, buf_str(&like));
		buf_addc(where, ')');
		for (i = 0; i < npats; i++)
			bind(pats[i]);
	}
	if (!match.len)
		buf_free(&match);
	free(pats);
	buf_free(&like);
	buf_free(&t);
}

/* --columns: the select list, each name checked. */
static void
add_columns(struct buf *sql, const char *list)
{
	const struct entity *e = entity_find("customers");
	const struct field *f;
	char *names = xstrdup(list), *v, *next;
	int k = 0;

	for (v = names; v; v = next) {
		if ((next = strchr(v, ',')))
			*next++ = '\0';
		if (!(f = entity_field(e, v)))
			die(EX_USAGE, "--columns: unknown column '%s'", v);
		if (k++)
			buf_adds(sql, ", ");
		field_expr(sql, f, "c");
	}
	free(names);
}

/* --sort: columns, each with - for descending; the id breaks ties. */
static void
add_order(struct buf *sql, const char *list)
{
	const struct entity *e = entity_find("customers");
	char *names = xstrdup(list ? list : "id"), *v, *next;
	int desc;

	buf_adds(sql, " ORDER BY ");
	for (v = names; v; v = next) {
		if ((next = strchr(v, ',')))
			*next++ = '\0';
		desc = *v == '-';
		if (!entity_field(e, v + desc))
			die(EX_USAGE, "--sort: unknown column '%s'", v + desc);
		buf_printf(sql, "c.\"%s\"%s, ", v + desc, desc ? " DESC" : "");
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
		{"tier", 1, 0, OPT_FILTER + 0},
		{"stage", 1, 0, OPT_FILTER + 1},
		{"owner", 1, 0, OPT_FILTER + 2},
		{"region", 1, 0, OPT_FILTER + 3},
		{"credit", 1, 0, OPT_FILTER + 4},
		{"category", 1, 0, OPT_FILTER + 5},
		{0, 0, 0, 0}
	};
	struct buf vals[6] = {{0}}, search = {0}, sql = {0}, where = {0},
	    order = {0};
	const char *sort = NULL, *columns = DEFAULT_COLUMNS;
	struct out *o;
	db_stmt *s;
	int c, i;

	crm_start(argc, argv, usage);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		switch (c) {
		case OPT_SEARCH:
			buf_adds(&search, " ");
			buf_adds(&search, optarg);
			break;
		case OPT_SORT:
			sort = optarg;
			break;
		case OPT_COLUMNS:
			columns = optarg;
			break;
		default:
			if (c < OPT_FILTER || c > OPT_FILTER + 5)
				usage_exit(EX_USAGE);
			/* Repeated options add to the list. */
			if (vals[c - OPT_FILTER].s)
				buf_addc(&vals[c - OPT_FILTER], ',');
			buf_adds(&vals[c - OPT_FILTER], optarg);
		}
	}
	if (optind != argc)
		usage_exit(EX_USAGE);
	buf_adds(&sql, "SELECT ");
	add_columns(&sql, columns);
	buf_adds(&sql, " FROM customers c WHERE 1");
	add_order(&order, sort);
	db_open();
	for (i = 0; filters[i]; i++)
		if (vals[i].s)
			add_filter(&where, &vals[i], filters[i]);
	add_search(&where, buf_str(&search));
	buf_adds(&sql, buf_str(&where));
	buf_adds(&sql, buf_str(&order));
	s = db_prepare(sql.s);
	for (i = 0; i < nbinds; i++)
		db_bind_text(s, i + 1, binds[i]);
	o = out_stdout();
	db_out(o, s, entity_numcols(entity_find("customers")));
	out_finish(o);
	db_finalize(s);
	for (i = 0; i < nbinds; i++)
		free((char *)binds[i]);
	free(binds);
	for (i = 0; filters[i]; i++)
		buf_free(&vals[i]);
	buf_free(&search);
	buf_free(&sql);
	buf_free(&where);
	buf_free(&order);
	return 0;
}
