/* crm-int.h - private declarations shared inside lib/. */
#ifndef CRM_INT_H
#define CRM_INT_H
#include "crm.h"

/* The sales pipeline (the rulebook's prospect, phone, intent, handover,
 * deal): a customer's stages in order up to being one; lost and churned
 * are off it.  The leads' stages are followed up (lib/due.c); the monthly
 * intent target counts arrivals at STAGE_INTENT or later (lib/report.c).
 * The stage words of lib/model.c begin with the pipeline. */
#define STAGE_LEADS "lead contacted intent handover"
#define STAGE_CUSTOMER "customer"
#define STAGE_PIPELINE STAGE_LEADS " " STAGE_CUSTOMER
#define STAGE_INTENT "intent"

/* The rulebook's levels of visits, lowest first: the roles of the
 * reporting line, from account manager to president (lib/model.c's
 * level words; lib/permit.c ranks roles by them). */
#define LEVELS "account_manager dept_manager division_head president"

/* lib/cadence.c: the cadence rules as the rule engines weigh them
 * (crm-visit-due, crm-report visits). */
struct cadence_rule {
	int64_t id;
	char *tiers, *level;
	int count;		/* at least 1 */
	enum period period;
	/* The tiers it binds: of the rules of one level and period that
	 * match a tier, the one asking most, the first on a tie (SPEC
	 * section 5). */
	char binds[8];
};
/* Every rule of visit_rules, by level then id, with the tiers each binds;
 * *N of them.  Free with cadence_rules_free. */
struct cadence_rule *cadence_rules(size_t *n);
void cadence_rules_free(struct cadence_rule *r, size_t n);

/* lib/bulk.c: crm-import's load into an empty table (lib/import.c), in
 * the caller's transaction. */
struct bulk;
/* When E's table is empty: drop its secondary indexes (and the change
 * log's while it is small) and the full-text insert triggers, and turn
 * record_insert()'s change log off.  Returns what to rebuild, or NULL
 * (nothing done) when the table has rows. */
struct bulk *bulk_begin(const struct entity *e);
/* After the rows: the change log of every row (change_log_bulk()),
 * record_log_inserts(NULL), the indexes again. */
void bulk_rebuild(struct bulk *b);
/* Then the full-text index and its triggers; frees B.  Two steps so that
 * crm-import -v can time each. */
void bulk_end(struct bulk *b);
/* Or, when the caller rolls the transaction back: frees B (NULL: nothing)
 * and builds nothing; the rollback puts the indexes and triggers back. */
void bulk_discard(struct bulk *b);

/* lib/searchdefer.c: a many-row write into E's table when its rows are
 * part of another record's search document (contacts of a customer).
 * search_defer_begin: NULL for other tables, else what search_defer_arm
 * needs, before the first row it adds: it sets aside the triggers that
 * rewrite the document at each row and notes the records touched instead
 * (not before, so that a write that adds nothing changes nothing).  In
 * the caller's transaction, which a failure rolls back whole. */
struct search_defer;
struct search_defer *search_defer_begin(const struct entity *e);
void search_defer_arm(struct search_defer *d);
/* After the rows: the triggers again, and the documents of the records
 * touched written once; frees D (NULL: nothing). */
void search_defer_end(struct search_defer *d);
/* Or, when the caller rolls the transaction back: frees D (NULL:
 * nothing) and writes nothing. */
void search_defer_discard(struct search_defer *d);
/* Trigger NAME dropped and its CREATE statement added to RESTORE (to be
 * run again after the rows): 1, or 0 when there is no such trigger. */
int trigger_aside(const char *name, struct buf *restore);

/* lib/permit.c: who may do what (one table).  Before the first write of
 * a process (db_begin): once the staff table has members, the acting
 * user must be an active one, and a Unix account that is a member's acts
 * as someone else only when that member may (admin); dies 65 otherwise. */
void permit_write(void);
/* May the acting user move the record BEFORE by VERB from state FROM?  0
 * yes (also when no rule names the move, or the staff is empty); -1 with
 * ERR saying why, starting with AS (the field the move stamps). */
int permit_move(const struct record *before, const char *verb,
    const char *from, const char *as, struct buf *err);
/* The roles that may move a record of TABLE by VERB from FROM (the
 * first is the one whose job it is), or NULL when none is named. */
const char *permit_roles(const char *table, const char *verb,
    const char *from);
/* May LOGIN make (or plan) a visit at LEVEL: is its role that level or
 * above it among LEVELS?  0 yes (or LOGIN is on no staff); -1 with ERR
 * saying why ("'zhanglei' (account_manager) is below that level"). */
int permit_level(const char *login, const char *level, struct buf *err);

/* lib/db.c: BEGIN IMMEDIATE for crm's own bookkeeping (a migration,
 * what crm-mail --once sent): no acting user needed. */
void db_begin_own(void);

/* lib/db.c: how long to wait for a lock, in milliseconds: 5000, or
 * $CRM_BUSY_TIMEOUT (dies 64 when that is not a whole number). */
int db_busy_ms(void);

/* lib/dbfiles.c: the database's files on disk (the file, its -wal and
 * -shm side files, their folder) and who may use them.  Before opening
 * PATH: 1 when this account may write it, 0 when it may only read.  A
 * writer first removes side files it may not write when they hold no
 * change and nobody has the database open (75 while someone does, 73 when
 * they hold changes); a reader dies 66 when a side file is missing, which
 * it must not make; 66 when PATH cannot be read. */
int dbfiles_prepare(const char *path);
/* After the first read: the side files this account owns get the
 * database's group and mode (a warning on stderr when that fails). */
void dbfiles_share(const char *path);
/* crm-init: the missing folders of PATH, mode 0700, or with GR 2770 and
 * GR's (setgid, whatever the umask); with GR, dies 73 when an existing
 * folder does not let the group in. */
struct group;
void dbfiles_folders(const char *path, const struct group *gr);
/* lib/pending.c: PATH (kept by the caller until file_done) is being
 * written under a temporary name; it is unlinked if the program exits
 * (die, exit) before file_done(PATH), the same pointer, says it is whole
 * or gone.  At most four at once (EX_SOFTWARE beyond). */
void file_pending(const char *path);
void file_done(const char *path);

#endif
