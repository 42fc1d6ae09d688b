/* num.c - numbers from the command line and from files: strict decimal
 * integers, byte sizes. */
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

/* A byte size: decimal digits, then K, M or G (binary: 1K is 1024 bytes);
 * 1 <= bytes <= MAX.  Digits first, as int_parse wants them: strtoull
 * alone would take " 12", "+12" and " -1".  The number is checked
 * before it is shifted, so that a huge count of G cannot wrap round
 * into range. */
int
size_parse(const char *s, size_t max, size_t *v)
{
	unsigned long long n;
	unsigned shift = 0;
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno)
		return -1;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	}
	if (*end || n == 0 || n > max >> shift)
		return -1;
	*v = (size_t)(n << shift);
	return 0;
}
