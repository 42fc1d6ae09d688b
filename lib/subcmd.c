/* subcmd.c - programs with command words (crm-staff add, crm-config get),
 * dispatched as git runs its builtins: one {name, function} table, and
 * each command parses its own options. */
#include <string.h>

#include "crm-int.h"

const char *subcmd_verb;

/* "use add, edit or list" */
static void
names(struct buf *b, const struct subcmd *cmds)
{
	const struct subcmd *c;
	struct buf list = {0};

	for (c = cmds; c->name; c++) {
		if (c != cmds)
			/* TRANSLATORS: between the words of a list people
			 * read ("add, edit or list"), and before its
			 * last. */
			buf_adds(&list, c[1].name ? _(", ") : _(" or "));
		buf_adds(&list, c->name);
	}
	/* TRANSLATORS: the command words a program takes, as a list:
	 * "use add, edit or list". */
	buf_printf(b, _("use %s"), buf_str(&list));
	buf_free(&list);
}

int
subcmd_run(const struct subcmd *cmds, int argc, char **argv)
{
	static const struct option common[] = {
		COMMON_LONGOPTS,
		{0, 0, 0, 0}
	};
	const struct subcmd *c = NULL;
	struct buf use = {0};
	char *word;
	int ch, rc;

	/* Common options may come before the command word ("+": stop at
	 * it). */
	optind = 0;	/* glibc: start afresh */
	while ((ch = getopt_long(argc, argv, "+" COMMON_SHORTOPTS, common,
	    NULL)) != -1)
		if (!common_option(ch, optarg))
			usage_exit(EX_USAGE);
	if (optind < argc)
		for (c = cmds; c->name && strcmp(c->name, argv[optind]); c++)
			;
	if (!c || !c->name) {
		names(&use, cmds);
		if (c)
			warn("unknown command '%s': %s", argv[optind],
			    buf_str(&use));
		else
			warn("needs a command: %s", buf_str(&use));
		buf_free(&use);
		usage_exit(EX_USAGE);
	}
	/* The command's own options: parse the rest as a fresh argv whose
	 * argv[0] is still the program, for getopt's messages. */
	argv += optind;
	argc -= optind;
	word = argv[0];
	argv[0] = (char *)progname;
	optind = 0;
	subcmd_verb = c->name;
	rc = c->run(argc, argv);
	argv[0] = word;
	return rc;
}
