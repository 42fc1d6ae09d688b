/* test-date.c - unit tests of lib/date.c. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "crm.h"
#include "tap.h"

static const struct {
	const char *s;
	int ok;
	int day;	/* days since 1970-01-01 when ok */
} parse_cases[] = {
	{ "1970-01-01", 1, 0 },
	{ "1970-01-02", 1, 1 },
	{ "1969-12-31", 1, -1 },
	{ "2000-01-01", 1, 10957 },
	{ "2000-02-29", 1, 11016 },
	{ "2000-03-01", 1, 11017 },
	{ "2026-11-27", 1, 20784 },
	{ "2026-01-31", 1, 20484 },
	{ "2026-12-31", 1, 20818 },
	{ "2027-01-01", 1, 20819 },
	{ "2028-02-29", 1, 21243 },
	{ "2028-03-01", 1, 21244 },
	{ "1000-01-01", 1, -354285 },
	{ "9999-12-31", 1, 2932896 },
	{ "2026-02-28", 1, 20512 },
	{ "2026-04-30", 1, 20573 },
	{ "2026-02-29", 0, 0 },
	{ "2026-02-30", 0, 0 },
	{ "2100-02-29", 0, 0 },
	{ "2027-02-29", 0, 0 },
	{ "2026-04-31", 0, 0 },
	{ "2026-06-31", 0, 0 },
	{ "2026-09-31", 0, 0 },
	{ "2026-11-31", 0, 0 },
	{ "2026-01-32", 0, 0 },
	{ "2026-13-01", 0, 0 },
	{ "2026-00-10", 0, 0 },
	{ "2026-01-00", 0, 0 },
	{ "0999-12-31", 0, 0 },
	{ "0000-01-01", 0, 0 },
	{ "2026-1-01", 0, 0 },
	{ "2026-01-1", 0, 0 },
	{ "26-01-01", 0, 0 },
	{ "2026/01/01", 0, 0 },
	{ "2026-01-01 ", 0, 0 },
	{ " 2026-01-01", 0, 0 },
	{ "2026-01-01T00:00:00Z", 0, 0 },
	{ "20260101", 0, 0 },
	{ "2026-0a-01", 0, 0 },
	{ "+026-01-01", 0, 0 },
	{ "2026-+1-01", 0, 0 },
	{ "", 0, 0 },
	{ "10000-01-01", 0, 0 },
};

static const struct {
	int y, m, n;
} month_days[] = {
	{ 2026, 1, 31 }, { 2026, 2, 28 }, { 2026, 3, 31 }, { 2026, 4, 30 },
	{ 2026, 5, 31 }, { 2026, 6, 30 }, { 2026, 7, 31 }, { 2026, 8, 31 },
	{ 2026, 9, 30 }, { 2026, 10, 31 }, { 2026, 11, 30 }, { 2026, 12, 31 },
	{ 2028, 2, 29 }, { 2000, 2, 29 }, { 2100, 2, 28 }, { 1900, 2, 28 },
	{ 2026, 0, 0 }, { 2026, 13, 0 },
};

static const struct {
	const char *s;
	int ok;
} ts_cases[] = {
	{ "2026-11-27T08:30:00Z", 1 },
	{ "2026-11-27T00:00:00Z", 1 },
	{ "2026-11-27T23:59:59Z", 1 },
	{ "2028-02-29T12:00:00Z", 1 },
	{ "2026-11-27T24:00:00Z", 0 },
	{ "2026-11-27T23:60:00Z", 0 },
	{ "2026-11-27T23:59:60Z", 0 },
	{ "2026-02-29T12:00:00Z", 0 },
	{ "2026-11-27 08:30:00Z", 0 },
	{ "2026-11-27T08:30:00", 0 },
	{ "2026-11-27T08:30:00+08:00", 0 },
	{ "2026-11-27T08:30:00z", 0 },
	{ "2026-11-27T8:30:00Z", 0 },
	{ "2026-11-27T08:30:0aZ", 0 },
	{ "2026-11-27T08-30-00Z", 0 },
	{ "2026-11-27T08:30:00ZZ", 0 },
	{ "2026-11-27", 0 },
	{ "", 0 },
};

