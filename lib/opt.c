/* opt.c - the options every program shares, parsed in one place. */
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm-int.h"

struct crm_opts opt;

void
crm_start(int argc, char **argv, const char *usage)
{
	const char *t = getenv("CRM_TODAY");

	(void)argc;
	setprogname(argv[0]);
	opt.usage = usage;
	width_init();
	i18n_init();
	/* A bad $CRM_TODAY is an error in every program, not only in those
	 * that happen to need the date. */
	if (t && *t)
		(void)today();
}

void
usage_exit(int code)
{
	struct buf b = {0};

	usage_expand(&b, gettext(opt.usage));
	fputs(buf_str(&b), code ? stderr : stdout);
	buf_free(&b);
	if (!code)
		out_check(stdout);
	exit(code);
}

/* A login given by WHERE (--as, CRM_USER) is text a person could type:
 * valid UTF-8 without control characters, or 64. */
static void
login_check(const char *where, const char *login)
{
	size_t bad;
	const unsigned char *p;

	if (!utf8_valid(login, strlen(login), &bad))
		die(EX_USAGE, "%s: not a login: not UTF-8 at byte %zu", where,
		    bad + 1);
	for (p = (const unsigned char *)login; *p; p++)
		if (*p < ' ' || *p == 0x7f)
			die(EX_USAGE, "%s: not a login: a control character "
			    "at byte %zu", where,
			    (size_t)(p - (const unsigned char *)login) + 1);
}

int
common_option(int c, const char *arg)
{
	switch (c) {
	case 'd':
		if (!arg || !*arg)
			die(EX_USAGE, "--db needs a path");
		opt.db = arg;
		return 1;
	case 'o':
		if (fmt_parse(arg, &opt.fmt) < 0 || (opt.fmt == FMT_HTML
		    && !opt.html)) {
			warn("unknown output format '%s': use table, tsv, csv, "
			    "json, jsonl, ids or xlsx%s", arg, opt.html
			    ? " (or html)" : "");
			exit(EX_USAGE);
		}
		opt.fmt_set = 1;
		return 1;
	case 'h':
		usage_exit(0);
	case 'V':
		printf("%s (crm) %s\n", progname, CRM_VERSION);
		out_check(stdout);
		exit(0);
	case OPT_AS:
		if (!arg || !*arg)
			die(EX_USAGE, "--as needs a login");
		login_check("--as", arg);
		opt.as = arg;
		return 1;
	case OPT_TODAY:
		date_set_today(arg);
		return 1;
	case OPT_NOHEADER:
		opt.flags |= OUT_NOHEADER;
		return 1;
	case OPT_BOM:
		opt.flags |= OUT_BOM;
		return 1;
	case OPT_RAW:
		opt.flags |= OUT_RAW;
		return 1;
	case '?':
	case ':':
		usage_exit(EX_USAGE);
	}
	return 0;
}

struct out *
out_stdout(void)
{
	enum fmt f = opt.fmt;

	if (!opt.fmt_set)
		f = isatty(STDOUT_FILENO) ? FMT_TABLE : FMT_TSV;
	return out_new(stdout, f, opt.flags);
}

const char *
os_user(void)
{
	static char *name;
	struct passwd *pw;

	if (!name) {
		pw = getpwuid(getuid());
		name = pw ? xstrdup(pw->pw_name)
		    : xasprintf("%ld", (long)getuid());
	}
	return name;
}

const char *
crm_user(void)
{
	static char *member;
	static int looked, checked;
	const char *u = opt.as;

	if (!u || !*u)
		u = getenv("CRM_USER");
	if (u && *u) {
		if (!checked++ && u != opt.as)
			login_check("CRM_USER", u);
		return u;
	}
	if (!looked && db_isopen()) {
		looked = 1;
		member = staff_of_os_user(os_user());
	}
	return member ? member : os_user();
}

void
opt_values(int argc, char **argv, const struct option *lo,
    const char **val, struct filter *f)
{
	static const struct option common[] = {COMMON_LONGOPTS};
	struct option all[OPT_VALUES_MAX + sizeof common / sizeof common[0] + 1];
	size_t n = sizeof common / sizeof common[0], k, i;
	int c;

	memcpy(all, common, sizeof common);
	for (k = 0; lo[k].name; k++)
		all[n + k] = lo[k];
	memset(&all[n + k], 0, sizeof all[0]);
	optind = 0;
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS "c:", all,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		for (i = 0; i < k && lo[i].val != c; i++)
			;
		if (i == k)
			usage_exit(EX_USAGE);
		val[i] = optarg ? optarg : "";	/* a flag: "" */
		if (f && optarg)
			filter_add(&f[i], optarg);
	}
}

int
opt_date(const char *name, const char *val)
{
	int day;

	if (!val)
		return INT_MIN;
	if (date_arg(val, &day) < 0)
		die(EX_USAGE, "--%s: '%s' is not a valid date YYYY-MM-DD", name,
		    val);
	return day;
}
