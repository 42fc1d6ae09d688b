/* htmltext.c - an HTML document as plain text, for the text/plain part
 * that goes with it in a mail (RFC 2046 multipart/alternative): what a
 * reader without HTML should see.  Headings, paragraphs, lists and line
 * breaks become lines; tables become columns aligned by display width;
 * what is not text (the head, styles, scripts, SVG drawings) is left out;
 * character references are undone.  Markup is read leniently, as a
 * browser would: nothing in it is an error. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm-int.h"

/* A table being read: its rows of cells, text each. */
struct ttab {
	char ***cell;	/* row r, cell c */
	size_t *ncell, nrow;
	struct buf cur;	/* the cell being read */
	int incell;
};

struct ht {
	struct buf *out;
	struct ttab *tab;	/* the table being read, or NULL */
	int space;		/* a space is due before the next word */
	int nl;			/* line ends due before the next text */
	int pre;		/* inside <pre>: spaces kept */
	size_t heading;		/* where an <h1>/<h2> began in OUT, + 1 */
};

/* Elements whose content is not text for a reader. */
#define HIDDEN "head style script svg title noscript template object " \
	"iframe math"

/* Elements that stand on lines of their own, and how many line ends
 * they want around them (2: a blank line). */
static const struct {
	const char *name;
	int nl;
} blocks[] = {
	{"p", 2}, {"h1", 2}, {"h2", 2}, {"h3", 2}, {"h4", 2}, {"h5", 2},
	{"h6", 2}, {"section", 2}, {"article", 2}, {"header", 2},
	{"footer", 2}, {"table", 2}, {"pre", 2}, {"blockquote", 2},
	{"ul", 2}, {"ol", 2}, {"dl", 2}, {"figure", 2}, {"div", 1},
	{"li", 1}, {"dt", 1}, {"dd", 1}, {"tr", 1}, {"caption", 1},
	{"figcaption", 1}, {"address", 1}, {"nav", 1}, {"main", 1},
};

/* The references people write, beyond the numeric ones. */
static const struct {
	const char *name, *text;
} refs[] = {
	{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""},
	{"apos", "'"}, {"nbsp", " "}, {"ensp", " "}, {"emsp", " "},
	{"thinsp", " "}, {"mdash", "\xe2\x80\x94"}, {"ndash", "\xe2\x80\x93"},
	{"hellip", "\xe2\x80\xa6"}, {"middot", "\xc2\xb7"},
	{"copy", "\xc2\xa9"}, {"yen", "\xc2\xa5"}, {"times", "\xc3\x97"},
	{"laquo", "\xc2\xab"}, {"raquo", "\xc2\xbb"},
	{"ldquo", "\xe2\x80\x9c"}, {"rdquo", "\xe2\x80\x9d"},
	{"lsquo", "\xe2\x80\x98"}, {"rsquo", "\xe2\x80\x99"},
};

#define NELEM(a) (sizeof (a) / sizeof (a)[0])

static int
block_nl(const char *name)
{
	size_t i;

	for (i = 0; i < NELEM(blocks); i++)
		if (!strcmp(name, blocks[i].name))
			return blocks[i].nl;
	return 0;
}