static const struct {
	enum period p;
	const char *day, *first, *last;
} bounds_cases[] = {
	{ PERIOD_MONTH, "2026-11-27", "2026-11-01", "2026-11-30" },
	{ PERIOD_QUARTER, "2026-11-27", "2026-10-01", "2026-12-31" },
	{ PERIOD_YEAR, "2026-11-27", "2026-01-01", "2026-12-31" },
	{ PERIOD_MONTH, "2028-02-10", "2028-02-01", "2028-02-29" },
	{ PERIOD_MONTH, "2026-02-28", "2026-02-01", "2026-02-28" },
	{ PERIOD_MONTH, "2026-12-31", "2026-12-01", "2026-12-31" },
	{ PERIOD_MONTH, "2026-01-01", "2026-01-01", "2026-01-31" },
	{ PERIOD_QUARTER, "2026-01-01", "2026-01-01", "2026-03-31" },
	{ PERIOD_QUARTER, "2026-03-31", "2026-01-01", "2026-03-31" },
	{ PERIOD_QUARTER, "2026-04-01", "2026-04-01", "2026-06-30" },
	{ PERIOD_QUARTER, "2026-06-30", "2026-04-01", "2026-06-30" },
	{ PERIOD_QUARTER, "2026-07-01", "2026-07-01", "2026-09-30" },
	{ PERIOD_QUARTER, "2026-09-30", "2026-07-01", "2026-09-30" },
	{ PERIOD_QUARTER, "2026-10-01", "2026-10-01", "2026-12-31" },
	{ PERIOD_QUARTER, "2026-12-31", "2026-10-01", "2026-12-31" },
	{ PERIOD_YEAR, "2028-12-31", "2028-01-01", "2028-12-31" },
	{ PERIOD_YEAR, "1969-06-15", "1969-01-01", "1969-12-31" },
};

/* kind: 'm' month_parse, 'q' quarter_parse, 'y' year_parse, 'w'
 * week_parse (ISO 8601 weeks: week 1 holds 4 January). */
static const struct {
	char kind;
	const char *s, *first, *last;	/* first NULL: invalid */
} range_cases[] = {
	{ 'm', "2026-11", "2026-11-01", "2026-11-30" },
	{ 'm', "2028-02", "2028-02-01", "2028-02-29" },
	{ 'm', "2026-02", "2026-02-01", "2026-02-28" },
	{ 'm', "2026-12", "2026-12-01", "2026-12-31" },
	{ 'm', "2026-01", "2026-01-01", "2026-01-31" },
	{ 'm', "2026-13", NULL, NULL },
	{ 'm', "2026-00", NULL, NULL },
	{ 'm', "2026-1", NULL, NULL },
	{ 'm', "2026-011", NULL, NULL },
	{ 'm', "2026-11-01", NULL, NULL },
	{ 'm', "0999-01", NULL, NULL },
	{ 'm', "2026/11", NULL, NULL },
	{ 'm', "", NULL, NULL },
	{ 'q', "2026-Q1", "2026-01-01", "2026-03-31" },
	{ 'q', "2026-Q2", "2026-04-01", "2026-06-30" },
	{ 'q', "2026-Q3", "2026-07-01", "2026-09-30" },
	{ 'q', "2026-Q4", "2026-10-01", "2026-12-31" },
	{ 'q', "2026-q4", "2026-10-01", "2026-12-31" },
	{ 'q', "2028-Q1", "2028-01-01", "2028-03-31" },
	{ 'q', "2026-Q0", NULL, NULL },
	{ 'q', "2026-Q5", NULL, NULL },
	{ 'q', "2026Q4", NULL, NULL },
	{ 'q', "2026-4", NULL, NULL },
	{ 'q', "2026-Q04", NULL, NULL },
	{ 'q', "2026-X4", NULL, NULL },
	{ 'q', "", NULL, NULL },
	{ 'y', "2026", "2026-01-01", "2026-12-31" },
	{ 'y', "2028", "2028-01-01", "2028-12-31" },
	{ 'y', "1000", "1000-01-01", "1000-12-31" },
	{ 'y', "9999", "9999-01-01", "9999-12-31" },
	{ 'y', "0999", NULL, NULL },
	{ 'y', "202", NULL, NULL },
	{ 'y', "20260", NULL, NULL },
	{ 'y', "-2026", NULL, NULL },
	{ 'y', "2026 ", NULL, NULL },
	{ 'y', "", NULL, NULL },
	{ 'w', "2026-W49", "2026-11-30", "2026-12-06" },
	{ 'w', "2026-w50", "2026-12-07", "2026-12-13" },
	{ 'w', "2026-W01", "2025-12-29", "2026-01-04" },
	{ 'w', "2026-W53", "2026-12-28", "2027-01-03" },	/* 1 Jan a Thursday */
	{ 'w', "2021-W01", "2021-01-04", "2021-01-10" },
	{ 'w', "2020-W53", "2020-12-28", "2021-01-03" },	/* leap, Wednesday */
	{ 'w', "2027-W52", "2027-12-27", "2028-01-02" },
	{ 'w', "2027-W53", NULL, NULL },	/* 2027 has 52 weeks */
	{ 'w', "2026-W00", NULL, NULL },
	{ 'w', "2026-W54", NULL, NULL },
	{ 'w', "2026W49", NULL, NULL },
	{ 'w', "2026-W4", NULL, NULL },
	{ 'w', "2026-49", NULL, NULL },
	{ 'w', "", NULL, NULL },
	/* weeks whose days cannot all be written (found by fuzzing) */
	{ 'w', "1000-W01", NULL, NULL },	/* from 0999-12-30 */
	{ 'w', "1000-W02", "1000-01-06", "1000-01-12" },
	{ 'w', "9999-W51", "9999-12-20", "9999-12-26" },
	{ 'w', "9999-W52", NULL, NULL },	/* to 10000-01-02 */
};

