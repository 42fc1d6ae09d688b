/* crm-mail - mail each person the rows of a crm tsv that carry their
 * address: one plain-text message per recipient, through sendmail. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crm.h"

static const char usage[] =
	"usage: crm-mail [-d DB] [--today DATE] [-s SUBJECT] [--to-column NAME]\n"
	"         [--once] [--mbox | -n|--dry-run [-o FORMAT]] [FILE|-]\n"
	"Mails every address in the email column its rows of the tsv input.\n";

#define DEFAULT_SUBJECT "crm"
#define DEFAULT_SENDMAIL "/usr/sbin/sendmail -t -oi"

enum mode { SEND, MBOX, DRYRUN };

struct row {
	char **v;
	long line;
};

struct group {
	char *to;
	size_t *rows, n, cap;
};

struct input {
	const char *name;	/* for messages: the file or "stdin" */
	int ncol;
	char **cols;
	int tocol;		/* index of the address column */
	struct row *rows;
	size_t nrows, caprows;
};

static struct group *groups;
static size_t ngroups, capgroups;
static int bad_rows;		/* rows with an invalid address */

/* One line of a value for messages: tsv escapes, at most about 120
 * bytes, cut at a character boundary. */
static char *
shown(const char *s)
{
	struct buf b = {0};
	size_t n;

	tsv_escape(&b, s);
	if (b.len > 120) {
		n = utf8_cut(b.s, b.len, 120);
		b.len = n;
		b.s[n] = '\0';
		buf_adds(&b, "...");
	}
	return b.s ? b.s : xstrdup("");
}

static struct group *
group_for(const char *to)
{
	static size_t last;	/* an index: groups may move */
	size_t i;

	if (last < ngroups && !strcmp(groups[last].to, to))
		return &groups[last];
	for (i = 0; i < ngroups; i++)
		if (!strcmp(groups[i].to, to))
			return &groups[last = i];
	if (ngroups == capgroups) {
		capgroups = capgroups ? capgroups * 2 : 16;
		groups = xrealloc(groups, capgroups * sizeof *groups);
	}
	last = ngroups++;
	memset(&groups[last], 0, sizeof groups[last]);
	groups[last].to = xstrdup(to);
	return &groups[last];
}

static void
add_row(struct input *in, char **v, long line)
{
	struct group *g;
	const char *to = v[in->tocol], *why;
	char *s;
	size_t i;

	if (!*to) {
		struct buf b = {0};
		int j;

		for (j = 0; j < in->ncol; j++)
			if (*v[j]) {
				if (b.len)
					buf_addc(&b, ' ');
				tsv_escape(&b, v[j]);
			}
		s = shown(buf_str(&b));
		warn("%s:%ld: no address in column '%s'; not mailed: %s",
		    in->name, line, in->cols[in->tocol], s);
		free(s);
		buf_free(&b);
		goto drop;
	}
	if (!mail_addr_valid(to, &why)) {
		s = shown(to);
		warn("%s:%ld: bad address '%s' in column '%s': %s; not mailed",
		    in->name, line, s, in->cols[in->tocol], why);
		free(s);
		bad_rows++;
		goto drop;
	}
	if (in->nrows == in->caprows) {
		in->caprows = in->caprows ? in->caprows * 2 : 64;
		in->rows = xrealloc(in->rows, in->caprows * sizeof *in->rows);
	}
	in->rows[in->nrows].v = v;
	in->rows[in->nrows].line = line;
	g = group_for(to);
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 8;
		g->rows = xrealloc(g->rows, g->cap * sizeof *g->rows);
	}
	g->rows[g->n++] = in->nrows++;
	return;
drop:
	for (i = 0; i < (size_t)in->ncol; i++)
		free(v[i]);
	free(v);
}

/* A copy of the N values of a row that tsvin will overwrite. */
static char **
copy_values(char **f, int n)
{
	char **v = xcalloc((size_t)n, sizeof *v);
	int i;

	for (i = 0; i < n; i++)
		v[i] = xstrdup(f[i]);
	return v;
}

/* Read the whole input first: a data error stops everything before a
 * single message is sent. */
static void
read_input(struct input *in, struct tsvin *t, const char *tocol)
{
	struct tsvrow *r;
	int k, i;

	in->name = tsvin_name(t);
	if ((k = tsvin_header(t, &r)) <= 0)
		goto end;
	in->ncol = r->n;
	in->cols = copy_values(r->f, r->n);
	in->tocol = -1;
	for (i = 0; i < in->ncol; i++)
		if (!strcmp(in->cols[i], tocol))
			in->tocol = i;
	if (in->tocol < 0)
		die(EX_DATAERR, "%s:%ld: no column '%s' in the header",
		    in->name, r->line, tocol);
	while ((k = tsvin_next(t, &r)) > 0)
		add_row(in, copy_values(r->f, r->n), r->line);
end:
	if (k < 0)
		die(tsvin_errcode(t), "%s", tsvin_error(t));
}

