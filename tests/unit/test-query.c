/* test-query.c - the query builder: the SQL text, the values in the order
 * of their ?s, what a list filter selects, and the refusal of a ? without
 * its value; run against a database made in a temporary folder. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crm.h"
#include "tap.h"
#include "tmpdb.h"

/* Exit status of F run in a child, its stderr discarded. */
static int
dies(void (*f)(void))
{
	pid_t pid;
	int st;

	fflush(stdout);
	if ((pid = fork()) < 0)
		die(EX_OSERR, "fork:");
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stderr))
			_exit(99);
		f();
		_exit(0);
	}
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void
mark_in_sql(void)
{
	struct query q = {0};

	query_sql(&q, "SELECT 1 WHERE x = ?");
}

static void
value_without_mark(void)
{
	struct query q = {0};

	query_text(&q, " AND x = 1", "a");
}

static void
value_with_two_marks(void)
{
	struct query q = {0};

	query_int(&q, " AND x BETWEEN ? AND ?", 1);
}

static void
test_refusals(void)
{
	is_int(dies(mark_in_sql), EX_SOFTWARE, "query_sql refuses a ?");
	is_int(dies(value_without_mark), EX_SOFTWARE,
	    "a value without its ? is refused");
	is_int(dies(value_with_two_marks), EX_SOFTWARE,
	    "a value with two ?s is refused");
}

static void
test_values(void)
{
	struct query q = {0};
	char text[] = "first";
	db_stmt *s;
	int i;

	query_sql(&q, "SELECT %s", "'lit'");
	query_text(&q, ", ?", text);
	query_int(&q, ", ?", -42);
	query_text(&q, ", ?", NULL);
	query_date(&q, ", ?", date_from_ymd(2026, 11, 27));
	query_int(&q, ", ? + 1", INT64_MAX - 1);
	strcpy(text, "later");	/* the query keeps its own copy */
	is_str(buf_str(&q.sql), "SELECT 'lit', ?, ?, ?, ?, ? + 1",
	    "the SQL text, a ? for each value");
	is_int(q.n, 5, "five values kept");
	is_int(q.v[0].type, QUERY_TEXT, "a text value");
	is_int(q.v[1].type, QUERY_INT, "an integer value");
	is_int(q.v[2].type, QUERY_NULL, "NULL text is an SQL NULL");
	s = query_prepare(&q);
	query_free(&q);	/* the statement does not need the query */
	is_int(q.n, 0, "query_free empties the query");
	ok(q.sql.s == NULL && q.v == NULL, "and frees its memory");
	ok(db_step(s), "the statement runs");
	is_str(db_text(s, 0), "lit", "literal SQL stays SQL");
	is_str(db_text(s, 1), "first", "text bound as it was given");
	ok(db_isnum(s, 2) && db_int(s, 2) == -42, "integer bound as a number");
	ok(db_isnull(s, 3), "NULL bound");
	is_str(db_text(s, 4), "2026-11-27", "a day number bound as its date");
	is_int(db_int(s, 5), INT64_MAX, "64-bit integers");
	db_finalize(s);

	/* Values that look like SQL are only ever values. */
	query_sql(&q, "SELECT ");
	query_text(&q, "?", "'); DROP TABLE staff; --");
	s = query_prepare(&q);
	query_free(&q);
	ok(db_step(s), "a value with quotes");
	is_str(db_text(s, 0), "'); DROP TABLE staff; --", "comes back as text");
	db_finalize(s);
	is_int(db_int_query("SELECT count(*) FROM sqlite_master WHERE"
	    " name = 'staff'", NULL, 0), 1, "and the table is still there");

	/* Many values, past the first allocation. */
	query_sql(&q, "SELECT 0");
	for (i = 1; i <= 100; i++)
		query_int(&q, " + ?", i);
	s = query_prepare(&q);
	query_free(&q);
	ok(db_step(s) && db_int(s, 0) == 5050, "100 values, in order");
	db_finalize(s);
}

/* The rows of a small table that the filter F selects, as "A,B,-". */
static void
filtered(const char *values, char *out, size_t n, const char *want_sql)
{
	struct filter f = {0};
	struct query q = {0};
	struct buf where = {0};
	db_stmt *s;

	if (values)
		filter_add(&f, values);
	query_sql(&q, "SELECT coalesce(group_concat(coalesce(x, '-')), '')"
	    " FROM (SELECT column1 AS x FROM (VALUES ('A'), ('B'), ('C'),"
	    " (NULL)) ORDER BY 1) WHERE 1");
	buf_adds(&where, buf_str(&q.sql));
	query_filter(&q, &f, "x");
	is_str(buf_str(&q.sql) + where.len, want_sql, "filter '%s': the SQL",
	    values ? values : "(none)");
	s = query_prepare(&q);
	snprintf(out, n, "%s", db_step(s) ? db_text(s, 0) : "(no row)");
	db_finalize(s);
	query_free(&q);
	filter_free(&f);
	buf_free(&where);
}

