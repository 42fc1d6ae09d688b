/* infile.c - what an input file is before it is read as text: a folder
 * (it opens, as open(2) lets a folder be read-only opened, but is no file
 * to read, so it is refused as one that cannot be opened, exit 66, as the
 * database (lib/db.c) and an output file (lib/csvout.c, 73) are), or a
 * file of another kind by its first bytes (a zip, an OLE2 compound file),
 * which the CSV and workbook readers name for what it is. */
#include <string.h>
#include <sys/stat.h>

#include "crm.h"

void
infile_check(int fd, const char *name)
{
	struct stat st;

	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
		die(EX_NOINPUT, "cannot read '%s': it is a directory", name);
}

enum infile_kind
infile_kind(const void *head, size_t n)
{
	static const unsigned char zip[] = {'P', 'K', 3, 4},
	    ole2[] = {0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1};

	if (n >= sizeof zip && !memcmp(head, zip, sizeof zip))
		return INFILE_ZIP;
	if (n >= sizeof ole2 && !memcmp(head, ole2, sizeof ole2))
		return INFILE_OLE2;
	return INFILE_OTHER;
}
