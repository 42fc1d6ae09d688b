/* fuzz-money.c - lib/money.c under libFuzzer (with UndefinedBehavior-
 * Sanitizer, so that any overflow is a crash).
 *
 * The input, cut at its first NUL, is an amount: money_parse takes it
 * exactly when a reference grammar in this file does (digits, then
 * optionally '.' and one or two digits; under 10^13 yuan), with the same
 * value, and money_format writes that value as the canonical text (no
 * leading zeros, two decimals), which parses back to it.  The first eight
 * bytes are also any int64 for money_format, negative ones and INT64_MIN
 * included: its text is the sign and the amount of the magnitude.
 * money_parse_human reads whatever money_parse reads, the same; text
 * without its marks (¥ ￥ 元 万 and commas) only as money_parse does;
 * and never a value outside 0..10^15 fen.
 */
#include <inttypes.h>

#include "fuzz.h"

#define LIMIT INT64_C(1000000000000000)	/* 10^15 fen, exclusive */

static int
isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* The reference: 1 and *FEN, or 0. */
static int
ref_parse(const char *s, int64_t *fen)
{
	const char *p = s;
	int64_t v = 0;
	int n = 0, frac = 0, nfrac = 0;

	while (*p == '0' && isdig(p[1]))
		p++;		/* leading zeros say nothing */
	if (!isdig(*p))
		return 0;
	for (; isdig(*p); p++, n++)
		if (n < 14)
			v = v * 10 + (*p - '0');
	if (n > 13)
		return 0;	/* 10^13 yuan or more */
	if (*p == '.') {
		for (p++; isdig(*p) && nfrac < 3; p++, nfrac++)
			frac = frac * 10 + (*p - '0');
		if (nfrac == 0 || nfrac > 2)
			return 0;
		if (nfrac == 1)
			frac *= 10;
	}
	if (*p)
		return 0;
	*fen = v * 100 + frac;
	return 1;
}

/* The canonical text of a non-negative amount, written here (at most 23
 * bytes with the NUL). */
static void
ref_format(uint64_t u, char *out)
{
	char tmp[32];
	int n = 0, i = 0;

	tmp[n++] = (char)('0' + u % 10);
	u /= 10;
	tmp[n++] = (char)('0' + u % 10);
	u /= 10;
	tmp[n++] = '.';
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (n > 0)
		out[i++] = tmp[--n];
	out[i] = '\0';
}

static void
check_text(const char *s)
{
	char out[32], want[32];
	int64_t fen = -7, ref = -7, back;
	int ok;

	ok = money_parse(s, &fen) == 0;
	FUZZ_CHECK(ok == ref_parse(s, &ref), s);
	{
		int64_t h = -7;
		int hok = money_parse_human(s, &h) == 0;

		if (ok)
			FUZZ_CHECK(hok && h == fen, s);
		if (hok)
			FUZZ_CHECK(h >= 0 && h < LIMIT, s);
		else
			FUZZ_CHECK(h == -7, s);
		if (!strchr(s, ',') && !strstr(s, "\xc2\xa5")
		    && !strstr(s, "\xef\xbf\xa5") && !strstr(s, "\xe5\x85\x83")
		    && !strstr(s, "\xe4\xb8\x87"))
			FUZZ_CHECK(hok == ok, s);
	}
	if (!ok) {
		FUZZ_CHECK(fen == -7, s);	/* left alone */
		return;
	}
	FUZZ_CHECK(fen == ref && fen >= 0 && fen < LIMIT, s);
	money_format(fen, out);
	ref_format((uint64_t)fen, want);
	FUZZ_CHECK(!strcmp(out, want), s);
	FUZZ_CHECK(money_parse(out, &back) == 0 && back == fen, s);
}

static void
check_value(int64_t fen)
{
	char out[32], want[32];
	uint64_t u = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	int64_t back;

	money_format(fen, out);
	want[0] = '-';
	ref_format(u, want + (fen < 0));
	FUZZ_CHECK(!strcmp(out, want), out);
	if (fen >= 0 && fen < LIMIT)
		FUZZ_CHECK(money_parse(out, &back) == 0 && back == fen, out);
	else
		FUZZ_CHECK(money_parse(out, &back) < 0, out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	int64_t v;

	check_text(s);
	if (size >= 8) {
		memcpy(&v, data, 8);
		check_value(v);
		check_value(v % LIMIT);
	}
	free(s);
	return 0;
}
