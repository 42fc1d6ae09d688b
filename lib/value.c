/* value.c - a value for a field, checked as it is set: the one check that
 * crm-add, crm-edit, crm-import and every other writer use.  Only the
 * value itself is judged here; rules between fields and records are in
 * rules.c. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm-int.h"

static int
ref_exists(const char *table, int64_t id)
{
	struct buf sql = {0};
	db_stmt *s;
	int found;

	buf_printf(&sql, "SELECT 1 FROM \"%s\" WHERE id = ?", table);
	s = db_prepare(sql.s);
	db_bind_int(s, 1, id);
	found = db_step(s);
	db_finalize(s);
	buf_free(&sql);
	return found;
}

/* A word of F's list in any case ("a" for A, "Customer" for customer, as
 * spreadsheets write them), as the list spells it; NULL when none. */
static char *
list_word(const char *words, const char *text)
{
	size_t n = strlen(text), k;
	const char *p;

	for (p = words; *p; p += k, p += *p == ' ') {
		k = strcspn(p, " ");
		if (k == n && !strncasecmp(p, text, n))
			return xstrndup(p, n);
	}
	return NULL;
}

int
bool_value(const char *text)
{
	char *s;
	int yes;

	/* In any case (Excel writes TRUE), or its label (是). */
	if (!(s = list_word("yes y true 1 no n false 0", text)))
		return !strcmp(text, word_zh("yes")) ? 1
		    : !strcmp(text, word_zh("no")) ? 0 : -1;
	yes = strchr("yYtT1", *s) != NULL;
	free(s);
	return yes;
}

/* A set of tiers ("ab", "CA") in the order of the tier list ("AB",
 * "AC"); NULL when a letter is not a tier. */
static char *
tier_set(const char *text)
{
	const char *tiers = field_words("customers", "tier"), *p;
	struct buf t = {0};
	char one[2] = {0};
	char *w;

	for (p = text; *p; p++) {
		one[0] = *p;
		if (!(w = list_word(tiers, one))) {
			buf_free(&t);
			return NULL;
		}
		free(w);
	}
	for (p = tiers; *p; p++)
		if (*p != ' ' && (strchr(text, *p)
		    || strchr(text, tolower((unsigned char)*p))))
			buf_addc(&t, *p);
	return t.s;
}

static int
check_code(const struct field *f, const char *text, struct buf *err)
{
	const unsigned char *p;
	int digits = 1;

	for (p = (const unsigned char *)text; *p; p++) {
		if (*p <= ' ' || *p == 0x7f) {
			errf(err, "%s: '%s' has a blank or control "
			    "character", f->name, text);
			return -1;
		}
		if (*p < '0' || *p > '9')
			digits = 0;
	}
	if (digits) {
		errf(err, "%s: '%s' is all digits, which would read as "
		    "an id", f->name, text);
		return -1;
	}
	return 0;
}

/* Text is printed to terminals (-o table), so it holds no control
 * character but the tab and the line breaks of a note: not ESC (a name
 * that clears the screen of whoever lists it), not DEL, not the C1
 * controls U+0080..U+009F (CSI among them).  TEXT is valid UTF-8. */
static int
check_controls(const struct field *f, const char *text, struct buf *err)
{
	const unsigned char *p, *s = (const unsigned char *)text;

	for (p = s; *p; p++)
		if ((*p < ' ' && *p != '\t' && *p != '\n' && *p != '\r')
		    || *p == 0x7f || (*p == 0xc2 && p[1] >= 0x80
		    && p[1] <= 0x9f)) {
			errf(err, "%s: a control character (byte %zu): "
			    "only tabs and line breaks may be in a text",
			    f->name, (size_t)(p - s) + 1);
			return -1;
		}
	return 0;
}

/* Check TEXT for F; the stored form goes to V.  0 ok, -1 with ERR. */
static int
convert(const struct field *f, const char *text, struct value *v,
    struct buf *err)
{
	size_t bad;
	int64_t n;
	int day;
	char *s;

