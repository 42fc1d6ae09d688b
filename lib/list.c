/* list.c - membership in a separated list such as "A B C" or "a,b", and
 * its words one by one. */
#include <stdio.h>
#include <string.h>

#include "crm-int.h"

int
list_has(const char *list, const char *word, char sep)
{
	size_t n = strlen(word);
	const char *p;

	if (!list || !n || strchr(word, sep))
		return 0;
	for (p = list; (p = strstr(p, word)); p += n)
		if ((p == list || p[-1] == sep) && (p[n] == sep || !p[n]))
			return 1;
	return 0;
}

int
list_next(const char **p, char *word, size_t size)
{
	size_t n;

	if (!*p || !**p)
		return 0;
	n = strcspn(*p, " ");
	snprintf(word, size, "%.*s", (int)n, *p);
	*p += n;
	*p += **p == ' ';
	return 1;
}

int
text_blank(const char *s)
{
	return !s || !s[strspn(s, " \t\n\r")];
}
