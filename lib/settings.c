/* settings.c - the settings crm knows, with their kinds and defaults, as
 * data (the schema inserts the same defaults; tests/unit/test-model.c
 * checks that they agree), and reading and writing them. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm-int.h"

enum kind { K_DAYS, K_DAYS_OR_EMPTY, K_NUMBER, K_TEXT, K_WORD };

static const struct setting {
	const char *key;
	enum kind kind;
	const char *dflt;
	int64_t min, max;	/* K_NUMBER; K_DAYS: max, else DAYS_MAX */
	const char *words;	/* K_WORD: the words it may be */
	const char *what;	/* for --help and messages: N_() */
} settings[] = {
	{"sla.low", K_DAYS, "15", 0, 0, NULL,
	    N_("days to resolve a low complaint")},
	{"sla.normal", K_DAYS, "7", 0, 0, NULL,
	    N_("days to resolve a normal one")},
	{"sla.high", K_DAYS, "3", 0, 0, NULL,
	    N_("days to resolve a high one")},
	{"sla.critical", K_DAYS, "1", 0, 0, NULL,
	    N_("days to resolve a critical one")},
	{"complaint.callback_days", K_DAYS, "7", 0, 0, NULL,
	    N_("days from confirmation to the callback")},
	{"holiday.window_days", K_DAYS, "7", 0, 366, NULL,
	    N_("days before a holiday its callback may be made")},
	{"mail.from", K_TEXT, "", 0, 0, NULL, N_("the sender of crm-mail")},
	{"plan.steps", K_NUMBER, "2", 1, 2, NULL,
	    N_("2: the department manager reviews a visit plan, then the "
	    "division head approves it; 1: one approval")},
	{"sla.days", K_WORD, "calendar", 0, 0, "calendar working",
	    N_("how the sla.* days count: calendar days, or working days of "
	    "the official calendar (crm import calendar)")},
	{"lead.followup_days", K_DAYS, "7", 0, 0, NULL,
	    N_("days without a visit or call after which a customer of the "
	    "pipeline (lead to handover) is due a follow-up by its owner")},
	{"lead.followup_days.lead", K_DAYS_OR_EMPTY, "", 0, 0, NULL,
	    N_("the same for a lead (empty: lead.followup_days)")},
	{"lead.followup_days.contacted", K_DAYS_OR_EMPTY, "", 0, 0, NULL,
	    N_("the same for a contacted one (empty: lead.followup_days)")},
	{"lead.followup_days.intent", K_DAYS_OR_EMPTY, "", 0, 0, NULL,
	    N_("the same at intent (empty: lead.followup_days)")},
	{"lead.followup_days.handover", K_DAYS_OR_EMPTY, "", 0, 0, NULL,
	    N_("the same at handover (empty: lead.followup_days)")},
};
#define NSETTINGS (sizeof settings / sizeof settings[0])

static const struct setting *
find(const char *key)
{
	size_t i;

	for (i = 0; i < NSETTINGS; i++)
		if (!strcmp(settings[i].key, key))
			return &settings[i];
	return NULL;
}

const char *
setting_key(size_t i, const char **dflt, const char **what)
{
	if (i >= NSETTINGS)
		return NULL;
	if (dflt)
		*dflt = settings[i].dflt;
	if (what)
		*what = _(settings[i].what);	/* read by people only */
	return settings[i].key;
}

/* The stored settings, read once (a small table, asked about in loops:
 * plan.steps for every plan) and read again after a write. */
static struct stored {
	char *key, *value;
} *stored;
static size_t nstored;
static int loaded;

void
settings_forget(void)
{
	size_t i;

	for (i = 0; i < nstored; i++) {
		free(stored[i].key);
		free(stored[i].value);
	}
	free(stored);
	stored = NULL;
	nstored = 0;
	loaded = 0;
}

char *
setting_get(const char *key)
{
	db_stmt *s;
	size_t i;

	if (!loaded) {
		s = db_prepare("SELECT key, value FROM settings");
		while (db_step(s)) {
			stored = xrealloc(stored, (nstored + 1) * sizeof *stored);
			stored[nstored].key = xstrdup(db_text(s, 0));
			stored[nstored++].value = xstrdup(db_text(s, 1));
		}
		db_finalize(s);
		loaded = 1;
	}
	for (i = 0; i < nstored; i++)
		if (!strcmp(stored[i].key, key))
			return xstrdup(stored[i].value);
	return NULL;
}

