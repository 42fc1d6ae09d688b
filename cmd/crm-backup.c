/* crm-backup - a consistent copy of the database while others work on. */
#include <errno.h>
#include <sys/stat.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-backup [-d DB] DEST\n"
	"Copies the database to the new file DEST with SQLite's online backup,\n"
	"keeping the database's file mode.  DEST must not exist.\n");

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{0, 0, 0, 0}
	};
	const char *dest;
	struct stat st;
	int c;

	crm_start(argc, argv, usage);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1)
		if (!common_option(c, optarg))
			usage_exit(EX_USAGE);
	if (optind == argc || !*argv[optind])
		warn("needs a DEST");
	if (optind != argc - 1 || !*argv[optind])
		usage_exit(EX_USAGE);
	dest = argv[optind];
	/* db_backup() creates DEST exclusively; say why before opening. */
	if (lstat(dest, &st) == 0)
		die(EX_CANTCREAT, "cannot create '%s': a file is already there "
		    "(crm-backup never overwrites)", dest);
	if (errno != ENOENT)
		die(EX_CANTCREAT, "cannot create '%s':", dest);
	db_open();
	db_backup(dest);
	return 0;
}
