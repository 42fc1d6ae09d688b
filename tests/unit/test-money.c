/* test-money.c - unit tests of lib/money.c. */
#include <inttypes.h>
#include <string.h>

#include "crm.h"
#include "tap.h"

static const struct {
	const char *s;
	int ok;
	int64_t fen;
} parse_cases[] = {
	{ "12345.67", 1, 1234567 },
	{ "12", 1, 1200 },
	{ "0", 1, 0 },
	{ "0.5", 1, 50 },
	{ "0.05", 1, 5 },
	{ "0.50", 1, 50 },
	{ "0.00", 1, 0 },
	{ "1.2", 1, 120 },
	{ "007.10", 1, 710 },
	{ "9999999999999.99", 1, INT64_C(999999999999999) },
	{ "9999999999999", 1, INT64_C(999999999999900) },
	{ "10000000000000", 0, 0 },
	{ "10000000000000.00", 0, 0 },
	{ "99999999999999999999", 0, 0 },
	{ "92233720368547758.07", 0, 0 },
	{ "184467440737095516.16", 0, 0 },
	{ "12.", 0, 0 },
	{ ".5", 0, 0 },
	{ "0.005", 0, 0 },
	{ "1.234", 0, 0 },
	{ "-1", 0, 0 },
	{ "-0.05", 0, 0 },
	{ "+1", 0, 0 },
	{ "1e999", 0, 0 },
	{ "1e3", 0, 0 },
	{ "1E3", 0, 0 },
	{ "", 0, 0 },
	{ " 12", 0, 0 },
	{ "12 ", 0, 0 },
	{ "1 000", 0, 0 },
	{ "1,000.00", 0, 0 },
	{ "1.2.3", 0, 0 },
	{ "12..3", 0, 0 },
	{ "0x10", 0, 0 },
	{ "nan", 0, 0 },
	{ "inf", 0, 0 },
	{ "\xef\xbc\x91\xef\xbc\x92", 0, 0 },	/* full-width 12 */
	{ ".", 0, 0 },
};

static const struct {
	int64_t fen;
	const char *s;
} fmt_cases[] = {
	{ 0, "0.00" },
	{ 5, "0.05" },
	{ 50, "0.50" },
	{ 100, "1.00" },
	{ 1234567, "12345.67" },
	{ -5, "-0.05" },
	{ -100, "-1.00" },
	{ -1234567, "-12345.67" },
	{ INT64_C(999999999999999), "9999999999999.99" },
	{ INT64_MAX, "92233720368547758.07" },
	{ INT64_MIN, "-92233720368547758.08" },
	{ INT64_MIN + 1, "-92233720368547758.07" },
};

/* As people type amounts (spreadsheets, Chinese invoices): every strict
 * case reads the same, and these. */
static const struct {
	const char *s;
	int ok;
	int64_t fen;
} human_cases[] = {
	{ "\xc2\xa5" "12,345.60", 1, 1234560 },	/* ¥ */
	{ "\xef\xbf\xa5" "12345.6", 1, 1234560 },	/* ￥ */
	{ "12,345.6", 1, 1234560 },
	{ "1,234,567", 1, 123456700 },
	{ "999,999.99", 1, 99999999 },
	{ "12345.67\xe5\x85\x83", 1, 1234567 },	/* 元 */
	{ "1.2\xe4\xb8\x87", 1, 1200000 },	/* 1.2万 */
	{ "1.2\xe4\xb8\x87\xe5\x85\x83", 1, 1200000 },	/* 1.2万元 */
	{ "3\xe4\xb8\x87", 1, 3000000 },
	{ "1.234567\xe4\xb8\x87", 1, 1234567 },	/* to the fen */
	{ "1.2345678\xe4\xb8\x87", 0, 0 },	/* past the fen */
	{ "1,23", 0, 0 },
	{ "12,3456", 0, 0 },
	{ "1234,567", 0, 0 },
	{ ",123", 0, 0 },
	{ "1,,234", 0, 0 },
	{ "1,234,", 0, 0 },
	{ "12.345", 0, 0 },
	{ "1,234.5,6", 0, 0 },
	{ "\xc2\xa5", 0, 0 },
	{ "\xe5\x85\x83", 0, 0 },
	{ "\xe4\xb8\x87", 0, 0 },
	{ "-\xc2\xa5" "1", 0, 0 },
	{ "\xc2\xa5-1", 0, 0 },
	{ "1e3\xe4\xb8\x87", 0, 0 },
	{ "1,000\xe4\xb8\x87", 1, INT64_C(1000000000) },
	{ "99999999\xe4\xb8\x87", 1, INT64_C(99999999000000) },
	{ "999999999\xe4\xb8\x87", 1, INT64_C(999999999000000) },
	{ "1000000000\xe4\xb8\x87", 0, 0 },	/* 10^13 yuan or more */
	{ "12 345", 0, 0 },
	/* Found by fuzz-money: more than 63 bytes of leading zeros. */
	{ "0000000000000000000000000000000000000000000000000000000000000000001", 1, 100 },
	{ "0000000000000000000000000000000000000000000000000000000000000001,000", 0, 0 },
};

int
main(void)
{
	char out[32];
	int64_t fen;
	size_t k;
	int r;

	for (k = 0; k < sizeof parse_cases / sizeof *parse_cases; k++) {
		fen = -42;
		r = money_parse(parse_cases[k].s, &fen);
		is_int(r, parse_cases[k].ok ? 0 : -1, "money_parse('%s')",
		    parse_cases[k].s);
		is_int(fen, parse_cases[k].ok ? parse_cases[k].fen : -42,
		    "'%s' gives %" PRId64, parse_cases[k].s,
		    parse_cases[k].ok ? parse_cases[k].fen : -42);
	}
	for (k = 0; k < sizeof fmt_cases / sizeof *fmt_cases; k++) {
		memset(out, 'x', sizeof out);
		money_format(fmt_cases[k].fen, out);
		is_str(out, fmt_cases[k].s, "money_format(%" PRId64 ")",
		    fmt_cases[k].fen);
	}
	for (k = 0; k < sizeof parse_cases / sizeof *parse_cases; k++) {
		if (strchr(parse_cases[k].s, ','))	/* accepted here */
			continue;
		fen = -42;
		r = money_parse_human(parse_cases[k].s, &fen);
		ok(r == (parse_cases[k].ok ? 0 : -1) && (!parse_cases[k].ok
		    || fen == parse_cases[k].fen),
		    "money_parse_human reads '%s' as money_parse does",
		    parse_cases[k].s);
	}
	for (k = 0; k < sizeof human_cases / sizeof *human_cases; k++) {
		fen = -42;
		r = money_parse_human(human_cases[k].s, &fen);
		is_int(r, human_cases[k].ok ? 0 : -1,
		    "money_parse_human('%s')", human_cases[k].s);
		if (human_cases[k].ok)
			is_int(fen, human_cases[k].fen, "'%s' gives %" PRId64,
			    human_cases[k].s, human_cases[k].fen);
	}
	/* What money_format writes (non-negative) money_parse reads back. */
	for (k = 0; k < sizeof parse_cases / sizeof *parse_cases; k++) {
		if (!parse_cases[k].ok)
			continue;
		money_format(parse_cases[k].fen, out);
		ok(money_parse(out, &fen) == 0 && fen == parse_cases[k].fen,
		    "round trip of %s", out);
	}
	return done_testing();
}
