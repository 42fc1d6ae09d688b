/* crm - run crm-COMMAND, looked up next to crm, then on PATH (as git). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"

/* The commands, one line each, for 'crm help'. */
static const struct { const char *name, *what; } commands[] = {
	{"init", N_("create a new database")},
	{"add", N_("add a customer or a contact")},
	{"edit", N_("change fields of customers")},
	{"list", N_("list and search customers")},
	{"show", N_("the whole archive of customers")},
	{"staff", N_("staff, roles, reporting line and targets")},
	{"import", N_("read a table from CSV or an .xlsx workbook")},
	{"export", N_("write a table as CSV")},
	{"visit", N_("log visits, plans and the cadence rules")},
	{"visit-due", N_("the visits and callbacks that are due")},
	{"holiday", N_("the holiday calendar")},
	{"complaint", N_("the complaint lifecycle")},
	{"survey", N_("satisfaction surveys")},
	{"order", N_("orders and contracts")},
	{"report", N_("monthly reports for managers")},
	{"mail", N_("mail each person their rows")},
	{"rm", N_("remove records that nothing refers to")},
	{"log", N_("the change log")},
	{"config", N_("settings")},
	{"check", N_("integrity and archive completeness")},
	{"backup", N_("a consistent copy of the database")},
};

static const char usage[] =
	N_("usage: crm COMMAND [ARGS...]\n"
	"       crm help\n"
	"Runs crm-COMMAND; 'crm help' lists the commands.\n");

/* Is crm-NAME installed, next to crm or on PATH? */
static int
installed(const char *name)
{
	const char *path = getenv("PATH"), *p, *end;
	const char *dir = exe_dir();
	char *f;
	int found = 0;

	if (dir) {
		f = xasprintf("%s/crm-%s", dir, name);
		found = access(f, X_OK) == 0;
		free(f);
	}
	for (p = path; !found && p && *p; p = *end ? end + 1 : end) {
		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		f = xasprintf("%.*s/crm-%s", (int)(end - p), p, name);
		found = access(f, X_OK) == 0;
		free(f);
	}
	return found;
}

static void
help(const char *self)
{
	size_t i;

	fputs(_(usage), stdout);
	fputs(_("\ncommands:\n"), stdout);
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (installed(commands[i].name))
			printf("  %-11s %s\n", commands[i].name,
			    _(commands[i].what));
	printf(_("\nSee crm(7) and crm-COMMAND(1).  %s %s\n"), self,
	    CRM_VERSION);
	out_check(stdout);
}

int
main(int argc, char **argv)
{
	const char *dir;
	char *prog, *name;

	setprogname(argv[0]);
	i18n_init();
	if (argc < 2) {
		fputs(_(usage), stderr);
		return EX_USAGE;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "-h")
	    || !strcmp(argv[1], "--help")) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			/* crm help CMD: that command's usage */
			argv[1] = argv[2];
			argv[2] = "--help";
		} else {
			help("crm");
			return 0;
		}
	}
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
		printf("crm %s\n", CRM_VERSION);
		out_check(stdout);
		return 0;
	}
	if (argv[1][0] == '-' || strchr(argv[1], '/')) {
		fprintf(stderr, _("crm: unknown option '%s'\n"), argv[1]);
		fputs(_(usage), stderr);
		return EX_USAGE;
	}
	/* Next to crm itself first, so that an installed or built set of
	 * programs runs together, then PATH. */
	if ((dir = exe_dir())) {
		name = argv[1];
		prog = xasprintf("%s/crm-%s", dir, name);
		argv[1] = prog + strlen(dir) + 1;
		execv(prog, argv + 1);
		argv[1] = name;
		free(prog);
	}
	prog = xasprintf("crm-%s", argv[1]);
	argv[1] = prog;
	execvp(prog, argv + 1);
	if (errno == ENOENT)
		die(EX_USAGE, "'%s' is not a crm command: see 'crm help'",
		    prog + 4);
	die(EX_SOFTWARE, "cannot run '%s':", prog);
}
