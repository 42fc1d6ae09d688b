/* test-num.c - unit tests of lib/num.c. */
#include <inttypes.h>
#include <stddef.h>

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

/* size_parse with MAX 1G, as crm-import's --max-field. */
static const struct {
	const char *s;
	int ok;
	size_t v;
} sizes[] = {
	{ "1", 1, 1 },
	{ "4096", 1, 4096 },
	{ "1k", 1, 1024 },
	{ "64K", 1, 65536 },
	{ "6M", 1, 6291456 },
	{ "6m", 1, 6291456 },
	{ "1G", 1, 1073741824 },
	{ "1g", 1, 1073741824 },
	{ "1073741824", 1, 1073741824 },
	{ "1048576K", 1, 1073741824 },
	{ "1073741825", 0, 0 },
	{ "1048577K", 0, 0 },
	{ "1025M", 0, 0 },
	{ "2G", 0, 0 },
	{ "17179869185G", 0, 0 },	/* (2^34 + 1) << 30 wraps to 1G */
	{ "18446744073709551616", 0, 0 },
	{ "0", 0, 0 },
	{ "0K", 0, 0 },
	{ "", 0, 0 },
	{ "K", 0, 0 },
	{ "-1", 0, 0 },
	{ "-1K", 0, 0 },
	{ "1KB", 0, 0 },
	{ "1T", 0, 0 },
	{ "1.5M", 0, 0 },
	{ "1 M", 0, 0 },
	{ "0x10", 0, 0 },
	{ " 12", 0, 0 },
	{ "\t12", 0, 0 },
	{ "+12", 0, 0 },
	{ " -1", 0, 0 },
	{ "12 ", 0, 0 },
};

int
main(void)
{
	int64_t v;
	size_t k, sz;
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
	for (k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		sz = 4242;
		r = size_parse(sizes[k].s, (size_t)1 << 30, &sz);
		is_int(r, sizes[k].ok ? 0 : -1, "size_parse('%s')", sizes[k].s);
		is_int((int64_t)sz, sizes[k].ok ? (int64_t)sizes[k].v : 4242,
		    "'%s' bytes", sizes[k].s);
	}
	return done_testing();
}
