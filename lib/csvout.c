/* csvout.c - the CSV writer of crm-export: RFC 4180 through libcsv's
 * writer, the formula guard, a BOM, another encoding, and a private file
 * that appears only when it is complete. */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "crm-int.h"

#define OUT_SIZE 65536

struct csvout {
	int fd;
	char *path, *tmp;	/* a file: written to TMP, renamed to PATH */
	int unnamed;		/* TMP is only a pattern until the end: the
				 * file has no name (O_TMPFILE) */
	iconv_t cd;		/* (iconv_t)-1 for UTF-8 */
	const char *encoding;
	int flags;
	int nfield;
	long rows;
	struct buf row, conv;
	char out[OUT_SIZE];
	size_t outlen;
};

int
csv_guarded(const char *v)
{
	while (*v == '\'')
		v++;
	return *v && strchr("=+-@\t\r", *v);
}

static void
write_all(struct csvout *o, const char *s, size_t n)
{
	size_t done = 0;
	ssize_t k;

	while (done < n) {
		k = write(o->fd, s + done, n - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			die_write(o->path);
		done += (size_t)k;
	}
}

static void
flush_out(struct csvout *o)
{
	write_all(o, o->out, o->outlen);
	o->outlen = 0;
}

static void
put(struct csvout *o, const char *s, size_t n)
{
	if (o->outlen + n > OUT_SIZE)
		flush_out(o);
	if (n > OUT_SIZE) {
		write_all(o, s, n);
		return;
	}
	memcpy(o->out + o->outlen, s, n);
	o->outlen += n;
}

/* The finished row (or BOM) in o->row, converted when needed. */
static void
emit(struct csvout *o)
{
	char *in, *out;
	size_t inleft, outleft;

	if (o->cd == (iconv_t)-1) {
		put(o, o->row.s, o->row.len);
		buf_reset(&o->row);
		return;
	}
	in = o->row.s;
	inleft = o->row.len;
	buf_reset(&o->conv);
	while (inleft) {
		if (o->conv.cap < o->conv.len + 2 * inleft + 16) {
			o->conv.cap = o->conv.len + 2 * inleft + 16;
			o->conv.s = xrealloc(o->conv.s, o->conv.cap);
		}
		out = o->conv.s + o->conv.len;
		outleft = o->conv.cap - o->conv.len;
		if (iconv(o->cd, &in, &inleft, &out, &outleft) == (size_t)-1
		    && errno != E2BIG) {
			size_t n = utf8_charlen(in, inleft);

			die(EX_DATAERR, "row %ld: '%.*s' cannot be written in %s",
			    o->rows, (int)n, in, o->encoding);
		}
		o->conv.len = (size_t)(out - o->conv.s);
	}
	put(o, o->conv.s, o->conv.len);
	buf_reset(&o->row);
}


struct csvout *
csvout_open(const char *path, const char *encoding, int flags)
{
	struct csvout *o = xcalloc(1, sizeof *o);
	char *dir, *slash;
	struct stat st;

	o->flags = flags;
	o->cd = (iconv_t)-1;
	o->fd = 1;
	if (encoding && *encoding && strcasecmp(encoding, "utf-8")
	    && strcasecmp(encoding, "utf8")) {
		o->cd = iconv_open(encoding, "UTF-8");
		if (o->cd == (iconv_t)-1)
			die(EX_USAGE, "unknown encoding '%s': use utf-8, "
			    "gb18030 or another name iconv knows", encoding);
		o->encoding = encoding;
	}
	if (path && strcmp(path, "-") && lstat(path, &st) == 0
	    && !S_ISREG(st.st_mode)) {
		/* A folder is refused before anything is done; a device, a
		 * FIFO or a link (/dev/stdout, a pipe, a link to the file
		 * meant) is written through, never replaced by a file. */
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			die(EX_CANTCREAT, "cannot create '%s': it is a directory",
			    path);
		if ((o->fd = open(path, O_WRONLY | O_CREAT | (stat(path, &st)
		    == 0 && S_ISREG(st.st_mode) ? O_TRUNC : 0), 0600)) < 0)
			die(EX_CANTCREAT, "cannot open '%s':", path);
		o->path = xstrdup(path);
	} else if (path && strcmp(path, "-")) {
		/* 0600: customer data stays private.  A file with no name
		 * (O_TMPFILE) until it is whole, so that even a kill -9
		 * leaves nothing behind; where the file system has none, a
		 * hidden name beside it (mkstemp), removed at exit. */
		o->path = xstrdup(path);
		dir = xstrdup(path);
		slash = strrchr(dir, '/');
		if (slash)
			slash[1] = '\0';
		o->tmp = xasprintf("%s.crm-export.XXXXXX", slash ? dir : "");
		o->fd = open(slash ? dir : ".", O_TMPFILE | O_WRONLY | O_CLOEXEC,
		    0600);
		free(dir);
		if (o->fd >= 0) {
			o->unnamed = 1;
			goto ready;
		}
		if ((o->fd = mkstemp(o->tmp)) < 0) {
			free(o->tmp);
			o->tmp = NULL;
			die(EX_CANTCREAT, "cannot create '%s':", path);
		}
		file_pending(o->tmp);
	}
ready:
	if (flags & CSVOUT_BOM) {
		buf_add(&o->row, "\xef\xbb\xbf", 3);
		emit(o);
	}
	return o;
}

void
csvout_field(struct csvout *o, const char *s, int text)
{
	size_t n;
	int guard;

	if (o->nfield++)
		buf_addc(&o->row, ',');
	if (!s || !*s)
		return;
	guard = text && !(o->flags & CSVOUT_RAW) && csv_guarded(s);
	n = strlen(s);
	if (guard) {
		buf_reset(&o->conv);
		buf_addc(&o->conv, '\'');
		buf_add(&o->conv, s, n);
		s = o->conv.s;
		n++;
	}
	csv_append(&o->row, s, n);
}

void
csv_append(struct buf *b, const char *s, size_t n)
{
	size_t need;

	/* Quoted when it must be: libcsv drops blanks around bare fields. */
	if (!n || (!memchr(s, ',', n) && !memchr(s, '"', n)
	    && !memchr(s, '\r', n) && !memchr(s, '\n', n) && s[0] != ' '
	    && s[0] != '\t' && s[n - 1] != ' ' && s[n - 1] != '\t')) {
		buf_add(b, s, n);
		return;
	}
	need = 2 * n + 2;
	if (b->cap < b->len + need + 1) {
		b->cap = b->len + need + 1;
		b->s = xrealloc(b->s, b->cap);
	}
	b->len += csv_write(b->s + b->len, need, s, n);
	b->s[b->len] = '\0';
}

void
csvout_endrow(struct csvout *o)
{
	buf_add(&o->row, "\r\n", 2);
	o->nfield = 0;
	o->rows++;
	emit(o);
}

/* The unnamed file O, now whole, named: 1 at its path when nothing was
 * there; else 0 with a hidden name beside it (O->tmp), which rename then
 * moves onto the path (link(2) would not replace a file). */
static int
name_it(struct csvout *o)
{
	char proc[32], num[24], *end = strrchr(o->tmp, '.');
	int n;

	snprintf(proc, sizeof proc, "/proc/self/fd/%d", o->fd);
	/* Where nothing is at the path yet, the whole file takes its name
	 * at once: no moment with a hidden name that a kill could leave. */
	if (linkat(AT_FDCWD, proc, AT_FDCWD, o->path, AT_SYMLINK_FOLLOW) == 0)
		return 1;
	if (errno != EEXIST)
		die(EX_CANTCREAT, "cannot create '%s':", o->path);
	for (n = 0;; n++) {
		/* ".crm-export.XXXXXX": six digits of the pid and a try */
		snprintf(num, sizeof num, "%06ld", ((long)getpid() * 16 + n)
		    % 1000000);
		memcpy(end + 1, num, 6);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, o->tmp, AT_SYMLINK_FOLLOW)
		    == 0)
			break;
		if (errno != EEXIST || n > 100)
			die(EX_CANTCREAT, "cannot create '%s':", o->path);
	}
	file_pending(o->tmp);
	return 0;
}

void
csvout_close(struct csvout *o)
{
	int named;

	flush_out(o);
	if (!o->tmp && o->path && close(o->fd) < 0)
		die_write(o->path);
	if (o->tmp) {
		if (fsync(o->fd) < 0)
			die_write(o->path);
		named = o->unnamed && name_it(o);
		if (close(o->fd) < 0)
			die_write(o->path);
		if (!named && rename(o->tmp, o->path) < 0)
			die(EX_CANTCREAT, "cannot create '%s':", o->path);
		file_done(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
	}
	if (o->cd != (iconv_t)-1)
		iconv_close(o->cd);
	free(o->path);
	buf_free(&o->row);
	buf_free(&o->conv);
	free(o);
}
