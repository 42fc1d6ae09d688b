/* num.c - strict decimal integer parsing. */
#include <errno.h>
#include <stdlib.h>

#include "crm.h"

/* An optional '-' then decimal digits, nothing else; MIN <= value <= MAX. */
int
int_parse(const char *s, int64_t min, int64_t max, int64_t *v)
{
	const char *p = s;
	long long n;
	char *end;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p != '\0')
		return -1;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno == ERANGE || *end != '\0' || n < min || n > max)
		return -1;
	*v = n;
	return 0;
}
