/* list.c - membership in a separated list such as "A B C" or "a,b". */
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
