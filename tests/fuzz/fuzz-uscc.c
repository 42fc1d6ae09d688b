/* fuzz-uscc.c - the unified social credit code checker (lib/uscc.c, GB
 * 32100-2015) under libFuzzer.
 *
 * The input, cut at its first NUL, is checked by uscc_valid and by a
 * reference written here from the standard (code characters 0-9 A-Y
 * without I O S V Z; positions 3 to 8 an administrative division, digits;
 * position 18 the check character, 31 - (sum of value * 3^(i-1) mod 31)
 * mod 31); they agree.  The input's bytes also make a valid code (the
 * first 17 characters from them, the check character computed), which
 * uscc_valid takes, and every change a checksum of this kind promises to
 * catch makes it one uscc_valid refuses: any one character replaced,
 * two neighbours among the first 17 swapped, a letter in lower case, a
 * character more or less.
 */
#include "fuzz.h"

static const char chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* The value of code character C, else -1: by a search of its own. */
static int
val(char c)
{
	int i;

	for (i = 0; i < 31; i++)
		if (chars[i] == c)
			return i;
	return -1;
}

/* The check character of the 17 characters at S. */
static char
check_char(const char *s)
{
	int i, w = 1, sum = 0;

	for (i = 0; i < 17; i++) {
		sum += val(s[i]) * w;
		w = w * 3 % 31;
	}
	return chars[(31 - sum % 31) % 31];
}

static int
ref_valid(const char *s)
{
	int i;

	if (strlen(s) != 18)
		return 0;
	for (i = 0; i < 17; i++) {
		if (val(s[i]) < 0)
			return 0;
		if (i >= 2 && i <= 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	}
	return s[17] == check_char(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), code[20], t[20];
	size_t i, k;
	char c;

	FUZZ_CHECK(uscc_valid(s) == ref_valid(s), s);
	free(s);
	if (size < 17)
		return 0;

	/* A valid code from the first 17 bytes. */
	for (i = 0; i < 17; i++)
		code[i] = i >= 2 && i <= 7 ? chars[data[i] % 10]
		    : chars[data[i] % 31];
	code[17] = check_char(code);
	code[18] = '\0';
	FUZZ_CHECK(uscc_valid(code), code);

	/* Each position replaced by another code character, chosen by the
	 * byte after the 17 (or the position). */
	for (i = 0; i < 18; i++) {
		k = size > 17 + i ? data[17 + i] : i;
		memcpy(t, code, 19);
		c = chars[(size_t)(val(code[i]) + 1 + k % 30) % 31];
		FUZZ_CHECK(c != code[i], code);
		t[i] = c;
		FUZZ_CHECK(!uscc_valid(t), t);
	}
	/* Neighbours swapped. */
	for (i = 0; i + 1 < 17; i++) {
		if (code[i] == code[i + 1])
			continue;
		memcpy(t, code, 19);
		t[i] = code[i + 1];
		t[i + 1] = code[i];
		FUZZ_CHECK(!uscc_valid(t), t);
	}
	/* Lower case. */
	for (i = 0; i < 18; i++) {
		if (code[i] < 'A' || code[i] > 'Z')
			continue;
		memcpy(t, code, 19);
		t[i] = (char)(code[i] - 'A' + 'a');
		FUZZ_CHECK(!uscc_valid(t), t);
	}
	/* Longer and shorter. */
	memcpy(t, code, 19);
	t[18] = code[0];
	t[19] = '\0';
	FUZZ_CHECK(!uscc_valid(t), t);
	t[17] = '\0';
	FUZZ_CHECK(!uscc_valid(t), t);
	return 0;
}
