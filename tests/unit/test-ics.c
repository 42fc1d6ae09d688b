/* test-ics.c - unit tests of lib/ics.c: escaping and folding. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "tap.h"

/* ics_line's output for LINE, in a malloc'd string. */
static char *
fold(const char *line)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);

	ics_line(fp, line);
	fclose(fp);
	return s;
}

/* Every physical line: at most 75 octets, CRLF, no UTF-8 sequence cut. */
static int
well_folded(const char *s, const char *orig)
{
	struct buf un = {0};
	const char *p = s, *e;
	size_t bad;
	int first = 1, good = 1;

	while (*p) {
		if (!(e = strstr(p, "\r\n")))
			return 0;
		if (e - p > 75 || !utf8_valid(p, (size_t)(e - p), &bad))
			good = 0;
		if (!first && *p != ' ')
			good = 0;
		buf_add(&un, p + !first, (size_t)(e - p) - !first);
		first = 0;
		p = e + 2;
	}
	if (strcmp(buf_str(&un), orig))
		good = 0;
	buf_free(&un);
	return good;
}

int
main(void)
{
	struct buf b = {0};
	char line[400], *s;
	int i;

	ics_text(&b, "a\\b;c,d\ne\r\nf\rg\th\001i");
	is_str(buf_str(&b), "a\\\\b\\;c\\,d\\ne\\nf\\ng\thi",
	    "TEXT escapes \\ ; , and line breaks, drops controls");
	buf_free(&b);

	s = fold("BEGIN:VTODO");
	is_str(s, "BEGIN:VTODO\r\n", "a short line ends in CRLF");
	free(s);

	memset(line, 'x', 75);
	line[75] = '\0';
	s = fold(line);
	ok(well_folded(s, line) && !strchr(s + 77, 'x'),
	    "75 octets fit on one line");
	free(s);
	line[75] = 'y';
	line[76] = '\0';
	s = fold(line);
	ok(well_folded(s, line) && strstr(s, "\r\n y\r\n"),
	    "the 76th octet goes to a continuation line");
	free(s);

	/* Three-octet characters from every offset: no cut inside one. */
	for (i = 0; i < 3; i++) {
		struct buf l = {0};
		int k;

		buf_adds(&l, "SUMMARY:");
		for (k = 0; k < i; k++)
			buf_addc(&l, 'a');
		for (k = 0; k < 60; k++)
			buf_adds(&l, "榆");
		s = fold(l.s);
		ok(well_folded(s, l.s), "CJK text folded at offset %d", i);
		free(s);
		buf_free(&l);
	}
	/* Four-octet characters too. */
	memset(&b, 0, sizeof b);
	buf_adds(&b, "DESCRIPTION:");
	for (i = 0; i < 50; i++)
		buf_adds(&b, "\xf0\x9f\x98\x80");
	s = fold(b.s);
	ok(well_folded(s, b.s), "four-octet characters are not cut");
	free(s);
	buf_free(&b);
	return done_testing();
}
