/* shipped.c - the calendars crm ships (data/ in the source tree, installed
 * as $(PREFIX)/share/crm): the festivals that call for a holiday callback
 * and the official calendar of days off and make-up working days.  crm
 * init loads them into a new database; the admin adds each new year's
 * with crm import. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm-int.h"

static const struct {
	const char *table, *file;
} shipped[] = {
	{"holidays", "holidays.csv"},
	{"calendar", "calendar.csv"},
};
#define NSHIPPED (sizeof shipped / sizeof shipped[0])

/* 1 when DIR holds every shipped file. */
static int
holds_all(const char *dir)
{
	char path[2 * PATH_MAX];
	size_t i;

	for (i = 0; i < NSHIPPED; i++) {
		if (snprintf(path, sizeof path, "%s/%s", dir, shipped[i].file)
		    >= (int)sizeof path || access(path, R_OK) < 0)
			return 0;
	}
	return 1;
}

const char *
exe_dir(void)
{
	static char dir[PATH_MAX];
	char *slash;
	ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);

	if (n <= 0)
		return NULL;
	dir[n] = '\0';
	if (!(slash = strrchr(dir, '/')))
		return NULL;
	*slash = '\0';
	return dir;
}

const char *
shipped_dir(void)
{
	static char dir[2 * PATH_MAX];
	static const char *const near[] = {"../share/crm", "../data"};
	const char *env = getenv("CRM_DATA_DIR"), *exe;
	size_t i;

	if (env) {
		if (*env && !holds_all(env))
			die(EX_NOINPUT, "CRM_DATA_DIR: '%s' does not hold "
			    "holidays.csv and calendar.csv", env);
		return *env ? env : NULL;	/* empty: none */
	}
	if (!(exe = exe_dir()))
		return NULL;
	for (i = 0; i < sizeof near / sizeof near[0]; i++) {
		if (snprintf(dir, sizeof dir, "%s/%s", exe, near[i])
		    < (int)sizeof dir && holds_all(dir))
			return dir;
	}
	return NULL;
}

int
shipped_load(void)
{
	const char *dir = shipped_dir();
	struct import_opts o;
	struct import_result r;
	char path[PATH_MAX + 64];
	size_t i;
	int rc = 0;

	if (!dir) {
		warn("no shipped calendars found ($CRM_DATA_DIR, else "
		    "../share/crm or ../data beside the program): add them "
		    "with crm import holidays FILE and crm import calendar "
		    "FILE");
		return 0;
	}
	memset(&o, 0, sizeof o);
	o.max_errors = IMPORT_MAX_ERRORS;
	for (i = 0; i < NSHIPPED && rc == 0; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, shipped[i].file);
		memset(&r, 0, sizeof r);
		rc = import_file(entity_find(shipped[i].table), path, &o, &r);
		free(r.name);
	}
	return rc;
}
