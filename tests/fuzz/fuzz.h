/* fuzz.h - what every harness in tests/fuzz shares: the libFuzzer entry
 * point's prototype, a NUL-terminated copy of an input, a failed
 * property reported with the input, and (built with -DPLAIN_DRIVER) a
 * main that runs the files named on its command line once each, for a
 * build without libFuzzer or a debugger.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The N bytes at P as a string, cut at the first NUL: malloc'd. */
static inline char *
fuzz_str(const uint8_t *p, size_t n)
{
	char *s = malloc(n + 1);

	if (!s)
		abort();
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

/* The length (1 to 4) of the well-formed UTF-8 sequence (RFC 3629: no
 * overlongs, no surrogates, nothing past U+10FFFF) at S, of which N bytes
 * may be read; 0 when there is none.  Written here, not taken from
 * lib/utf8.c, so that the harnesses check the library against a second
 * reading of the RFC. */
static inline size_t
fuzz_utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xbf, c;
	size_t len, k;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		if (c == 0xe0)
			lo = 0xa0;
		if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		if (c == 0xf0)
			lo = 0x90;
		if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	for (k = 1; k < len; k++) {
		if (k >= n)
			return 0;
		c = s[k];
		if (k == 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf)
			return 0;
	}
	return len;
}

/* The offset of the first byte that starts no well-formed sequence in
 * the N bytes at S, or N when they are well-formed UTF-8. */
static inline size_t
fuzz_utf8_bad(const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i = 0, k;

	while (i < n) {
		if (!(k = fuzz_utf8_seq(s + i, n - i)))
			return i;
		i += k;
	}
	return n;
}

/* A property that does not hold: say which, with the text concerned
 * (bytes outside printable ASCII in \x form), and abort so that libFuzzer
 * keeps the input. */
#define FUZZ_CHECK(cond, text) do { \
	if (!(cond)) \
		fuzz_fail(__FILE__, __LINE__, #cond, (text)); \
} while (0)

static inline void
fuzz_fail(const char *file, int line, const char *what, const char *text)
{
	const unsigned char *p;

	fprintf(stderr, "%s:%d: property failed: %s\n  text: \"", file, line,
	    what);
	for (p = (const unsigned char *)(text ? text : ""); *p; p++)
		if (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\')
			fprintf(stderr, "\\x%02x", *p);
		else
			fputc(*p, stderr);
	fputs("\"\n", stderr);
	abort();
}

#ifdef PLAIN_DRIVER
int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		FILE *fp = fopen(argv[i], "rb");
		struct buf b = {0};
		char chunk[4096];
		size_t k;

		if (!fp)
			die(EX_NOINPUT, "cannot read '%s':", argv[i]);
		while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0)
			buf_add(&b, chunk, k);
		fclose(fp);
		LLVMFuzzerTestOneInput((const uint8_t *)b.s, b.len);
		buf_free(&b);
	}
	printf("%d inputs\n", argc - 1);
	return 0;
}
#endif

#endif
