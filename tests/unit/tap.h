/* tap.h - a tiny header-only TAP producer for the unit tests. */
#ifndef TAP_H
#define TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_run, tap_failed;

/* The test name on one line: control characters written as \ooo. */
static inline void
tap_vname(const char *fmt, va_list ap)
{
	char name[512];
	const unsigned char *p;

	vsnprintf(name, sizeof name, fmt, ap);
	for (p = (const unsigned char *)name; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			printf("\\%03o", *p);
		else
			putchar(*p);
	}
	putchar('\n');
}

static inline int
tap_result(int pass, const char *file, int line, const char *fmt,
    va_list ap)
{
	tap_run++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_run);
	tap_vname(fmt, ap);
	if (!pass)
		printf("#   Failed at %s line %d.\n", file, line);
	return pass;
}

static inline int
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_result(pass, file, line, fmt, ap);
	va_end(ap);
	return pass;
}

static inline int
tap_is_int(long long got, long long want, const char *file, int line,
    const char *fmt, ...)
{
	va_list ap;
	int pass = got == want;

	va_start(ap, fmt);
	tap_result(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#          got: %lld\n#     expected: %lld\n", got,
		    want);
	return pass;
}

static inline int
tap_is_str(const char *got, const char *want, const char *file, int line,
    const char *fmt, ...)
{
	va_list ap;
	int pass;

	if (!got || !want)
		pass = got == want;
	else
		pass = strcmp(got, want) == 0;
	va_start(ap, fmt);
	tap_result(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass) {
		printf(got ? "#          got: '%s'\n" : "#          got: %s\n",
		    got ? got : "NULL");
		printf(want ? "#     expected: '%s'\n" : "#     expected: %s\n",
		    want ? want : "NULL");
	}
	return pass;
}

/* Print the plan; the exit status for main(). */
static inline int
tap_done(void)
{
	printf("1..%d\n", tap_run);
	fflush(stdout);
	if (tap_failed)
		fprintf(stderr, "# failed %d of %d tests\n", tap_failed,
		    tap_run);
	return tap_failed ? 1 : 0;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) \
	tap_is_int((long long)(got), (long long)(want), __FILE__, __LINE__, \
	    __VA_ARGS__)
#define is_str(got, want, ...) \
	tap_is_str((got), (want), __FILE__, __LINE__, __VA_ARGS__)
#define done_testing() tap_done()
#define diag(...) (printf("# "), printf(__VA_ARGS__), putchar('\n'))

#endif
