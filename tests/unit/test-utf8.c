/* test-utf8.c - unit tests of lib/utf8.c: well-formed UTF-8 as RFC 3629
 * defines it, and cutting text at character boundaries. */
#include <string.h>

#include "crm.h"
#include "tap.h"

/* utf8_seq: the length of the sequence at s, of n bytes. */
static const struct {
	const char *s;
	size_t n, len;
	const char *why;
} seq_cases[] = {
	{ "", 0, 0, "nothing" },
	{ "a", 1, 1, "ASCII" },
	{ "\x7f", 1, 1, "DEL" },
	{ "", 1, 1, "NUL is a character" },
	{ "ab", 2, 1, "one character at a time" },
	{ "\xc2\x80", 2, 2, "2-byte U+0080" },
	{ "\xc3\xa9x", 3, 2, "2-byte e acute, then more" },
	{ "\xdf\xbf", 2, 2, "2-byte U+07FF" },
	{ "\xe0\xa0\x80", 3, 3, "3-byte U+0800" },
	{ "\xe6\xa6\x86", 3, 3, "3-byte CJK" },
	{ "\xed\x9f\xbf", 3, 3, "3-byte U+D7FF" },
	{ "\xee\x80\x80", 3, 3, "3-byte U+E000" },
	{ "\xef\xbf\xbf", 3, 3, "3-byte U+FFFF" },
	{ "\xf0\x90\x80\x80", 4, 4, "4-byte U+10000" },
	{ "\xf0\x9f\x98\x80", 4, 4, "4-byte emoji" },
	{ "\xf4\x8f\xbf\xbf", 4, 4, "4-byte U+10FFFF" },
	{ "\xc0\xaf", 2, 0, "overlong c0" },
	{ "\xc1\xbf", 2, 0, "overlong c1" },
	{ "\xe0\x80\xaf", 3, 0, "overlong 3-byte" },
	{ "\xe0\x9f\xbf", 3, 0, "overlong 3-byte U+07FF" },
	{ "\xf0\x80\x80\xaf", 4, 0, "overlong 4-byte" },
	{ "\xf0\x8f\xbf\xbf", 4, 0, "overlong 4-byte U+FFFF" },
	{ "\xed\xa0\x80", 3, 0, "surrogate U+D800" },
	{ "\xed\xbf\xbf", 3, 0, "surrogate U+DFFF" },
	{ "\xf4\x90\x80\x80", 4, 0, "U+110000, past U+10FFFF" },
	{ "\xf5\x80\x80\x80", 4, 0, "lead f5" },
	{ "\xf8\x88\x80\x80\x80", 5, 0, "5-byte form" },
	{ "\xfe", 1, 0, "byte fe" },
	{ "\xff", 1, 0, "byte ff" },
	{ "\x80", 1, 0, "lone continuation 80" },
	{ "\xbf", 1, 0, "lone continuation bf" },
	{ "\xc2", 1, 0, "truncated 2-byte" },
	{ "\xe6\xa6", 2, 0, "truncated 3-byte" },
	{ "\xf0\x9f\x98", 3, 0, "truncated 4-byte" },
	{ "\xe6\xa6\x86", 2, 0, "n cuts the character" },
	{ "\xe6\xa6\x86", 0, 0, "n is 0" },
	{ "\xc3" "a", 2, 0, "ASCII for a continuation" },
	{ "\xe6\x41\x86", 3, 0, "bad second byte" },
	{ "\xe6\xa6\x41", 3, 0, "bad third byte" },
	{ "\xf0\x9f\x98\x41", 4, 0, "bad fourth byte" },
	{ "\xe6\xa6", 3, 0, "NUL where a continuation should be" },
};

/* utf8_lead: length and second-byte range for each kind of byte. */
static const struct {
	unsigned char b;
	size_t len;
	unsigned char lo, hi;
} lead_cases[] = {
	{ 0x00, 1, 0x80, 0xbf }, { 0x41, 1, 0x80, 0xbf },
	{ 0x7f, 1, 0x80, 0xbf }, { 0x80, 0, 0x80, 0xbf },
	{ 0xbf, 0, 0x80, 0xbf }, { 0xc0, 0, 0x80, 0xbf },
	{ 0xc1, 0, 0x80, 0xbf }, { 0xc2, 2, 0x80, 0xbf },
	{ 0xdf, 2, 0x80, 0xbf }, { 0xe0, 3, 0xa0, 0xbf },
	{ 0xe1, 3, 0x80, 0xbf }, { 0xec, 3, 0x80, 0xbf },
	{ 0xed, 3, 0x80, 0x9f }, { 0xee, 3, 0x80, 0xbf },
	{ 0xef, 3, 0x80, 0xbf }, { 0xf0, 4, 0x90, 0xbf },
	{ 0xf1, 4, 0x80, 0xbf }, { 0xf3, 4, 0x80, 0xbf },
	{ 0xf4, 4, 0x80, 0x8f }, { 0xf5, 0, 0x80, 0xbf },
	{ 0xf8, 0, 0x80, 0xbf }, { 0xff, 0, 0x80, 0xbf },
};

