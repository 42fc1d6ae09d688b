/* crm-show - the whole archive of one customer. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	"usage: crm-show [-d DB] [-o table|tsv|csv|json|jsonl|ids] [--no-header]\n"
	"         ID|CODE...|-\n"
	"Prints the profile, every record kept under the customer (contacts,\n"
	"visits, plans, ...) and its last 20 changes; - reads ids from stdin.\n";

#define NCHANGES 20

/* The last changes of the customer and of its contacts, newest first. */
static const char changes_sql[] =
	"SELECT at, who, os_user, program, entity, entity_id, field, old, new"
	" FROM changes WHERE (entity = 'customer' AND entity_id = ?1)"
	" OR (entity = 'contact' AND entity_id IN"
	" (SELECT id FROM contacts WHERE customer = ?1))"
	" ORDER BY id DESC LIMIT 20";

/* Every column of TABLE but the customer it belongs to. */
static char *
section_sql(const char *table, const char *order)
{
	const struct entity *e = entity_find(table);
	const struct field *f;
	struct buf sql = {0};
	int k = 0;

	buf_adds(&sql, "SELECT ");
	for (f = e->fields; f->name; f++) {
		if (f->type == FT_CUSTOMER)
			continue;
		if (k++)
			buf_adds(&sql, ", ");
		field_expr(&sql, f, NULL);
	}
	if (order)
		buf_printf(&sql, " FROM \"%s\" WHERE customer = ?1 ORDER BY %s",
		    e->table, order);
	else
		buf_printf(&sql, " FROM \"%s\" WHERE id = ?1", e->table);
	return sql.s;
}

static db_stmt *
query(const char *sql, int64_t id)
{
	db_stmt *s = db_prepare(sql);

	db_bind_int(s, 1, id);
	return s;
}

static void
show_json(int64_t id, int oneline)
{
	const char *sep = oneline ? "" : "\n  ";
	struct buf b = {0};
	db_stmt *s;
	char *sql;
	int i;

	sql = section_sql("customers", NULL);
	s = query(sql, id);
	db_step(s);
	json_row(&b, s, entity_numcols(entity_find("customers")));
	db_finalize(s);
	free(sql);
	b.s[--b.len] = '\0';	/* the object stays open for the sections */
	for (i = 0; entities[i]; i++) {
		if (!entity_customer_field(entities[i]))
			continue;
		sql = section_sql(entities[i]->table, entities[i]->order);
		s = query(sql, id);
		buf_printf(&b, ",%s", oneline ? "" : "\n");
		json_escape(&b, entities[i]->table);
		buf_addc(&b, ':');
		json_rows(&b, s, entity_numcols(entities[i]), sep);
		db_finalize(s);
		free(sql);
	}
	buf_printf(&b, ",%s\"changes\":", oneline ? "" : "\n");
	s = query(changes_sql, id);
	json_rows(&b, s, NULL, sep);
	db_finalize(s);
	buf_adds(&b, "}\n");
	fputs(b.s, stdout);
	buf_free(&b);
}

/* One section: a heading with the number of records, then the records in
 * the chosen format (nothing more when there are none). */
static void
show_section(const char *name, const char *sql, int64_t id, enum fmt f)
{
	char *count = xasprintf("SELECT count(*) FROM (%s)", sql);
	db_stmt *s = query(count, id);
	int64_t n;
	struct out *o;

	db_step(s);
	n = db_int(s, 0);
	db_finalize(s);
	free(count);
	printf("\n== %s (%lld) ==\n", name, (long long)n);
	if (!n)
		return;
	o = out_new(stdout, f, opt.flags);
	s = query(sql, id);
	db_out(o, s, NULL);
	out_finish(o);
	db_finalize(s);
}

/* The profile: one line per column, name and value. */
static void
show_profile(int64_t id, enum fmt f)
{
	struct out *o = out_new(stdout, f, opt.flags | OUT_NOHEADER);
	char *sql = section_sql("customers", NULL);
	db_stmt *s = query(sql, id);
	int i;

	printf("== profile ==\n");
	db_step(s);
	for (i = 0; i < db_ncol(s); i++) {
		out_cell(o, CELL_STR, db_colname(s, i));
		out_cell(o, db_isnull(s, i) ? CELL_NULL : CELL_STR,
		    db_text(s, i));
		out_endrow(o);
	}
	out_finish(o);
	db_finalize(s);
	free(sql);
}

/* One customer, in the format F. */
static void
show(int64_t id, enum fmt f)
{
	char *sql;
	int i;

	switch (f) {
	case FMT_JSON:
	case FMT_JSONL:
		show_json(id, f == FMT_JSONL);
		break;
	case FMT_IDS:
		printf("%lld\n", (long long)id);
		break;
	default:
		show_profile(id, f);
		for (i = 0; entities[i]; i++) {
			if (!entity_customer_field(entities[i]))
				continue;
			sql = section_sql(entities[i]->table, entities[i]->order);
			show_section(entities[i]->table, sql, id, f);
			free(sql);
		}
		show_section("changes", changes_sql, id, f);
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{0, 0, 0, 0}
	};
	const char *text;
	int64_t *id = NULL;
	struct ids it;
	enum fmt f;
	int c, n = 0;

	crm_start(argc, argv, usage);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1)
		if (!common_option(c, optarg))
			usage_exit(EX_USAGE);
	if (optind == argc) {
		warn("needs a CUSTOMER");
		usage_exit(EX_USAGE);
	}
	db_open();
	/* For people unless a machine format is asked for: without -o the
	 * sections are aligned even when stdout is not a terminal. */
	f = opt.fmt_set ? opt.fmt : FMT_TABLE;
	/* Several customers: one after another (JSON: one object each, a
	 * stream that jq reads; tables: a blank line between). */
	ids_init(&it, argc - optind, argv + optind);
	while ((text = ids_next(&it))) {
		id = xrealloc(id, (size_t)(n + 1) * sizeof *id);
		id[n++] = customer_need(text);	/* all known, or nothing */
	}
	for (c = 0; c < n; c++) {
		if (c && (f == FMT_TABLE || f == FMT_TSV || f == FMT_CSV))
			putchar('\n');
		show(id[c], f);
	}
	free(id);
	out_check(stdout);
	return 0;
}
