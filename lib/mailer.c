/* mailer.c - crm-mail's job, above the RFC-level helpers of lib/mail.c:
 * the rows of a tsv grouped by recipient, each recipient's body table,
 * the sender, and the whole message. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crm-int.h"

/* Values in messages are cut to about this many bytes. */
#define SHOWN_MAX 120
#define SHOWN_SIZE (SHOWN_MAX + sizeof "...")

/* One line of a value for messages: tsv escapes, at most SHOWN_MAX
 * bytes and "...", cut at a character boundary.  In OUT, not on the heap:
 * it is often the last thing said before die(). */
static const char *
shown(const char *s, char out[SHOWN_SIZE])
{
	struct buf b = {0};
	size_t n;

	tsv_escape(&b, s);
	n = utf8_cut(buf_str(&b), b.len, SHOWN_MAX);
	memcpy(out, buf_str(&b), n);
	strcpy(out + n, n < b.len ? "..." : "");
	buf_free(&b);
	return out;
}

static struct mailer_group *
group_for(struct mailer *m, const char *to)
{
	size_t i;

	/* Rows come in runs for one person: try the last group first. */
	if (m->last < m->ngroups && !strcmp(m->groups[m->last].to, to))
		return &m->groups[m->last];
	for (i = 0; i < m->ngroups; i++)
		if (!strcmp(m->groups[i].to, to))
			return &m->groups[m->last = i];
	if (m->ngroups == m->capgroups) {
		m->capgroups = m->capgroups ? m->capgroups * 2 : 16;
		m->groups = xrealloc(m->groups, m->capgroups *
		    sizeof *m->groups);
	}
	m->last = m->ngroups++;
	memset(&m->groups[m->last], 0, sizeof m->groups[m->last]);
	m->groups[m->last].to = xstrdup(to);
	return &m->groups[m->last];
}

/* A row without an address: its values, so that the reader of the
 * warning can tell which obligation has nobody. */
static void
warn_no_address(const struct mailer *m, const char *name,
    const struct tsvrow *r)
{
	struct buf b = {0};
	char s[SHOWN_SIZE];
	int j;

	for (j = 0; j < r->n; j++)
		if (*r->f[j]) {
			if (b.len)
				buf_addc(&b, ' ');
			tsv_escape(&b, r->f[j]);
		}
	warn("%s:%ld: no address in column '%s'; not mailed: %s", name,
	    r->line, m->cols[m->tocol], shown(buf_str(&b), s));
	buf_free(&b);
}

static void
add_row(struct mailer *m, const char *name, const struct tsvrow *r)
{
	struct mailer_group *g;
	const char *to = r->f[m->tocol], *why;
	char **v, s[SHOWN_SIZE];
	int j;

	if (!*to) {
		warn_no_address(m, name, r);
		return;
	}
	if (!mail_addr_valid(to, &why)) {
		warn("%s:%ld: bad address '%s' in column '%s': %s; not mailed",
		    name, r->line, shown(to, s), m->cols[m->tocol], why);
		m->bad_rows++;
		return;
	}
	v = xcalloc((size_t)r->n, sizeof *v);
	for (j = 0; j < r->n; j++)
		v[j] = xstrdup(r->f[j]);
	g = group_for(m, to);
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 8;
		g->rows = xrealloc(g->rows, g->cap * sizeof *g->rows);
	}
	g->rows[g->n++] = v;
}

void
mailer_read(struct mailer *m, struct tsvin *t, const char *tocol)
{
	struct tsvrow *r;
	int k, j;

	memset(m, 0, sizeof *m);
	if ((k = tsvin_header(t, &r)) <= 0)
		goto end;
	m->ncol = r->n;
	m->cols = xcalloc((size_t)r->n, sizeof *m->cols);
	m->tocol = -1;
	for (j = 0; j < r->n; j++) {
		m->cols[j] = xstrdup(r->f[j]);
		if (!strcmp(r->f[j], tocol))
			m->tocol = j;
	}
	if (m->tocol < 0)
		die(EX_DATAERR, "%s:%ld: no column '%s' in the header",
		    tsvin_name(t), r->line, tocol);
	while ((k = tsvin_next(t, &r)) > 0)
		add_row(m, tsvin_name(t), r);
end:
	if (k < 0)
		die(tsvin_errcode(t), "%s", tsvin_error(t));
}

