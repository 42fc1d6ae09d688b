/* plans.c - visit plans and who they wait for: the planner's department
 * manager reviews, the division head above approves (the moves of
 * lib/state.c), each found up the planner's reporting line. */
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

const struct person *
plan_waiting(const struct staffdir *d, const char *status,
    const char *planner, const char **verb)
{
	const struct person *me = staffdir_find(d, planner), *p, *best = NULL;
	const char *roles, *v;
	size_t steps, i, n;

	if (!(v = move_waiting("plans", status, &roles)))
		return NULL;
	if (verb)
		*verb = v;
	n = strcspn(roles, " ");	/* the first role: whose job it is */
	/* Above the planner (never the planner): the first active member
	 * in that role, else the first in any role that may make the
	 * move (a department manager's own plan goes to the division
	 * head). */
	for (p = me ? staffdir_find(d, me->reports_to) : NULL, steps = 0;
	    p && steps <= d->n; p = staffdir_find(d, p->reports_to), steps++)
		if (p->active && strlen(p->role) == n
		    && !strncmp(p->role, roles, n))
			return p;
	for (p = me ? staffdir_find(d, me->reports_to) : NULL, steps = 0;
	    p && steps <= d->n; p = staffdir_find(d, p->reports_to), steps++)
		if (p->active && list_has(roles, p->role, ' '))
			return p;
	/* No one above: the member in that role added first. */
	for (i = 0; i < d->n; i++)
		if (d->p[i].active && strlen(d->p[i].role) == n
		    && !strncmp(d->p[i].role, roles, n)
		    && strcmp(d->p[i].login, planner ? planner : "")
		    && (!best || d->p[i].id < best->id))
			best = &d->p[i];
	return best;
}

void
plans_print(struct filter *status, struct filter *planner,
    struct filter *waiting, struct filter *customer)
{
	static const char *const extra[] = {"waiting_for"};
	struct staffdir *d = staffdir_load();
	const struct person *p;
	struct query q = {0};
	struct out *o;
	db_stmt *s;
	int i, k;

	filter_check(status, "status", "plans", "status");
	filter_check(planner, "planner", "plans", "staff");
	filter_check(waiting, "reviewer", "plans", "staff");
	query_sql(&q, "SELECT p.id, p.date, p.customer AS customer_id, c.code,"
	    " c.name AS customer, p.level, p.staff AS planner, p.purpose,"
	    " p.status, p.reviewer, p.approver, p.reason"
	    " FROM plans p JOIN customers c ON c.id = p.customer WHERE 1");
	query_filter(&q, status, "p.status");
	query_filter(&q, planner, "p.staff");
	query_filter(&q, customer, "p.customer");
	query_sql(&q, " ORDER BY p.date, p.id");
	s = query_prepare(&q);
	query_free(&q);
	o = out_stdout();
	k = db_ncol(s);
	{
		const char *names[16];

		for (i = 0; i < k; i++)
			names[i] = db_colname(s, i);
		names[k] = extra[0];
		out_header(o, k + 1, names);
	}
	while (db_step(s)) {
		p = plan_waiting(d, db_text(s, 8), db_text(s, 6), NULL);
		if (!filter_match(waiting, p ? p->login : NULL))
			continue;
		for (i = 0; i < k; i++)
			out_cell(o, db_isnull(s, i) ? CELL_NULL : db_isnum(s, i)
			    ? CELL_NUM : CELL_STR, db_text(s, i));
		out_cell(o, p ? CELL_STR : CELL_NULL, p ? p->login : NULL);
		out_endrow(o);
	}
	db_finalize(s);
	out_finish(o);
	staffdir_free(d);
}
