/* test-tsvin.c - unit tests of lib/tsvin.c, input from fmemopen. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "tap.h"

/*
 * Each case: the input, then what the reader gives, one entry per row
 * (header first): "LINE:field|field|...", and at the end the error (or
 * NULL) and its exit code.  '|' is safe as a separator: no case holds one.
 */
#define MAXR 8
static const struct {
	const char *why;
	const char *in;
	size_t len;		/* 0: strlen(in) */
	const char *want[MAXR];	/* NULL-terminated */
	const char *err;
	int code;
} cases[] = {
	{ "empty input", "", 0, { NULL }, NULL, 0 },
	{ "header only", "a\tb\n", 0, { "1:a|b", NULL }, NULL, 0 },
	{ "header without a newline", "a\tb", 0, { "1:a|b", NULL }, NULL, 0 },
	{ "rows", "a\tb\n1\t2\n3\t4\n", 0,
	    { "1:a|b", "2:1|2", "3:3|4", NULL }, NULL, 0 },
	{ "last row without a newline", "a\tb\n1\t2", 0,
	    { "1:a|b", "2:1|2", NULL }, NULL, 0 },
	{ "empty fields", "a\tb\tc\n\t\t\n", 0, { "1:a|b|c", "2:||", NULL },
	    NULL, 0 },
	{ "blank lines skipped, physical line numbers", "a\n\n1\n\r\n\n2\n", 0,
	    { "1:a", "3:1", "6:2", NULL }, NULL, 0 },
	{ "CR LF", "a\tb\r\n1\t2\r\n", 0, { "1:a|b", "2:1|2", NULL }, NULL, 0 },
	{ "a lone CR inside a value stays", "a\n1\r2\n", 0,
	    { "1:a", "2:1\r2", NULL }, NULL, 0 },
	{ "escapes undone", "a\n\\t\\n\\r\\\\\n", 0,
	    { "1:a", "2:\t\n\r\\", NULL }, NULL, 0 },
	{ "escapes in the header", "a\\tb\tc\n1\t2\n", 0,
	    { "1:a\tb|c", "2:1|2", NULL }, NULL, 0 },
	{ "other backslashes stay", "a\n\\x\\\\t\\\n", 0,
	    { "1:a", "2:\\x\\t\\", NULL }, NULL, 0 },
	{ "a backslash before a tab stays", "a\tb\nx\\\ty\n", 0,
	    { "1:a|b", "2:x\\|y", NULL }, NULL, 0 },
	{ "UTF-8", "\xe5\xae\xa2\xe6\x88\xb7\temail\n"
	    "\xe4\xb8\x9c\xe6\x96\xb9\twang@example.com\n", 0,
	    { "1:\xe5\xae\xa2\xe6\x88\xb7|email",
	      "2:\xe4\xb8\x9c\xe6\x96\xb9|wang@example.com", NULL }, NULL, 0 },
	{ "a blank first line is the header", "\n1\n", 0, { "1:", "2:1", NULL },
	    NULL, 0 },
	{ "too few fields", "a\tb\tc\n1\t2\t3\n1\t2\n", 0,
	    { "1:a|b|c", "2:1|2|3", NULL }, "t:3: 2 fields, the header has 3",
	    65 },
	{ "too many fields", "a\n\n1\t2\n", 0, { "1:a", NULL },
	    "t:3: 2 fields, the header has 1", 65 },
	{ "an escaped tab is no separator", "a\tb\n1\\t2\n", 0, { "1:a|b", NULL },
	    "t:2: 1 fields, the header has 2", 65 },
	{ "NUL byte", "a\n1\nx\0y\n", 7, { "1:a", "2:1", NULL },
	    "t:3: contains a NUL byte", 65 },
	{ "NUL in the header", "a\0\n", 3, { NULL },
	    "t:1: contains a NUL byte", 65 },
	{ "invalid UTF-8 (GBK)", "a\tb\n\xb6\xab\xb7\xbd\tx\n", 0,
	    { "1:a|b", NULL }, "t:2: not valid UTF-8 (byte 1)", 65 },
	{ "invalid UTF-8 later on the line", "a\tb\nx\t\xe6\xa6\n", 0,
	    { "1:a|b", NULL }, "t:2: not valid UTF-8 (byte 3)", 65 },
	{ "a surrogate is invalid", "a\n\xed\xa0\x80\n", 0, { "1:a", NULL },
	    "t:2: not valid UTF-8 (byte 1)", 65 },
	{ "invalid UTF-8 in the header", "\xff\n", 0, { NULL },
	    "t:1: not valid UTF-8 (byte 1)", 65 },
};

