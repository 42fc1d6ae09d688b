/* i18n.c - the people-facing language: GNU gettext's catalogue "crm"
 * (po/zh_CN.po), found beside the programs as their calendars are, the
 * labels of columns and of the words of closed lists in table output, and
 * the locale's collation of names.  Machine formats never come here. */
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crm-int.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

/* The catalogues: share/locale beside the program's bin/ (a build tree,
 * or an installed tree that was moved), else where make install put
 * them. */
static const char *
locale_dir(void)
{
	static char dir[PATH_MAX + 16];
	const char *exe = exe_dir();
	struct stat st;

	if (exe && (size_t)snprintf(dir, sizeof dir, "%s/../share/locale",
	    exe) < sizeof dir && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return dir;
	return LOCALEDIR;
}

void
i18n_init(void)
{
	/* Only what people read and how names sort follow the locale:
	 * never LC_NUMERIC (a decimal comma in a machine format) nor
	 * LC_TIME. */
	setlocale(LC_MESSAGES, "");
	setlocale(LC_COLLATE, "");
	bindtextdomain("crm", locale_dir());
	bind_textdomain_codeset("crm", "UTF-8");
	textdomain("crm");
}

void
i18n_machine(int on)
{
	/* A domain with no catalogue: gettext gives back every msgid. */
	textdomain(on ? "crm-machine" : "crm");
}

const char *
pgettext_crm(const char *context, const char *msgid)
{
	char key[256];
	const char *t;
	size_t c = strlen(context), m = strlen(msgid);

	if (c + m + 2 > sizeof key)
		return msgid;
	memcpy(key, context, c);
	key[c] = '\004';
	memcpy(key + c + 1, msgid, m + 1);
	t = dgettext("crm", key);
	return t == key ? msgid : t;
}

const char *
entity_label(const char *name)
{
	return pgettext_crm("entity", name);
}

const char *
col_label(const char *name)
{
	return pgettext_crm("column", name);
}

/* yes and no, as crm writes a FT_BOOL field. */
static const char *const yesno[] = {"yes", "no", NULL};

/* The closed lists that are not a table's field: a due row's, and the
 * kpi report's yes/no column. */
static const struct {
	const char *column;
	const char *const *words;
} derived[] = {
	{"status", due_statuses},
	{"obligation", due_obligations},
	{"review", yesno},
};

/* A field whose words people read by their labels. */
static int
closed_field(const struct field *f, const char *column)
{
	return (f->type == FT_ENUM || f->type == FT_BOOL)
	    && !strcmp(f->name, column);
}

/* WORD is one of F's words; any, when WORD is NULL. */
static int
field_word(const struct field *f, const char *word)
{
	if (!word)
		return 1;
	return f->type == FT_BOOL ? !strcmp(word, "yes") || !strcmp(word, "no")
	    : list_has(f->values, word, ' ');
}

/* 1 when WORD is one of COLUMN's closed-list words in any table, or,
 * WORD NULL, when COLUMN has such words at all. */
static int
closed(const char *column, const char *word)
{
	const struct entity *const *e;
	const struct field *f;
	const char *const *w, *p;

	for (e = entities; *e; e++)
		for (f = (*e)->fields; f->name; f++)
			if (closed_field(f, column) && field_word(f, word))
				return 1;
	for (f = visit_rule_entity.fields; f->name; f++)
		if (closed_field(f, column) && field_word(f, word))
			return 1;
	for (size_t i = 0; i < sizeof derived / sizeof derived[0]; i++)
		if (!strcmp(derived[i].column, column))
			for (w = derived[i].words; *w; w++)
				if (!word || !strcmp(*w, word))
					return 1;
	if (!strcmp(column, "problem"))
		for (size_t i = 0; (p = archive_problem_word(i)); i++)
			if (!word || !strcmp(p, word))
				return 1;
	return 0;
}

int
closed_column(const char *column)
{
	/* Asked for every cell of a table: the answers are kept. */
	static struct {
		char name[64];
		int closed;
	} known[32];
	static size_t n;
	size_t i;
	int r;

	for (i = 0; i < n; i++)
		if (!strcmp(known[i].name, column))
			return known[i].closed;
	r = closed(column, NULL);
	if (n < sizeof known / sizeof known[0]
	    && strlen(column) < sizeof known[n].name) {
		strcpy(known[n].name, column);
		known[n++].closed = r;
	}
	return r;
}

const char *
word_label(const char *column, const char *word)
{
	if (!column || !word || !*word || !closed(column, word))
		return word;
	return pgettext_crm("word", word);
}

const char *
people_value(const char *column, const char *value, struct buf *scratch)
{
	char local[32];

	if (!value || !*value || !column)
		return value;
	if (!strcmp(column, "detail"))
		return due_detail_label(value, scratch);
	/* The change log: what was changed, and which of its fields. */
	if (!strcmp(column, "entity"))
		return entity_label(value);
	if (!strcmp(column, "field"))
		return col_label(value);
	if (closed_column(column))
		return word_label(column, value);
	if (value[0] >= '0' && value[0] <= '9' && strlen(value) == 20
	    && timestamp_local(value, local) == 0) {
		buf_reset(scratch);
		buf_adds(scratch, local);
		return buf_str(scratch);
	}
	return value;
}

/* The N bytes at S as a C string: in BUF (of SIZE) when they fit, else
 * in *HEAP, which the caller frees. */
static const char *
cstr(const char *s, size_t n, char *buf, size_t size, char **heap)
{
	if (n >= size)
		return *heap = xstrndup(s, n);
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

int
text_collate(const char *a, size_t na, const char *b, size_t nb)
{
	char sa[256], sb[256], *ha = NULL, *hb = NULL;
	const char *pa, *pb, *c = setlocale(LC_COLLATE, NULL);
	int r;

	/* Byte order under C and POSIX, where strcoll is strcmp anyway. */
	if (!c || !strcmp(c, "C") || !strcmp(c, "POSIX")) {
		r = memcmp(a, b, na < nb ? na : nb);
		return r ? r : (na > nb) - (na < nb);
	}
	/* strcoll wants NUL-terminated strings; names are short. */
	pa = cstr(a, na, sa, sizeof sa, &ha);
	pb = cstr(b, nb, sb, sizeof sb, &hb);
	r = strcoll(pa, pb);
	/* Equal under the locale but not the same bytes: byte order, so
	 * that the order is total and stable. */
	if (r == 0)
		r = strcmp(pa, pb);
	free(ha);
	free(hb);
	return r;
}
