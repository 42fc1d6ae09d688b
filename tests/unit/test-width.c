/* test-width.c - unit tests of lib/width.c (must pass under LC_ALL=C);
 * UTF-8 validity is tested in test-utf8.c. */
#include <string.h>

#include "crm.h"
#include "tap.h"

static const struct {
	const char *s;
	size_t w;
	const char *why;
} width_cases[] = {
	{ "", 0, "empty" },
	{ "abc", 3, "ASCII" },
	{ "\xe6\xa6\x86\xe9\x98\xb3\xe5\x8c\xba", 6, "榆阳区" },
	{ "\xe5\xbc\xa0\xe4\xb8\x89 A", 6, "张三 A" },
	{ "\xe5\xbc\xa0\xe4\xb8\x89", 4, "张三" },
	{ "a\xf0\x9f\x98\x80" "b", 4, "a, emoji U+1F600, b" },
	{ "\xe5\xbc\xa0\xf0\x9f\x98\x80", 4, "张 and an emoji" },
	{ "\xef\xbc\xa1", 2, "full-width A" },
	{ "\xed\x95\x9c", 2, "Hangul syllable" },
	{ "\xe3\x80\x81", 2, "ideographic comma" },
	{ "e\xcc\x81", 1, "e and a combining acute" },
	{ "a\xe2\x80\x8b" "b", 2, "zero-width space" },
	{ "\xc3\xa9t\xc3\xa9", 3, "été (Latin-1 supplement)" },
	{ "a\tb", 2, "tab counts 0" },
	{ "a\x1b[1mb", 5, "escape counts 0" },
	{ "a\x7f", 1, "DEL counts 0" },
	{ "a\xff" "b", 3, "invalid byte ff counts 1" },
	{ "\xff\xfe", 2, "two invalid bytes" },
	{ "\xe6\xa6", 2, "truncated sequence at the end" },
	{ "ab\xe6\xa6", 4, "ASCII then a truncated sequence" },
	{ "\xe6\xa6x", 3, "truncated sequence then ASCII" },
	{ "\x80\x80", 2, "stray continuation bytes" },
	{ "\xc0\xaf", 2, "overlong slash" },
	{ "\xe6\xa6\x86\xff\xe9\x98\xb3", 5, "CJK around an invalid byte" },
};

int
main(void)
{
	size_t k;

	width_init();
	for (k = 0; k < sizeof width_cases / sizeof *width_cases; k++)
		is_int(display_width(width_cases[k].s), width_cases[k].w,
		    "display_width: %s", width_cases[k].why);
	return done_testing();
}