/* Code point CP as UTF-8 (U+FFFD for one that is no character). */
static void
add_cp(struct buf *b, unsigned long cp)
{
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		buf_addc(b, (char)(0xc0 | cp >> 6));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_addc(b, (char)(0xe0 | cp >> 12));
		buf_addc(b, (char)(0x80 | (cp >> 6 & 0x3f)));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		buf_addc(b, (char)(0xf0 | cp >> 18));
		buf_addc(b, (char)(0x80 | (cp >> 12 & 0x3f)));
		buf_addc(b, (char)(0x80 | (cp >> 6 & 0x3f)));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/* The reference at P ('&'), undone into B: the bytes read. */
static size_t
reference(struct buf *b, const char *p)
{
	const char *q = p + 1;
	unsigned long cp = 0;
	size_t i, n;
	int hex;

	if (*q == '#') {
		hex = q[1] == 'x' || q[1] == 'X';
		q += hex ? 2 : 1;
		for (n = 0; n < 8 && (hex ? strchr("0123456789abcdefABCDEF",
		    *q) : strchr("0123456789", *q)) && *q; n++, q++)
			cp = cp * (hex ? 16 : 10) + (unsigned long)(*q <= '9'
			    ? *q - '0' : (*q | 0x20) - 'a' + 10);
		if (!n) {
			buf_addc(b, '&');
			return 1;
		}
		add_cp(b, cp);
		return (size_t)(q - p) + (*q == ';');
	}
	for (i = 0; i < NELEM(refs); i++) {
		n = strlen(refs[i].name);
		if (!strncmp(q, refs[i].name, n) && q[n] == ';') {
			buf_adds(b, refs[i].text);
			return n + 2;
		}
	}
	buf_addc(b, '&');
	return 1;
}

/* B without the CHARS it ends in. */
static void
trim(struct buf *b, const char *chars)
{
	size_t n = b->len;

	while (n && strchr(chars, b->s[n - 1]))
		n--;
	buf_truncate(b, n);
}

/* Where text goes: the cell being read, else the page. */
static struct buf *
dest(struct ht *h)
{
	return h->tab && h->tab->incell ? &h->tab->cur : h->out;
}

/* Line ends and a space due, before text. */
static void
settle(struct ht *h)
{
	struct buf *b = dest(h);

	if (b == h->out && h->nl && b->len) {
		trim(b, " ");
		while (h->nl--)
			buf_addc(b, '\n');
		h->space = 0;
	}
	h->nl = 0;
	if (h->space && b->len && b->s[b->len - 1] != '\n'
	    && b->s[b->len - 1] != ' ')
		buf_addc(b, ' ');
	h->space = 0;
}

static void
want_nl(struct ht *h, int n)
{
	struct buf *b = h->out;
	int have = 0;

	if (h->tab && h->tab->incell) {
		h->space = 1;
		return;
	}
	while ((size_t)have < b->len && b->s[b->len - 1 - (size_t)have]
	    == '\n')
		have++;
	if (n - have > h->nl)
		h->nl = n - have;
}

/* Text from P to END, references undone, white space folded. */
static void
text(struct ht *h, const char *p, const char *end)
{
	struct buf *b;

	while (p < end) {
		if (!h->pre && strchr(" \t\n\r\f", *p)) {
			h->space = 1;
			p++;
			continue;
		}
		settle(h);
		b = dest(h);
		if (*p == '&')
			p += reference(b, p);
		else
			buf_addc(b, *p++);
	}
}

static void
cell_end(struct ttab *t)
{
	size_t r;

	if (!t->incell)
		return;
	t->incell = 0;
	if (!t->nrow) {
		t->cell = xcalloc(1, sizeof *t->cell);
		t->ncell = xcalloc(1, sizeof *t->ncell);
		t->nrow = 1;
	}
	r = t->nrow - 1;
	trim(&t->cur, " ");
	t->cell[r] = xrealloc(t->cell[r], (t->ncell[r] + 1) * sizeof **t->cell);
	t->cell[r][t->ncell[r]++] = xstrdup(buf_str(&t->cur));
	buf_reset(&t->cur);
}

static void
row_start(struct ttab *t)
{
	cell_end(t);
	if (t->nrow && !t->ncell[t->nrow - 1])
		return;	/* an empty row: used again */
	t->cell = xrealloc(t->cell, (t->nrow + 1) * sizeof *t->cell);
	t->ncell = xrealloc(t->ncell, (t->nrow + 1) * sizeof *t->ncell);
	t->cell[t->nrow] = NULL;
	t->ncell[t->nrow++] = 0;
}

/* A figure is right-aligned: a sign, digits with points or commas, a
 * per cent sign ("-12.5", "1,200", "42.9%"; not a date). */
static int
figure(const char *s)
{
	int digit = 0;

	if (*s == '-' || *s == '+')
		s++;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digit = 1;
		else if (*s == '%' && !s[1])
			break;
		else if (*s != '.' && *s != ',')
			return 0;
	}
	return digit;
}

