/* crm-init - create a new database with the schema and the defaults. */
#include <getopt.h>

#include "crm.h"

static const char usage[] =
	"usage: crm-init [-d DB] [--group GROUP]\n"
	"Creates the database (mode 0600, or 0660 owned by GROUP) with the\n"
	"schema, the rulebook's visit rules and the default settings.\n";

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{"group", 1, 0, 'g'},
		{0, 0, 0, 0}
	};
	const char *group = NULL;
	int c;

	crm_start(argc, argv, usage);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS "g:", longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		switch (c) {
		case 'g':
			group = optarg;
			break;
		default:
			usage_exit(EX_USAGE);
		}
	}
	if (optind != argc)
		usage_exit(EX_USAGE);
	db_create(db_path(), group);
	printf("%s\n", db_path());
	out_check(stdout);
	return 0;
}