	memset(v, 0, sizeof *v);
	if (!text || !*text) {
		v->null = 1;
		return 0;
	}
	if (!utf8_valid(text, strlen(text), &bad)) {
		errf(err, "%s: invalid UTF-8 at byte %zu", f->name, bad + 1);
		return -1;
	}
	/* A code, a phone or a name that a spreadsheet turned into a
	 * number shown in E-notation: its digits are gone. */
	if ((f->type == FT_TEXT || f->type == FT_CODE || f->type == FT_USCC)
	    && spreadsheet_enotation(text)) {
		errf(err, "%s: '%s' is a number a spreadsheet wrote in "
		    "E-notation: its digits are lost; format the column as "
		    "Text (or use .xlsx) and type the values again", f->name,
		    text);
		return -1;
	}
	switch (f->type) {
	case FT_ID:
	case FT_REF:
	case FT_INT:
		if (int_parse(text, f->type == FT_INT ? f->min : 1,
		    f->type == FT_INT ? f->max : INT64_MAX, &n) < 0) {
			if (f->type == FT_INT)
				errf(err, "%s: '%s' is not a whole number "
				    "from %lld to %lld", f->name, text,
				    (long long)f->min, (long long)f->max);
			else
				errf(err, "%s: '%s' is not an id",
				    f->name, text);
			return -1;
		}
		if (f->type == FT_REF && !ref_exists(f->values, n)) {
			errf(err, "%s: no %s %s", f->name,
			    entity_find(f->values) ? entity_find(f->values)->name
			    : f->values, text);
			return -1;
		}
		v->isint = 1;
		v->i = n;
		return 0;
	case FT_MONEY:
		if (money_parse_human(text, &n) < 0) {
			errf(err, "%s: '%s' is not an amount like 12345.67 "
			    "(or ¥12,345.67, 12345.67元, 1.2万)", f->name, text);
			return -1;
		}
		v->isint = 1;
		v->i = n;
		return 0;
	case FT_BOOL:
		if ((v->i = bool_value(text)) < 0) {
			errf(err, "%s: '%s' is not yes or no (nor true or "
			    "false, 1 or 0, 是 or 否)", f->name, text);
			return -1;
		}
		v->isint = 1;
		return 0;
	case FT_DATE: {
		char d[11];

		if (date_arg(text, &day) < 0
		    && date_parse_written(text, &day) < 0) {
			errf(err, "%s: '%s' is not a valid date YYYY-MM-DD (or "
			    "YYYY/M/D, YYYY-M-D, YYYY年M月D日)", f->name, text);
			return -1;
		}
		date_format(day, d);
		v->s = xstrdup(d);
		return 0;
	}
	case FT_TIME: {
		char t[21];

		if (timestamp_valid(text))
			break;
		/* A local time; a day alone: noon of that local day
		 * (timestamp_noon). */
		if (timestamp_local_parse(text, t) < 0) {
			if (date_arg(text, &day) < 0
			    && date_parse_written(text, &day) < 0) {
				errf(err, "%s: '%s' is not a time stamp "
				    "YYYY-MM-DDTHH:MM:SSZ (UTC), a local time "
				    "YYYY-MM-DD HH:MM[:SS] or a date "
				    "YYYY-MM-DD (the day also YYYY/M/D, "
				    "YYYY-M-D or YYYY年M月D日, the hour also "
				    "H)", f->name, text);
				return -1;
			}
			timestamp_noon(day, t);
		}
		v->s = xstrdup(t);
		return 0;
	}
	case FT_ENUM:
		if (list_has(f->values, text, ' '))
			break;
		if ((v->s = list_word(f->values, text)))
			return 0;
		/* Its label, as -o table shows it under zh_CN. */
		if (zh_word(f, text)) {
			v->s = xstrdup(zh_word(f, text));
			return 0;
		}
		errf(err, "%s: '%s' is not one of: %s", f->name, text,
		    f->values);
		return -1;
	case FT_USCC:
		s = xstrdup(text);
		for (n = 0; s[n]; n++)
			s[n] = (char)toupper((unsigned char)s[n]);
		if (!uscc_valid(s)) {
			errf(err, "%s: '%s' is not a valid unified social "
			    "credit code (18 characters, GB 32100-2015 check "
			    "character)", f->name, text);
			free(s);
			return -1;
		}
		v->s = s;
		return 0;
	case FT_TIERS:
		if (!(v->s = tier_set(text))) {
			errf(err, "%s: '%s' is not a set of tiers (any of: "
			    "%s)", f->name, text,
			    field_words("customers", "tier"));
			return -1;
		}
		return 0;
	case FT_STAFF:
		if (!staff_exists(text)) {
			errf(err, "%s: no staff member with login '%s'",
			    f->name, text);
			return -1;
		}
		break;
	case FT_CUSTOMER:
		if (!(n = customer_lookup(text))) {
			customer_unknown(f->name, text, err);
			return -1;
		}
		v->isint = 1;
		v->i = n;
		return 0;
	case FT_EMAIL: {
		const char *why;

		if (!mail_addr_valid(text, &why)) {
			errf(err, "%s: '%s' is not an e-mail address: %s",
			    f->name, text, why);
			return -1;
		}
		break;
	}
	case FT_CODE:
		if (check_code(f, text, err) < 0)
			return -1;
		/* FALLTHROUGH */
	case FT_TEXT:
		if (check_controls(f, text, err) < 0)
			return -1;
		/* max: characters at most (the table's CHECK says the same). */
		if (f->max) {
			n = (int64_t)utf8_chars(text, strlen(text));
			if (n > f->max) {
				errf(err, "%s: longer than %lld characters",
				    f->name, (long long)f->max);
				return -1;
			}
		}
		break;
	}
	v->s = xstrdup(text);
	return 0;
}

