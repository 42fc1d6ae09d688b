/* state.c - the states of plans and complaints and the only moves between
 * them, as data.  record_update refuses any other change of state, from
 * whichever program, and stamps who made a move and when; the programs'
 * verbs (crm visit review, approve, reject) make a move by name. */
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

/* The rulebook: the centre (department) manager reviews an account
 * manager's visit plan, then the division head approves it; setting
 * plan.steps = 1 leaves the one step of a small centre.  Who may make
 * each move is lib/permit.c's. */
static const struct move moves[] = {
	{.table = "plans", .verb = "review", .from = "submitted",
	    .to = "reviewed", .who = "reviewer", .when = "reviewed_at",
	    .steps = "2"},
	{.table = "plans", .verb = "approve", .from = "reviewed",
	    .to = "approved", .who = "approver", .when = "approved_at"},
	{.table = "plans", .verb = "approve", .from = "submitted",
	    .to = "approved", .who = "approver", .when = "approved_at",
	    .steps = "1"},
	{.table = "plans", .verb = "reject", .from = "submitted",
	    .to = "rejected", .who = "reviewer", .when = "reviewed_at",
	    .needs = "reason"},
	{.table = "plans", .verb = "reject", .from = "reviewed",
	    .to = "rejected", .who = "approver", .when = "approved_at",
	    .needs = "reason"},
	/* A visit carries it out (lib/rules.c); when that visit no longer
	 * does (removed, or names another plan), it waits again. */
	{.table = "plans", .verb = "done", .from = "approved", .to = "done",
	    .effect = 1},
	{.table = "plans", .verb = "undone", .from = "done", .to = "approved",
	    .effect = 1},
	{.table = "plans", .verb = "cancel",
	    .from = "submitted reviewed approved", .to = "cancelled"},
	/* SPEC section 6: the complaint specialist has the department
	 * assign it (again, while it is assigned), the department resolves
	 * it, the customer confirms the result or rejects it (the complaint
	 * goes back to its department and counts one reopening), and the
	 * callback's evaluation closes it.  Each step is a complaint_events
	 * row (lib/rules.c) whose text is what the step says. */
	{.table = "complaints", .verb = "assign", .from = "open assigned",
	    .to = "assigned", .when = "assigned_at", .needs = "dept",
	    .says = "dept handler"},
	{.table = "complaints", .verb = "resolve", .from = "assigned",
	    .to = "resolved", .when = "resolved_at", .needs = "result",
	    .says = "result"},
	{.table = "complaints", .verb = "confirm", .from = "resolved",
	    .to = "confirmed", .when = "confirmed_at", .says = "confirmation",
	    .fresh = "confirmation"},
	{.table = "complaints", .verb = "reject", .from = "resolved",
	    .to = "assigned", .says = "confirmation",
	    .counts = "reopen_count", .fresh = "confirmation"},
	{.table = "complaints", .verb = "callback", .from = "confirmed",
	    .to = "closed", .when = "closed_at", .needs = "evaluation",
	    .says = "evaluation evaluation_note"},
};
#define NMOVES (sizeof moves / sizeof moves[0])

/* Whether M exists under the current settings. */
static int in_force(const struct move *m);

/* The first move VERB of TABLE in force, whatever state it leaves. */
static const struct move *
move_find_any(const char *table, const char *verb)
{
	size_t i;

	for (i = 0; i < NMOVES; i++)
		if (!strcmp(moves[i].table, table)
		    && !strcmp(moves[i].verb, verb) && in_force(&moves[i]))
			return &moves[i];
	return NULL;
}

static int
in_force(const struct move *m)
{
	char steps[24];

	if (!m->steps)
		return 1;
	snprintf(steps, sizeof steps, "%lld", (long long)setting_int(
	    "plan.steps"));
	return list_has(m->steps, steps, ' ');
}

const struct move *
move_find(const char *table, const char *verb, const char *from)
{
	size_t i;

	for (i = 0; i < NMOVES; i++)
		if (!strcmp(moves[i].table, table)
		    && !strcmp(moves[i].verb, verb)
		    && list_has(moves[i].from, from, ' ') && in_force(&moves[i]))
			return &moves[i];
	return NULL;
}

/* The move of TABLE from FROM to TO, or NULL. */
static const struct move *
move_between(const char *table, const char *from, const char *to)
{
	size_t i;

	for (i = 0; i < NMOVES; i++)
		if (!strcmp(moves[i].table, table) && !strcmp(moves[i].to, to)
		    && list_has(moves[i].from, from, ' ') && in_force(&moves[i]))
			return &moves[i];
	return NULL;
}

const struct move *
move_step(const char *table, const char *from, const char *to)
{
	return move_between(table, from, to);
}

