/* usage.c - usage texts that name the model's words from the model: a
 * program writes {customers.tier} where the allowed tiers go, so that its
 * --help never disagrees with what crm accepts. */
#include <string.h>

#include "crm-int.h"

static void usage_words(struct buf *b, const char *text);

/* Lines that the words made longer than 78 columns are folded at a blank,
 * the rest indented under the text after the line's label ("Keys: "). */
static void
fold(struct buf *b, const char *text)
{
	const char *p = text, *nl, *cut, *c;
	size_t indent, width;

	for (; *p; p = nl + (*nl == '\n')) {
		nl = p + strcspn(p, "\n");
		c = strstr(p, ": ");
		indent = c && c < nl && c - p < 20 ? (size_t)(c - p) + 2 : 2;
		if (*p == ' ') {	/* "  key   text": under the text */
			c = p + strspn(p, " ");
			c += strcspn(c, " ");
			c += strspn(c, " ");
			indent = (size_t)(c - p);
		}
		for (width = 78; (size_t)(nl - p) > width; width = 78 - indent) {
			for (cut = p + width; cut > p && *cut != ' '; cut--)
				;
			if (cut == p)
				break;
			buf_add(b, p, (size_t)(cut - p));
			buf_printf(b, "\n%*s", (int)indent, "");
			p = cut + 1;
		}
		buf_add(b, p, (size_t)(nl - p));
		if (*nl)
			buf_addc(b, '\n');
	}
}

void
usage_expand(struct buf *b, const char *text)
{
	struct buf t = {0};

	usage_words(&t, text);
	fold(b, buf_str(&t));
	buf_free(&t);
}

static void
usage_words(struct buf *b, const char *text)
{
	const char *p, *open, *close, *dot;
	const struct entity *e;
	const struct field *f;
	char name[64];
	size_t n;

	for (p = text; (open = strchr(p, '{')) && (close = strchr(open, '}'));
	    p = close + 1) {
		buf_add(b, p, (size_t)(open - p));
		n = (size_t)(close - open - 1);
		if (n >= sizeof name) {
			buf_add(b, open, n + 2);
			continue;
		}
		memcpy(name, open + 1, n);
		name[n] = '\0';
		if (!strcmp(name, "tables")) {
			entity_tables(b, " ", " ");
			continue;
		}
		if (!strncmp(name, "options.", 8)
		    && (e = entity_find(name + 8))) {
			int k = 0;

			for (f = e->fields; f->name; f++) {
				if (f->flags & F_RO)
					continue;
				buf_adds(b, k++ ? " --" : "--");
				for (p = f->name; *p; p++)
					buf_addc(b, *p == '_' ? '-' : *p);
			}
			continue;
		}
		if (!strcmp(name, "entities")) {
			size_t i;

			for (i = 0; entities[i]; i++)
				buf_printf(b, "%s ", entities[i]->name);
			for (i = 0; log_entities[i]; i++)
				buf_printf(b, "%s%s", i ? " " : "",
				    log_entities[i]);
			continue;
		}
		if (!strncmp(name, "by.", 3)) {	/* a report's --by words */
			report_by_words(b, name + 3);
			continue;
		}
		if (!strcmp(name, "settings")) {
			const char *k, *d, *what;
			size_t i;

			for (i = 0; (k = setting_key(i, &d, &what)); i++)
				buf_printf(b, "\n  %-24s %s (default: %s)", k,
				    what, *d ? d : "none");
			continue;
		}
		if ((dot = strchr(name, '.'))) {
			name[dot - name] = '\0';
			if ((e = entity_find(name)) && (f = entity_field(e,
			    dot + 1)) && f->type == FT_ENUM) {
				for (p = f->values; *p; p++)
					buf_addc(b, *p == ' ' ? '|' : *p);
				continue;
			}
		}
		die(EX_SOFTWARE, "usage names {%s}, which is no closed list",
		    name);
	}
	buf_adds(b, p);
}