void
record_init(struct record *r, const struct entity *e)
{
	memset(r, 0, sizeof *r);
	r->e = e;
}

void
record_clear(struct record *r)
{
	int i;

	for (i = 0; i < r->n; i++)
		free(r->v[i].s);
	r->n = 0;
	r->derived = 0;
	r->stamped = 0;
}

/* The slot of field F (a pointer into r->e's fields), -1 when unset. */
static int
slot_of(const struct record *r, const struct field *f)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (r->f[i] == f)
			return i;
	return -1;
}

static int
slot(const struct record *r, const char *name)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->f[i]->name, name))
			return i;
	return -1;
}

int
record_set(struct record *r, const char *name, const char *text,
    struct buf *err)
{
	const struct field *f = entity_field(r->e, name);

	if (!f) {
		errf(err, "%s: no such column in %s", name, r->e->table);
		return -1;
	}
	return record_set_field(r, f, text, err);
}

int
record_set_field(struct record *r, const struct field *f, const char *text,
    struct buf *err)
{
	struct value v;
	int i;

	if (convert(f, text, &v, err) < 0)
		return -1;
	if ((i = slot_of(r, f)) >= 0)
		free(r->v[i].s);
	else {
		if (r->n == RECORD_MAX)
			die(EX_SOFTWARE, "too many fields");
		i = r->n++;
		r->f[i] = f;
	}
	r->v[i] = v;
	return 0;
}

void
record_need(struct record *r, const char *name, const char *text)
{
	struct buf err = {0};

	if (record_set(r, name, text, &err) < 0)
		die(EX_DATAERR, "%s", buf_str(&err));
	buf_free(&err);
}

int
record_isset_field(const struct record *r, const struct field *f)
{
	int i = slot_of(r, f);

	return i >= 0 && !r->v[i].null;
}

int
record_isset(const struct record *r, const char *name)
{
	int i = slot(r, name);

	return i >= 0 && !r->v[i].null;
}

const char *
record_text(const struct record *r, const char *name)
{
	int i = slot(r, name);

	return i < 0 || r->v[i].null || r->v[i].isint ? NULL : r->v[i].s;
}

char *
record_shown(const struct record *r, const char *name)
{
	int i = r ? slot(r, name) : -1;

	return i < 0 ? NULL : value_text(r->f[i], &r->v[i]);
}

int64_t
record_int(const struct record *r, const char *name)
{
	int i = slot(r, name);

	return i < 0 || r->v[i].null || !r->v[i].isint ? 0 : r->v[i].i;
}

char *
value_text(const struct field *f, const struct value *v)
{
	char m[32];

	if (v->null)
		return NULL;
	if (f->type == FT_MONEY) {
		money_format(v->i, m);
		return xstrdup(m);
	}
	if (f->type == FT_BOOL)
		return xstrdup(v->i ? "yes" : "no");
	if (v->isint)
		return xasprintf("%lld", (long long)v->i);
	return xstrdup(v->s);
}

void
record_need_each(struct record *r, const char *const *names,
    const char *const *texts, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (texts[i] && names[i])
			record_need(r, names[i], texts[i]);
}

int
phone_stripped(const char *text)
{
	size_t n = strlen(text);

	/* 400 and 800 numbers (4008001234) are 10 digits and no 0:
	 * there is no area code 0400 or 0800. */
	return n >= 9 && n <= 11 && strspn(text, "0123456789") == n
	    && text[0] != '0' && !(n == 11 && text[0] == '1')
	    && !(n == 10 && (!strncmp(text, "400", 3)
	    || !strncmp(text, "800", 3)));
}

int
spreadsheet_enotation(const char *text)
{
	const char *p = text;

	/* D.DDDDE+DD, as Excel and WPS show a long number. */
	if (*p < '1' || *p > '9' || p[1] != '.')
		return 0;
	p += 2;
	if (!strspn(p, "0123456789"))
		return 0;
	p += strspn(p, "0123456789");
	if ((*p != 'E' && *p != 'e') || p[1] != '+')
		return 0;
	p += 2;
	return strspn(p, "0123456789") > 0 && !p[strspn(p, "0123456789")];
}
