/* cadence.c - keeping the cadence rules (visit_rules: which tiers owe how
 * many visits at which level in which period), each change logged. */
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

/* Whether rule R of ALL (N) binds customers of TIER. */
static int
binding(const struct cadence_rule *r, const struct cadence_rule *all,
    size_t n, char tier)
{
	const struct cadence_rule *o;

	if (!strchr(r->tiers, tier))
		return 0;
	for (o = all; o < all + n; o++) {
		if (o == r || !strchr(o->tiers, tier) || o->period != r->period
		    || strcmp(o->level, r->level))
			continue;
		if (o->count > r->count || (o->count == r->count
		    && o->id < r->id))
			return 0;
	}
	return 1;
}

struct cadence_rule *
cadence_rules(size_t *n)
{
	db_stmt *s = db_prepare("SELECT id, tiers, level, count, period"
	    " FROM visit_rules ORDER BY level, id");
	struct cadence_rule *all = NULL, *r;
	const char *tiers = field_words("customers", "tier");
	size_t i, k;

	*n = 0;
	while (db_step(s)) {
		all = xrealloc(all, (*n + 1) * sizeof *all);
		r = &all[(*n)++];
		r->id = db_int(s, 0);
		r->tiers = xstrdup(db_text(s, 1));
		r->level = xstrdup(db_text(s, 2));
		r->count = db_int(s, 3) < 1 ? 1 : (int)db_int(s, 3);
		if (period_parse(db_text(s, 4), &r->period) < 0)
			r->period = PERIOD_MONTH;
	}
	db_finalize(s);
	for (i = 0; i < *n; i++) {
		const char *t;

		r = &all[i];
		for (t = tiers, k = 0; *t && k + 1 < sizeof r->binds; t++)
			if (*t != ' ' && binding(r, all, *n, *t))
				r->binds[k++] = *t;
		r->binds[k] = '\0';
	}
	return all;
}

void
cadence_rules_free(struct cadence_rule *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(r[i].tiers);
		free(r[i].level);
	}
	free(r);
}

/* "ABC account_manager 2/month": a rule as the change log names it. */
static void
rule_label(struct buf *b, const char *tiers, const char *level, int64_t n,
    const char *period)
{
	buf_reset(b);
	buf_printf(b, "%s %s %lld/%s", tiers, level, (long long)n, period);
}

int64_t
cadence_set(const char *tiers, const char *level, const char *count,
    const char *period)
{
	struct record r;
	struct buf label = {0};
	int64_t id, old;
	char *oldtext;
	db_stmt *s;

	record_init(&r, &visit_rule_entity);
	record_need(&r, "tiers", tiers);
	record_need(&r, "level", level);
	record_need(&r, "count", count);
	record_need(&r, "period", period);
	s = db_prepare("SELECT id, count FROM visit_rules WHERE tiers = ? AND"
	    " level = ? AND period = ?");
	db_bind_text(s, 1, record_text(&r, "tiers"));
	db_bind_text(s, 2, record_text(&r, "level"));
	db_bind_text(s, 3, record_text(&r, "period"));
	if (db_step(s)) {
		id = db_int(s, 0);
		old = db_int(s, 1);
		db_finalize(s);
		if (old != record_int(&r, "count")) {
			s = db_prepare("UPDATE visit_rules SET count = ? WHERE"
			    " id = ?");
			db_bind_int(s, 1, record_int(&r, "count"));
			db_bind_int(s, 2, id);
			db_step(s);
			db_finalize(s);
			oldtext = xasprintf("%lld", (long long)old);
			change_log(visit_rule_entity.name, id, "count", oldtext,
			    count);
			free(oldtext);
		}
	} else {
		db_finalize(s);
		s = db_prepare("INSERT INTO visit_rules (tiers, level, count,"
		    " period) VALUES (?, ?, ?, ?)");
		db_bind_text(s, 1, record_text(&r, "tiers"));
		db_bind_text(s, 2, record_text(&r, "level"));
		db_bind_int(s, 3, record_int(&r, "count"));
		db_bind_text(s, 4, record_text(&r, "period"));
		db_step(s);
		db_finalize(s);
		id = db_last_id();
		rule_label(&label, record_text(&r, "tiers"), record_text(&r,
		    "level"), record_int(&r, "count"), record_text(&r,
		    "period"));
		change_log(visit_rule_entity.name, id, NULL, NULL, label.s);
	}
	record_clear(&r);
	buf_free(&label);
	return id;
}

void
cadence_rm(int64_t id)
{
	static db_stmt *get, *del;
	struct buf label = {0};

	if (!get) {
		get = db_prepare("SELECT tiers, level, count, period FROM"
		    " visit_rules WHERE id = ?");
		del = db_prepare("DELETE FROM visit_rules WHERE id = ?");
	}
	db_bind_int(get, 1, id);
	if (!db_step(get))
		die(EX_NOTFOUND, "no visit rule %lld", (long long)id);
	rule_label(&label, db_text(get, 0), db_text(get, 1), db_int(get, 2),
	    db_text(get, 3));
	db_reset(get);
	db_bind_int(del, 1, id);
	db_step(del);
	db_reset(del);
	change_log(visit_rule_entity.name, id, NULL, label.s, NULL);
	buf_free(&label);
}
