/* width.c - display width of UTF-8 text. */
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
	return display_width_n(s, strlen(s));
}

size_t
display_width_n(const char *s, size_t n)
{
	size_t w = 0, k;
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
