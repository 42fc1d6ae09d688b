/* fuzz-date.c - lib/date.c's parsers under libFuzzer: dates, --today's
 * date arguments, months, quarters, years, ISO weeks and time stamps.
 *
 * The input, cut at its first NUL, is given to every parser.  Each
 * accepts exactly what a small reference grammar in this file accepts,
 * and what it accepts formats back to the same text: a date through
 * date_format, a week through week_format, a month through the first day
 * of its bounds.  Time stamps go through timestamp_local and back through
 * timestamp_local_parse in four time zones (UTC, China, and two with
 * daylight saving time, where only what is not ambiguous is compared).
 * The first four bytes also make a day number, whose text parses back to
 * it and whose ISO week and periods hold it.
 */
#include <limits.h>
#include <time.h>

#include "fuzz.h"

#define TODAY "2026-11-27"

/* POSIX TZ strings, so that no zone files are needed; the first two have
 * no daylight saving time. */
static const char *const zones[] = {
	"UTC0", "CST-8", "EST5EDT,M3.2.0,M11.1.0",
	"NZST-12NZDT,M9.5.0,M4.1.0/3",
};
#define NZONES (sizeof zones / sizeof zones[0])
#define FIXED_ZONES 2

static void
zone(size_t i)
{
	setenv("TZ", zones[i], 1);
	tzset();
}

/* --- the reference grammar ---------------------------------------- */

static int
isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* N digits at S (all must be digits), else -1. */
static int
num(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdig(s[i]))
			return -1;
		v = v * 10 + s[i] - '0';
	}
	return v;
}

static int
leap(int y)
{
	return y % 400 == 0 || (y % 100 != 0 && y % 4 == 0);
}

