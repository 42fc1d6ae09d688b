/* crm-mail - mail each person the rows of a crm tsv that carry their
 * address: one plain-text message per recipient, through sendmail; or
 * (--html) one prepared HTML document, with its text, to the staff named. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char usage[] =
	N_("usage: crm-mail [-d DB] [--today DATE] [-s SUBJECT] [--to-column NAME]\n"
	"         [--once] [--mbox | -n|--dry-run [-o FORMAT]] [FILE|-]\n"
	"       crm-mail --html --to LOGIN[,LOGIN...] [-s SUBJECT] [--once]\n"
	"         [--mbox | -n|--dry-run [-o FORMAT]] [FILE|-]\n"
	"Mails every address in the email column its rows of the tsv input;\n"
	"with --html, the HTML document (and its text) to each login or address.\n");

#define DEFAULT_SUBJECT "crm"

enum mode { SEND, MBOX, DRYRUN };

/* One run: how it hands messages over and what --once remembers. */
struct run {
	enum mode mode;
	int once;
	char day[11];
	time_t now;
	struct buf from, sender;
};

static void
run_start(struct run *r, enum mode mode, int once, int db_is_open)
{
	memset(r, 0, sizeof *r);
	r->mode = mode;
	r->once = once;
	if (mode != DRYRUN)
		mailer_sender(db_is_open, &r->from, &r->sender);
	date_format(today(), r->day);
	r->now = mail_now();
	if (once && mode != DRYRUN)
		mail_sent_lock();	/* overlapping runs: one at a time */
}

/* 1 when --once has already sent TO this message today. */
static int
run_sent(const struct run *r, const char *to, const char *digest)
{
	return r->once && mail_sent_has(r->day, to, digest);
}

/* MSG, built for TO, handed over: to standard output as mbox, else to
 * sendmail; then remembered for --once.  -1 when sendmail failed. */
static int
deliver(struct run *r, const char *to, const char *digest,
    const struct buf *msg)
{
	struct buf mbox = {0};

	if (r->mode == MBOX) {
		mbox_append(&mbox, buf_str(&r->sender), r->now, msg->s);
		out_write(stdout, mbox.s, mbox.len);
		buf_free(&mbox);
		out_check(stdout);
	} else if (sendmail_run(sendmail_command(), to, msg) < 0) {
		return -1;
	}
	if (r->once)
		mail_sent_add(r->day, to, digest);
	return 0;
}

/* A message for TO of RUN: From, To, Subject, Date, then BODY (and
 * HTML, not NULL, as its alternative). */
static void
build(struct buf *msg, struct run *r, const char *to,
    const char *subject, const char *body, const char *html)
{
	buf_reset(msg);
	mailer_build(msg, buf_str(&r->from), buf_str(&r->sender), to, subject,
	    body, html, r->now);
}

/* --html: the document to each of the staff named, as HTML with its text
 * alternative; the subject, when not given, is the document's title.
 * The exit status. */
static int
mail_html(const char *path, const char *to, const char *subject,
    enum mode mode, int once)
{
	static const char *const dry_names[] = { "to", "login" };
	struct buf msg = {0}, text = {0}, title = {0};
	char *html, **addr, **login, digest[17];
	const char *why;
	struct out *o = NULL;
	struct run r;
	size_t n, i;
	int failed = 0;

	html = mailer_doc(path);
	db_open();
	addr = mailer_to(to, &login, &n);
	if (!subject) {
		html_title(&title, html);
		subject = title.len ? buf_str(&title) : DEFAULT_SUBJECT;
		if (!mail_text_ok(subject, &why))
			die(EX_DATAERR, "the document's title: %s; give "
			    "--subject", why);
	}
	html_text(&text, html);
	run_start(&r, mode, once, 1);
	mail_digest(subject, html, digest);
	if (mode == DRYRUN) {
		o = out_stdout();
		out_header(o, 2, dry_names);
	}
	for (i = 0; i < n; i++) {
		if (run_sent(&r, addr[i], digest))
			continue;
		if (mode == DRYRUN) {
			out_cell(o, CELL_STR, addr[i]);
			out_cell(o, login[i] ? CELL_STR : CELL_NULL, login[i]);
			out_endrow(o);
			continue;
		}
		build(&msg, &r, addr[i], subject, buf_str(&text), html);
		if (deliver(&r, addr[i], digest, &msg) < 0)
			failed++;
	}
	if (o)
		out_finish(o);
	out_check(stdout);
	for (i = 0; i < n; i++) {
		free(addr[i]);
		free(login[i]);
	}
	free(addr);
	free(login);
	free(html);
	buf_free(&text);
	buf_free(&title);
	buf_free(&msg);
	buf_free(&r.from);
	buf_free(&r.sender);
	return failed ? EX_IOERR : 0;
}

