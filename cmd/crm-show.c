/* crm-show - the whole archive of one customer. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-show [-d DB] [-o table|tsv|csv|json|jsonl|ids] [--no-header]\n"
	"         ID|CODE...|-\n"
	"Prints the profile, every record kept under the customer (contacts,\n"
	"visits, plans, ...) and its last 20 changes; - reads ids from stdin.\n");

#define NCHANGES 20

/* The sections' names as people read them in a table: the tables kept
 * under a customer, and the change log.  tsv and csv keep the table's
 * name, which scripts look for. */
static const char *const section_names[] = {
	/* TRANSLATORS: crm-show's section headings ("== contacts (2) ==")
	 * in a table: the tables kept under a customer, and its changes. */
	N_("profile"), N_("contacts"), N_("visits"), N_("plans"),
	N_("complaints"), N_("surveys"), N_("orders"), N_("stage_changes"),
	N_("changes"),
};

static const char *
section_name(const char *name, enum fmt f)
{
	size_t i;

	if (f != FMT_TABLE)
		return name;
	for (i = 0; i < sizeof section_names / sizeof section_names[0]; i++)
		if (!strcmp(section_names[i], name))
			return _(name);
	return name;
}

/* Q prepared and emptied; COUNT: Q wrapped to say how many rows it has. */
static db_stmt *
finish(struct query *q)
{
	db_stmt *s = query_prepare(q);

	query_free(q);
	return s;
}

/* The records of E kept under customer ID, every column but the customer,
 * in E's order; E NULL: the customer itself.  COUNT: how many instead. */
static db_stmt *
records(const struct entity *e, int64_t id, int count)
{
	const struct entity *c = e ? e : entity_find("customers");
	const struct field *f;
	struct query q = {0};
	struct buf cols = {0};

	for (f = c->fields; f->name; f++)
		if (f->type != FT_CUSTOMER) {
			if (cols.len)
				buf_adds(&cols, ", ");
			field_expr(&cols, f, NULL);
		}
	query_sql(&q, "%sSELECT %s FROM \"%s\"", count ? "SELECT count(*)"
	    " FROM (" : "", cols.s, c->table);
	if (e) {
		query_sql(&q, " WHERE \"%s\"", entity_customer_field(e)->name);
		query_int(&q, " = ?", id);
		query_sql(&q, " ORDER BY %s", e->order);
	} else
		query_int(&q, " WHERE id = ?", id);
	query_sql(&q, "%s", count ? ")" : "");
	buf_free(&cols);
	return finish(&q);
}

/* The last changes of the customer's profile (lib/changes.c).  COUNT: how
 * many instead. */
static db_stmt *
changes(int64_t id, int count)
{
	struct query q = {0};

	query_sql(&q, "%s", count ? "SELECT count(*) FROM (" : "");
	changes_of_customer(&q, id, NCHANGES);
	query_sql(&q, "%s", count ? ")" : "");
	return finish(&q);
}

static void
show_json(int64_t id, int oneline)
{
	const char *sep = oneline ? "" : "\n  ";
	struct buf b = {0};
	db_stmt *s;
	int i;

	s = records(NULL, id, 0);
	db_step(s);
	json_row(&b, s, entity_numcols(entity_find("customers")));
	db_finalize(s);
	b.s[--b.len] = '\0';	/* the object stays open for the sections */
	for (i = 0; entities[i]; i++) {
		if (!entity_customer_field(entities[i]))
			continue;
		s = records(entities[i], id, 0);
		buf_printf(&b, ",%s", oneline ? "" : "\n");
		json_escape(&b, entities[i]->table);
		buf_addc(&b, ':');
		json_rows(&b, s, entity_numcols(entities[i]), sep);
		db_finalize(s);
	}
	buf_printf(&b, ",%s\"changes\":", oneline ? "" : "\n");
	s = changes(id, 0);
	json_rows(&b, s, NULL, sep);
	db_finalize(s);
	buf_adds(&b, "}\n");
	out_write(stdout, b.s, b.len);
	buf_free(&b);
}

/* One section: a heading with the number of records (COUNT's), then the
 * records of ROWS in the chosen format (nothing more when there are
 * none).  Both statements are finalized. */
static void
show_section(const char *name, db_stmt *count, db_stmt *rows, enum fmt f)
{
	struct out *o;
	int64_t n;

	db_step(count);
	n = db_int(count, 0);
	db_finalize(count);
	printf("\n== %s (%lld) ==\n", section_name(name, f), (long long)n);
	if (n) {
		o = out_new(stdout, f, opt.flags);
		db_out(o, rows, NULL);
		out_finish(o);
	}
	db_finalize(rows);
}

/* The profile: one line per column, name and value. */
static void
show_profile(int64_t id, enum fmt f)
{
	struct out *o = out_new(stdout, f, opt.flags | OUT_NOHEADER);
	db_stmt *s = records(NULL, id, 0);

	printf("== %s ==\n", section_name("profile", f));
	db_step(s);
	db_out_pairs(o, s);
	out_finish(o);
	db_finalize(s);
}

/* One customer, in the format F. */
static void
show(int64_t id, enum fmt f)
{
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
		for (i = 0; entities[i]; i++)
			if (entity_customer_field(entities[i]))
				show_section(entities[i]->table,
				    records(entities[i], id, 1),
				    records(entities[i], id, 0), f);
		show_section("changes", changes(id, 1), changes(id, 0), f);
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
	/* For people unless a machine format is asked for: without -o the
	 * sections are aligned even when stdout is not a terminal. */
	f = opt.fmt_set ? opt.fmt : FMT_TABLE;
	out_one_table(f);
	db_open();
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
