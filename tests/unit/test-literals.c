/* test-literals.c - no program spells out the model: no string literal in
 * a program (cmd/) is a word of a closed list (a tier, a stage, a role, a status,
 * a period), a setting key or a due obligation, or a list of three or
 * more of them or of table names, and no SQL in a program quotes one of
 * them or an entity's name as a value ('customer').  Those live in lib/ (lib/model.c,
 * lib/settings.c, lib/due.c); usage texts name them as {table.field}.
 * A word that is also a column or table name (customer, email, phone)
 * is a name, not a value, and may appear; so may option names. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "tap.h"

static struct buf model;	/* " word word ... " */
static struct buf names;	/* columns and tables */
static struct buf tables;

static void
add(struct buf *b, const char *w, size_t n)
{
	if (!b->len)
		buf_addc(b, ' ');
	buf_add(b, w, n);
	buf_addc(b, ' ');
}

static int
in(const struct buf *b, const char *w, size_t n)
{
	char key[128];

	if (n + 3 > sizeof key)
		return 0;
	snprintf(key, sizeof key, " %.*s ", (int)n, w);
	return b->len && strstr(b->s, key) != NULL;
}

static void
words_of(const struct entity *e)
{
	const struct field *f;
	const char *p;
	size_t n;

	add(&names, e->name, strlen(e->name));
	add(&names, e->table, strlen(e->table));
	add(&tables, e->table, strlen(e->table));
	for (f = e->fields; f->name; f++)
		add(&names, f->name, strlen(f->name));
	for (f = e->fields; f->name; f++)
		for (p = f->type == FT_ENUM ? f->values : ""; *p; p += n,
		    p += *p == ' ')
			if (!in(&names, p, n = strcspn(p, " ")))
				add(&model, p, n);
}

/* The literal L (N bytes) of FILE:LINE breaks the rule: one model word,
 * or a list (blanks, commas or |) of three or more words of the model or
 * table names in a row. */
static void
judge(const char *file, int line, const char *l, size_t n)
{
	size_t k, run = 0, most = 0;
	const char *p;

	if (in(&model, l, n)) {
		ok(0, "%s:%d: \"%.*s\" is a word of the model", file, line,
		    (int)n, l);
		return;
	}
	for (p = l; p < l + n; p += k) {
		p += strspn(p, " ,|");
		k = strcspn(p, " ,|\"");
		if (p + k > l + n)
			k = (size_t)(l + n - p);
		if (!k)
			break;
		run = in(&model, p, k) || in(&tables, p, k) ? run + 1 : 0;
		if (run > most)
			most = run;
	}
	if (most >= 3)
		ok(0, "%s:%d: \"%.*s\" lists words of the model", file, line,
		    (int)n, l);
	/* SQL in the literal: a quoted value ('customer') that is a word of
	 * the model or the name of an entity. */
	for (p = l; (p = memchr(p, '\'', (size_t)(l + n - p))); p += k + 2) {
		k = strcspn(p + 1, "'\"");
		if (p + 1 + k >= l + n || p[1 + k] != '\'')
			break;
		if (k && (in(&model, p + 1, k) || in(&names, p + 1, k)))
			ok(0, "%s:%d: '%.*s' in SQL is a word of the model", file,
			    line, (int)k, p + 1);
	}
}

static void
scan(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *text = NULL, *p, *q;
	size_t cap = 0, len;
	int line = 1, before = 0;

	if (!fp || (len = getdelim(&text, &cap, '\0', fp)) == (size_t)-1) {
		ok(0, "cannot read %s", path);
		return;
	}
	for (p = text; *p; p++) {
		if (*p == '\n')
			line++;
		if (*p == '/' && p[1] == '*') {
			q = strstr(p + 2, "*/");
			for (; p < q; p++)
				line += *p == '\n';
			p++;
			continue;
		}
		if (*p == '\'' && p[1] && p[2] == '\'') {	/* 'c' */
			p += 2;
			continue;
		}
		if (*p == '\'' && p[1] == '\\' && p[3] == '\'') {
			p += 3;
			continue;
		}
		if (*p == '{' || *p == ',' || *p == '(')
			before = *p;
		else if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '"')
			before = 0;
		if (*p != '"')
			continue;
		for (q = p + 1; *q && *q != '"'; q++)
			if (*q == '\\' && q[1])
				q++;
		/* {"year", 1, 0, OPT_YEAR}: an option's name. */
		if (before != '{')
			judge(path, line, p + 1, (size_t)(q - p - 1));
		p = q;
	}
	free(text);
	fclose(fp);
}

int
main(void)
{
	struct dirent *d;
	const char *k;
	char path[512];
	size_t i;
	DIR *dir;
	int files = 0;

	setprogname("test-literals");
	for (i = 0; entities[i]; i++)
		words_of(entities[i]);
	words_of(&visit_rule_entity);
	for (i = 0; (k = setting_key(i, NULL, NULL)); i++)
		add(&model, k, strlen(k));
	for (i = 0; due_obligations[i]; i++)
		if (!in(&names, due_obligations[i], strlen(due_obligations[i])))
			add(&model, due_obligations[i],
			    strlen(due_obligations[i]));
	ok(in(&model, "account_manager", 15) && in(&model, "A", 1)
	    && in(&model, "month", 5) && in(&model, "sla.high", 8),
	    "the model's words are known (roles, tiers, periods, settings)");
	if (!(dir = opendir("cmd"))) {
		ok(0, "cmd/: run from the top of the tree");
		return done_testing();
	}
	while ((d = readdir(dir))) {
		if (!strstr(d->d_name, ".c") || strcmp(strstr(d->d_name, ".c"),
		    ".c"))
			continue;
		snprintf(path, sizeof path, "cmd/%s", d->d_name);
		scan(path);
		files++;
	}
	closedir(dir);
	ok(files > 10, "%d programs read, no model literal in any", files);
	buf_free(&model);
	buf_free(&names);
	buf_free(&tables);
	return done_testing();
}