/* The table read, as aligned columns, two spaces apart. */
static void
table_end(struct ht *h)
{
	struct ttab *t = h->tab;
	size_t r, c, ncol = 0, *w, k, cw;
	int *fig, right;

	cell_end(t);
	for (r = 0; r < t->nrow; r++)
		if (t->ncell[r] > ncol)
			ncol = t->ncell[r];
	w = xcalloc(ncol ? ncol : 1, sizeof *w);
	/* A column of figures below its first row (the header) is
	 * right-aligned, header and all; 1 figures, -1 not, 0 empty. */
	fig = xcalloc(ncol ? ncol : 1, sizeof *fig);
	for (r = 0; r < t->nrow; r++)
		for (c = 0; c < t->ncell[r]; c++) {
			if ((cw = display_width(t->cell[r][c])) > w[c])
				w[c] = cw;
			if (r && *t->cell[r][c] && fig[c] >= 0)
				fig[c] = figure(t->cell[r][c]) ? 1 : -1;
		}
	h->tab = NULL;
	want_nl(h, 2);
	for (r = 0; r < t->nrow; r++) {
		if (!t->ncell[r])
			continue;
		settle(h);
		for (c = 0; c < t->ncell[r]; c++) {
			cw = display_width(t->cell[r][c]);
			right = fig[c] > 0 || (t->nrow == 1
			    && figure(t->cell[r][c]));
			if (c)
				buf_adds(h->out, "  ");
			if (right)
				for (k = cw; k < w[c]; k++)
					buf_addc(h->out, ' ');
			buf_adds(h->out, t->cell[r][c]);
			if (!right && c + 1 < t->ncell[r])
				for (k = cw; k < w[c]; k++)
					buf_addc(h->out, ' ');
		}
		trim(h->out, " ");
		buf_addc(h->out, '\n');
	}
	want_nl(h, 2);
	for (r = 0; r < t->nrow; r++) {
		for (c = 0; c < t->ncell[r]; c++)
			free(t->cell[r][c]);
		free(t->cell[r]);
	}
	free(t->cell);
	free(t->ncell);
	buf_free(&t->cur);
	free(t);
	free(w);
	free(fig);
}

/* The tag NAME (lower case), an end tag when END. */
static void
tag(struct ht *h, const char *name, int end)
{
	size_t k, wd;
	int nl = block_nl(name);

	if (h->tab && (!strcmp(name, "td") || !strcmp(name, "th"))) {
		cell_end(h->tab);
		if (!end) {
			h->tab->incell = 1;
			h->space = 0;
			if (!h->tab->nrow)
				row_start(h->tab);
		}
		return;
	}
	if (h->tab && !strcmp(name, "tr")) {
		if (end)
			cell_end(h->tab);
		else
			row_start(h->tab);
		return;
	}
	if (!strcmp(name, "table")) {
		if (!end && !h->tab) {
			want_nl(h, 2);
			settle(h);
			h->tab = xcalloc(1, sizeof *h->tab);
		} else if (end && h->tab) {
			table_end(h);
		}
		return;
	}
	if (!strcmp(name, "br")) {
		if (h->tab && h->tab->incell) {
			h->space = 1;
			return;
		}
		settle(h);
		buf_addc(h->out, '\n');
		return;
	}
	if (!strcmp(name, "hr") && !h->tab) {
		want_nl(h, 1);
		settle(h);
		buf_adds(h->out, "----------------------------------------\n");
		return;
	}
	if (!strcmp(name, "pre"))
		h->pre = !end;
	if ((!strcmp(name, "h1") || !strcmp(name, "h2")) && !h->tab) {
		if (!end) {
			want_nl(h, 2);
			settle(h);
			h->heading = h->out->len + 1;
			return;
		}
		if (h->heading) {
			/* Underlined as wide as it is: = under h1, - under
			 * h2. */
			wd = display_width(h->out->s + h->heading - 1);
			buf_addc(h->out, '\n');
			for (k = 0; k < wd; k++)
				buf_addc(h->out, name[1] == '1' ? '=' : '-');
			h->heading = 0;
		}
	}
	if (nl)
		want_nl(h, nl);
	if (!end && !strcmp(name, "li")) {
		settle(h);
		buf_adds(dest(h), "- ");
	}
}