/* A number, for right alignment: digits with an optional sign and
 * fraction. */
static int
numeric(const char *s)
{
	if (*s == '-')
		s++;
	if (!*s || *s < '0' || *s > '9')
		return 0;
	s += strspn(s, "0123456789");
	if (*s == '.') {
		s++;
		if (!*s)
			return 0;
		s += strspn(s, "0123456789");
	}
	return *s == '\0';
}

/* The recipient's rows as an aligned table, without the address column
 * (it is the To: of the message).  A column whose values are all numbers
 * is right-aligned. */
static char *
body_table(const struct input *in, const struct group *g)
{
	const char **names;
	char *text = NULL;
	size_t len = 0, r;
	int *num, j, k;
	FILE *fp;
	struct out *o;

	if (!in->rows || !g->n)
		return xstrdup("");	/* never: a group has a row */
	if (!(fp = open_memstream(&text, &len)))
		die(EX_SOFTWARE, "open_memstream:");
	names = xcalloc((size_t)in->ncol, sizeof *names);
	num = xcalloc((size_t)in->ncol, sizeof *num);
	for (j = k = 0; j < in->ncol; j++) {
		if (j == in->tocol)
			continue;
		names[k++] = in->cols[j];
		num[j] = 1;
		for (r = 0; r < g->n && num[j]; r++) {
			const char *s = in->rows[g->rows[r]].v[j];

			if (*s && !numeric(s))
				num[j] = 0;
		}
	}
	o = out_new(fp, FMT_TABLE, 0);
	out_header(o, k, names);
	for (r = 0; r < g->n; r++) {
		char **v = in->rows[g->rows[r]].v;

		for (j = 0; j < in->ncol; j++) {
			if (j == in->tocol)
				continue;
			out_cell(o, !*v[j] ? CELL_NULL : num[j] ? CELL_NUM
			    : CELL_STR, v[j]);
		}
		out_endrow(o);
	}
	out_finish(o);
	if (fclose(fp) != 0)
		die(EX_SOFTWARE, "open_memstream:");
	free(names);
	free(num);
	return text;
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

static void
build(struct buf *msg, const char *from, const char *sender,
    const char *to, const char *subject, const char *body, time_t now)
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
	mail_body(msg, body);
}

/* Pipe MSG to $CRM_SENDMAIL run by /bin/sh; 0 when it exited 0, else -1
 * with a warning naming TO. */
static int
sendmail(const char *cmd, const char *to, const struct buf *msg)
{
	int fd[2], status, werr = 0;
	size_t off = 0;
	ssize_t w;
	pid_t pid;

	fflush(stdout);
	if (pipe(fd) < 0)
		die(EX_OSERR, "pipe:");
	if ((pid = fork()) < 0)
		die(EX_OSERR, "fork:");
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		close(fd[1]);
		if (fd[0] != STDIN_FILENO) {
			dup2(fd[0], STDIN_FILENO);
			close(fd[0]);
		}
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(fd[0]);
	while (off < msg->len) {
		w = write(fd[1], msg->s + off, msg->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			werr = errno;
			break;
		}
		off += (size_t)w;
	}
	close(fd[1]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			die(EX_OSERR, "waitpid:");
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !werr)
		return 0;
	if (WIFSIGNALED(status))
		warn("cannot mail '%s': '%s' was killed by signal %d", to, cmd,
		    WTERMSIG(status));
	else if (WEXITSTATUS(status) != 0)
		warn("cannot mail '%s': '%s' exited with status %d", to, cmd,
		    WEXITSTATUS(status));
	else
		warn("cannot mail '%s': writing to '%s': %s", to, cmd,
		    strerror(werr));
	return -1;
}

static int
already_sent(const char *day, const char *to, const char *digest)
{
	static db_stmt *s;
	int found;

	if (!s)
		s = db_prepare("SELECT 1 FROM mail_sent WHERE day = ? AND "
		    "recipient = ? AND digest = ?");
	db_bind_text(s, 1, day);
	db_bind_text(s, 2, to);
	db_bind_text(s, 3, digest);
	found = db_step(s);
	db_reset(s);
	return found;
}

/* Remember a message that went out, with a change log entry. */
static void
remember(const char *day, const char *to, const char *digest)
{
	db_stmt *s;
	char at[21];

	timestamp_now(at);
	db_begin();
	s = db_prepare("INSERT OR IGNORE INTO mail_sent (day, recipient, "
	    "digest, at) VALUES (?, ?, ?, ?)");
	db_bind_text(s, 1, day);
	db_bind_text(s, 2, to);
	db_bind_text(s, 3, digest);
	db_bind_text(s, 4, at);
	db_step(s);
	db_finalize(s);
	if (db_changes() > 0)
		change_log("mail_sent", db_last_id(), "recipient", NULL, to);
	db_commit();
}

