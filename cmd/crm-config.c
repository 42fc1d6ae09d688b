/* crm-config - the settings: SLA days, callback days, holiday window,
 * mail sender. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-config [-d DB] get KEY\n"
	"       crm-config [-d DB] [--as LOGIN] set KEY VALUE\n"
	"       crm-config [-d DB] list [-o FORMAT] [--no-header]\n"
	"Keys:{settings}\n");

/* A command's options: the common ones only.  The number of operands,
 * which start at argv[optind]. */
static int
operands(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{0, 0, 0, 0}
	};
	int c;

	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1)
		if (!common_option(c, optarg))
			usage_exit(EX_USAGE);
	return argc - optind;
}

static int
cmd_get(int argc, char **argv)
{
	int n = operands(argc, argv);
	const char *key;
	char *v;

	if (n == 0)
		warn("get needs a KEY");
	if (n != 1)
		usage_exit(EX_USAGE);
	key = argv[optind];
	db_open();
	if (!(v = setting_get(key)))
		die(EX_NOTFOUND, "no setting '%s'", key);
	printf("%s\n", v);
	out_check(stdout);
	free(v);
	return 0;
}

static int
cmd_set(int argc, char **argv)
{
	int n = operands(argc, argv);
	const char *key, *value;
	struct buf err = {0};
	char *v;

	if (n < 2)
		warn("set needs a KEY and a VALUE");
	if (n != 2)
		usage_exit(EX_USAGE);
	key = argv[optind];
	value = argv[optind + 1];
	if (!(v = setting_check(key, value, &err)))
		die(EX_DATAERR, "%s", buf_str(&err));
	free(v);
	db_open();
	db_begin();
	if (setting_set(key, value, &err) < 0)
		die(EX_DATAERR, "%s", buf_str(&err));
	db_commit();
	buf_free(&err);
	return 0;
}

static int
cmd_list(int argc, char **argv)
{
	db_stmt *s;

	if (operands(argc, argv))
		usage_exit(EX_USAGE);
	db_open();
	s = db_prepare("SELECT key, value FROM settings ORDER BY key");
	db_print(s, NULL);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct subcmd cmds[] = {
		{"get", cmd_get}, {"set", cmd_set}, {"list", cmd_list},
		{NULL, NULL}
	};

	crm_start(argc, argv, usage);
	return subcmd_run(cmds, argc, argv);
}
