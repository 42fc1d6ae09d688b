/* test-workday.c - working days of the official calendar and the SLA due
 * dates they give (lib/workday.c, lib/sla.c), against tests/sla-cases.txt,
 * a table worked out by hand from data/calendar.csv. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "tap.h"
#include "tmpdb.h"

static void
set(const char *key, const char *value)
{
	struct buf err = {0};

	db_begin();
	if (setting_set(key, value, &err) < 0)
		die(EX_SOFTWARE, "%s", buf_str(&err));
	db_commit();
	buf_free(&err);
}

static int
day(const char *s)
{
	int d;

	if (date_parse(s, &d) < 0)
		die(EX_SOFTWARE, "bad date '%s'", s);
	return d;
}

int
main(void)
{
	struct import_opts o;
	struct import_result r;
	char line[256], rec[16], mode[16], due[16], got[11], n[16];
	char *db = tmpdb("test-workday");
	FILE *fp;
	int cases = 0;

	db_create(db, NULL);
	memset(&o, 0, sizeof o);
	memset(&r, 0, sizeof r);
	o.max_errors = IMPORT_MAX_ERRORS;
	is_int(import_file(entity_find("calendar"), "data/calendar.csv", &o,
	    &r), 0, "data/calendar.csv imports");
	free(r.name);

	/* The calendar itself: 调休 and the weekday fallback. */
	ok(workday_is(day("2026-02-14")), "a make-up Saturday works");
	ok(!workday_is(day("2026-02-16")), "a Monday of 春节 is off");
	ok(!workday_is(day("2026-03-07")), "an ordinary Saturday is off");
	ok(workday_is(day("2026-03-09")), "an ordinary Monday works");
	is_int(workday_next(day("2026-02-15")), day("2026-02-24"),
	    "the first working day after 春节");
	is_int(workday_add(day("2026-02-24"), 0), day("2026-02-24"),
	    "0 working days after a working day is that day");
	is_int(date_weekday(day("2026-11-30")), 0, "2026-11-30 is a Monday");
	ok(workday_is(day("2027-01-01")), "2027 has no calendar: Monday to "
	    "Friday, 元旦 included");

	if (!(fp = fopen("tests/sla-cases.txt", "r")))
		die(EX_NOINPUT, "cannot open tests/sla-cases.txt:");
	while (fgets(line, sizeof line, fp)) {
		if (*line == '#' || *line == '\n')
			continue;
		if (sscanf(line, "%15s %15s %15s %15s", rec, n, mode, due) != 4)
			die(EX_DATAERR, "bad case: %s", line);
		set("sla.days", mode);
		set("sla.normal", n);
		date_format(sla_due(day(rec), "normal"), got);
		is_str(got, due, "received %s, %s %s days: due %s", rec, n,
		    mode, due);
		cases++;
	}
	fclose(fp);
	ok(cases >= 40, "%d hand-worked cases", cases);
	free(db);
	return done_testing();
}
