/* fieldopt.c - command-line options named after the columns they set. */
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

struct option *
field_options(const struct entity *e, const struct option *own, unsigned skip)
{
	static const struct option common[] = { COMMON_LONGOPTS };
	size_t nown = 0, ncommon = sizeof common / sizeof common[0], n = 0;
	const struct field *f;
	struct option *o;
	char *name, *p;

	while (own && own[nown].name)
		nown++;
	for (f = e->fields; f->name; f++)
		n++;
	o = xcalloc(nown + ncommon + n + 1, sizeof *o);
	if (nown)
		memcpy(o, own, nown * sizeof *o);
	memcpy(o + nown, common, sizeof common);
	n = nown + ncommon;
	for (f = e->fields; f->name; f++) {
		if (f->flags & skip)
			continue;
		name = xstrdup(f->name);
		for (p = name; *p; p++)
			if (*p == '_')
				*p = '-';
		o[n].name = name;
		o[n].has_arg = f->type == FT_BOOL ? optional_argument
		    : required_argument;
		o[n].val = OPT_FIELD + (int)(f - e->fields);
		n++;
	}
	return o;
}

void
field_options_free(struct option *o)
{
	struct option *p;

	if (!o)
		return;
	for (p = o; p->name; p++)
		if (p->val >= OPT_FIELD)
			free((char *)p->name);
	free(o);
}

const struct field *
field_option(const struct entity *e, int c)
{
	const struct field *f;
	int i = c - OPT_FIELD;

	if (i < 0)
		return NULL;
	for (f = e->fields; f->name && i > 0; f++, i--)
		;
	return f->name ? f : NULL;
}

const char *
field_optarg(const struct field *f, int argc, char **argv)
{
	if (optarg)
		return optarg;
	if (f->type == FT_BOOL && optind < argc
	    && bool_value(argv[optind]) >= 0)
		return argv[optind++];
	return "yes";
}

void
field_args(const struct entity *e, int argc, char **argv,
    const char *shortopts, const struct option *own,
    void (*ownfn)(int c, const char *arg, void *ctx), void *ctx,
    struct fieldargs *fa)
{
	struct option *longopts = field_options(e, own, F_RO);
	struct buf opts = {0};
	const struct field *f;
	int c;

	memset(fa, 0, sizeof *fa);
	fa->f = xcalloc((size_t)argc + 1, sizeof *fa->f);
	fa->v = xcalloc((size_t)argc + 1, sizeof *fa->v);
	buf_printf(&opts, "%s%s", COMMON_SHORTOPTS, shortopts ? shortopts : "");
	while ((c = getopt_long(argc, argv, opts.s, longopts, NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		if ((f = field_option(e, c)))
			field_arg_add(fa, f, field_optarg(f, argc, argv));
		else if (ownfn && c != '?' && c != ':')
			ownfn(c, optarg, ctx);
		else
			usage_exit(EX_USAGE);
	}
	buf_free(&opts);
	field_options_free(longopts);
}

void
field_arg_add(struct fieldargs *fa, const struct field *f, const char *v)
{
	fa->f[fa->n] = f;
	fa->v[fa->n++] = v;
}

const char *
field_arg(const struct fieldargs *fa, const char *name)
{
	const char *v = NULL;
	int i;

	for (i = 0; i < fa->n; i++)
		if (!strcmp(fa->f[i]->name, name))
			v = fa->v[i];
	return v;
}

int
field_fill(struct record *r, const struct fieldargs *fa, int edit)
{
	struct buf err = {0};
	int i, bad = 0;

	for (i = 0; i < fa->n; i++) {
		buf_reset(&err);
		if (edit && !*fa->v[i] && field_notnull(fa->f[i])) {
			warn("%s: a value is required, it cannot be cleared",
			    fa->f[i]->name);
			bad++;
		} else if (record_set_field(r, fa->f[i], fa->v[i], &err) < 0) {
			warn("%s", buf_str(&err));
			bad++;
		}
	}
	buf_free(&err);
	return bad;
}

void
field_args_free(struct fieldargs *fa)
{
	free(fa->f);
	free(fa->v);
	memset(fa, 0, sizeof *fa);
}
