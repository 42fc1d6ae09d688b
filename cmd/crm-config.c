/* crm-config - the settings: SLA days, callback days, holiday window,
 * mail sender. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	"usage: crm-config [-d DB] get KEY\n"
	"       crm-config [-d DB] [--as LOGIN] set KEY VALUE\n"
	"       crm-config [-d DB] list [-o FORMAT] [--no-header]\n"
	"Keys: sla.low sla.normal sla.high sla.critical complaint.callback_days\n"
	"      holiday.window_days (whole numbers of days, 0 or more);\n"
	"      mail.from (an address for crm-mail's From: line)\n";

/* The settings crm knows, and what a value of each must be. */
enum kind { K_DAYS, K_TEXT };
static const struct setting {
	const char *key;
	enum kind kind;
} settings[] = {
	{"sla.low", K_DAYS},
	{"sla.normal", K_DAYS},
	{"sla.high", K_DAYS},
	{"sla.critical", K_DAYS},
	{"complaint.callback_days", K_DAYS},
	{"holiday.window_days", K_DAYS},
	{"mail.from", K_TEXT},
};
#define NSETTINGS (sizeof settings / sizeof settings[0])

static const struct setting *
setting_find(const char *key)
{
	size_t i;

	for (i = 0; i < NSETTINGS; i++)
		if (!strcmp(settings[i].key, key))
			return &settings[i];
	return NULL;
}

/* The value to store for KEY, or die 65 saying why VALUE is not one. */
static char *
checked(const struct setting *k, const char *value)
{
	const unsigned char *p;
	int64_t n;
	size_t bad;

	switch (k->kind) {
	case K_DAYS:
		if (int_parse(value, 0, INT32_MAX, &n) < 0)
			die(EX_DATAERR, "%s: '%s' is not a whole number of days "
			    "(0 or more)", k->key, value);
		return xasprintf("%lld", (long long)n);
	case K_TEXT:
		if (!utf8_valid(value, strlen(value), &bad))
			die(EX_DATAERR, "%s: invalid UTF-8 at byte %zu", k->key,
			    bad + 1);
		/* It goes into a mail header: no line breaks, no controls. */
		for (p = (const unsigned char *)value; *p; p++)
			if (*p < 0x20 || *p == 0x7f)
				die(EX_DATAERR, "%s: control characters are not "
				    "allowed", k->key);
		break;
	}
	return xstrdup(value);
}

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
	const struct setting *k;
	struct buf known = {0};
	char *old, *new;
	db_stmt *s;
	size_t i;

	if (n < 2)
		warn("set needs a KEY and a VALUE");
	if (n != 2)
		usage_exit(EX_USAGE);
	key = argv[optind];
	value = argv[optind + 1];
	if (!(k = setting_find(key))) {
		for (i = 0; i < NSETTINGS; i++)
			buf_printf(&known, "%s%s", i ? " " : "", settings[i].key);
		die(EX_DATAERR, "unknown setting '%s': known settings are %s",
		    key, buf_str(&known));
	}
	new = checked(k, value);
	db_open();
	db_begin();
	old = setting_get(key);
	if (!old || strcmp(old, new)) {
		s = db_prepare("INSERT INTO settings (key, value) VALUES (?1, ?2)"
		    " ON CONFLICT (key) DO UPDATE SET value = ?2");
		db_bind_text(s, 1, key);
		db_bind_text(s, 2, new);
		db_step(s);
		db_finalize(s);
		change_log("setting", db_int_query("SELECT rowid FROM settings"
		    " WHERE key = ?", key, 0), key, old, new);
	}
	db_commit();
	free(old);
	free(new);
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
