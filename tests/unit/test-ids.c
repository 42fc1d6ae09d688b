/* test-ids.c - unit tests of lib/ids.c, stdin fed from a temp file. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "tap.h"

#define MAXV 8

static const struct {
	const char *why;
	const char *input;		/* stdin */
	const char *argv[MAXV];		/* NULL-terminated */
	const char *want[MAXV];		/* NULL-terminated */
	long lines;			/* lineno at the end */
} cases[] = {
	{ "no arguments", "1\n", { NULL }, { NULL }, 0 },
	{ "arguments only", "9\n", { "1", "C000002", "3", NULL },
	    { "1", "C000002", "3", NULL }, 0 },
	{ "arguments are not trimmed", "", { " 1 ", "", NULL },
	    { " 1 ", "", NULL }, 0 },
	{ "stdin only", "1\n2\n3\n", { "-", NULL }, { "1", "2", "3", NULL },
	    3 },
	{ "no final newline", "1\n2", { "-", NULL }, { "1", "2", NULL }, 2 },
	{ "CRLF", "1\r\n2\r\n", { "-", NULL }, { "1", "2", NULL }, 2 },
	{ "blanks trimmed, blank lines skipped",
	    "  7 \r\n\n\t\n C000123\t\n   \n\r\nlast", { "-", NULL },
	    { "7", "C000123", "last", NULL }, 7 },
	{ "inner blanks kept", "a b\n", { "-", NULL }, { "a b", NULL }, 1 },
	{ "empty stdin", "", { "-", NULL }, { NULL }, 0 },
	{ "blank stdin", "\n \n\t\r\n", { "-", NULL }, { NULL }, 3 },
	{ "mixed, stdin in the middle", "7\n8\n", { "1", "-", "2", NULL },
	    { "1", "7", "8", "2", NULL }, 2 },
	{ "second - finds stdin at its end", "7\n", { "-", "1", "-", NULL },
	    { "7", "1", NULL }, 1 },
	{ "a long line", "0123456789012345678901234567890123456789"
	    "0123456789012345678901234567890123456789"
	    "0123456789012345678901234567890123456789\n",
	    { "-", NULL }, { "0123456789012345678901234567890123456789"
	    "0123456789012345678901234567890123456789"
	    "0123456789012345678901234567890123456789", NULL }, 1 },
	{ "UTF-8 ids", "\xe6\xa6\x86\xe9\x98\xb3\n", { "-", NULL },
	    { "\xe6\xa6\x86\xe9\x98\xb3", NULL }, 1 },
};

/* Point stdin at a new file holding TEXT. */
static int
feed_stdin(const char *text)
{
	char path[] = "/tmp/test-ids.XXXXXX";
	FILE *fp;
	int fd;

	if ((fd = mkstemp(path)) < 0)
		return -1;
	if (!(fp = fdopen(fd, "w")))
		return -1;
	fputs(text, fp);
	fclose(fp);
	if (!freopen(path, "r", stdin))
		return -1;
	unlink(path);
	return 0;
}

int
main(void)
{
	char *argv[MAXV];
	struct ids it;
	const char *s;
	size_t k;
	int argc, j;

	for (k = 0; k < sizeof cases / sizeof *cases; k++) {
		if (feed_stdin(cases[k].input) < 0) {
			ok(0, "feed stdin for %s", cases[k].why);
			continue;
		}
		for (argc = 0; cases[k].argv[argc]; argc++)
			argv[argc] = (char *)cases[k].argv[argc];
		argv[argc] = NULL;
		ids_init(&it, argc, argv);
		for (j = 0; cases[k].want[j]; j++)
			is_str(ids_next(&it), cases[k].want[j], "%s: id %d",
			    cases[k].why, j + 1);
		s = ids_next(&it);
		is_str(s, NULL, "%s: then the end", cases[k].why);
		is_str(ids_next(&it), NULL, "%s: and stays at the end",
		    cases[k].why);
		is_int(it.lineno, cases[k].lines, "%s: lines read",
		    cases[k].why);
	}
	return done_testing();
}
