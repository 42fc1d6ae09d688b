/* err.c - messages on stderr and exits with the SPEC's codes; output that
 * cannot be written, and a reader that went away, in one place. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"

const char *progname = "crm";
int stderr_progress;

/* die() has said why the program ends: the last check stays quiet. */
static int dying;
/* die_write() met a reader that went away: end by SIGPIPE, quietly. */
static int pipe_gone;

/* The last thing a program does, after the cleanup others registered
 * later (the open transaction rolled back, a half-written file removed):
 * standard output that was never checked is checked here, so that no
 * output is lost without a word; a closed pipe ends the program as it
 * ends cat(1), by SIGPIPE. */
static void
at_end(void)
{
	sigset_t set;

	if (!dying && !pipe_gone && (fflush(stdout) != 0 || ferror(stdout))) {
		if (errno == EPIPE) {
			pipe_gone = 1;
		} else {
			fprintf(stderr, _("%s: cannot write standard output: %s\n"),
			    progname, strerror(errno ? errno : EIO));
			_exit(EX_IOERR);
		}
	}
	if (!pipe_gone)
		return;
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGPIPE);
	_exit(128 + SIGPIPE);	/* not reached */
}

void
setprogname(const char *argv0)
{
	const char *p = strrchr(argv0, '/');
	static int started;

	progname = p ? p + 1 : argv0;
	/* Every program's first call: at_end runs after every other
	 * exit handler. */
	if (!started++)
		atexit(at_end);
}

static void
vmsg(const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n;

	fmt = gettext(fmt);
	n = strlen(fmt);

	fflush(stdout);
	/* A progress line is cleared first; it is drawn again below. */
	if (stderr_progress) {
		fputs("\r\033[K", stderr);
		stderr_progress = 0;
	}
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void
die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	dying = 1;
	exit(code);
}

void
die_write(const char *name)
{
	int e = errno ? errno : EIO;

	if (e == EPIPE) {
		/* Not an error: the reader has all it wanted (crm list |
		 * head -1).  No word; the exit handlers, then SIGPIPE. */
		pipe_gone = 1;
		exit(EX_IOERR);
	}
	errno = e;
	if (name)
		die(EX_IOERR, "cannot write '%s':", name);
	die(EX_IOERR, "cannot write standard output:");
}

void
warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void
errf(struct buf *err, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(gettext(fmt), ap);
	va_end(ap);
	buf_adds(err, s);
	free(s);
}
