/* test-migrate.c - a database of schema version 1, with data, opened by
 * this crm: migrated to the current version in one transaction, its data
 * kept and carried into the new columns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "crm.h"
#include "tap.h"
#include "tmpdb.h"

extern const char *const schema_steps[];

static char *
text(const char *sql)
{
	char *v = db_text_query(sql, NULL);

	return v ? v : xstrdup("NULL");
}

int
main(void)
{
	sqlite3 *old;
	char *db, *v;

	db = tmpdb("test-migrate");

	/* What crm 0.1 (schema version 1) left. */
	if (sqlite3_open(db, &old) != SQLITE_OK
	    || sqlite3_exec(old, schema_steps[0], NULL, NULL, NULL) != SQLITE_OK
	    || sqlite3_exec(old, "PRAGMA user_version = 1;"
	    "INSERT INTO staff (login, name, role, created_at) VALUES"
	    " ('am', 'AM', 'account_manager', '2025-01-01T00:00:00Z'),"
	    " ('dm', 'DM', 'dept_manager', '2025-01-01T00:00:00Z');"
	    "INSERT INTO customers (id, code, name, stage, owner, created_at,"
	    " updated_at) VALUES"
	    " (1, 'K1', '甲', 'customer', 'am', '2025-03-04T05:06:07Z', 'x'),"
	    " (2, 'K2', '乙', 'customer', 'am', '2025-03-04T05:06:07Z', 'x'),"
	    " (3, 'K3', '丙', 'lead', 'am', '2025-03-04T05:06:07Z', 'x'),"
	    " (4, 'K4', '丁', 'lead', 'am', '2025-03-04T05:06:07Z', 'x');"
	    "INSERT INTO changes (at, who, os_user, program, entity, entity_id,"
	    " field, old, new) VALUES ('2025-06-01T08:00:00Z', 'am', 'am',"
	    " 'crm-edit', 'customer', 2, 'stage', 'intent', 'customer'),"
	    " ('2025-04-01T08:00:00Z', 'am', 'am', 'crm-edit', 'customer', 3,"
	    " 'stage', 'lead', 'contacted'),"
	    " ('2025-04-15T08:00:00Z', 'dm', 'dm', 'crm-import', 'customer', 3,"
	    " 'stage', 'contacted', 'lead'),"
	    " ('2025-05-01T08:00:00Z', 'dm', 'dm', 'crm-edit', 'customer', 3,"
	    " 'owner', 'dm', 'am'),"
	    " ('2025-05-02T08:00:00Z', 'dm', 'dm', 'crm-edit', 'customer', 9,"
	    " 'stage', 'lead', 'intent'),"
	    /* one write that moves it and hands it over */
	    " ('2025-03-10T08:00:00Z', 'am', 'am', 'crm-edit', 'customer', 1,"
	    " 'stage', 'lead', 'contacted'),"
	    " ('2025-03-10T08:00:00Z', 'am', 'am', 'crm-edit', 'customer', 1,"
	    " 'owner', 'am', 'dm'),"
	    " ('2025-03-11T08:00:00Z', 'am', 'am', 'crm-edit', 'customer', 1,"
	    " 'owner', 'dm', 'am'),"
	    /* its owner then was renamed since */
	    " ('2025-04-01T08:00:00Z', 'am', 'am', 'crm-edit', 'customer', 4,"
	    " 'stage', 'lead', 'contacted'),"
	    " ('2025-07-01T08:00:00Z', 'am', 'am', 'crm-staff', 'customer', 4,"
	    " 'owner', 'amx', 'am'),"
	    " ('2025-07-01T08:00:00Z', 'am', 'am', 'crm-staff', 'staff', 1,"
	    " 'login', 'amx', 'am');"
	    "INSERT INTO plans (id, customer, staff, date, status, reviewer,"
	    " created_at, reviewed_at) VALUES"
	    " (1, 1, 'am', '2026-12-01', 'approved', 'dm', 'x', '2026-11-01T00:00:00Z'),"
	    " (2, 1, 'am', '2026-12-02', 'rejected', 'dm', 'x', '2026-11-02T00:00:00Z'),"
	    " (3, 1, 'am', '2026-12-03', 'submitted', NULL, 'x', NULL);"
	    "INSERT INTO visits (customer, date, plan, created_at) VALUES"
	    " (1, '2026-11-20', 1, 'x');", NULL, NULL, NULL) != SQLITE_OK)
		die(EX_SOFTWARE, "cannot make a version 1 database: %s",
		    sqlite3_errmsg(old));
	sqlite3_close(old);

	setenv("CRM_DB", db, 1);
	db_open();	/* migrates */
	is_int(db_int_query("PRAGMA user_version", NULL, -1), SCHEMA_VERSION,
	    "migrated to version %d", SCHEMA_VERSION);
	v = text("SELECT group_concat(ifnull(customer_since, '-'), ' ') FROM"
	    " (SELECT customer_since FROM customers ORDER BY id)");
	is_str(v, "2025-03-04 2025-06-01 - -", "customer_since: the day added, "
	    "or the last move to the stage in the change log; none for a lead");
	free(v);
	v = text("SELECT group_concat(status || ':' || ifnull(reviewer, '-') ||"
	    " ':' || ifnull(approver, '-') || ':' || ifnull(approved_at, '-'),"
	    " ' ') FROM (SELECT * FROM plans ORDER BY id)");
	is_str(v, "approved:dm:dm:2026-11-01T00:00:00Z rejected:dm:-:- "
	    "submitted:-:-:-", "plans kept; an approved plan's one reviewer is "
	    "its approver");
	free(v);
	v = text("SELECT group_concat(customer || ' ' || at || ' ' || who ||"
	    " ' ' || \"from\" || '>' || \"to\" || ' ' || ifnull(owner, '-'), ';')"
	    " FROM (SELECT * FROM stage_changes ORDER BY id)");
	is_str(v, "2 2025-06-01T08:00:00Z am intent>customer am;"
	    "3 2025-04-01T08:00:00Z am lead>contacted dm;"
	    "3 2025-04-15T08:00:00Z dm contacted>lead dm;"
	    "1 2025-03-10T08:00:00Z am lead>contacted dm;"
	    "4 2025-04-01T08:00:00Z am lead>contacted am", "the stage changes "
	    "of the change log, in order, with the owner at that moment: before "
	    "a later owner change its old value, the owner of the same write, "
	    "a login renamed since by its new name; none of a customer removed");
	free(v);
	is_int(db_int_query("SELECT count(*) FROM visits WHERE plan = 1", NULL,
	    -1), 1, "visits still refer to their plans");
	is_int(db_int_query("SELECT count(*) FROM pragma_foreign_key_check",
	    NULL, -1), 0, "no broken reference");
	v = setting_get("plan.steps");
	is_str(v, "2", "the new setting, with its default");
	free(v);
	db_exec("UPDATE plans SET status = 'reviewed' WHERE id = 3");
	is_int(db_changes(), 1, "the new state is allowed by the schema");
	v = text("SELECT sql FROM sqlite_master WHERE name = 'customer_search'");
	ok(strstr(v, "detail = none") != NULL, "the search index is made again "
	    "without positions");
	free(v);
	is_int(db_int_query("SELECT count(*) FROM customer_search s JOIN"
	    " customer_search_doc d ON d.id = s.rowid AND d.doc = s.doc", NULL,
	    -1), 4, "and filled with every customer's document");
	db_exec("INSERT INTO customer_search (customer_search) VALUES"
	    " ('integrity-check')");	/* dies if the index disagrees */
	is_int(db_int_query("SELECT rowid FROM customer_search WHERE doc LIKE"
	    " '%K3 丙%'", NULL, -1), 3, "a search through it finds its customer");
	db_exec("DELETE FROM customer_search");
	db_exec("UPDATE customers SET customer_since = '2025-01-01' WHERE id = 1");
	is_int(db_int_query("SELECT count(*) FROM customer_search", NULL, -1), 0,
	    "a column the search does not hold leaves its index alone");
	db_exec("UPDATE customers SET notes = '提标改造' WHERE id = 1");
	is_int(db_int_query("SELECT count(*) FROM customer_search WHERE doc LIKE"
	    " '%提标改造%'", NULL, -1), 1, "a searched column is indexed");
	free(db);
	return done_testing();
}
