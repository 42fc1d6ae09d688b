/* model-pot - the part of po/crm.pot that the data model makes: every
 * column's name (msgctxt "column": the table headers people read), every
 * word of a closed list (msgctxt "word"), and the extra column names of
 * computed tables listed in po/columns.txt.  Run by make pot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

static char **seen;
static size_t nseen;

/* Each (context, msgid) once. */
static void
entry(const char *ctx, const char *id, const char *where)
{
	char key[512];
	size_t i;

	snprintf(key, sizeof key, "%s\004%s", ctx, id);
	for (i = 0; i < nseen; i++)
		if (!strcmp(seen[i], key))
			return;
	seen = xrealloc(seen, (nseen + 1) * sizeof *seen);
	seen[nseen++] = xstrdup(key);
	printf("#: %s\nmsgctxt \"%s\"\nmsgid \"%s\"\nmsgstr \"\"\n\n", where,
	    ctx, id);
}

static void
words(const char *list, const char *where)
{
	char w[128];
	const char *p = list, *e;

	while (*p) {
		p += strspn(p, " ");
		e = p + strcspn(p, " ");
		if (e > p && (size_t)(e - p) < sizeof w) {
			memcpy(w, p, (size_t)(e - p));
			w[e - p] = '\0';
			entry("word", w, where);
		}
		p = e;
	}
}

static void
fields(const struct field *f)
{
	for (; f->name; f++) {
		entry("column", f->name, "lib/model.c");
		if (f->type == FT_ENUM)
			words(f->values, "lib/model.c");
		if (f->type == FT_BOOL)
			words("yes no", "lib/model.c");
	}
}

int
main(int argc, char **argv)
{
	const struct entity *const *e;
	const char *const *w;
	char line[256];
	FILE *fp;

	for (e = entities; *e; e++) {
		entry("entity", (*e)->name, "lib/model.c");
		fields((*e)->fields);
	}
	for (w = log_entities; *w; w++)
		entry("entity", *w, "lib/model.c");
	fields(visit_rule_entity.fields);
	for (w = due_statuses; *w; w++)
		entry("word", *w, "lib/due.c");
	for (w = due_obligations; *w; w++)
		entry("word", *w, "lib/due.c");
	for (size_t i = 0; archive_problem_word(i); i++)
		entry("word", archive_problem_word(i), "lib/archive.c");
	if (argc > 1) {
		if (!(fp = fopen(argv[1], "r"))) {
			perror(argv[1]);
			return 1;
		}
		while (fgets(line, sizeof line, fp)) {
			line[strcspn(line, "\n")] = '\0';
			if (*line && *line != '#')
				entry("column", line, argv[1]);
		}
		fclose(fp);
	}
	return 0;
}
