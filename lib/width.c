/* width.c - display width of UTF-8 text and strict UTF-8 validation. */
#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "crm.h"

static int
utf8_codeset(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcasecmp(cs, "UTF-8") == 0 ||
	    strcasecmp(cs, "UTF8") == 0);
}

/* The user's LC_CTYPE when it is UTF-8, else C.UTF-8 (if installed). */
void
width_init(void)
{
	setlocale(LC_CTYPE, "");
	if (!utf8_codeset())
		setlocale(LC_CTYPE, "C.UTF-8");
}

/*
 * Columns S takes on a terminal: wcwidth() of each character (CJK 2);
 * control and unprintable characters 0; each byte that is not part of a
 * valid character 1.
 */
size_t
display_width(const char *s)
{
	size_t n = strlen(s), w = 0, k;
	mbstate_t st;
	wchar_t wc;
	int cw;

	memset(&st, 0, sizeof st);
	while (n > 0) {
		k = mbrtowc(&wc, s, n, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			/* Invalid or truncated: one column for the byte. */
			memset(&st, 0, sizeof st);
			w++;
			s++;
			n--;
			continue;
		}
		cw = wcwidth(wc);
		if (cw > 0)
			w += (size_t)cw;
		s += k;
		n -= k;
	}
	return w;
}

/* Strict UTF-8 (no overlong forms, surrogates or values past U+10FFFF);
 * NUL bytes are allowed.  On failure *BAD = offset of the first bad byte
 * (the lead byte of a bad sequence). */
int
utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len, j;
	unsigned char c, lo, hi;

	while (i < n) {
		c = p[i];
		lo = 0x80;
		hi = 0xbf;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			if (c == 0xe0)
				lo = 0xa0;	/* overlong */
			else if (c == 0xed)
				hi = 0x9f;	/* surrogates */
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			if (c == 0xf0)
				lo = 0x90;	/* overlong */
			else if (c == 0xf4)
				hi = 0x8f;	/* past U+10FFFF */
		} else {
			goto fail;	/* continuation, c0 c1, f5..ff */
		}
		if (n - i < len)
			goto fail;
		if (p[i + 1] < lo || p[i + 1] > hi)
			goto fail;
		for (j = 2; j < len; j++)
			if (p[i + j] < 0x80 || p[i + j] > 0xbf)
				goto fail;
		i += len;
	}
	return 1;
fail:
	if (bad)
		*bad = i;
	return 0;
}

size_t
utf8_chars(const char *s, size_t n)
{
	size_t k = 0;

	while (n--)
		if ((*s++ & 0xc0) != 0x80)
			k++;
	return k;
}
