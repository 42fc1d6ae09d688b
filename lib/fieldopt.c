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
	    && list_has("yes no true false 1 0", argv[optind], ' '))
		return argv[optind++];
	return "yes";
}