void
mailer_free(struct mailer *m)
{
	size_t i, r;
	int j;

	for (i = 0; i < m->ngroups; i++) {
		for (r = 0; r < m->groups[i].n; r++) {
			for (j = 0; j < m->ncol; j++)
				free(m->groups[i].rows[r][j]);
			free(m->groups[i].rows[r]);
		}
		free(m->groups[i].rows);
		free(m->groups[i].to);
	}
	free(m->groups);
	for (j = 0; j < m->ncol; j++)
		free(m->cols[j]);
	free(m->cols);
	memset(m, 0, sizeof *m);
}

/* Column J of M by name, or -1. */
static int
column(const struct mailer *m, const char *name)
{
	int j;

	for (j = 0; j < m->ncol; j++)
		if (j != m->tocol && !strcmp(m->cols[j], name))
			return j;
	return -1;
}

/* 1 when column J holds the same value in every row of G. */
static int
constant(const struct mailer_group *g, int j)
{
	size_t r;

	for (r = 1; r < g->n; r++)
		if (strcmp(g->rows[r][j], g->rows[0][j]))
			return 0;
	return 1;
}

/* What each column of a message is: the heading of a run of rows (the
 * first column when it holds dates: the due day), part of a block's
 * title (who the row is about), said once at the top (the assignee, the
 * same in every row), left out (the address, the id behind a name), or
 * a value on the row's line. */
enum role { ROW, HEAD, TITLE, TOP, HIDDEN };

static void
roles(const struct mailer *m, const struct mailer_group *g, enum role *role)
{
	static const char *const title[] = {"customer", "code", "tier"};
	int j, named = column(m, "customer") >= 0 || column(m, "code") >= 0;
	size_t r, t;
	int day;

	for (j = 0; j < m->ncol; j++)
		role[j] = ROW;
	role[m->tocol] = HIDDEN;
	j = m->tocol == 0 ? 1 : 0;
	if (j < m->ncol) {
		for (r = 0; r < g->n && date_parse(g->rows[r][j], &day) == 0;
		    r++)
			;
		if (r == g->n)
			role[j] = HEAD;
	}
	if (named) {
		for (t = 0; t < sizeof title / sizeof title[0]; t++)
			if ((j = column(m, title[t])) >= 0 && role[j] == ROW)
				role[j] = TITLE;
		if ((j = column(m, "customer_id")) >= 0)
			role[j] = HIDDEN;
	}
	if ((j = column(m, "assignee")) >= 0 && role[j] == ROW
	    && constant(g, j))
		role[j] = TOP;
}

/* A value as people read it (people_value), in B. */
static const char *
label_of(const struct mailer *m, int j, const char *v, struct buf *b)
{
	return people_value(m->cols[j], v, b);
}

/* 1 when rows A and B have the same values in the columns of ROLE R. */
static int
same(const struct mailer *m, const enum role *role, enum role r,
    char **a, char **b)
{
	int j;

	for (j = 0; j < m->ncol; j++)
		if (role[j] == r && strcmp(a[j], b[j]))
			return 0;
	return 1;
}

/* A line of the body is filled to about this many columns (a phone held
 * upright shows some 40), then goes on indented under it. */
#define LINE_COLS 40

/* The line being filled: its buffer and the columns it holds so far. */
struct line {
	struct buf *b;
	size_t cols;
};

/* TEXT after SEP on line L, or on a new indented line when it would make
 * L longer than LINE_COLS; a text longer than a line itself goes on
 * between its characters (Chinese has no blanks to break at). */
static void
put(struct line *l, const char *sep, const char *text)
{
	size_t w = display_width(text), ws = display_width(sep), k, cw;
	size_t left = strlen(text);

	if (l->cols > 2 && l->cols + ws + w > LINE_COLS) {
		buf_adds(l->b, "\n  ");
		l->cols = 2;
	} else {
		buf_adds(l->b, sep);
		l->cols += ws;
	}
	if (l->cols + w <= LINE_COLS) {
		buf_add(l->b, text, left);
		l->cols += w;
		return;
	}
	for (; left > 0; text += k, left -= k) {
		k = utf8_charlen(text, left);
		cw = display_width_n(text, k);
		if (l->cols > 2 && l->cols + cw > LINE_COLS) {
			buf_adds(l->b, "\n  ");
			l->cols = 2;
			if (*text == ' ')
				continue;
		}
		buf_add(l->b, text, k);
		l->cols += cw;
	}
}

