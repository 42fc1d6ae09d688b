/* infile.c - an input file that is a folder: it opens (open(2) lets a
 * folder be read-only opened) but is not a file to read, so it is refused
 * as one that cannot be opened, exit 66, before anything is read, as the
 * database (lib/db.c) and an output file (lib/csvout.c, 73) are. */
#include <sys/stat.h>

#include "crm.h"

void
infile_check(int fd, const char *name)
{
	struct stat st;

	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
		die(EX_NOINPUT, "cannot read '%s': it is a directory", name);
}
