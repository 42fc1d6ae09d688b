/* test-uscc.c - unit tests of lib/uscc.c. */
#include "crm.h"
#include "tap.h"

static const struct {
	const char *s;
	int valid;
	const char *why;
} cases[] = {
	{ "91350100M000100Y43", 1, "published example" },
	{ "91110000600037341L", 1, "published example" },
	{ "91440300MA5FXXXXXM", 1, "computed" },
	{ "12100000400000123X", 1, "computed, institution" },
	{ "Y1320500MA1MXXXXX2", 1, "computed, letter authority" },
	{ "92610802MA6YR8JB3Y", 1, "computed, check Y" },
	{ "91310000000000000U", 1, "computed" },
	{ "A1110108MA01AB2CDQ", 1, "computed" },
	{ "51110000500000000B", 1, "computed" },
	{ "913205000000000020", 1, "computed, check 31 means 0" },
	{ "91350100M000100Y44", 0, "wrong check char" },
	{ "91350100M000100Y4A", 0, "wrong check char" },
	{ "91110000600037341M", 0, "wrong check char" },
	{ "913205000000000021", 0, "wrong check char near 0" },
	{ "91350100M000100Y34", 0, "transposed" },
	{ "91350101M000100Y43", 0, "one digit changed" },
	{ "91350100m000100Y43", 0, "lower case letter" },
	{ "91110000600037341l", 0, "lower case check char" },
	{ "91350100M000100Y4", 0, "17 characters" },
	{ "91350100M000100Y433", 0, "19 characters" },
	{ "", 0, "empty" },
	{ "91350100M000100Y43 ", 0, "trailing space" },
	{ " 91350100M000100Y43", 0, "leading space" },
	{ "91350100M000100 43", 0, "inner space" },
	{ "9135010OM000100Y43", 0, "letter O in the division code" },
	{ "91350100I000100Y43", 0, "letter I" },
	{ "91350100O000100Y43", 0, "letter O" },
	{ "91350100Z000100Y43", 0, "letter Z" },
	{ "91350100S000100Y43", 0, "letter S" },
	{ "91350100V000100Y43", 0, "letter V" },
	{ "91350100M000100YI3", 0, "letter I" },
	{ "9135A100M000100Y43", 0, "letter in the division code" },
	{ "91350100M000100Y4\xc3", 0, "non-ASCII byte" },
	{ "91350100-000100Y43", 0, "dash" },
	/* Z in place 18 would be check value 31 if it were a code char. */
	{ "91320500000000002Z", 0, "Z as the check char" },
};

int
main(void)
{
	size_t k;

	for (k = 0; k < sizeof cases / sizeof *cases; k++)
		is_int(uscc_valid(cases[k].s), cases[k].valid, "%s '%s' (%s)",
		    cases[k].valid ? "valid" : "invalid", cases[k].s,
		    cases[k].why);
	return done_testing();
}
