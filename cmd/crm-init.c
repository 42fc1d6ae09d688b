/* crm-init - create a new database with the schema and the defaults. */
#include <getopt.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-init [-d DB] [--group GROUP] [--empty]\n"
	"Creates the database (mode 0600, or 0660 owned by GROUP) with the\n"
	"schema, the rulebook's visit rules and the default settings, and\n"
	"loads the shipped festivals (holidays) and official calendar of days\n"
	"off and make-up working days (calendar) unless --empty.\n");

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{"group", 1, 0, 'g'},
		{"empty", 0, 0, 'e'},
		{0, 0, 0, 0}
	};
	const char *group = NULL;
	int c, empty = 0;

	crm_start(argc, argv, usage);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS "g:", longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		switch (c) {
		case 'g':
			group = optarg;
			break;
		case 'e':
			empty = 1;
			break;
		default:
			usage_exit(EX_USAGE);
		}
	}
	if (optind != argc)
		usage_exit(EX_USAGE);
	if (!empty)
		shipped_dir();	/* dies 66 before anything is created */
	db_create(db_path(), group);
	if (!empty && shipped_load() < 0) {
		db_discard();
		die(EX_DATAERR, "cannot load the shipped calendars from %s: "
		    "nothing created", shipped_dir());
	}
	db_keep();
	printf("%s\n", db_path());
	out_check(stdout);
	return 0;
}