static int
mdays(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* "YYYY-MM-DD" at S (at least 10 bytes there), year 1000..9999, a real
 * day; *Y *M *D set. */
static int
ref_ymd(const char *s, int *y, int *m, int *d)
{
	*y = num(s, 4);
	*m = num(s + 5, 2);
	*d = num(s + 8, 2);
	return s[4] == '-' && s[7] == '-' && *y >= 1000 && *m >= 1 && *m <= 12
	    && *d >= 1 && *d <= mdays(*y, *m);
}

static int
ref_date(const char *s)
{
	int y, m, d;

	return strlen(s) == 10 && ref_ymd(s, &y, &m, &d);
}

/* today, today+N, today-N, N as int_parse reads it (an optional '-'),
 * 0..36600; *OFF the days. */
static int
ref_today(const char *s, int *off)
{
	const char *p;
	long n = 0;

	if (strncmp(s, "today", 5))
		return 0;
	*off = 0;
	if (!s[5])
		return 1;
	if (s[5] != '+' && s[5] != '-')
		return 0;
	p = s + 6;
	if (*p == '-')
		p++;
	if (!*p)
		return 0;
	for (; *p; p++) {
		if (!isdig(*p))
			return 0;
		n = n * 10 + *p - '0';
		if (n > 1000000)
			return 0;
	}
	if (s[6] == '-' && n != 0)
		return 0;	/* a negative N */
	if (n > 36600)
		return 0;
	*off = s[5] == '-' ? -(int)n : (int)n;
	return 1;
}

/* The ISO weeks of year Y: 53 when it starts on a Thursday, or on a
 * Wednesday in a leap year.  WD1 is the weekday (0 Monday) of 1 January. */
static int
ref_weeks(int y, int wd1)
{
	return wd1 == 3 || (wd1 == 2 && leap(y)) ? 53 : 52;
}

/* --- properties ----------------------------------------------------- */

/* Day DAY's weekday, by counting from a Monday (2024-01-01, day 19723)
 * rather than by date_weekday's formula. */
static int
weekday_of(int day)
{
	long w = ((long)day - 19723) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

/* The year of day DAY. */
static int
year_of(int day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return y;
}

/* Days FIRST..LAST can be written as dates: each end formats to a text
 * date_parse reads back. */
static int
writable(int first, int last)
{
	char out[11];
	int back;

	date_format(first, out);
	if (date_parse(out, &back) < 0 || back != first)
		return 0;
	date_format(last, out);
	return date_parse(out, &back) == 0 && back == last;
}

static void
check_date(const char *s)
{
	char out[11];
	int day, day2, y, m, d, ok;

	ok = date_parse(s, &day) == 0;
	FUZZ_CHECK(ok == ref_date(s), s);
	if (!ok)
		return;
	date_format(day, out);
	FUZZ_CHECK(!strcmp(out, s), s);
	date_to_ymd(day, &y, &m, &d);
	FUZZ_CHECK(date_valid_ymd(y, m, d), s);
	FUZZ_CHECK(date_from_ymd(y, m, d) == day, s);
	FUZZ_CHECK(date_arg(s, &day2) == 0 && day2 == day, s);
}

static void
check_arg(const char *s)
{
	int day, off = 0, ok;

	ok = date_arg(s, &day) == 0;
	if (ref_date(s)) {
		FUZZ_CHECK(ok, s);
		return;
	}
	FUZZ_CHECK(ok == ref_today(s, &off), s);
	if (ok)
		FUZZ_CHECK(day == today() + off, s);
}

/* FIRST..LAST is the whole of one or more months: a first day to a last
 * day. */
static void
check_months(const char *s, int first, int last)
{
	int y, m, d;

	FUZZ_CHECK(first <= last, s);
	date_to_ymd(first, &y, &m, &d);
	FUZZ_CHECK(d == 1, s);
	date_to_ymd(last + 1, &y, &m, &d);
	FUZZ_CHECK(d == 1, s);
}

static void
check_periods(const char *s)
{
	char out[11];
	int first, last, y, q, d, ok;
	size_t n = strlen(s);

	/* months: YYYY-MM, this, last */
	ok = month_parse(s, &first, &last) == 0;
	if (!strcmp(s, "this") || !strcmp(s, "last")) {
		/* the month before January 1000 is no month */
		date_to_ymd(today(), &y, &q, &d);
		FUZZ_CHECK(ok == (*s == 't' || y > 1000 || q > 1), s);
		if (!ok)
			return;
		check_months(s, first, last);
		FUZZ_CHECK(writable(first, last), s);
		if (*s == 't')
			FUZZ_CHECK(first <= today() && today() <= last, s);
		else
			FUZZ_CHECK(last + 1 <= today() && today() <= last + 31,
			    s);
		return;
	} else {
		y = num(s, 4);
		q = n == 7 ? num(s + 5, 2) : -1;
		FUZZ_CHECK(ok == (n == 7 && s[4] == '-' && y >= 1000
		    && q >= 1 && q <= 12), s);
		if (ok) {
			check_months(s, first, last);
			FUZZ_CHECK(writable(first, last), s);
			date_format(first, out);
			FUZZ_CHECK(!strncmp(out, s, 7), s);
		}
	}

	/* quarters: YYYY-Qn */
	ok = quarter_parse(s, &first, &last) == 0;
	y = num(s, 4);
	q = n == 7 ? num(s + 6, 1) : -1;
	FUZZ_CHECK(ok == (n == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q')
	    && y >= 1000 && q >= 1 && q <= 4), s);
	if (ok) {
		check_months(s, first, last);
		date_format(first, out);
		FUZZ_CHECK(!strncmp(out, s, 5), s);
		FUZZ_CHECK(num(out + 5, 2) == q * 3 - 2, s);
		FUZZ_CHECK(last - first >= 89 && last - first <= 91, s);
	}

	/* years: YYYY */
	ok = year_parse(s, &first, &last) == 0;
	FUZZ_CHECK(ok == (n == 4 && num(s, 4) >= 1000), s);
	if (ok) {
		check_months(s, first, last);
		date_format(first, out);
		FUZZ_CHECK(!strncmp(out, s, 4) && !strcmp(out + 4, "-01-01"),
		    s);
		FUZZ_CHECK(last - first == 364 + leap(num(s, 4)), s);
	}
}

static void
check_week(const char *s)
{
	char out[16], up[16];
	int first, last, ok, y, w, jan1, mon;

	ok = week_parse(s, &first, &last) == 0;
	if (!strcmp(s, "this") || !strcmp(s, "last")) {
		/* Monday to Sunday, all of them days of years 1000..9999 */
		mon = today() - weekday_of(today()) - (*s == 'l' ? 7 : 0);
		FUZZ_CHECK(ok == (year_of(mon) >= 1000
		    && year_of(mon + 6) <= 9999), s);
		if (!ok)
			return;
		FUZZ_CHECK(first == mon && last == mon + 6, s);
		FUZZ_CHECK(writable(first, last), s);
		if (*s == 't')
			FUZZ_CHECK(first <= today() && today() <= last, s);
		else
			FUZZ_CHECK(last < today() && today() <= last + 7, s);
		return;
	}
	if (strlen(s) != 8 || s[4] != '-' || (s[5] != 'W' && s[5] != 'w')
	    || (y = num(s, 4)) < 1000 || (w = num(s + 6, 2)) < 1) {
		FUZZ_CHECK(!ok, s);
		return;
	}
	jan1 = date_from_ymd(y, 1, 1);
	/* Week 1's Monday is the Monday on or before 4 January. */
	mon = jan1 + 3 - weekday_of(jan1 + 3) + (w - 1) * 7;
	FUZZ_CHECK(ok == (w <= ref_weeks(y, weekday_of(jan1))
	    && year_of(mon) >= 1000 && year_of(mon + 6) <= 9999), s);
	if (!ok)
		return;
	FUZZ_CHECK(first == mon && last == first + 6, s);
	FUZZ_CHECK(weekday_of(first) == 0 && writable(first, last), s);
	/* Week 1 holds 4 January; the week's Thursday is in year Y. */
	if (w == 1)
		FUZZ_CHECK(first <= jan1 + 3 && jan1 + 3 <= last, s);
	week_format(first, out);
	memcpy(up, s, 9);
	up[5] = 'W';
	FUZZ_CHECK(!strcmp(out, up), s);
	week_format(last, out);
	FUZZ_CHECK(!strcmp(out, up), s);
}

/* The day of the date "YYYY-MM-DD" that starts P, else INT_MIN. */
static int
day10(const char *p)
{
	char text[11];
	int day;

	memcpy(text, p, 10);
	text[10] = '\0';
	return date_parse(text, &day) == 0 ? day : INT_MIN;
}

/* A valid time stamp S, in every zone: its local text and local day
 * agree with each other and with S, and the local text read back is S
 * where the zone has no clock changes.  Years 1001..9998 only: a local
 * time in year 999 or 10000 has no YYYY to be written in. */
static void
check_stamp(const char *s)
{
	char loc[32], text[20], back[21];
	int day, off;
	long long utc_min, loc_min;
	size_t i;

	if (num(s, 4) < 1001 || num(s, 4) > 9998)
		return;
	for (i = 0; i < NZONES; i++) {
		zone(i);
		day = timestamp_day(s);
		FUZZ_CHECK(day != INT_MIN, s);
		FUZZ_CHECK(timestamp_local(s, loc) == 0, s);
		/* "YYYY-MM-DD HH:MM +hhmm" */
		FUZZ_CHECK(strlen(loc) == 22 && loc[10] == ' ' && loc[16] == ' '
		    && (loc[17] == '+' || loc[17] == '-'), s);
		FUZZ_CHECK(day10(loc) == day, s);
		/* local - offset = UTC, in minutes */
		off = num(loc + 18, 2) * 60 + num(loc + 20, 2);
		if (loc[17] == '-')
			off = -off;
		loc_min = (long long)day * 1440 + num(loc + 11, 2) * 60
		    + num(loc + 14, 2) - off;
		utc_min = (long long)day10(s) * 1440 + num(s + 11, 2) * 60
		    + num(s + 14, 2);
		FUZZ_CHECK(loc_min == utc_min, s);
		/* back: "YYYY-MM-DD HH:MM:SS" local */
		memcpy(text, loc, 16);
		text[16] = ':';
		memcpy(text + 17, s + 17, 2);
		text[19] = '\0';
		FUZZ_CHECK(timestamp_local_parse(text, back) == 0, s);
		FUZZ_CHECK(timestamp_valid(back), s);
		if (i < FIXED_ZONES)
			FUZZ_CHECK(!strcmp(back, s), s);
	}
	zone(0);
}

static int
ref_stamp(const char *s)
{
	int y, m, d;

	return strlen(s) == 20 && ref_ymd(s, &y, &m, &d) && s[10] == 'T'
	    && s[13] == ':' && s[16] == ':' && s[19] == 'Z'
	    && num(s + 11, 2) >= 0 && num(s + 11, 2) <= 23
	    && num(s + 14, 2) >= 0 && num(s + 14, 2) <= 59
	    && num(s + 17, 2) >= 0 && num(s + 17, 2) <= 59;
}

/* One or two digits at *P, their number, *P after them; else -1. */
static int
ref_1or2(const char **p)
{
	int n = 0, k = 0;

	while (k < 2 && (*p)[k] >= '0' && (*p)[k] <= '9')
		n = n * 10 + (*p)[k++] - '0';
	*p += k;
	return k ? n : -1;
}

/* A day as values take it: YYYY-M-D, YYYY/M/D (month and day of one or
 * two digits, one separator twice) or YYYY年M月D日, a real day of years
 * 1000..9999; *END after it. */
static int
ref_written(const char *s, const char **end, int *y, int *m, int *d)
{
	const char *p = s + 4;
	char sep;

	if ((*y = num(s, 4)) < 1000)
		return 0;
	if (*p == '-' || *p == '/') {
		sep = *p++;
		if ((*m = ref_1or2(&p)) < 0 || *p++ != sep
		    || (*d = ref_1or2(&p)) < 0)
			return 0;
	} else {
		if (strncmp(p, "年", 3))
			return 0;
		p += 3;
		if ((*m = ref_1or2(&p)) < 0 || strncmp(p, "月", 3))
			return 0;
		p += 3;
		if ((*d = ref_1or2(&p)) < 0 || strncmp(p, "日", 3))
			return 0;
		p += 3;
	}
	*end = p;
	return *m >= 1 && *m <= 12 && *d >= 1 && *d <= mdays(*y, *m);
}

/* A local time as values take it: a written day, a blank or a T, H:MM
 * or H:MM:SS (the hour of one or two digits); CANON (20 bytes) the same
 * as YYYY-MM-DD HH:MM[:SS]. */
static int
ref_local(const char *s, char canon[20])
{
	const char *p;
	int y, m, d, h, mi, sec = -1;

	if (!ref_written(s, &p, &y, &m, &d) || (*p != ' ' && *p != 'T'))
		return 0;
	p++;
	if ((h = ref_1or2(&p)) < 0 || h > 23 || *p != ':'
	    || (mi = num(p + 1, 2)) < 0 || mi > 59)
		return 0;
	p += 3;
	if (*p == ':') {
		if ((sec = num(p + 1, 2)) < 0 || sec > 59)
			return 0;
		p += 3;
	}
	if (*p)
		return 0;
	if (sec < 0)
		snprintf(canon, 20, "%04d-%02d-%02d %02d:%02d", y, m, d, h,
		    mi);
	else
		snprintf(canon, 20, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d,
		    h, mi, sec);
	return 1;
}

/* A day as values take it, against the reference: the same day as
 * YYYY-MM-DD, which date_parse reads. */
static void
check_written(const char *s)
{
	const char *end;
	char text[11], want[11];
	int y, m, d, day, ok;

	ok = date_parse_written(s, &day) == 0;
	FUZZ_CHECK(ok == (ref_written(s, &end, &y, &m, &d) && !*end), s);
	if (!ok)
		return;
	date_format(day, text);
	snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
	FUZZ_CHECK(!strcmp(text, want), s);
}

static void
check_stamps(const char *s)
{
	char out[21], loc[32], canon[20];
	size_t i;
	int ok;

	ok = timestamp_valid(s);
	FUZZ_CHECK(ok == ref_stamp(s), s);
	if (ok)
		check_stamp(s);
	else
		FUZZ_CHECK(timestamp_day(s) == INT_MIN
		    && timestamp_local(s, loc) < 0, s);

	for (i = 0; i < NZONES; i++) {
		zone(i);
		ok = timestamp_local_parse(s, out) == 0;
		if (!ref_local(s, canon)) {
			FUZZ_CHECK(!ok, s);
			break;	/* the same in every zone */
		}
		/* Refused only where the moment is not in years
		 * 1000..9999 UTC: on the first day east of UTC (before
		 * 08:00 in China), on the last day west of it. */
		if (i == 0)
			FUZZ_CHECK(ok, s);
		else if (i == 1)
			FUZZ_CHECK(ok == !(!strncmp(canon, "1000-01-01", 10)
			    && num(canon + 11, 2) < 8), s);
		else if (!ok)
			FUZZ_CHECK(!strncmp(canon, "1000-01-01", 10)
			    || !strncmp(canon, "9999-12-31", 10), s);
		if (!ok)
			continue;
		FUZZ_CHECK(timestamp_valid(out), s);
		if (i < FIXED_ZONES) {
			/* the local text of the stamp is S's, to the minute;
			 * the seconds are S's */
			FUZZ_CHECK(timestamp_local(out, loc) == 0, s);
			FUZZ_CHECK(!strncmp(loc, canon, 10) && loc[10] == ' '
			    && !strncmp(loc + 11, canon + 11, 5), s);
			FUZZ_CHECK(strlen(canon) == 16
			    ? !strncmp(out + 17, "00", 2)
			    : !strncmp(out + 17, canon + 17, 2), s);
		}
	}
	zone(0);
}

/* A day number, from the input's bytes: its text, week and periods. */
static void
check_day(int day)
{
	static const enum period ps[] = {PERIOD_MONTH, PERIOD_QUARTER,
	    PERIOD_YEAR};
	char out[11], wk[16];
	int y, m, d, back, first, last;
	size_t i;

	date_to_ymd(day, &y, &m, &d);
	FUZZ_CHECK(m >= 1 && m <= 12 && d >= 1 && d <= mdays(y, m), "day");
	FUZZ_CHECK(date_from_ymd(y, m, d) == day, "day");
	FUZZ_CHECK(date_weekday(day) == weekday_of(day), "day");
	date_format(day, out);
	if (y >= 1000 && y <= 9999)
		FUZZ_CHECK(date_parse(out, &back) == 0 && back == day, out);
	else if (y >= 0 && y <= 9999)
		FUZZ_CHECK(strlen(out) == 10 && date_parse(out, &back) < 0,
		    out);
	else
		FUZZ_CHECK(!strcmp(out, "XXXX-XX-XX"), out);
	week_format(day, wk);
	if (y >= 1001 && y <= 9998) {
		FUZZ_CHECK(week_parse(wk, &first, &last) == 0, wk);
		FUZZ_CHECK(first <= day && day <= last && first + 6 == last,
		    wk);
	}
	for (i = 0; i < sizeof ps / sizeof ps[0]; i++) {
		period_bounds(ps[i], day, &first, &last);
		FUZZ_CHECK(first <= day && day <= last, "period");
		check_months("period", first, last);
	}
}

/* With today's date TEXT, today+N and today-N: a date that can be
 * written (year 1000..9999) or refused; a day given where a time is kept
 * (noon, or now) is a valid time stamp of that local day in every zone.
 * This and last month and week: days that can be written, or refused. */
static void
check_today(const char *text, int n)
{
	char arg[32], out[11], ts[21];
	int sign, day, y, m, d, ok;
	size_t i;

	date_set_today(text);
	for (sign = -1; sign <= 1; sign += 2) {
		snprintf(arg, sizeof arg, "today%c%d", sign < 0 ? '-' : '+', n);
		ok = date_arg(arg, &day) == 0;
		date_to_ymd(today() + sign * n, &y, &m, &d);
		FUZZ_CHECK(ok == (y >= 1000 && y <= 9999), arg);
		if (!ok)
			continue;
		FUZZ_CHECK(day == today() + sign * n, arg);
		date_format(day, out);
		FUZZ_CHECK(date_parse(out, &d) == 0 && d == day, arg);
		for (i = 0; i < NZONES; i++) {
			zone(i);
			timestamp_noon(day, ts);
			FUZZ_CHECK(timestamp_valid(ts), arg);
			FUZZ_CHECK(timestamp_day(ts) == day, arg);
		}
		zone(0);
	}
	check_periods("this");
	check_periods("last");
	check_week("this");
	check_week("last");
	date_set_today(TODAY);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char *s, text[11];
	int32_t v;
	int day;

	if (!ready) {
		setprogname("fuzz-date");
		setenv("CRM_TODAY", TODAY, 1);
		zone(0);
		ready = 1;
	}
	s = fuzz_str(data, size);
	check_date(s);
	check_arg(s);
	check_periods(s);
	check_week(s);
	check_stamps(s);
	check_written(s);
	if (size >= 4) {
		memcpy(&v, data, 4);
		/* days of years -9999..+9999 and beyond, far from where
		 * the arithmetic of int would wrap round */
		check_day(v % 8000000);
		/* today from the input: a day of years 1000..9999 */
		day = date_from_ymd(1000, 1, 1) + (int)((uint32_t)v % 3287182);
		date_format(day, text);
		if (size >= 6)
			check_today(text, (data[4] | data[5] << 8) % 36601);
	}
	free(s);
	return 0;
}