/* The sender: $CRM_MAIL_FROM, else setting mail.from when the database is
 * there.  Missing or bad: exit 64. */
static char *
sender_text(int db_is_open)
{
	const char *env = getenv("CRM_MAIL_FROM");
	struct stat st;
	char *v;

	if (env && *env)
		return xstrdup(env);
	if (!db_is_open && stat(db_path(), &st) == 0)
		db_open();
	else if (!db_is_open)
		die(EX_USAGE, "no sender: set CRM_MAIL_FROM (no database at "
		    "'%s' for setting mail.from)", db_path());
	v = setting_get("mail.from");
	if (!v || !*v)
		die(EX_USAGE, "no sender: set CRM_MAIL_FROM or "
		    "'crm config set mail.from ADDRESS'");
	return v;
}

int
main(int argc, char **argv)
{
	enum { OPT_TOCOL = OPT_PROGRAM, OPT_ONCE, OPT_MBOX };
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{"subject", 1, 0, 's'},
		{"to-column", 1, 0, OPT_TOCOL},
		{"once", 0, 0, OPT_ONCE},
		{"mbox", 0, 0, OPT_MBOX},
		{"dry-run", 0, 0, 'n'},
		{0, 0, 0, 0}
	};
	const char *subject = DEFAULT_SUBJECT, *tocol = "email", *why, *cmd;
	struct buf from = {0}, sender = {0}, msg = {0}, mbox = {0};
	struct input in = {0};
	struct tsvin *t;
	char *fromtext = NULL, *body, digest[17], day[11];
	struct out *o = NULL;
	enum mode mode = SEND;
	int c, once = 0, failed = 0, modes = 0;
	size_t i;
	time_t now;

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
		default: usage_exit(EX_USAGE);
		}
	}
	if (argc - optind > 1 || modes > 1)
		usage_exit(EX_USAGE);
	if (!mail_text_ok(subject, &why))
		die(EX_USAGE, "bad --subject: %s", why);
	if (!*tocol)
		die(EX_USAGE, "--to-column needs a column name");
	t = tsvin_open(optind < argc ? argv[optind] : NULL);
	if (once)
		db_open();
	if (mode != DRYRUN) {
		fromtext = sender_text(once);
		if (!mail_from_parse(fromtext, &from, &sender, &why))
			die(EX_USAGE, "bad sender '%s': %s", shown(fromtext),
			    why);
	}
	signal(SIGPIPE, SIG_IGN);
	read_input(&in, t, tocol);

	cmd = getenv("CRM_SENDMAIL");
	if (!cmd || !*cmd)
		cmd = DEFAULT_SENDMAIL;
	date_format(today(), day);
	now = mail_now();
	if (mode == DRYRUN) {
		static const char *const names[] = { "to", "rows" };

		o = out_stdout();
		out_header(o, 2, names);
	}
	for (i = 0; i < ngroups; i++) {
		struct group *g = &groups[i];

		body = body_table(&in, g);
		mail_digest(subject, body, digest);
		if (once && already_sent(day, g->to, digest)) {
			free(body);
			continue;
		}
		if (mode == DRYRUN) {
			char n[24];

			snprintf(n, sizeof n, "%zu", g->n);
			out_cell(o, CELL_STR, g->to);
			out_cell(o, CELL_NUM, n);
			out_endrow(o);
			free(body);
			continue;
		}
		buf_reset(&msg);
		build(&msg, buf_str(&from), buf_str(&sender), g->to, subject,
		    body, now);
		free(body);
		if (mode == MBOX) {
			buf_reset(&mbox);
			mbox_append(&mbox, buf_str(&sender), now, msg.s);
			fwrite(mbox.s, 1, mbox.len, stdout);
			out_check(stdout);
		} else if (sendmail(cmd, g->to, &msg) < 0) {
			failed++;
			continue;
		}
		if (once)
			remember(day, g->to, digest);
	}
	if (o)
		out_finish(o);
	out_check(stdout);
	buf_free(&msg);
	buf_free(&mbox);
	buf_free(&from);
	buf_free(&sender);
	free(fromtext);
	for (i = 0; i < in.nrows; i++) {
		int j;

		for (j = 0; j < in.ncol; j++)
			free(in.rows[i].v[j]);
		free(in.rows[i].v);
	}
	free(in.rows);
	for (i = 0; i < (size_t)in.ncol; i++)
		free(in.cols[i]);
	free(in.cols);
	tsvin_close(t);
	for (i = 0; i < ngroups; i++) {
		free(groups[i].to);
		free(groups[i].rows);
	}
	free(groups);
	if (failed)
		return EX_IOERR;
	return bad_rows ? EX_DATAERR : 0;
}