/* utf8_valid: the offset of the first bad sequence. */
static const struct {
	const char *s;
	size_t n;
	int valid;
	size_t bad;
	const char *why;
} valid_cases[] = {
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

/* utf8_cut: the longest head of at most max bytes of s (all of it). */
static const struct {
	const char *s;
	size_t max, cut;
	const char *why;
} cut_cases[] = {
	{ "", 0, 0, "empty" },
	{ "", 5, 0, "empty, room to spare" },
	{ "abc", 0, 0, "ASCII, nothing kept" },
	{ "abc", 2, 2, "ASCII anywhere" },
	{ "abc", 3, 3, "ASCII, all of it" },
	{ "abc", 9, 3, "max past the end" },
	/* 榆阳区: three characters of three bytes. */
	{ "\xe6\xa6\x86\xe9\x98\xb3\xe5\x8c\xba", 1, 0, "CJK: inside the first" },
	{ "\xe6\xa6\x86\xe9\x98\xb3\xe5\x8c\xba", 2, 0, "CJK: end of the first" },
	{ "\xe6\xa6\x86\xe9\x98\xb3\xe5\x8c\xba", 3, 3, "CJK: after the first" },
	{ "\xe6\xa6\x86\xe9\x98\xb3\xe5\x8c\xba", 4, 3, "CJK: 1 into the second" },
	{ "\xe6\xa6\x86\xe9\x98\xb3\xe5\x8c\xba", 5, 3, "CJK: 2 into the second" },
	{ "\xe6\xa6\x86\xe9\x98\xb3\xe5\x8c\xba", 6, 6, "CJK: after the second" },
	{ "\xe6\xa6\x86\xe9\x98\xb3\xe5\x8c\xba", 8, 6, "CJK: inside the last" },
	{ "\xe6\xa6\x86\xe9\x98\xb3\xe5\x8c\xba", 9, 9, "CJK: all of it" },
	{ "a\xe6\xa6\x86", 2, 1, "ASCII then CJK, cut in it" },
	{ "\xc3\xa9", 1, 0, "2-byte, cut in it" },
	{ "a\xf0\x9f\x98\x80" "b", 2, 1, "4-byte: 1 in" },
	{ "a\xf0\x9f\x98\x80" "b", 4, 1, "4-byte: 3 in" },
	{ "a\xf0\x9f\x98\x80" "b", 5, 5, "4-byte: after it" },
	{ "\xff\xff\xff", 2, 2, "invalid bytes stand alone" },
	{ "\x80\x80\x80\x80\x80", 3, 3, "stray continuations stand alone" },
	{ "ab\xe6\xa6", 3, 3, "a truncated sequence is no character" },
	{ "\xc0\xaf", 1, 1, "an overlong form is no character" },
	{ "\xed\xa0\x80", 2, 2, "a surrogate is no character" },
	{ "\xf4\x90\x80\x80", 2, 2, "past U+10FFFF is no character" },
	{ "\xe6\xa6\x86\x80\xe9\x98\xb3", 4, 4, "after a stray continuation" },
	{ "\xe6\xa6\x86\x80\xe9\x98\xb3", 5, 4, "CJK after a stray byte" },
};

/*
 * The oracle: RFC 3629 section 3 read literally.  The length from the
 * high bits of the first byte, every other byte 10xxxxxx, then the code
 * point must need that many bytes, be no surrogate and be at most
 * U+10FFFF.
 */
static size_t
rfc3629_len(const unsigned char *p, size_t n)
{
	static const unsigned long min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	unsigned long cp;
	size_t len, i;

	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		return 1;
	else if ((p[0] & 0xe0) == 0xc0)
		len = 2, cp = p[0] & 0x1f;
	else if ((p[0] & 0xf0) == 0xe0)
		len = 3, cp = p[0] & 0x0f;
	else if ((p[0] & 0xf8) == 0xf0)
		len = 4, cp = p[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if (cp < min[len] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/* Every first and second byte, followed by both ends of the
 * continuation range: utf8_seq and utf8_lead agree with the oracle. */
static void
test_all_pairs(void)
{
	static const unsigned char tails[] = { 0x80, 0xbf, 0x41 };
	unsigned char s[4], lo, hi;
	unsigned a, b, t, wrong = 0, wrong_lead = 0;
	size_t want, len;

	for (a = 0; a < 256; a++)
		for (b = 0; b < 256; b++)
			for (t = 0; t < sizeof tails; t++) {
				s[0] = (unsigned char)a;
				s[1] = (unsigned char)b;
				s[2] = s[3] = tails[t];
				want = rfc3629_len(s, 4);
				if (utf8_seq((const char *)s, 4) != want)
					wrong++;
				/* The lead rule alone, as csvin uses it. */
				len = utf8_lead(s[0], &lo, &hi);
				if (want == 1 && len != 1)
					wrong_lead++;
				if (want > 1 && (len != want || b < lo ||
				    b > hi))
					wrong_lead++;
				if (want == 0 && len > 1 && b >= lo &&
				    b <= hi && t < 2)
					wrong_lead++;
			}
	is_int(wrong, 0, "utf8_seq agrees with RFC 3629 on all 2-byte "
	    "prefixes");
	is_int(wrong_lead, 0, "utf8_lead's length and second-byte range "
	    "agree too");
}

/* Every cut of a mixed text lands on a boundary, as late as it can. */
static void
test_cut_everywhere(void)
{
	static const char s[] = "a\xc3\xa9\xe6\xa6\x86\xf0\x9f\x98\x80"
	    "\xff\xe9\x98\xb3" "b";
	size_t n = sizeof s - 1, max, cut, next, at;
	unsigned bad = 0;

	for (max = 0; max <= n + 1; max++) {
		cut = utf8_cut(s, n, max);
		next = cut + utf8_charlen(s + cut, n - cut);
		/* A boundary: the characters from 0 end exactly at cut. */
		for (at = 0; at < cut;)
			at += utf8_charlen(s + at, n - at);
		if (at != cut || cut > max || (cut < n && next <= max))
			bad++;
	}
	is_int(bad, 0, "utf8_cut at every length of a mixed text");
}

int
main(void)
{
	size_t k, bad, len;
	unsigned char lo, hi;
	int r;

	for (k = 0; k < sizeof seq_cases / sizeof *seq_cases; k++)
		is_int(utf8_seq(seq_cases[k].s, seq_cases[k].n),
		    seq_cases[k].len, "utf8_seq: %s", seq_cases[k].why);
	for (k = 0; k < sizeof lead_cases / sizeof *lead_cases; k++) {
		lo = hi = 0;
		len = utf8_lead(lead_cases[k].b, &lo, &hi);
		ok(len == lead_cases[k].len && (len < 2 ||
		    (lo == lead_cases[k].lo && hi == lead_cases[k].hi)),
		    "utf8_lead %02x: %zu, %02x..%02x", lead_cases[k].b, len,
		    lo, hi);
	}
	test_all_pairs();
	for (k = 0; k < sizeof valid_cases / sizeof *valid_cases; k++) {
		bad = 999;
		r = utf8_valid(valid_cases[k].s, valid_cases[k].n, &bad);
		is_int(r, valid_cases[k].valid, "utf8_valid: %s",
		    valid_cases[k].why);
		is_int(bad, valid_cases[k].valid ? 999 : valid_cases[k].bad,
		    "utf8_valid offset: %s", valid_cases[k].why);
	}
	ok(utf8_valid("\xff", 1, NULL) == 0, "utf8_valid with bad NULL");
	for (k = 0; k < sizeof cut_cases / sizeof *cut_cases; k++)
		is_int(utf8_cut(cut_cases[k].s, strlen(cut_cases[k].s),
		    cut_cases[k].max), cut_cases[k].cut, "utf8_cut %zu: %s",
		    cut_cases[k].max, cut_cases[k].why);
	is_int(utf8_cut("\xe6\xa6\x86\xe9\x98\xb3", 4, 9), 4,
	    "utf8_cut: max past n gives n, even inside a character");
	test_cut_everywhere();

	is_int(utf8_charlen("", 0), 0, "utf8_charlen: nothing");
	is_int(utf8_charlen("a", 1), 1, "utf8_charlen: ASCII");
	is_int(utf8_charlen("\xe6\xa6\x86", 3), 3, "utf8_charlen: CJK");
	is_int(utf8_charlen("\xf0\x9f\x98\x80", 4), 4, "utf8_charlen: emoji");
	is_int(utf8_charlen("\xff\x80", 2), 1, "utf8_charlen: a bad byte");
	is_int(utf8_charlen("\xe6\xa6", 2), 1, "utf8_charlen: truncated");

	is_int(utf8_chars("", 0), 0, "utf8_chars: empty");
	is_int(utf8_chars("abc", 3), 3, "utf8_chars: ASCII");
	is_int(utf8_chars("\xe6\xa6\x86\xe9\x98\xb3\xe5\x8c\xba", 9), 3,
	    "utf8_chars: CJK");
	is_int(utf8_chars("a\xf0\x9f\x98\x80" "b", 6), 3,
	    "utf8_chars: emoji between ASCII");
	is_int(utf8_chars("\xe6\xa6\x86\xe9", 4), 2,
	    "utf8_chars: a character begun counts");
	return done_testing();
}