/* --dry-run: one line per recipient that would get a message. */
static void
dry_run_row(struct out *o, const struct mailer_group *g)
{
	char n[24];

	snprintf(n, sizeof n, "%zu", g->n);
	out_cell(o, CELL_STR, g->to);
	out_cell(o, CELL_NUM, n);
	out_endrow(o);
}

int
main(int argc, char **argv)
{
	enum { OPT_TOCOL = OPT_PROGRAM, OPT_ONCE, OPT_MBOX, OPT_HTML, OPT_TO };
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{"subject", 1, 0, 's'},
		{"to-column", 1, 0, OPT_TOCOL},
		{"once", 0, 0, OPT_ONCE},
		{"mbox", 0, 0, OPT_MBOX},
		{"dry-run", 0, 0, 'n'},
		{"html", 0, 0, OPT_HTML},
		{"to", 1, 0, OPT_TO},
		{0, 0, 0, 0}
	};
	static const char *const dry_names[] = { "to", "rows" };
	const char *subject = NULL, *tocol = NULL, *why;
	struct buf to = {0}, msg = {0}, subj = {0};
	struct mailer m;
	struct tsvin *t;
	struct run r;
	char *body, digest[17];
	struct out *o = NULL;
	enum mode mode = SEND;
	int c, once = 0, failed = 0, modes = 0, bad, html = 0, to_given = 0;
	size_t i;

	crm_start(argc, argv, usage);
	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS "s:n", longopts,
	    NULL)) != -1) {
		if (common_option(c, optarg))
			continue;
		switch (c) {
		case 's': subject = optarg; break;
		case OPT_TOCOL: tocol = optarg; break;
		case OPT_ONCE: once = 1; break;
		case OPT_MBOX: mode = MBOX; modes++; break;
		case 'n': mode = DRYRUN; modes++; break;
		case OPT_HTML: html = 1; break;
		case OPT_TO:
			to_given = 1;
			buf_printf(&to, "%s%s", to.len ? "," : "", optarg);
			break;
		default: usage_exit(EX_USAGE);
		}
	}
	if (modes > 1) {
		warn("--mbox or --dry-run, not both");
		usage_exit(EX_USAGE);
	}
	if (argc - optind > 1)
		usage_exit(EX_USAGE);
	if (subject && !mail_text_ok(subject, &why))
		die(EX_USAGE, "bad --subject: %s", why);
	if (html && !to_given)
		die(EX_USAGE, "--html needs --to LOGIN[,LOGIN...]");
	if (html && tocol)
		die(EX_USAGE, "--to-column is for tsv input, not --html");
	if (!html && to_given)
		die(EX_USAGE, "--to goes with --html: a tsv's rows go to "
		    "the addresses in their column");
	if (html) {
		bad = mail_html(optind < argc ? argv[optind] : NULL,
		    buf_str(&to), subject, mode, once);
		buf_free(&to);
		return bad;
	}
	if (!tocol)
		tocol = "email";
	if (!*tocol)
		die(EX_USAGE, "--to-column needs a column name");
	t = tsvin_open(optind < argc ? argv[optind] : NULL);
	if (once)
		db_open();
	run_start(&r, mode, once, once);
	mailer_read(&m, t, tocol);
	tsvin_close(t);

	if (mode == DRYRUN) {
		o = out_stdout();
		out_header(o, 2, dry_names);
	}
	for (i = 0; i < m.ngroups; i++) {
		struct mailer_group *g = &m.groups[i];

		body = mailer_body(&m, g);
		buf_reset(&subj);
		if (subject)
			buf_adds(&subj, subject);
		else
			mailer_subject(&subj, g, r.day);
		mail_digest(buf_str(&subj), body, digest);
		if (run_sent(&r, g->to, digest)) {
			free(body);
			continue;
		}
		if (mode == DRYRUN) {
			dry_run_row(o, g);
			free(body);
			continue;
		}
		build(&msg, &r, g->to, buf_str(&subj), body, NULL);
		free(body);
		if (deliver(&r, g->to, digest, &msg) < 0)
			failed++;
	}
	if (o)
		out_finish(o);
	out_check(stdout);
	buf_free(&msg);
	buf_free(&subj);
	buf_free(&r.from);
	buf_free(&r.sender);
	buf_free(&to);
	bad = m.bad_rows;
	mailer_free(&m);
	if (failed)
		return EX_IOERR;
	return bad ? EX_DATAERR : 0;
}
