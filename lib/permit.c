/* permit.c - who may do what: one table, enforced on the write path that
 * every program takes (db_begin for any write, lib/rules.c for the moves
 * of plans and complaints and the level of a visit).
 *
 * This guards the workflow, not the data: anyone who may write the file
 * may change it with sqlite3.  File permissions keep outsiders out
 * (lib/dbfiles.c); the acting login says who, in crm's records, did what.
 */
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

/* The roles of a permission are its words (lib/model.c, staff.role) and,
 * marked here, a list people read in "that is for ...". */
/* TRANSLATORS: who may review a visit plan, in "that is for %s": the
 * roles (dept_manager division_head president admin) as a list. */
#define REVIEWERS N_("dept_manager division_head president admin")
/* TRANSLATORS: who may approve a visit plan, in "that is for %s": the
 * roles (division_head president admin) as a list. */
#define APPROVERS N_("division_head president admin")
/* TRANSLATORS: who may confirm, reject or close a complaint, in "that is
 * for %s": the roles (complaint_specialist admin) as a list. */
#define SPECIALISTS N_("complaint_specialist admin")

static const struct permission {
	/* What: "write" (any write), "act_as", or a move of TABLE by VERB
	 * from one of the states FROM (NULL: any). */
	const char *table, *verb, *from;
	const char *roles;	/* who may; NULL: any active staff member */
	/* The fields of the record naming staff members the actor must not
	 * be (who planned it, who reviewed it)... */
	const char *notby;
	/* ...and the one whose role (of LEVELS) the actor's must be above;
	 * admin is above everyone. */
	const char *above;
} permissions[] = {
	/* Any write, once there is a staff: an active member. */
	{"*", "write", NULL, NULL, NULL, NULL},
	/* A Unix account that is a staff member's acts as that member; as
	 * someone else only when the member is an admin. */
	/* TRANSLATORS: who may act as someone else, in "that is for %s":
	 * the role admin. */
	{"*", "act_as", NULL, N_("admin"), NULL, NULL},
	/* The centre manager reviews an account manager's visit plan, then
	 * the division head approves it; with plan.steps = 1 a manager
	 * above the planner approves it at once.  Never the planner. */
	{"plans", "review", "submitted", REVIEWERS, "staff", "staff"},
	{"plans", "approve", "reviewed", APPROVERS, "staff reviewer", "staff"},
	{"plans", "approve", "submitted", REVIEWERS, "staff", "staff"},
	{"plans", "reject", "submitted", REVIEWERS, "staff", "staff"},
	{"plans", "reject", "reviewed", APPROVERS, "staff", "staff"},
	/* The complaint specialist records the customer's confirmation (or
	 * rejection) of the result, and the callback that closes it. */
	{"complaints", "confirm", NULL, SPECIALISTS, NULL, NULL},
	{"complaints", "reject", NULL, SPECIALISTS, NULL, NULL},
	{"complaints", "callback", NULL, SPECIALISTS, NULL, NULL},
};
#define NPERMISSIONS (sizeof permissions / sizeof permissions[0])

static const struct permission *
find(const char *table, const char *verb, const char *from)
{
	size_t i;

	for (i = 0; i < NPERMISSIONS; i++)
		if (!strcmp(permissions[i].table, table)
		    && !strcmp(permissions[i].verb, verb)
		    && (!permissions[i].from || (from
		    && list_has(permissions[i].from, from, ' '))))
			return &permissions[i];
	return NULL;
}

/* VERB, a move of lib/state.c that a permission names, as the verb of a
 * sentence people read ("may not approve"); any other word as it is. */
static const char *
said(const char *verb)
{
	static const char *const verbs[] = {
		/* TRANSLATORS: the moves of a visit plan and a complaint,
		 * as verbs: "'%s' (%s) may not %s", "someone else must %s
		 * it". */
		N_("review"), N_("approve"), N_("reject"), N_("confirm"),
		N_("callback"),
	};
	size_t i;

	for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (!strcmp(verbs[i], verb))
			return _(verbs[i]);
	return verb;
}

const char *
permit_roles(const char *table, const char *verb, const char *from)
{
	const struct permission *p = find(table, verb, from);

	return p ? p->roles : NULL;
}

/* ROLE's place among LEVELS, 0 the lowest; -1 off the reporting line
 * (admin, the specialists) or NULL. */
