/* uscc.c - the unified social credit code of GB 32100-2015. */
#include <string.h>

#include "crm.h"

/* The 31 code characters; I O Z S V are not used. */
static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* Weights of positions 1..17: 3^(i-1) mod 31. */
static const int weight[17] = {
	1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};

/* The value of code character C, -1 when it is not one. */
static int
value(char c)
{
	const char *p;

	if (c == '\0' || !(p = strchr(charset, c)))
		return -1;
	return (int)(p - charset);
}

/*
 * 18 characters: registration authority and entity type (code
 * characters), a 6-digit administrative division, a 9-character
 * organisation code, a check character.  Upper case only: callers that
 * accept lower case upper-case the text first.
 */
int
uscc_valid(const char *s)
{
	int i, v, sum = 0, check;

	if (strlen(s) != 18)
		return 0;
	for (i = 0; i < 17; i++) {
		if ((v = value(s[i])) < 0)
			return 0;
		if (i >= 2 && i < 8 && (s[i] < '0' || s[i] > '9'))
			return 0;
		sum += v * weight[i];
	}
	check = 31 - sum % 31;
	if (check == 31)
		check = 0;
	return s[17] == charset[check];
}
