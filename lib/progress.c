/* progress.c - how far a long import or export has got, on standard
 * error when that is a terminal: rows, bytes, rate and the time left,
 * redrawn in place.  Nothing at all when stderr is a file or a pipe, and
 * nothing for a job that ends within its first second. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "crm.h"

struct progress {
	const char *what;	/* the file's name */
	long long total;	/* its bytes, or -1 */
	double start, last;
	int shown;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

struct progress *
progress_start(const char *what, long long total)
{
	struct progress *p;

	if (!isatty(STDERR_FILENO))
		return NULL;
	p = xcalloc(1, sizeof *p);
	p->what = what;
	p->total = total;
	p->start = p->last = now();
	return p;
}

/* "1.2 MB" */
static void
bytes_text(char *out, size_t n, double b)
{
	if (b >= 1e9)
		snprintf(out, n, "%.1f GB", b / 1e9);
	else if (b >= 1e6)
		snprintf(out, n, "%.1f MB", b / 1e6);
	else
		snprintf(out, n, "%.0f kB", b / 1e3);
}

void
progress_update(struct progress *p, long long rows, long long bytes)
{
	double t, el;
	char done[32], all[32];

	if (!p)
		return;
	t = now();
	/* After a second, five times a second. */
	if (t - p->start < 1.0 || t - p->last < 0.2)
		return;
	p->last = t;
	el = t - p->start;
	fprintf(stderr, "\r%s: ", p->what);
	fprintf(stderr, _("%lld rows"), rows);
	if (bytes >= 0) {
		bytes_text(done, sizeof done, (double)bytes);
		if (p->total > 0) {
			bytes_text(all, sizeof all, (double)p->total);
			fprintf(stderr, ", %s / %s (%.0f%%)", done, all,
			    100.0 * (double)bytes / (double)p->total);
		} else
			fprintf(stderr, ", %s", done);
	}
	fprintf(stderr, _(", %.0f rows/s"), (double)rows / el);
	if (p->total > 0 && bytes > 0 && bytes < p->total)
		fprintf(stderr, _(", %.0f s left"), el * (double)(p->total
		    - bytes) / (double)bytes);
	/* Clear what a longer line before left. */
	fputs("\033[K", stderr);
	fflush(stderr);
	p->shown = 1;
	stderr_progress = 1;
}

void
progress_end(struct progress *p)
{
	if (!p)
		return;
	if (p->shown && stderr_progress) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	stderr_progress = 0;
	free(p);
}