char *
mailer_body(const struct mailer *m, const struct mailer_group *g)
{
	enum role *role;
	struct buf b = {0}, t = {0}, e = {0};
	struct line l = {&b, 0};
	size_t r;
	int j, k, sep;
	char **v, **prev = NULL;

	if (!g->n)
		return xstrdup("");	/* never: a group has a row */
	role = xcalloc((size_t)m->ncol, sizeof *role);
	roles(m, g, role);
	for (j = 0; j < m->ncol; j++)
		if (role[j] == TOP && *g->rows[0][j])
			buf_printf(&b, _("%s: %s\n"), col_label(m->cols[j]),
			    label_of(m, j, g->rows[0][j], &t));
	/* The legend of a row's line: its columns' labels. */
	l.cols = 0;
	for (j = k = 0; j < m->ncol; j++)
		if (role[j] == ROW) {
			if (!k++) {
				buf_adds(&b, _("each line: "));
				l.cols = display_width(_("each line: "));
				buf_adds(&b, col_label(m->cols[j]));
				l.cols += display_width(col_label(m->cols[j]));
			} else {
				put(&l, " \u00b7 ", col_label(m->cols[j]));
			}
		}
	if (k)
		buf_addc(&b, '\n');
	for (r = 0; r < g->n; r++, prev = v) {
		v = g->rows[r];
		if (!prev || !same(m, role, HEAD, prev, v)) {
			buf_addc(&b, '\n');
			for (j = 0; j < m->ncol; j++)
				if (role[j] == HEAD)
					buf_printf(&b, "%s %s\n",
					    col_label(m->cols[j]), v[j]);
		}
		if (!prev || !same(m, role, HEAD, prev, v)
		    || !same(m, role, TITLE, prev, v)) {
			/* The customer's name, its code in brackets,
			 * then the rest with their labels: "tier A". */
			l.cols = 0;
			sep = 0;
			if ((j = column(m, "customer")) >= 0 && *v[j]) {
				put(&l, "", v[j]);
				sep++;
			}
			if ((j = column(m, "code")) >= 0 && *v[j]) {
				buf_reset(&e);
				buf_printf(&e, sep ? "(%s)" : "%s", v[j]);
				put(&l, sep++ ? " " : "", buf_str(&e));
			}
			for (j = 0; j < m->ncol; j++) {
				if (role[j] != TITLE || !*v[j]
				    || !strcmp(m->cols[j], "customer")
				    || !strcmp(m->cols[j], "code"))
					continue;
				buf_reset(&e);
				buf_printf(&e, "%s %s", col_label(m->cols[j]),
				    label_of(m, j, v[j], &t));
				put(&l, sep++ ? " \u00b7 " : "", buf_str(&e));
			}
			if (sep)
				buf_addc(&b, '\n');
		}
		buf_adds(&b, "- ");
		l.cols = 2;
		for (j = sep = 0; j < m->ncol; j++) {
			if (role[j] != ROW)
				continue;
			buf_reset(&e);
			tsv_escape(&e, *v[j] ? label_of(m, j, v[j], &t) : "-");
			put(&l, sep++ ? " \u00b7 " : "", buf_str(&e));
		}
		buf_addc(&b, '\n');
	}
	free(role);
	buf_free(&t);
	buf_free(&e);
	return b.s ? b.s : xstrdup("");
}

void
mailer_subject(struct buf *b, const struct mailer_group *g, const char *day)
{
	buf_printf(b, ngettext("crm %s: %zu item", "crm %s: %zu items", g->n),
	    day, g->n);
}

void
mailer_sender(int db_is_open, struct buf *from, struct buf *addr)
{
	const char *env = getenv("CRM_MAIL_FROM"), *why;
	struct stat st;
	char *v, s[SHOWN_SIZE];

	if (env && *env) {
		v = xstrdup(env);
	} else {
		if (!db_is_open && stat(db_path(), &st) == 0)
			db_open();
		else if (!db_is_open)
			die(EX_USAGE, "no sender: set CRM_MAIL_FROM (no "
			    "database at '%s' for setting mail.from)",
			    db_path());
		v = setting_get("mail.from");
		if (!v || !*v) {
			free(v);
			die(EX_USAGE, "no sender: set CRM_MAIL_FROM or "
			    "'crm config set mail.from ADDRESS'");
		}
	}
	if (!mail_from_parse(v, from, addr, &why)) {
		shown(v, s);
		free(v);
		die(EX_USAGE, "bad sender '%s': %s", s, why);
	}
	free(v);
}

/* The host name for Message-IDs when it is a plain dot-atom, else the
 * domain of the sender. */
