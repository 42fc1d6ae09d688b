/* test-width.c - unit tests of lib/width.c (must pass under LC_ALL=C). */
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

static const struct {
	const char *s;
	size_t n;
	int valid;
	size_t bad;
	const char *why;
} utf8_cases[] = {
	{ "", 0, 1, 0, "empty" },
	{ "abc", 3, 1, 0, "ASCII" },
	{ "\xe6\xa6\x86\xe9\x98\xb3\xe5\x8c\xba", 9, 1, 0, "CJK" },
	{ "a\0b", 3, 1, 0, "NUL allowed" },
	{ "\xc2\x80", 2, 1, 0, "U+0080" },
	{ "\xdf\xbf", 2, 1, 0, "U+07FF" },
	{ "\xe0\xa0\x80", 3, 1, 0, "U+0800" },
	{ "\xed\x9f\xbf", 3, 1, 0, "U+D7FF" },
	{ "\xee\x80\x80", 3, 1, 0, "U+E000" },
	{ "\xef\xbf\xbf", 3, 1, 0, "U+FFFF" },
	{ "\xef\xbb\xbf", 3, 1, 0, "BOM" },
	{ "\xf0\x90\x80\x80", 4, 1, 0, "U+10000" },
	{ "\xf0\x9f\x98\x80", 4, 1, 0, "emoji" },
	{ "\xf4\x8f\xbf\xbf", 4, 1, 0, "U+10FFFF" },
	{ "\xc0\xaf", 2, 0, 0, "overlong slash c0 af" },
	{ "ab\xc1\xbf", 4, 0, 2, "overlong c1" },
	{ "\xe0\x80\xaf", 3, 0, 0, "overlong 3-byte" },
	{ "\xe0\x9f\xbf", 3, 0, 0, "overlong 3-byte U+07FF" },
	{ "\xf0\x80\x80\xaf", 4, 0, 0, "overlong 4-byte" },
	{ "\xf0\x8f\xbf\xbf", 4, 0, 0, "overlong 4-byte U+FFFF" },
	{ "\xed\xa0\x80", 3, 0, 0, "surrogate D800" },
	{ "x\xed\xbf\xbf", 4, 0, 1, "surrogate DFFF" },
	{ "\xf4\x90\x80\x80", 4, 0, 0, "U+110000" },
	{ "\xf5\x80\x80\x80", 4, 0, 0, "lead f5" },
	{ "\xf8\x88\x80\x80\x80", 5, 0, 0, "5-byte form" },
	{ "\xff", 1, 0, 0, "byte ff" },
	{ "\xfe", 1, 0, 0, "byte fe" },
	{ "\xe6\xa6", 2, 0, 0, "truncated at the end" },
	{ "abc\xe6\xa6", 5, 0, 3, "truncated after ASCII" },
	{ "\xe6\xa6x", 3, 0, 0, "truncated before ASCII" },
	{ "\xf0\x9f\x98", 3, 0, 0, "truncated 4-byte" },
	{ "\xe6\xa6\x86\x80", 4, 0, 3, "stray continuation" },
	{ "\x80", 1, 0, 0, "lone continuation" },
	{ "\xe6\xa6\x86\xe6\xa6", 5, 0, 3, "CJK then truncated" },
	/* n limits the bytes looked at. */
	{ "\xe6\xa6\x86", 2, 0, 0, "n cuts a character" },
	{ "ab\xff", 2, 1, 0, "n stops before a bad byte" },
};

int
main(void)
{
	size_t k, bad;
	int r;

	width_init();
	for (k = 0; k < sizeof width_cases / sizeof *width_cases; k++)
		is_int(display_width(width_cases[k].s), width_cases[k].w,
		    "display_width: %s", width_cases[k].why);
	for (k = 0; k < sizeof utf8_cases / sizeof *utf8_cases; k++) {
		bad = 999;
		r = utf8_valid(utf8_cases[k].s, utf8_cases[k].n, &bad);
		is_int(r, utf8_cases[k].valid, "utf8_valid: %s",
		    utf8_cases[k].why);
		is_int(bad, utf8_cases[k].valid ? 999 : utf8_cases[k].bad,
		    "utf8_valid offset: %s", utf8_cases[k].why);
	}
	ok(utf8_valid("\xff", 1, NULL) == 0, "utf8_valid with bad NULL");
	return done_testing();
}