/* week_parse's "this" and "last" on a day: the weeks they name. */
static const struct {
	const char *today, *s, *first, *last;
} week_words[] = {
	{ "2026-12-07", "this", "2026-12-07", "2026-12-13" },	/* a Monday */
	{ "2026-12-07", "last", "2026-11-30", "2026-12-06" },
	{ "2026-12-12", "this", "2026-12-07", "2026-12-13" },	/* Saturday */
	{ "2026-12-13", "this", "2026-12-07", "2026-12-13" },	/* Sunday */
	{ "2027-01-01", "this", "2026-12-28", "2027-01-03" },	/* W53 */
	{ "2026-01-02", "last", "2025-12-22", "2025-12-28" },
	{ "2021-01-03", "this", "2020-12-28", "2021-01-03" },
};

static int
day_of(const char *s)
{
	int d = 0;

	if (date_parse(s, &d) < 0)
		fprintf(stderr, "test table: bad date %s\n", s);
	return d;
}

/* Run FN(ARG) in a child with stderr to a file; its exit status and the
 * first line it wrote on stderr. */
static int
run_child(void (*fn)(const char *), const char *arg, char *msg, size_t n)
{
	char path[] = "/tmp/test-date.XXXXXX";
	int fd, status;
	FILE *fp;
	pid_t pid;

	msg[0] = '\0';
	if ((fd = mkstemp(path)) < 0)
		return -1;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		dup2(fd, 2);
		fn(arg);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	close(fd);
	if ((fp = fopen(path, "r"))) {
		if (fgets(msg, (int)n, fp))
			msg[strcspn(msg, "\n")] = '\0';
		fclose(fp);
	}
	unlink(path);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void
child_set_today(const char *s)
{
	date_set_today(s);
}

static void
child_env_today(const char *s)
{
	setenv("CRM_TODAY", s, 1);
	today();
}

/* date_parse_written: the day as spreadsheets write it, year first. */
static const struct {
	const char *s, *want;	/* want NULL: refused */
} written_cases[] = {
	{ "2021-06-01", "2021-06-01" },
	{ "2021-6-1", "2021-06-01" },
	{ "2021/6/1", "2021-06-01" },
	{ "2021/06/01", "2021-06-01" },
	{ "2021/12/31", "2021-12-31" },
	{ "2024/2/29", "2024-02-29" },
	{ "2021年6月1日", "2021-06-01" },
	{ "2021年06月01日", "2021-06-01" },
	{ "2021/6-1", NULL },
	{ "2021-6/1", NULL },
	{ "2021/6/1 ", NULL },
	{ " 2021/6/1", NULL },
	{ "2021/6/", NULL },
	{ "2021/006/1", NULL },
	{ "2021/6/001", NULL },
	{ "2021/2/29", NULL },
	{ "2021/13/1", NULL },
	{ "2021/0/1", NULL },
	{ "6/1/2021", NULL },
	{ "1/6/2021", NULL },
	{ "21/6/1", NULL },
	{ "0999/6/1", NULL },
	{ "2021.6.1", NULL },
	{ "2021年6月1", NULL },
	{ "2021年6月1日 ", NULL },
	{ "2021-06-01T00:00", NULL },
	{ "today", NULL },
	{ "", NULL },
};

/* timestamp_local_parse in UTC (TZ=UTC0): S, and the stamp or NULL. */
static const struct {
	const char *s, *want;
} local_cases[] = {
	{ "2026-11-27 09:30", "2026-11-27T09:30:00Z" },
	{ "2026-11-27T09:30:15", "2026-11-27T09:30:15Z" },
	{ "2026/11/27 9:30", "2026-11-27T09:30:00Z" },
	{ "2026/11/27 09:30:05", "2026-11-27T09:30:05Z" },
	{ "2026-1-2 0:00", "2026-01-02T00:00:00Z" },
	{ "2026年11月27日 23:59:59", "2026-11-27T23:59:59Z" },
	{ "2026/11/27 9:3", NULL },
	{ "2026/11/27 24:00", NULL },
	{ "2026/11/27 9:60", NULL },
	{ "2026/11/27 9:30:60", NULL },
	{ "2026/11/27 9:30:5", NULL },
	{ "2026/11/27 009:30", NULL },
	{ "2026/11/27  9:30", NULL },
	{ "2026/11/27 9:30 ", NULL },
	{ "2026/11/27", NULL },
	{ "27/11/2026 9:30", NULL },
};

/* timestamp_local_parse(S) in a child: exit 0 refused, 2 taken. */
static void
child_local_parse(const char *s)
{
	char t[21];

	_exit(timestamp_local_parse(s, t) < 0 ? 0 : 2);
}

int
main(void)
{
	char out[32], ts[32], want[64], msg[256], a[11], b[11], *tz;
	int day, first, last, y, m, d, i, rc, r;
	enum period p;
	size_t k;

	setprogname("test-date");

	for (k = 0; k < sizeof parse_cases / sizeof *parse_cases; k++) {
		day = 12345;
		r = date_parse(parse_cases[k].s, &day);
		is_int(r, parse_cases[k].ok ? 0 : -1, "date_parse('%s')",
		    parse_cases[k].s);
		if (parse_cases[k].ok) {
			is_int(day, parse_cases[k].day, "day of %s",
			    parse_cases[k].s);
			date_format(day, out);
			is_str(out, parse_cases[k].s, "date_format round trip %s",
			    parse_cases[k].s);
		} else {
			is_int(day, 12345, "'%s' leaves *day alone",
			    parse_cases[k].s);
		}
	}

	for (k = 0; k < sizeof written_cases / sizeof *written_cases; k++) {
		day = 12345;
		r = date_parse_written(written_cases[k].s, &day);
		if (written_cases[k].want) {
			date_format(day, out);
			ok(r == 0 && !strcmp(out, written_cases[k].want),
			    "date_parse_written('%s') is %s", written_cases[k].s,
			    out);
		} else
			ok(r == -1 && day == 12345,
			    "date_parse_written('%s') refused",
			    written_cases[k].s);
	}
	ok(date_parse("2021/6/1", &day) == -1,
	    "date_parse keeps to YYYY-MM-DD");
	tz = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
	setenv("TZ", "UTC0", 1);
	tzset();
	for (k = 0; k < sizeof local_cases / sizeof *local_cases; k++) {
		strcpy(ts, "-");
		r = timestamp_local_parse(local_cases[k].s, ts);
		if (local_cases[k].want)
			ok(r == 0 && !strcmp(ts, local_cases[k].want),
			    "local time '%s' is %s", local_cases[k].s, ts);
		else
			ok(r == -1, "local time '%s' refused",
			    local_cases[k].s);
	}
	if (tz)
		setenv("TZ", tz, 1);
	else
		unsetenv("TZ");
	free(tz);
	tzset();

	for (k = 0; k < sizeof month_days / sizeof *month_days; k++)
		is_int(days_in_month(month_days[k].y, month_days[k].m),
		    month_days[k].n, "days_in_month(%d, %d)", month_days[k].y,
		    month_days[k].m);

	ok(date_valid_ymd(2028, 2, 29), "2028-02-29 valid");
	ok(!date_valid_ymd(2026, 2, 29), "2026-02-29 not valid");
	ok(!date_valid_ymd(2026, 4, 31), "2026-04-31 not valid");
	ok(!date_valid_ymd(999, 1, 1), "year 999 not valid");
	is_int(date_from_ymd(2026, 11, 27), 20784, "date_from_ymd 2026-11-27");
	is_int(date_from_ymd(1970, 1, 1), 0, "date_from_ymd epoch");

	/* Every day of 1960..2109 round-trips and follows the previous one. */
	rc = 1;
	for (day = date_from_ymd(1960, 1, 1); day < date_from_ymd(2110, 1, 1);
	    day++) {
		date_to_ymd(day, &y, &m, &d);
		if (!date_valid_ymd(y, m, d) || date_from_ymd(y, m, d) != day) {
			rc = 0;
			diag("day %d -> %d-%d-%d", day, y, m, d);
			break;
		}
	}
	ok(rc, "date_to_ymd/date_from_ymd round trip 1960..2109");
	date_to_ymd(-1, &y, &m, &d);
	ok(y == 1969 && m == 12 && d == 31, "day -1 is 1969-12-31");

	for (k = 0; k < sizeof ts_cases / sizeof *ts_cases; k++)
		is_int(timestamp_valid(ts_cases[k].s), ts_cases[k].ok,
		    "timestamp_valid('%s')", ts_cases[k].s);

	ok(period_parse("month", &p) == 0 && p == PERIOD_MONTH, "period month");
	ok(period_parse("quarter", &p) == 0 && p == PERIOD_QUARTER,
	    "period quarter");
	ok(period_parse("year", &p) == 0 && p == PERIOD_YEAR, "period year");
	is_int(period_parse("Month", &p), -1, "period Month refused");
	is_int(period_parse("week", &p), -1, "period week refused");
	is_int(period_parse("", &p), -1, "period '' refused");
	is_str(period_name(PERIOD_MONTH), "month", "period_name month");
	is_str(period_name(PERIOD_QUARTER), "quarter", "period_name quarter");
	is_str(period_name(PERIOD_YEAR), "year", "period_name year");

	for (k = 0; k < sizeof bounds_cases / sizeof *bounds_cases; k++) {
		period_bounds(bounds_cases[k].p, day_of(bounds_cases[k].day),
		    &first, &last);
		date_format(first, a);
		date_format(last, b);
		is_str(a, bounds_cases[k].first, "%s of %s starts",
		    period_name(bounds_cases[k].p), bounds_cases[k].day);
		is_str(b, bounds_cases[k].last, "%s of %s ends",
		    period_name(bounds_cases[k].p), bounds_cases[k].day);
	}

	for (k = 0; k < sizeof range_cases / sizeof *range_cases; k++) {
		const char *s = range_cases[k].s;

		first = last = 777;
		r = range_cases[k].kind == 'm' ? month_parse(s, &first, &last) :
		    range_cases[k].kind == 'q' ? quarter_parse(s, &first, &last) :
		    range_cases[k].kind == 'w' ? week_parse(s, &first, &last) :
		    year_parse(s, &first, &last);
		if (!range_cases[k].first) {
			is_int(r, -1, "%c '%s' refused", range_cases[k].kind, s);
			continue;
		}
		is_int(r, 0, "%c '%s' accepted", range_cases[k].kind, s);
		if (range_cases[k].kind == 'w') {
			char w[16];

			week_format(first, w);
			ok(!strcasecmp(w, s), "week_format(%s) is %s", w, s);
			week_format(last, w);
			ok(!strcasecmp(w, s), "and of its Sunday");
		}
		date_format(first, a);
		date_format(last, b);
		is_str(a, range_cases[k].first, "'%s' starts", s);
		is_str(b, range_cases[k].last, "'%s' ends", s);
	}

	/* Bad overrides die 64 naming the source. */
	rc = run_child(child_set_today, "2026-13-01", msg, sizeof msg);
	is_int(rc, EX_USAGE, "bad --today exits 64");
	is_str(msg, "test-date: bad --today '2026-13-01': "
	    "not a valid date YYYY-MM-DD", "bad --today message");
	rc = run_child(child_env_today, "2026-02-30", msg, sizeof msg);
	is_int(rc, EX_USAGE, "bad CRM_TODAY exits 64");
	is_str(msg, "test-date: bad CRM_TODAY '2026-02-30': "
	    "not a valid date YYYY-MM-DD", "bad CRM_TODAY message");
	rc = run_child(child_env_today, "2026-02-28", msg, sizeof msg);
	is_int(rc, 0, "good CRM_TODAY does not die");

	/* $CRM_TODAY before the first today() call. */
	setenv("CRM_TODAY", "2028-02-29", 1);
	date_format(today(), out);
	is_str(out, "2028-02-29", "today() from CRM_TODAY");
	timestamp_now(ts);
	ok(timestamp_valid(ts), "timestamp_now '%s' is valid", ts);
	ok(strncmp(ts, "2028-02-29T", 11) == 0,
	    "timestamp_now '%s' carries CRM_TODAY's date", ts);
	unsetenv("CRM_TODAY");
	date_format(today(), out);
	is_str(out, "2028-02-29", "today() is cached");

	/* --today wins over it. */
	date_set_today("2027-03-15");
	is_int(today(), 20892, "today() after date_set_today");
	for (i = 0; i < 2; i++) {
		timestamp_now(ts);
		ok(timestamp_valid(ts), "timestamp_now '%s' is valid", ts);
		is_int(strlen(ts), 20, "timestamp length");
		ok(strncmp(ts, "2027-03-15T", 11) == 0,
		    "timestamp_now '%s' carries the overridden date", ts);
	}
	/* The time of day is the real UTC time (allow a second's tick). */
	{
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		snprintf(want, sizeof want, "%02d:%02d", tm.tm_hour, tm.tm_min);
		timestamp_now(ts);
		ok(strncmp(ts + 11, want, 5) == 0 || tm.tm_sec == 59,
		    "time of day %s is now (%s)", ts + 11, want);
	}
	/* today+N lands on a day that can be written, or is refused. */
	date_set_today("9999-12-30");
	is_int(date_arg("today+1", &r), 0, "today+1 on 9999-12-30");
	is_int(date_arg("today+2", &r), -1, "today+2 would be in 10000");
	date_set_today("1000-01-02");
	is_int(date_arg("today-1", &r), 0, "today-1 on 1000-01-02");
	is_int(date_arg("today-2", &r), -1, "today-2 would be in 999");
	is_int(date_arg("today+36601", &r), -1, "at most DAYS_MAX days");
	ok(date_in_range(date_from_ymd(9999, 12, 31)), "9999-12-31 in range");
	ok(!date_in_range(date_from_ymd(10000, 1, 1)), "10000-01-01 is not");
	ok(!date_in_range(date_from_ymd(999, 12, 31)), "999-12-31 is not");
	for (k = 0; k < sizeof week_words / sizeof *week_words; k++) {
		date_set_today(week_words[k].today);
		r = week_parse(week_words[k].s, &first, &last);
		date_format(first, a);
		date_format(last, b);
		is_int(r, 0, "week '%s' on %s", week_words[k].s,
		    week_words[k].today);
		is_str(a, week_words[k].first, "week '%s' on %s starts",
		    week_words[k].s, week_words[k].today);
		is_str(b, week_words[k].last, "week '%s' on %s ends",
		    week_words[k].s, week_words[k].today);
	}

	/* The edges of years 1000..9999 (found by tests/fuzz/fuzz-date.c):
	 * a local time whose UTC moment has no YYYY is refused, where
	 * timestamp_of used to die 70 "gmtime failed"; today+N beyond
	 * 9999-12-31 is no date; noon of the last day, more than 12 hours
	 * west of UTC, and now on the first and last day (--today) stay
	 * time stamps of those days. */
	setenv("TZ", "EST5EDT,M3.2.0,M11.1.0", 1);
	tzset();
	rc = run_child(child_local_parse, "9999-12-31 23:55", msg, sizeof msg);
	is_int(rc, 0, "local 9999-12-31 23:55 at UTC-5 refused (%s)", msg);
	rc = run_child(child_local_parse, "9999-12-31 18:59:59", msg,
	    sizeof msg);
	is_int(rc, 2, "local 9999-12-31 18:59:59 at UTC-5 taken (%s)", msg);
	setenv("TZ", "CST-8", 1);
	tzset();
	rc = run_child(child_local_parse, "1000-01-01 07:59", msg, sizeof msg);
	is_int(rc, 0, "local 1000-01-01 07:59 at UTC+8 refused (%s)", msg);
	ok(timestamp_local_parse("1000-01-01 08:00", ts) == 0
	    && !strcmp(ts, "1000-01-01T00:00:00Z"),
	    "local 1000-01-01 08:00 at UTC+8 is %s", ts);
	setenv("TZ", "GMT+12", 1);
	tzset();
	timestamp_noon(day_of("9999-12-31"), ts);
	is_str(ts, "9999-12-31T23:59:59Z", "noon of 9999-12-31 at UTC-12");
	timestamp_noon(day_of("9999-12-30"), ts);
	is_str(ts, "9999-12-31T00:00:00Z", "noon of 9999-12-30 at UTC-12");
	setenv("TZ", "GMT-13", 1);
	tzset();
	timestamp_noon(day_of("1000-01-01"), ts);
	is_str(ts, "1000-01-01T00:00:00Z", "noon of 1000-01-01 at UTC+13");
	date_set_today("1000-01-01");
	timestamp_now(ts);
	ok(!strncmp(ts, "1000-01-01T", 11), "now on 1000-01-01 at UTC+13: %s",
	    ts);
	setenv("TZ", "GMT+13", 1);
	tzset();
	date_set_today("9999-12-31");
	timestamp_now(ts);
	ok(!strncmp(ts, "9999-12-31T", 11), "now on 9999-12-31 at UTC-13: %s",
	    ts);
	setenv("TZ", "UTC0", 1);
	tzset();
	date_set_today("9999-12-30");
	ok(date_arg("today+1", &day) == 0 && day == day_of("9999-12-31"),
	    "today+1 on 9999-12-30");
	day = 777;
	is_int(date_arg("today+2", &day), -1, "today+2 on 9999-12-30 refused");
	is_int(day, 777, "and leaves *day alone");
	date_set_today("1000-01-02");
	ok(date_arg("today-1", &day) == 0 && day == day_of("1000-01-01"),
	    "today-1 on 1000-01-02");
	is_int(date_arg("today-2", &day), -1, "today-2 on 1000-01-02 refused");
	/* Last month and this week in the first days there are: no
	 * December 999, no week from 0999-12-30. */
	ok(month_parse("this", &first, &last) == 0
	    && first == day_of("1000-01-01"), "this month on 1000-01-02");
	is_int(month_parse("last", &first, &last), -1,
	    "last month on 1000-01-02 refused");
	is_int(week_parse("this", &first, &last), -1,
	    "this week on 1000-01-02 refused");
	is_int(week_parse("last", &first, &last), -1,
	    "last week on 1000-01-02 refused");
	date_set_today("1000-01-13");
	ok(week_parse("last", &first, &last) == 0
	    && first == day_of("1000-01-06"), "last week on 1000-01-13");
	date_set_today("9999-12-31");
	is_int(week_parse("this", &first, &last), -1,
	    "this week on 9999-12-31 refused");
	ok(week_parse("last", &first, &last) == 0
	    && last == day_of("9999-12-26"), "last week on 9999-12-31");

	return done_testing();
}