static int
rank(const char *role)
{
	const char *p = LEVELS;
	char word[32];
	int i;

	for (i = 0; role && list_next(&p, word, sizeof word); i++)
		if (!strcmp(word, role))
			return i;
	return -1;
}

int
permit_level(const char *login, const char *level, struct buf *err)
{
	char *role = staff_role(login);
	int rc = 0;

	/* A login not on the staff is another rule's to refuse. */
	if (role && rank(role) < rank(level)) {
		if (rank(role) < 0)
			errf(err, "'%s' (%s) is not on the reporting line of "
			    "the levels", login, role);
		else
			errf(err, "'%s' (%s) is below that level", login, role);
		rc = -1;
	}
	free(role);
	return rc;
}

void
permit_write(void)
{
	static int checked;
	static char *mapped;	/* named in a message when it dies */
	const char *who;
	char *role;
	int may;

	if (checked)
		return;
	checked = 1;
	if (!staff_any())
		return;	/* the first members come from anyone */
	who = crm_user();
	switch (staff_active(who)) {
	case -1:
		die(EX_DATAERR, "'%s' is not on the staff: who writes must be "
		    "an active staff member (--as LOGIN, CRM_USER, or a "
		    "member's os_user)", who);
	case 0:
		die(EX_DATAERR, "'%s' has left (inactive): who writes must be "
		    "an active staff member", who);
	}
	if (find("*", "write", NULL)->roles) {
		role = staff_role(who);
		may = role && list_has(find("*", "write", NULL)->roles, role,
		    ' ');
		free(role);
		if (!may)
			die(EX_DATAERR, "'%s' may not write: that is for %s", who,
			    _(find("*", "write", NULL)->roles));
	}
	mapped = staff_of_os_user(os_user());
	if (mapped && strcmp(mapped, who)) {
		role = staff_role(mapped);
		may = role && list_has(find("*", "act_as", NULL)->roles, role,
		    ' ');
		free(role);
		if (!may)
			die(EX_DATAERR, "'%s' (Unix account %s) may not act as "
			    "'%s': that is for %s", mapped, os_user(), who,
			    _(find("*", "act_as", NULL)->roles));
	}
}

int
permit_move(const struct record *before, const char *verb,
    const char *from, const char *as, struct buf *err)
{
	char name[64], *role = NULL, *v, *top = NULL;
	const struct permission *p;
	const char *who = crm_user(), *f;
	int rc = -1;

	if (!(p = find(before->e->table, verb, from)) || !staff_any())
		return 0;
	if (!(role = staff_role(who))) {
		errf(err, "%s: '%s' is not a staff login: use --as LOGIN",
		    as, who);
		goto out;
	}
	if (staff_active(who) != 1) {
		errf(err, "%s: '%s' is inactive (has left)", as, who);
		goto out;
	}
	if (p->roles && !list_has(p->roles, role, ' ')) {
		errf(err, "%s: '%s' (%s) may not %s: that is for %s", as,
		    who, role, said(verb), _(p->roles));
		goto out;
	}
	for (f = p->notby; f && list_next(&f, name, sizeof name);) {
		v = record_shown(before, name);
		if (v && !strcmp(v, who)) {
			/* The staff of a plan is who planned it. */
			if (!strcmp(name, "staff"))
				errf(err, "%s: '%s' is the planner of %s %lld: "
				    "someone else must %s it", as, who,
				    entity_label(before->e->name),
				    (long long)record_int(before, "id"),
				    said(verb));
			else
				errf(err, "%s: '%s' is the %s of %s %lld: "
				    "someone else must %s it", as, who, name,
				    entity_label(before->e->name),
				    (long long)record_int(before, "id"),
				    said(verb));
			free(v);
			goto out;
		}
		free(v);
	}
	if (p->above && (v = record_shown(before, p->above))) {
		top = staff_role(v);
		if (strcmp(role, "admin") && rank(role) <= rank(top)) {
			errf(err, "%s: '%s' (%s) may not %s a plan of '%s' "
			    "(%s): that is for a manager above", as, who, role,
			    said(verb), v, top ? top : "?");
			free(v);
			goto out;
		}
		free(v);
	}
	rc = 0;
out:
	free(role);
	free(top);
	return rc;
}