static void
test_filter(void)
{
	static const struct {
		const char *values, *sql, *rows;
	} cases[] = {
		{NULL, "", "-,A,B,C"},
		{"A", " AND (x IN (?))", "A"},
		{"A,C", " AND (x IN (?, ?))", "A,C"},
		{"B,", " AND (x IN (?) OR x IS NULL)", "-,B"},
		{"", " AND (x IN () OR x IS NULL)", "-"},
		{"Z", " AND (x IN (?))", ""},
	};
	char got[64];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		filtered(cases[i].values, got, sizeof got, cases[i].sql);
		is_str(got, cases[i].rows, "filter '%s': the rows",
		    cases[i].values ? cases[i].values : "(none)");
	}
}

/* crm-list --search TEXT: the SQL it adds to a customer query, its
 * values joined with '|', and how EXPLAIN QUERY PLAN reads the search
 * table: PLAN is "INDEX 0:L0..." when the LIKEs are answered by the
 * trigram index, "INDEX 0:" for a scan, "" when it is not read. */
static void
searched(const char *text, const char *want_sql, const char *want_values,
    const char *want_plan)
{
	struct custfilter cf = {0};
	struct query q = {0};
	struct buf values = {0}, plan = {0};
	static const char scan[] = "SCAN customer_search VIRTUAL TABLE ";
	size_t head;
	db_stmt *s;
	int i;

	custfilter_search(&cf, text);
	query_sql(&q, "EXPLAIN QUERY PLAN SELECT c.id FROM customers c"
	    " WHERE 1");
	head = q.sql.len;
	custfilter_query(&cf, &q);
	is_str(buf_str(&q.sql) + head, want_sql, "--search '%s': the SQL",
	    text);
	for (i = 0; i < q.n; i++)
		buf_printf(&values, "%s%s", i ? "|" : "", q.v[i].s);
	is_str(buf_str(&values), want_values, "--search '%s': the patterns",
	    text);
	s = query_prepare(&q);
	while (db_step(s))
		if (!strncmp(db_text(s, 3), scan, strlen(scan)))
			buf_adds(&plan, db_text(s, 3) + strlen(scan));
	db_finalize(s);
	is_str(buf_str(&plan), want_plan, "--search '%s': %s", text,
	    strchr(want_plan, 'L') ? "through the trigram index" : *want_plan
	    ? "a scan" : "no search");
	query_free(&q);
	custfilter_free(&cf);
	buf_free(&values);
	buf_free(&plan);
}

static void
test_search(void)
{
	static const char in[] = " AND c.id IN (SELECT rowid FROM"
	    " customer_search WHERE 1";
	char sql[256];

	snprintf(sql, sizeof sql, "%s AND doc LIKE ?)", in);
	searched("环保局", sql, "%环保局%", "INDEX 0:L0");
	searched("C:\\data", sql, "%C:\\data%", "INDEX 0:L0");
	searched("\"OR\"", sql, "%\"OR\"%", "INDEX 0:L0");
	snprintf(sql, sizeof sql, "%s AND doc LIKE ? AND doc LIKE ?)", in);
	searched(" LiWeiDong\t0912-38 ", sql, "%LiWeiDong%|%0912-38%",
	    "INDEX 0:L0L0");
	snprintf(sql, sizeof sql, "%s AND +doc LIKE ? ESCAPE '\\')", in);
	searched("环保", sql, "%环保%", "INDEX 0:");
	searched("a%b", sql, "%a\\%b%", "INDEX 0:");
	searched("_\\", sql, "%\\_\\\\%", "INDEX 0:");
	snprintf(sql, sizeof sql, "%s AND +doc LIKE ? ESCAPE '\\' AND doc"
	    " LIKE ?)", in);
	searched("张 神木市", sql, "%张%|%神木市%", "INDEX 0:L0");
	snprintf(sql, sizeof sql, "%s AND doc LIKE ? AND +doc LIKE ?"
	    " ESCAPE '\\' AND doc LIKE ? AND +doc LIKE ? ESCAPE '\\')", in);
	searched("wx_gao 12%达标率", sql, "%gao%|%wx\\_gao%|%达标率%|"
	    "%12\\%达标率%", "INDEX 0:L0L0");
	searched("", "", "", "");
}

int
main(void)
{
	char *path;

	setprogname("test-query");
	test_refusals();	/* children that die: before the folder */
	path = tmpdb("test-query");
	db_create(path, NULL);
	free(path);
	test_values();
	test_filter();
	test_search();
	return done_testing();
}