static const char *
id_domain(const char *sender)
{
	static char host[256];

	if (gethostname(host, sizeof host - 1) == 0 && host[0] &&
	    strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789-.") == strlen(host) && host[0] != '.')
		return host;
	return strchr(sender, '@') + 1;
}

void
mailer_build(struct buf *msg, const char *from, const char *sender,
    const char *to, const char *subject, const char *body, const char *html,
    time_t now)
{
	static unsigned seq;
	char date[MAIL_DATE_SIZE];
	time_t real = time(NULL);
	struct tm tm;

	mail_date(now, date);
	gmtime_r(&real, &tm);
	buf_printf(msg, "From: %s\n", from);
	buf_printf(msg, "To: %s\n", to);
	mail_header(msg, "Subject", subject);
	buf_printf(msg, "Date: %s\n", date);
	buf_printf(msg, "Message-ID: <%04d%02d%02d%02d%02d%02d.%ld.%u@%s>\n",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, (long)getpid(), ++seq, id_domain(sender));
	buf_adds(msg, "Auto-Submitted: auto-generated\n");
	if (html)
		mail_alternative(msg, body, html);
	else
		mail_body(msg, body);
}

/* A document is at most this big: a mail, not an archive. */
#define DOC_MAX (16 << 20)

char *
mailer_doc(const char *path)
{
	FILE *fp = stdin;
	const char *name = "stdin";
	struct buf b = {0};
	char chunk[65536];
	size_t n, bad, line;

	if (path && strcmp(path, "-")) {
		name = path;
		if (!(fp = fopen(path, "r")))
			die(EX_NOINPUT, "cannot open '%s':", path);
	}
	infile_check(fileno(fp), name);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		buf_add(&b, chunk, n);
		if (b.len > DOC_MAX)
			die(EX_DATAERR, "%s: longer than %d MiB: not a document "
			    "to mail", name, DOC_MAX >> 20);
	}
	if (ferror(fp))
		die(EX_IOERR, "cannot read '%s':", name);
	if (fp != stdin)
		fclose(fp);
	if (!b.len)
		die(EX_DATAERR, "%s: empty: nothing to mail", name);
	if (memchr(b.s, '\0', b.len))
		die(EX_DATAERR, "%s: holds a NUL byte: not a text document",
		    name);
	if (!utf8_valid(b.s, b.len, &bad)) {
		for (n = 0, line = 1; n < bad; n++)
			line += b.s[n] == '\n';
		die(EX_DATAERR, "%s:%zu: not UTF-8", name, line);
	}
	return b.s;	/* the caller's */
}

char **
mailer_to(const char *list, char ***logins, size_t *n)
{
	struct staffdir *d = NULL;
	const struct person *who;
	const char *p, *why;
	char item[256], **to = NULL, **as = NULL, *addr, *login, *words, *c;
	size_t i;

	*n = 0;
	/* Commas or spaces between them. */
	words = xstrdup(list);
	for (c = words; (c = strchr(c, ',')); )
		*c = ' ';
	p = words;
	while (p && *p) {
		if (strcspn(p, " ") >= sizeof item)
			die(EX_DATAERR, "--to: '%.40s...' is too long for an "
			    "address", p);
		list_next(&p, item, sizeof item);
		if (!*item)
			continue;
		login = NULL;
		if (strchr(item, '@')) {
			if (!mail_addr_valid(item, &why))
				die(EX_DATAERR, "--to: bad address '%s': %s",
				    item, why);
			addr = item;
		} else {
			if (!d)
				d = staffdir_load();
			who = staffdir_find(d, item);
			if (!who)
				die(EX_NOTFOUND, "--to: no staff member '%s'",
				    item);
			if (!who->active)
				die(EX_DATAERR, "--to: '%s' has left (not "
				    "active)", item);
			if (!*who->email)
				die(EX_DATAERR, "--to: '%s' has no email "
				    "address", item);
			addr = who->email;
			login = who->login;
		}
		for (i = 0; i < *n && strcmp(to[i], addr); i++)
			;
		if (i < *n)
			continue;	/* once each */
		to = xrealloc(to, (*n + 1) * sizeof *to);
		as = xrealloc(as, (*n + 1) * sizeof *as);
		to[*n] = xstrdup(addr);
		as[(*n)++] = login ? xstrdup(login) : NULL;
	}
	if (d)
		staffdir_free(d);
	free(words);
	if (!*n)
		die(EX_USAGE, "--to needs a login or an address");
	*logins = as;
	return to;
}
