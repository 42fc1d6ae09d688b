/* test-num.c - unit tests of lib/num.c. */
#include <inttypes.h>

#include "crm.h"
#include "tap.h"

static const struct {
	const char *s;
	int64_t min, max;
	int ok;
	int64_t v;
} cases[] = {
	{ "0", 0, 10, 1, 0 },
	{ "10", 0, 10, 1, 10 },
	{ "11", 0, 10, 0, 0 },
	{ "-1", 0, 10, 0, 0 },
	{ "-1", -5, 5, 1, -1 },
	{ "-5", -5, 5, 1, -5 },
	{ "-6", -5, 5, 0, 0 },
	{ "-0", 0, 10, 1, 0 },
	{ "007", 0, 10, 1, 7 },
	{ "5", 1, 5, 1, 5 },
	{ "1", 1, 5, 1, 1 },
	{ "9223372036854775807", INT64_MIN, INT64_MAX, 1, INT64_MAX },
	{ "-9223372036854775808", INT64_MIN, INT64_MAX, 1, INT64_MIN },
	{ "9223372036854775808", INT64_MIN, INT64_MAX, 0, 0 },
	{ "-9223372036854775809", INT64_MIN, INT64_MAX, 0, 0 },
	{ "99999999999999999999999", INT64_MIN, INT64_MAX, 0, 0 },
	{ "2147483648", 0, INT32_MAX, 0, 0 },
	{ "2147483647", 0, INT32_MAX, 1, INT32_MAX },
	{ "", INT64_MIN, INT64_MAX, 0, 0 },
	{ "-", INT64_MIN, INT64_MAX, 0, 0 },
	{ "--1", INT64_MIN, INT64_MAX, 0, 0 },
	{ "+1", INT64_MIN, INT64_MAX, 0, 0 },
	{ "1.5", INT64_MIN, INT64_MAX, 0, 0 },
	{ "1e3", INT64_MIN, INT64_MAX, 0, 0 },
	{ " 1", INT64_MIN, INT64_MAX, 0, 0 },
	{ "1 ", INT64_MIN, INT64_MAX, 0, 0 },
	{ "1\n", INT64_MIN, INT64_MAX, 0, 0 },
	{ "0x10", INT64_MIN, INT64_MAX, 0, 0 },
	{ "1,000", INT64_MIN, INT64_MAX, 0, 0 },
	{ "12abc", INT64_MIN, INT64_MAX, 0, 0 },
	{ "abc", INT64_MIN, INT64_MAX, 0, 0 },
	{ "- 1", INT64_MIN, INT64_MAX, 0, 0 },
};

int
main(void)
{
	int64_t v;
	size_t k;
	int r;

	for (k = 0; k < sizeof cases / sizeof *cases; k++) {
		v = 4242;
		r = int_parse(cases[k].s, cases[k].min, cases[k].max, &v);
		is_int(r, cases[k].ok ? 0 : -1,
		    "int_parse('%s', %" PRId64 ", %" PRId64 ")", cases[k].s,
		    cases[k].min, cases[k].max);
		is_int(v, cases[k].ok ? cases[k].v : 4242, "'%s' value",
		    cases[k].s);
	}
	return done_testing();
}