int
move_allowed(const char *table, const char *from, const char *to)
{
	const struct move *m = move_between(table, from, to);

	return !m ? 0 : m->effect ? 2 : 1;
}

void
move_sources(struct buf *b, const char *table, const char *verb)
{
	size_t i;
	int n = 0;

	const char *p;
	char w[64];
	size_t k;

	for (i = 0; i < NMOVES; i++) {
		if (strcmp(moves[i].table, table) || strcmp(moves[i].verb, verb)
		    || !in_force(&moves[i]))
			continue;
		for (p = moves[i].from; *p; p += k, p += *p == ' ') {
			k = strcspn(p, " ");
			/* TRANSLATORS: between the last two states of a
			 * list people read: "submitted or reviewed". */
			snprintf(w, sizeof w, "%.*s", (int)k, p);
			buf_printf(b, "%s%s", n++ ? _(" or ") : "",
			    word_label("status", w));
		}
	}
}

const char *
move_target(const char *table, const char *verb)
{
	size_t i;

	for (i = 0; i < NMOVES; i++)
		if (!strcmp(moves[i].table, table)
		    && !strcmp(moves[i].verb, verb))
			return moves[i].to;
	die(EX_SOFTWARE, "no move '%s' of %s", verb, table);
}

char *
state_of(const char *table, int64_t id)
{
	struct buf sql = {0};
	db_stmt *s;
	char *v = NULL;

	buf_printf(&sql, "SELECT status FROM \"%s\" WHERE id = ?", table);
	s = db_prepare(sql.s);
	db_bind_int(s, 1, id);
	if (db_step(s))
		v = xstrdup(db_text(s, 0));
	db_finalize(s);
	buf_free(&sql);
	return v;
}

/* 1 when field NAME (may be NULL) is the same in A and B. */
static int
same(const struct record *a, const struct record *b, const char *name)
{
	char *x = record_shown(a, name), *y = record_shown(b, name);
	int eq = (!x && !y) || (x && y && !strcmp(x, y));

	free(x);
	free(y);
	return eq;
}

int
move_stamp(const struct record *before, struct record *after,
    const char *field, struct buf *err)
{
	const struct move *m;
	char now[21], name[64];
	int rc = 0;
	char *from = record_shown(before, field), *to = record_shown(after,
	    field);
	const char *p;

	/* What the write itself gives wins (an import of history). */
	if (from && to && (m = move_between(before->e->table, from, to))) {
		if (m->who && same(before, after, m->who))
			rc |= record_set(after, m->who, crm_user(), err);
		if (m->when && same(before, after, m->when)) {
			timestamp_now(now);
			rc |= record_set(after, m->when, now, err);
		}
		for (p = m->fresh; list_next(&p, name, sizeof name);)
			if (same(before, after, name))
				rc |= record_set(after, name, NULL, err);
		if (m->counts && same(before, after, m->counts)) {
			snprintf(now, sizeof now, "%lld", (long long)record_int(
			    before, m->counts) + 1);
			rc |= record_set(after, m->counts, now, err);
		}
	}
	free(from);
	free(to);
	return rc ? -1 : 0;
}

void
move_make(const struct entity *e, int64_t id, const char *verb,
    struct record *extra)
{
	const struct move *m;
	struct record r;
	struct buf need = {0};
	char *state = state_of(e->table, id);

	if (!state)
		die(EX_NOTFOUND, "no %s %lld", entity_label(e->name),
		    (long long)id);
	/* What the command line lacks first (64), then the state (65). */
	if ((m = move_find_any(e->table, verb)) && m->needs
	    && !(extra && record_isset(extra, m->needs)))
		die(EX_USAGE, "%s needs --%s TEXT", verb, m->needs);
	if (!(m = move_find(e->table, verb, state))) {
		move_sources(&need, e->table, verb);
		if (!need.len)
			die(EX_DATAERR, "%s %lld: %s is not a step now (setting "
			    "plan.steps is %lld)", entity_label(e->name), (long long)id, verb,
			    (long long)setting_int("plan.steps"));
		die(EX_DATAERR, "%s %lld is %s: needs %s",
		    entity_label(e->name), (long long)id,
		    word_label("status", state), buf_str(&need));
	}
	record_init(&r, e);
	record_need(&r, "status", m->to);
	if (extra)
		record_merge(&r, extra);
	record_edit(&r, id);
	record_clear(&r);
	free(state);
}

const char *
move_waiting(const char *table, const char *state, const char **role)
{
	size_t i;

	*role = NULL;
	for (i = 0; i < NMOVES; i++) {
		const struct move *m = &moves[i];

		if (strcmp(m->table, table) || !m->who
		    || !list_has(m->from, state, ' ') || !in_force(m)
		    || !(*role = permit_roles(table, m->verb, state)))
			continue;
		return m->verb;
	}
	return NULL;
}
