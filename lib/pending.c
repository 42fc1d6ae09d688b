/* lib/pending.c - files being written, removed if the program ends before
 * they are whole: an output goes to a temporary name and is renamed when
 * complete, so that a reader never sees half of one. */
#include <stdlib.h>
#include <unistd.h>

#include "crm-int.h"

static const char *pending[4];

static void
remove_pending(void)
{
	size_t i;

	for (i = 0; i < sizeof pending / sizeof pending[0]; i++)
		if (pending[i])
			unlink(pending[i]);
}

void
file_pending(const char *path)
{
	static int registered;
	size_t i;

	if (!registered++)
		atexit(remove_pending);
	for (i = 0; i < sizeof pending / sizeof pending[0]; i++)
		if (!pending[i]) {
			pending[i] = path;
			return;
		}
	die(EX_SOFTWARE, "more than %zu files being written at once",
	    sizeof pending / sizeof pending[0]);
}

void
file_done(const char *path)
{
	size_t i;

	for (i = 0; i < sizeof pending / sizeof pending[0]; i++)
		if (pending[i] == path)
			pending[i] = NULL;
}