int64_t
setting_int(const char *key)
{
	const struct setting *k = find(key);
	char *v = setting_get(key);
	int64_t n, dflt, lo = INT_MIN, hi = INT_MAX;

	if (k && k->kind == K_NUMBER) {
		lo = k->min;
		hi = k->max;
	} else if (k) {		/* days; one written by hand too */
		lo = 0;
		hi = k->max ? k->max : DAYS_MAX;
	}
	if (!k || int_parse(k->dflt, lo, hi, &dflt) < 0)
		die(EX_SOFTWARE, "no number setting '%s'", key);
	if (v && int_parse(v, lo, hi, &n) == 0)
		dflt = n;
	else if (v && *v)
		warn("setting %s = '%s' is not a number from %lld to %lld; "
		    "using %lld", key, v, (long long)lo, (long long)hi,
		    (long long)dflt);
	free(v);
	return dflt;
}

int
setting_is(const char *key, const char *word)
{
	const struct setting *k = find(key);
	char *v = setting_get(key);
	int is;

	if (!k || k->kind != K_WORD || !list_has(k->words, word, ' '))
		die(EX_SOFTWARE, "no setting '%s' that may be '%s'", key, word);
	if (v && !list_has(k->words, v, ' ')) {
		warn("setting %s = '%s' is not one of: %s; using %s", key, v,
		    k->words, k->dflt);
		free(v);
		v = NULL;
	}
	is = !strcmp(v ? v : k->dflt, word);
	free(v);
	return is;
}

char *
setting_check(const char *key, const char *value, struct buf *err)
{
	const struct setting *k = find(key);
	const unsigned char *p;
	size_t bad, i;
	int64_t n;

	if (!k) {
		struct buf known = {0};

		for (i = 0; i < NSETTINGS; i++)
			buf_printf(&known, "%s%s", i ? " " : "",
			    settings[i].key);
		errf(err, "unknown setting '%s': known settings are %s", key,
		    buf_str(&known));
		buf_free(&known);
		return NULL;
	}
	switch (k->kind) {
	case K_DAYS_OR_EMPTY:
		if (!*value)
			break;
		/* FALLTHROUGH */
	case K_DAYS:
		/* Bounded, as a holiday's own window is (lib/model.c): days
		 * are added to day numbers, which must not overflow. */
		if (int_parse(value, 0, k->max ? k->max : DAYS_MAX, &n) < 0) {
			errf(err, "%s: '%s' is not a whole number of days "
			    "from 0 to %lld", key, value,
			    (long long)(k->max ? k->max : DAYS_MAX));
			return NULL;
		}
		return xasprintf("%lld", (long long)n);
	case K_NUMBER:
		if (int_parse(value, k->min, k->max, &n) < 0) {
			errf(err, "%s: '%s' is not a whole number from "
			    "%lld to %lld", key, value, (long long)k->min,
			    (long long)k->max);
			return NULL;
		}
		return xasprintf("%lld", (long long)n);
	case K_WORD: {
		/* In any case, stored as the list spells it. */
		const char *p = k->words;
		char w[32];

		while (list_next(&p, w, sizeof w))
			if (!strcasecmp(w, value))
				return xstrdup(w);
		errf(err, "%s: '%s' is not one of: %s", key, value,
		    k->words);
		return NULL;
	}
	case K_TEXT:
		if (!utf8_valid(value, strlen(value), &bad)) {
			errf(err, "%s: invalid UTF-8 at byte %zu", key,
			    bad + 1);
			return NULL;
		}
		/* It may go into a mail header: no line breaks, no
		 * controls. */
		for (p = (const unsigned char *)value; *p; p++)
			if (*p < 0x20 || *p == 0x7f) {
				errf(err, "%s: control characters are not "
				    "allowed", key);
				return NULL;
			}
		break;
	}
	return xstrdup(value);
}

int
setting_set(const char *key, const char *value, struct buf *err)
{
	char *old, *new;
	db_stmt *s;

	if (!(new = setting_check(key, value, err)))
		return -1;
	old = setting_get(key);
	if (!old || strcmp(old, new)) {
		s = db_prepare("INSERT INTO settings (key, value) VALUES (?1, ?2)"
		    " ON CONFLICT (key) DO UPDATE SET value = ?2");
		db_bind_text(s, 1, key);
		db_bind_text(s, 2, new);
		db_step(s);
		db_finalize(s);
		change_log("setting", db_int_query("SELECT rowid FROM settings"
		    " WHERE key = ?", key, 0), key, old, new);
		settings_forget();
	}
	free(old);
	free(new);
	return 0;
}
