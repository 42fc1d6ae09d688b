/* ids.c - record ids from the arguments, "-" reading them from stdin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

void
ids_init(struct ids *it, int argc, char **argv)
{
	memset(it, 0, sizeof *it);
	it->argv = argv;
	it->argc = argc;
}

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	    c == '\v' || c == '\f';
}

/* The next non-blank line of stdin, trimmed; NULL at the end. */
static const char *
next_line(struct ids *it)
{
	ssize_t n;
	char *s, *e;

	while ((n = getline(&it->line.s, &it->line.cap, stdin)) >= 0) {
		it->lineno++;
		it->line.len = (size_t)n;
		s = it->line.s;
		/* The C string would end at the NUL: "1\0junk" would act on
		 * record 1. */
		if (memchr(s, '\0', (size_t)n))
			die(EX_DATAERR, "stdin:%ld: a NUL byte: ids are text, one "
			    "a line", it->lineno);
		e = s + n;
		while (e > s && blank(e[-1]))
			e--;
		*e = '\0';
		while (blank(*s))
			s++;
		/* A tab inside: a whole tsv line, not an id. */
		if (strchr(s, '\t'))
			die(EX_DATAERR, "stdin:%ld: '%.40s...' is a table row, not an "
			    "id: pipe ids one a line, as -o ids prints them",
			    it->lineno, s);
		if (*s)
			return s;
	}
	if (ferror(stdin))
		die(EX_IOERR, "reading ids from stdin:");
	return NULL;
}

/* Arguments are returned as given; lines of stdin trimmed.  lineno
 * counts the lines of stdin read so far (for messages).  The line buffer
 * is freed when the end is reached. */
const char *
ids_next(struct ids *it)
{
	const char *s;

	for (;;) {
		if (it->reading_stdin) {
			if ((s = next_line(it)))
				return s;
			it->reading_stdin = 0;
			continue;
		}
		if (it->i >= it->argc)
			break;
		s = it->argv[it->i++];
		if (strcmp(s, "-") == 0) {
			it->reading_stdin = 1;
			continue;
		}
		return s;
	}
	buf_free(&it->line);
	free(it->seen);
	it->seen = NULL;
	it->nseen = 0;
	return NULL;
}

int
ids_seen(struct ids *it, int64_t id)
{
	size_t i;

	for (i = 0; i < it->nseen; i++)
		if (it->seen[i] == id)
			return 1;
	it->seen = xrealloc(it->seen, (it->nseen + 1) * sizeof *it->seen);
	it->seen[it->nseen++] = id;
	return 0;
}