/* The row as "LINE:f|f|..." into B. */
static void
show(struct buf *b, const struct tsvrow *r)
{
	int i;

	buf_reset(b);
	buf_printf(b, "%ld:", r->line);
	for (i = 0; i < r->n; i++) {
		if (i)
			buf_addc(b, '|');
		buf_adds(b, r->f[i]);
	}
}

static void
run_case(size_t k)
{
	size_t len = cases[k].len ? cases[k].len : strlen(cases[k].in);
	FILE *fp = fmemopen((void *)(uintptr_t)cases[k].in, len, "r");
	struct tsvin *t;
	struct tsvrow *r;
	struct buf b = {0};
	int i = 0, rc;

	if (!fp) {
		ok(0, "%s: fmemopen", cases[k].why);
		return;
	}
	t = tsvin_fp(fp, "t");
	rc = tsvin_header(t, &r);
	if (rc > 0) {
		show(&b, r);
		is_str(buf_str(&b), cases[k].want[i], "%s: header",
		    cases[k].why);
		i++;
		while ((rc = tsvin_next(t, &r)) > 0) {
			show(&b, r);
			is_str(buf_str(&b), cases[k].want[i], "%s: row %d",
			    cases[k].why, i);
			if (cases[k].want[i])
				i++;
		}
	}
	ok(cases[k].want[i] == NULL, "%s: every row read (%d)",
	    cases[k].why, i);
	is_int(rc, cases[k].err ? -1 : 0, "%s: ends with %s", cases[k].why,
	    cases[k].err ? "an error" : "the input");
	if (cases[k].err) {
		is_str(tsvin_error(t), cases[k].err, "%s: message",
		    cases[k].why);
		is_int(tsvin_errcode(t), cases[k].code, "%s: exit code",
		    cases[k].why);
		is_int(tsvin_next(t, &r), -1, "%s: and stays in error",
		    cases[k].why);
	} else {
		is_int(tsvin_next(t, &r), 0, "%s: and stays at the end",
		    cases[k].why);
	}
	tsvin_close(t);
	fclose(fp);
	buf_free(&b);
}

/* Whatever tsv_escape writes, the reader gives back. */
static void
test_round_trip(void)
{
	static const char *const v[] = {
		"plain", "", "tab\there", "line\nbreak", "cr\rlf\r\n",
		"back\\slash", "\\t literally", "trailing\\", "\\\\n",
		"\xe6\xa6\x86\xe9\x98\xb3\xe5\x8c\xba\t\xf0\x9f\x98\x80",
	};
	size_t n = sizeof v / sizeof v[0], i;
	struct buf text = {0};
	struct tsvin *t;
	struct tsvrow *r;
	FILE *fp;
	int same = 1;

	for (i = 0; i < n; i++)
		buf_printf(&text, "%sc%zu", i ? "\t" : "", i);
	buf_addc(&text, '\n');
	for (i = 0; i < n; i++) {
		if (i)
			buf_addc(&text, '\t');
		tsv_escape(&text, v[i]);
	}
	buf_addc(&text, '\n');
	fp = fmemopen(text.s, text.len, "r");
	if (!fp) {
		ok(0, "round trip: fmemopen");
		return;
	}
	t = tsvin_fp(fp, "t");
	if (tsvin_next(t, &r) != 1 || r->n != (int)n) {
		same = 0;
	} else {
		for (i = 0; i < n; i++)
			if (strcmp(r->f[i], v[i]) != 0)
				same = 0;
	}
	ok(same, "tsv_escape then tsvin gives the values back");
	is_int(tsvin_next(t, &r), 0, "round trip: one row");
	tsvin_close(t);
	fclose(fp);
	buf_free(&text);
}

int
main(void)
{
	struct tsvin *t;
	struct tsvrow *r;
	FILE *dir;
	size_t k;

	for (k = 0; k < sizeof cases / sizeof cases[0]; k++)
		run_case(k);
	test_round_trip();

	/* A read error: a directory opens but cannot be read (tsvin_open
	 * refuses one before reading, lib/infile.c). */
	dir = fopen(".", "r");
	t = tsvin_fp(dir, ".");
	is_str(tsvin_name(t), ".", "tsvin_name is the path");
	is_int(tsvin_header(t, &r), -1, "a read error ends the input");
	is_str(tsvin_error(t), "cannot read '.': Is a directory",
	    "and says why");
	is_int(tsvin_errcode(t), 74, "with exit code 74");
	tsvin_close(t);
	fclose(dir);

	t = tsvin_open("-");
	is_str(tsvin_name(t), "stdin", "- is stdin");
	tsvin_close(t);
	t = tsvin_open(NULL);
	is_str(tsvin_name(t), "stdin", "NULL is stdin");
	tsvin_close(t);
	return done_testing();
}