/* The name of the tag at P (after '<' and any '/'), lower case, into
 * NAME of SIZE bytes: its length. */
static size_t
tag_name(const char *p, char *name, size_t size)
{
	size_t n = 0;

	/* A letter first, as HTML's tag names have. */
	while ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z')
	    || (n && p[n] >= '0' && p[n] <= '9')) {
		if (n + 1 < size)
			name[n] = (char)(p[n] | (p[n] >= 'A' && p[n] <= 'Z'
			    ? 0x20 : 0));
		n++;
	}
	name[n < size ? n : size - 1] = '\0';
	return n;
}

/* The end of the tag that starts at P: after its '>', quotes kept
 * whole; the end of the text when it has none. */
static const char *
tag_end(const char *p)
{
	char q = 0;

	for (; *p; p++) {
		if (q) {
			if (*p == q)
				q = 0;
		} else if (*p == '"' || *p == '\'') {
			q = *p;
		} else if (*p == '>') {
			return p + 1;
		}
	}
	return p;
}

void
html_text(struct buf *out, const char *html)
{
	struct ht h = {0};
	const char *p = html, *lt, *e;
	char name[16], hide[16] = "";
	size_t n;
	int end;

	h.out = out;
	while (*p) {
		lt = strchr(p, '<');
		if (!lt)
			lt = p + strlen(p);
		if (!*hide)
			text(&h, p, lt);
		if (!*lt)
			break;
		if (!strncmp(lt, "<!--", 4)) {
			e = strstr(lt + 4, "-->");
			p = e ? e + 3 : lt + strlen(lt);
			continue;
		}
		end = lt[1] == '/';
		n = tag_name(lt + 1 + end, name, sizeof name);
		if (!n) {	/* "<!DOCTYPE", "<?", or a lone '<' */
			if (lt[1] == '!' || lt[1] == '?') {
				p = tag_end(lt);
			} else {
				if (!*hide)
					text(&h, lt, lt + 1);
				p = lt + 1;
			}
			continue;
		}
		p = tag_end(lt);
		if (*hide) {	/* only its own end tag ends it */
			if (end && !strcmp(name, hide))
				*hide = '\0';
			continue;
		}
		if (!end && list_has(HIDDEN, name, ' ')) {
			/* "<svg ... />" hides nothing */
			if (!(p - lt >= 2 && p[-2] == '/'))
				snprintf(hide, sizeof hide, "%s", name);
			continue;
		}
		tag(&h, name, end);
	}
	if (h.tab)
		table_end(&h);
	trim(out, " \n");
	if (out->len)
		buf_addc(out, '\n');
}

void
html_title(struct buf *out, const char *html)
{
	const char *p = html, *e;
	char name[16];
	struct buf raw = {0};

	while ((p = strchr(p, '<'))) {
		if (!strncmp(p, "<!--", 4)) {
			e = strstr(p + 4, "-->");
			if (!e)
				break;
			p = e + 3;
			continue;
		}
		tag_name(p + 1, name, sizeof name);
		p = tag_end(p);
		if (!strcmp(name, "body"))
			break;
		if (strcmp(name, "title"))
			continue;
		e = strstr(p, "</");
		while (e && strncasecmp(e + 2, "title", 5))
			e = strstr(e + 2, "</");
		if (!e)
			break;
		buf_add(&raw, p, (size_t)(e - p));
		html_text(out, buf_str(&raw));
		trim(out, "\n");
		break;
	}
	buf_free(&raw);
}
