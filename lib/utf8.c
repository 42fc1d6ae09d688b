/* utf8.c - what a well-formed UTF-8 sequence is (RFC 3629), in one place:
 * no overlong forms, no surrogates (U+D800..U+DFFF), nothing past
 * U+10FFFF.  Every reader, writer and check in crm asks these functions. */
#include "crm.h"

/* A continuation byte, 10xxxxxx: never the start of a character. */
static int
cont(unsigned char b)
{
	return (b & 0xc0) == 0x80;
}

size_t
utf8_lead(unsigned char b, unsigned char *lo, unsigned char *hi)
{
	*lo = 0x80;
	*hi = 0xbf;
	if (b < 0x80)
		return 1;
	if (b >= 0xc2 && b <= 0xdf)	/* c0 c1 would be overlong */
		return 2;
	if (b >= 0xe0 && b <= 0xef) {
		if (b == 0xe0)
			*lo = 0xa0;	/* overlong */
		if (b == 0xed)
			*hi = 0x9f;	/* surrogates */
		return 3;
	}
	if (b >= 0xf0 && b <= 0xf4) {
		if (b == 0xf0)
			*lo = 0x90;	/* overlong */
		if (b == 0xf4)
			*hi = 0x8f;	/* past U+10FFFF */
		return 4;
	}
	return 0;	/* a continuation byte, or f5..ff */
}

size_t
utf8_seq(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char lo, hi;
	size_t len, i;

	if (n == 0 || (len = utf8_lead(p[0], &lo, &hi)) == 0 || len > n)
		return 0;
	if (len == 1)
		return 1;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (!cont(p[i]))
			return 0;
	return len;
}

size_t
utf8_charlen(const char *s, size_t n)
{
	size_t k;

	if (n == 0)
		return 0;
	return (k = utf8_seq(s, n)) ? k : 1;
}

int
utf8_valid(const char *s, size_t n, size_t *bad)
{
	size_t i, k;

	for (i = 0; i < n; i += k)
		if ((k = utf8_seq(s + i, n - i)) == 0) {
			if (bad)
				*bad = i;
			return 0;
		}
	return 1;
}

size_t
utf8_chars(const char *s, size_t n)
{
	size_t k = 0;

	while (n--)
		if (!cont((unsigned char)*s++))
			k++;
	return k;
}

/*
 * A cut at MAX splits a character only when a well-formed sequence starts
 * in the 3 bytes before it and runs past it.  The nearest byte there that
 * is no continuation byte starts a character whatever came before (a
 * sequence holds only continuation bytes after its lead), so it is the
 * only one to look at.
 */
size_t
utf8_cut(const char *s, size_t n, size_t max)
{
	size_t i;

	if (max >= n)
		return n;
	for (i = max; i > 0 && max - i < 3;) {
		i--;
		if (!cont((unsigned char)s[i]))
			return utf8_seq(s + i, n - i) > max - i ? i : max;
	}
	return max;
}
