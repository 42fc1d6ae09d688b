/* usage.c - usage texts that name the model's words from the model: a
 * program writes {customers.tier} where the allowed tiers go, so that its
 * --help never disagrees with what crm accepts. */
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

static void usage_words(struct buf *b, const char *text);

/* Where the line at P (to NL) is cut to fit WIDTH columns: after the
 * last blank that fits (the blank dropped), else before the last wide
 * character or after the last '|' that fits (Chinese has no blanks, a
 * list of words a|b|c none); P when nothing fits. */
/* Chinese punctuation that may not start a line (，。：；）and the like)
 * or end one (（「): the line is cut before the character before it, or
 * after the one after it. */
static int
no_break_before(const char *c)
{
	static const char *const p[] = {"\xef\xbc\x8c", "\xe3\x80\x82",
	    "\xef\xbc\x9a", "\xef\xbc\x9b", "\xef\xbc\x89",
	    "\xe3\x80\x81", "\xef\xbc\x81", "\xef\xbc\x9f",
	    "\xe3\x80\x8d", "\xe3\x80\x8f"};
	size_t i;

	for (i = 0; i < sizeof p / sizeof p[0]; i++)
		if (!strncmp(c, p[i], 3))
			return 1;
	return 0;
}

static int
no_break_after(const char *c)
{
	return !strncmp(c, "\xef\xbc\x88", 3) || !strncmp(c, "\xe3\x80\x8c",
	    3) || !strncmp(c, "\xe3\x80\x8e", 3);
}

static const char *
cut_at(const char *p, const char *nl, size_t width, int *blank)
{
	const char *c = p, *cut = p, *prev = NULL;
	size_t w = 0, k, cw;

	*blank = 0;
	while (c < nl) {
		k = utf8_charlen(c, (size_t)(nl - c));
		cw = display_width_n(c, k);
		if (w + cw > width) {
			if (*c == ' ') {	/* the blank needs no room */
				cut = c;
				*blank = 1;
			}
			break;
		}
		if (*c == ' ') {
			cut = c;
			*blank = 1;
		} else if (c > p && (cw == 2 || (prev && display_width_n(prev,
		    (size_t)(c - prev)) == 2)) && !no_break_before(c)
		    && !(prev && no_break_after(prev))) {
			/* Between two characters one of which is wide. */
			cut = c;
			*blank = 0;
		}
		w += cw;
		prev = c;
		c += k;
		if (c[-1] == '|' && c < nl) {	/* a|b|c: after a bar */
			cut = c;
			*blank = 0;
		}
	}
	return c >= nl ? nl : cut;
}

/* Lines that the words made longer than 78 columns are folded at a blank
 * (or between Chinese characters), the rest indented under the text after
 * the line's label ("Keys: "). */
static void
fold(struct buf *b, const char *text)
{
	const char *p = text, *nl, *cut, *c;
	size_t indent, width;
	int blank;

	for (; *p; p = nl + (*nl == '\n')) {
		nl = p + strcspn(p, "\n");
		c = strstr(p, ": ");
		indent = c && c < nl && c - p < 20 ? display_width_n(p, (size_t)(c - p))
		    + 2 : 2;
		if (*p == ' ') {	/* "  key   text": under the text */
			c = p + strspn(p, " ");
			c += strcspn(c, " ");
			c += strspn(c, " ");
			indent = display_width_n(p, (size_t)(c - p));
		}
		for (width = 78; display_width_n(p, (size_t)(nl - p)) > width;
		    width = 78 - indent) {
			cut = cut_at(p, nl, width, &blank);
			if (cut == p || cut == nl)
				break;
			buf_add(b, p, (size_t)(cut - p));
			buf_printf(b, "\n%*s", (int)indent, "");
			p = cut + blank;
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
				buf_printf(b, _("\n  %-24s %s (default: %s)"), k,
				    what, *d ? d : _("none"));
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
