/* settings.c - key/value settings (SLA days, callback days, mail sender). */
#include <limits.h>
#include <stdlib.h>

#include "crm-int.h"

char *
setting_get(const char *key)
{
	return db_text_query("SELECT value FROM settings WHERE key = ?", key);
}

int64_t
setting_int(const char *key, int64_t dflt)
{
	char *v = setting_get(key);
	int64_t n;

	if (v && int_parse(v, INT_MIN, INT_MAX, &n) == 0)
		dflt = n;
	else if (v && *v)
		warn("setting %s = '%s' is not a number; using %lld", key, v,
		    (long long)dflt);
	free(v);
	return dflt;
}
