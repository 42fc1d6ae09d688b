/* workday.c - the working days of China's official calendar (table
 * calendar, from the State Council's notice each year): a day is a
 * working day when the calendar lists it `work` (a make-up working day,
 * 调休), or when it is Monday to Friday and not listed `off`.  A year the
 * calendar holds no day of falls back to Monday to Friday, and says so
 * once on stderr.  Each year's days are read once, a small table. */
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

static struct year {
	int y;
	int known;		/* the calendar lists a day of it */
	signed char kind[366];	/* 1 work, -1 off, 0 as the weekday says */
} *years;
static size_t nyears;

void
workday_forget(void)
{
	free(years);
	years = NULL;
	nyears = 0;
}

static const struct year *
year_of(int y)
{
	static db_stmt *s;
	struct year *yr;
	char from[11], to[11];
	const char *kind;
	size_t i;
	int day, first = date_from_ymd(y, 1, 1);

	for (i = 0; i < nyears; i++)
		if (years[i].y == y)
			return &years[i];
	years = xrealloc(years, (nyears + 1) * sizeof *years);
	yr = &years[nyears++];
	memset(yr, 0, sizeof *yr);
	yr->y = y;
	date_format(first, from);
	date_format(date_from_ymd(y, 12, 31), to);
	if (!s)
		s = db_prepare("SELECT date, kind FROM calendar"
		    " WHERE date BETWEEN ? AND ?");
	db_bind_text(s, 1, from);
	db_bind_text(s, 2, to);
	while (db_step(s)) {
		if (date_parse(db_text(s, 0), &day) < 0)
			continue;
		kind = db_text(s, 1);
		yr->kind[day - first] = (signed char)(list_has("work", kind,
		    ' ') ? 1 : -1);
		yr->known = 1;
	}
	db_reset(s);
	if (!yr->known)
		warn("no official calendar for %d: its working days are Monday "
		    "to Friday (crm import calendar FILE adds the State "
		    "Council's days off and make-up working days)", y);
	return yr;
}

int
workday_is(int day)
{
	int y, m, d;
	const struct year *yr;

	date_to_ymd(day, &y, &m, &d);
	yr = year_of(y);
	if (yr->kind[day - date_from_ymd(y, 1, 1)])
		return yr->kind[day - date_from_ymd(y, 1, 1)] > 0;
	return date_weekday(day) < 5;
}

int
workday_next(int day)
{
	while (!workday_is(day))
		day++;
	return day;
}

int
workday_add(int day, int64_t n)
{
	while (n-- > 0)
		day = workday_next(day + 1);
	return day;
}
