/* test-labels.c - lib/labels.c: every column of every table has one
 * Chinese label, unique in its table and never another column's name, so
 * that a header cell names one column whichever way it is written. */
#include <string.h>

#include "crm.h"
#include "tap.h"

static void
check(const struct entity *e)
{
	const struct field *f, *g;
	const char *l;
	int all = 1, unique = 1, back = 1;

	for (f = e->fields; f->name; f++) {
		if (!(l = field_label(e, f->name)) || !*l) {
			diag("%s.%s has no label", e->table, f->name);
			all = 0;
			continue;
		}
		for (g = e->fields; g->name; g++)
			if (g != f && (!strcmp(g->name, l) || (field_label(e,
			    g->name) && !strcmp(field_label(e, g->name), l)))) {
				diag("%s: label %s of %s is also %s's",
				    e->table, l, f->name, g->name);
				unique = 0;
			}
		if (header_field(e, l) != f || header_field(e, f->name) != f)
			back = 0;
	}
	ok(all, "%s: every column has a label", e->table);
	ok(unique, "%s: labels are unique and no column's name", e->table);
	ok(back, "%s: a header of name or label finds the column", e->table);
}

/* Every word of E's closed lists has a label, no two of a list the same
 * and none another word of it, and the label reads back as the word. */
static void
check_words(const struct entity *e)
{
	const struct field *f;
	char w[64], v[64];
	const char *p, *q, *l;
	int all = 1, unique = 1, back = 1;

	for (f = e->fields; f->name; f++) {
		if (f->type != FT_ENUM && f->type != FT_BOOL)
			continue;
		p = f->type == FT_BOOL ? "yes no" : f->values;
		while (list_next(&p, w, sizeof w)) {
			if (!(l = word_zh(w)) || !*l) {
				diag("%s.%s: %s has no label", e->table,
				    f->name, w);
				all = 0;
				continue;
			}
			if (!zh_word(f, l) || strcmp(zh_word(f, l), w))
				back = 0;
			q = f->type == FT_BOOL ? "yes no" : f->values;
			while (list_next(&q, v, sizeof v))
				if (strcmp(v, w) && (!strcmp(v, l)
				    || (word_zh(v) && !strcmp(word_zh(v), l)
				    && strcmp(v, l)))) {
					diag("%s.%s: label %s of %s is also "
					    "%s's", e->table, f->name, l, w, v);
					unique = 0;
				}
		}
	}
	ok(all, "%s: every closed-list word has a label", e->table);
	ok(unique, "%s: a list's labels are unique and no other word",
	    e->table);
	ok(back, "%s: a word's label reads back as the word", e->table);
}

int
main(void)
{
	const struct entity *const *e;
	const struct entity *c = entity_find("customers");
	struct buf b = {0};

	for (e = entities; *e; e++) {
		check(*e);
		check_words(*e);
	}
	check(&visit_rule_entity);
	check_words(&visit_rule_entity);
	is_str(word_zh("government"), "\xe6\x94\xbf\xe5\xba\x9c\xe5\x8d"
	    "\x95\xe4\xbd\x8d", "government is 政府单位");
	ok(word_zh("nope") == NULL, "a word of no list has no label");
	ok(zh_word(entity_field(c, "name"), "\xe4\xbc\x81\xe4\xb8\x9a")
	    == NULL, "a text column has no words");
	ok(zh_word(entity_field(c, "stage"), "\xe4\xbc\x81\xe4\xb8\x9a")
	    == NULL, "企业 is a category, not a stage");
	ok(header_field(c, "\xe8\xa7\x84\xe6\xa8\xa1(\xe5\x90\xa8)")
	    == entity_field(c, "scale_tonnes"), "规模(吨) is 规模（吨）");
	ok(header_field(c, " \xe8\xa7\x84\xe6\xa8\xa1 ( \xe5\x90\xa8 ) ")
	    == entity_field(c, "scale_tonnes"), "blanks around and beside "
	    "brackets do not count");
	ok(header_field(c, "\xe8\xa7\x84\xe6\xa8\xa1\xef\xbc\x88\xe5"
	    "\x90\xa8)") == entity_field(c, "scale_tonnes"),
	    "a bracket of each kind");
	ok(header_field(c, "\xe8\xa7\x84 \xe6\xa8\xa1(\xe5\x90\xa8)")
	    == NULL, "a blank inside a word counts");
	ok(header_field(c, " code\xe3\x80\x80") == entity_field(c, "code"),
	    "a column name with blanks around it");
	is_str(field_label(c, "code"), "\xe5\xae\xa2\xe6\x88\xb7\xe7\xbc\x96"
	    "\xe5\x8f\xb7", "customers.code is 客户编号");
	ok(header_field(c, "nope") == NULL, "an unknown header is no column");
	ok(field_label(c, "nope") == NULL, "an unknown column has no label");
	entity_columns_text(c, &b);
	ok(!strncmp(buf_str(&b), "id/\xe7\xbc\x96\xe5\x8f\xb7 code/", 15),
	    "the list names each column with its label");
	buf_free(&b);
	return done_testing();
}
