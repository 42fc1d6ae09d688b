/* xlsxlib.c - the workbook libraries, loaded in the run that needs them.
 *
 * Each library is opened by its SONAME, the name its runtime package
 * installs (the Makefile reads it from the development library at build
 * time: libzip.so.4, libexpat.so.1, libxlsxwriter.so.4 on Debian 12), so
 * that the one the programs were built against is the one they load, and
 * the handles are kept to the end of the process.  lib/xlsxlib.h says
 * why and how the readers and writers call through the table.
 */
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define XLSXLIB_TABLE		/* the names are the functions here */
#include "crm-int.h"
#include "xlsxlib.h"

#if !defined(XLSXLIB_ZIP_SONAME) || !defined(XLSXLIB_EXPAT_SONAME) \
    || !defined(XLSXLIB_XLSXWRITER_SONAME)
#error "the libraries' SONAMEs: the Makefile passes them (objdump -p)"
#endif

struct xlsxlib xlsxlib;

/* A function of a library and its place in the table. */
struct sym {
	const char *name;
	size_t off;
};
#define XLSXLIB_SYM(f) { #f, offsetof(struct xlsxlib, f) },
static const struct sym zip_syms[] = { XLSXLIB_ZIP(XLSXLIB_SYM) { NULL, 0 } };
static const struct sym expat_syms[] = {
	XLSXLIB_EXPAT(XLSXLIB_SYM) { NULL, 0 }
};
static const struct sym xlsxwriter_syms[] = {
	XLSXLIB_XLSXWRITER(XLSXLIB_SYM) { NULL, 0 }
};

static const struct lib {
	const char *soname;
	const struct sym *syms;
	int what;		/* the XLSXLIB_* that needs it */
} libs[] = {
	{ XLSXLIB_ZIP_SONAME, zip_syms, XLSXLIB_READ | XLSXLIB_WRITE },
	{ XLSXLIB_EXPAT_SONAME, expat_syms, XLSXLIB_READ | XLSXLIB_WRITE },
	{ XLSXLIB_XLSXWRITER_SONAME, xlsxwriter_syms, XLSXLIB_WRITE },
};
#define NLIBS (sizeof libs / sizeof libs[0])

/* Each library whose functions are all in the table. */
static int loaded[NLIBS];
static char why[512];

/* dlerror's text, kept. */
static const char *
dl_why(void)
{
	const char *e = dlerror();

	snprintf(why, sizeof why, "%s", e ? e : "unknown error");
	return why;
}

const char *
xlsxlib_load(int what, const char **lib)
{
	const struct sym *s;
	void *h, *p;
	size_t i;

	for (i = 0; i < NLIBS; i++) {
		if (loaded[i] || !(libs[i].what & what))
			continue;
		*lib = libs[i].soname;
		/* Not a handle per call: dlopen counts them, and the
		 * library stays loaded whatever becomes of this one. */
		if (!(h = dlopen(libs[i].soname, RTLD_NOW | RTLD_LOCAL)))
			return dl_why();
		for (s = libs[i].syms; s->name; s++) {
			dlerror();
			if (!(p = dlsym(h, s->name)))
				return dl_why();
			/* A function pointer as POSIX makes dlsym's. */
			memcpy((char *)&xlsxlib + s->off, &p, sizeof p);
		}
		loaded[i] = 1;
	}
	return NULL;
}
