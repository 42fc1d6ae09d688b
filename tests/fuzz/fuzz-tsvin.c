/* fuzz-tsvin.c - the tsv reader of crm-mail (lib/tsvin.c) under
 * libFuzzer, with LeakSanitizer on.
 *
 * The input is a file, read through fmemopen.  A reference reader in
 * this file, written from the description in crm.h, says what tsvin must
 * give: the header's fields, then each row (its physical line and fields,
 * split at tabs, \t \n \r \\ undone), then the end or the one error that
 * ends the input (a NUL byte, invalid UTF-8 and where, a row whose field
 * count is not the header's), word for word; every call after the end
 * gives the end again.  An input of odd length asks for the header first,
 * one of even length starts with tsvin_next.
 */
#include "fuzz.h"

#define NAME "fuzz"

/* The fields of the N bytes at S: *NF of them, each malloc'd, escapes
 * undone. */
static char **
ref_split(const char *s, size_t n, int *nf)
{
	char **f;
	size_t i, k = 1, start = 0;
	int j = 0;
	struct buf b = {0};

	for (i = 0; i < n; i++)
		if (s[i] == '\t')
			k++;
	f = calloc(k, sizeof *f);
	if (!f)
		abort();
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '\t')
			continue;
		buf_reset(&b);
		for (k = start; k < i; k++) {
			char e = k + 1 < i ? s[k + 1] : '\0';

			if (s[k] == '\\' && (e == 't' || e == 'n' || e == 'r'
			    || e == '\\')) {
				buf_addc(&b, e == 't' ? '\t' : e == 'n' ? '\n'
				    : e == 'r' ? '\r' : '\\');
				k++;
			} else {
				buf_addc(&b, s[k]);
			}
		}
		f[j++] = xstrdup(buf_str(&b));
		start = i + 1;
	}
	buf_free(&b);
	*nf = j;
	return f;
}

static void
free_fields(char **f, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(f[i]);
	free(f);
}

/* Row R (from tsvin) is line LINE with the fields of the N bytes at S. */
static void
same_row(const struct tsvrow *r, long line, const char *s, size_t n,
    const char *what)
{
	char **f;
	int nf, i;

	f = ref_split(s, n, &nf);
	FUZZ_CHECK(r->line == line, what);
	FUZZ_CHECK(r->n == nf, what);
	for (i = 0; i < nf; i++)
		FUZZ_CHECK(!strcmp(r->f[i], f[i]), f[i]);
	free_fields(f, nf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *line;
	struct tsvrow *hdr = NULL, *row;
	struct tsvin *t;
	struct buf want = {0};
	size_t pos = 0, n, len, bad;
	long lineno = 0;
	int r, hn = 0, header_done = 0, i;
	FILE *fp;

	/* fmemopen may refuse a size of 0: an empty file is /dev/null. */
	fp = size ? fmemopen((void *)data, size, "r") : fopen("/dev/null", "r");
	if (!fp)
		abort();
	t = tsvin_fp(fp, NAME);
	FUZZ_CHECK(!strcmp(tsvin_name(t), NAME), "name");
	FUZZ_CHECK(!strcmp(tsvin_error(t), ""), "no error yet");
	if (size % 2)
		tsvin_header(t, &hdr);

	/* The reference, line by line, against tsvin. */
	for (;;) {
		if (pos >= size) {
			/* the end */
			if (!header_done) {
				r = tsvin_header(t, &hdr);
				FUZZ_CHECK(r == 0, "empty input has no header");
			}
			r = tsvin_next(t, &row);
			FUZZ_CHECK(r == 0, "the end");
			FUZZ_CHECK(tsvin_next(t, &row) == 0, "the end again");
			FUZZ_CHECK(!strcmp(tsvin_error(t), ""), "no error");
			break;
		}
		line = s + pos;
		len = (const char *)memchr(line, '\n', size - pos)
		    ? (size_t)((const char *)memchr(line, '\n', size - pos)
		    - line) + 1 : size - pos;
		pos += len;
		lineno++;
		n = len;
		if (n > 0 && line[n - 1] == '\n')
			n--;
		if (n > 0 && line[n - 1] == '\r')
			n--;
		buf_reset(&want);
		if (memchr(line, '\0', n))
			buf_printf(&want, NAME ":%ld: contains a NUL byte",
			    lineno);
		else if ((bad = fuzz_utf8_bad(line, n)) < n)
			buf_printf(&want, NAME ":%ld: not valid UTF-8 (byte %zu)",
			    lineno, bad + 1);
		if (!header_done) {
			header_done = 1;
			r = tsvin_header(t, &hdr);
			if (want.len) {
				FUZZ_CHECK(r == -1, "a bad header");
				break;
			}
			FUZZ_CHECK(r == 1, "the header");
			same_row(hdr, 1, line, n, "the header");
			hn = hdr->n;
			continue;
		}
		if (!want.len && n == 0)
			continue;	/* a blank line */
		if (!want.len) {
			char **f = ref_split(line, n, &i);

			free_fields(f, i);
			if (i != hn)
				buf_printf(&want, NAME ":%ld: %d fields, the "
				    "header has %d", lineno, i, hn);
		}
		r = tsvin_next(t, &row);
		if (want.len) {
			FUZZ_CHECK(r == -1, want.s);
			break;
		}
		FUZZ_CHECK(r == 1, "a row");
		same_row(row, lineno, line, n, "a row");
	}
	if (want.len) {
		FUZZ_CHECK(!strcmp(tsvin_error(t), want.s), tsvin_error(t));
		FUZZ_CHECK(tsvin_errcode(t) == EX_DATAERR, want.s);
		/* the error ends the input */
		FUZZ_CHECK(tsvin_next(t, &row) == -1, want.s);
		FUZZ_CHECK(tsvin_header(t, &hdr) == -1, want.s);
	} else if (hdr) {
		/* the header stays until tsvin_close */
		FUZZ_CHECK(tsvin_header(t, &hdr) == 1 && hdr->n == hn, "header");
	}
	tsvin_close(t);
	fclose(fp);
	buf_free(&want);
	return 0;
}
