/* money.c - amounts as integer fen: strict parsing and formatting. */
#include <inttypes.h>
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
