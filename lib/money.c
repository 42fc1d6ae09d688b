/* money.c - amounts as integer fen: strict parsing and formatting. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

#define MONEY_MAX INT64_C(1000000000000000)	/* 10^15 fen, exclusive */

/*
 * Digits, optionally '.' and one or two more digits: "12", "12.3",
 * "12.34".  No sign, blanks, exponent or separators; "12." and ".5" are
 * refused, as is 10^15 fen (10^13 yuan) or more.
 */
int
money_parse(const char *s, int64_t *fen)
{
	int64_t v = 0;
	int i;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (*s - '0');
		if (v >= MONEY_MAX / 100)
			return -1;
	}
	v *= 100;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return -1;
		for (i = 0; i < 2; i++) {
			if (*s >= '0' && *s <= '9')
				v += (*s++ - '0') * (i == 0 ? 10 : 1);
		}
	}
	if (*s != '\0')
		return -1;
	*fen = v;
	return 0;
}

void
money_format(int64_t fen, char out[32])
{
	uint64_t u = fen < 0 ? -(uint64_t)fen : (uint64_t)fen;

	snprintf(out, 32, "%s%" PRIu64 ".%02u", fen < 0 ? "-" : "",
	    u / 100, (unsigned)(u % 100));
}

static int wan_parse(const char *s, int64_t *fen);

/* S starts with the UTF-8 text P: the bytes after it, else NULL. */
static const char *
after(const char *s, const char *p)
{
	size_t n = strlen(p);

	return strncmp(s, p, n) ? NULL : s + n;
}

int
money_parse_human(const char *s, int64_t *fen)
{
	char *digits;
	const char *p, *end;
	size_t n = 0, k, group;
	int wan = 0, r;

	/* Plain digits (every import's case) go straight through. */
	if (!s[strcspn(s, ",\xc2\xef\xe5\xe4")])
		return money_parse(s, fen);
	/* ¥ or ￥ before, 元 after, 万 (ten thousand) before 元. */
	if ((p = after(s, "\xc2\xa5")) || (p = after(s, "\xef\xbf\xa5")))
		s = p;
	end = s + strlen(s);
	if (end - s > 3 && !strcmp(end - 3, "\xe5\x85\x83"))	/* 元 */
		end -= 3;
	if (end - s > 3 && !strncmp(end - 3, "\xe4\xb8\x87", 3)) {	/* 万 */
		end -= 3;
		wan = 1;
	}
	/* Thousands separators: 1-3 digits, then groups of three. */
	k = strcspn(s, ".");
	if (k > (size_t)(end - s))
		k = (size_t)(end - s);
	if (memchr(s, ',', k)) {
		group = strcspn(s, ",");
		if (group < 1 || group > 3 || strspn(s, "0123456789") != group)
			return -1;
		for (p = s + group; p < s + k; p += 4)
			if (*p != ',' || strspn(p + 1, "0123456789") < 3
			    || p + 4 > s + k)
				return -1;
		if (p != s + k)
			return -1;
	}
	digits = xmalloc((size_t)(end - s) + 1);
	for (p = s; p < end; p++)
		if (*p != ',' || p >= s + k)
			digits[n++] = *p;
	digits[n] = '\0';
	r = wan ? wan_parse(digits, fen) : money_parse(digits, fen);
	free(digits);
	return r;
}

/* S, digits with up to six decimals, in 万 (ten thousand yuan), as fen
 * in *FEN: 0, or -1. */
static int
wan_parse(const char *s, int64_t *fen)
{
	const char *p;
	int frac, i;
	int64_t v, f;

	/* X万: X yuan times ten thousand, up to six decimals, to the fen. */
	p = s;
	if (*p < '0' || *p > '9')
		return -1;
	for (v = 0; *p >= '0' && *p <= '9'; p++)
		if ((v = v * 10 + (*p - '0')) >= MONEY_MAX / 1000000)
			return -1;
	f = 0;
	frac = 0;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		for (; *p >= '0' && *p <= '9'; p++)
			if (++frac > 6)
				return -1;
			else
				f = f * 10 + (*p - '0');
		for (i = frac; i < 6; i++)
			f *= 10;
	}
	if (*p)
		return -1;
	*fen = v * 1000000 + f;
	return *fen < MONEY_MAX ? 0 : -1;
}
