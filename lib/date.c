/* date.c - day numbers, strict date parsing, today and periods. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crm.h"

static int today_cached;	/* today_day is known */
static int today_overridden;	/* from --today or $CRM_TODAY */
static int today_day;

static int
isleap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
days_in_month(int y, int m)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && isleap(y))
		return 29;
	return mdays[m - 1];
}

/* Strict: the year must also be in 1000..9999, as date_parse wants. */
int
date_valid_ymd(int y, int m, int d)
{
	return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= days_in_month(y, m);
}

/* days_from_civil (H. Hinnant): proleptic Gregorian calendar. */
int
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* civil_from_days (H. Hinnant). */
void
date_to_ymd(int day, int *y, int *m, int *d)
{
	int z, era, doe, yoe, doy, mp;

	z = day + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

void
date_format(int day, char out[11])
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	/* Years outside 0..9999 cannot be written in 10 bytes. */
	if (y < 0 || y > 9999) {
		strcpy(out, "XXXX-XX-XX");
		return;
	}
	out[0] = '0' + y / 1000;
	out[1] = '0' + y / 100 % 10;
	out[2] = '0' + y / 10 % 10;
	out[3] = '0' + y % 10;
	out[4] = '-';
	out[5] = '0' + m / 10;
	out[6] = '0' + m % 10;
	out[7] = '-';
	out[8] = '0' + d / 10;
	out[9] = '0' + d % 10;
	out[10] = '\0';
}

/* N decimal digits at S; -1 when any is not a digit. */
static int
digits(const char *s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

/* Year 1000..9999 from exactly four digits at S, else -1. */
static int
year4(const char *s)
{
	int y = digits(s, 4);

	return y >= 1000 ? y : -1;
}

/* "YYYY-MM-DD" at the start of S, nothing checked after it. */
static int
ymd_prefix(const char *s, int *day)
{
	int y, m, d;

	if (strnlen(s, 10) < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = year4(s);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !date_valid_ymd(y, m, d))
		return -1;
	*day = date_from_ymd(y, m, d);
	return 0;
}

/* 0 when days FIRST..LAST are all of years 1000..9999, that date_format
 * writes and date_parse reads; else -1. */
static int
in_calendar(int first, int last)
{
	int y1, y2, m, d;

	date_to_ymd(first, &y1, &m, &d);
	date_to_ymd(last, &y2, &m, &d);
	return y1 >= 1000 && y2 <= 9999 ? 0 : -1;
}

int
date_parse(const char *s, int *day)
{
	if (strlen(s) != 10)
		return -1;
	return ymd_prefix(s, day);
}

/* One or two decimal digits at *S, the number they make, *S after them;
 * -1 when there is none. */
static int
digits12(const char **s)
{
	const char *p = *s;
	int v;

	if (*p < '0' || *p > '9')
		return -1;
	v = *p++ - '0';
	if (*p >= '0' && *p <= '9')
		v = v * 10 + (*p++ - '0');
	*s = p;
	return v;
}

/* UTF-8 STR at *S: 1 and *S after it, else 0. */
static int
skip(const char **s, const char *str)
{
	size_t n = strlen(str);

	if (strncmp(*s, str, n))
		return 0;
	*s += n;
	return 1;
}

/* A day as people and spreadsheets write it, at the start of S:
 * YYYY-M-D or YYYY/M/D (a month and a day of one or two digits, the same
 * separator twice), or YYYY年M月D日; *END after it.  Year first, so that
 * none is ambiguous (6/1/2021 is June or January). */
static int
ymd_written(const char *s, int *day, const char **end)
{
	const char *p = s + 4;
	int y, m, d;
	char sep;

	if ((y = year4(s)) < 0)
		return -1;
	if (*p == '-' || *p == '/') {
		sep = *p++;
		if ((m = digits12(&p)) < 0 || *p++ != sep
		    || (d = digits12(&p)) < 0)
			return -1;
	} else if (!skip(&p, "年") || (m = digits12(&p)) < 0
	    || !skip(&p, "月") || (d = digits12(&p)) < 0
	    || !skip(&p, "日"))
		return -1;
	if (!date_valid_ymd(y, m, d))
		return -1;
	*day = date_from_ymd(y, m, d);
	*end = p;
	return 0;
}

int
date_parse_written(const char *s, int *day)
{
	const char *end;
	int d;

	if (ymd_written(s, &d, &end) < 0 || *end)
		return -1;
	*day = d;
	return 0;
}

int
date_in_range(int day)
{
	return in_calendar(day, day) == 0;
}

int
date_arg(const char *s, int *day)
{
	int64_t n = 0;
	int d;

	if (date_parse(s, day) == 0)
		return 0;
	if (strncmp(s, "today", 5))
		return -1;
	if (s[5] && ((s[5] != '+' && s[5] != '-')
	    || int_parse(s + 6, 0, DAYS_MAX, &n) < 0))
		return -1;
	d = today() + (int)(s[5] == '-' ? -n : n);
	if (in_calendar(d, d) < 0)
		return -1;	/* a day that cannot be written */
	*day = d;
	return 0;
}

void
date_set_today(const char *s)
{
	int day;

	if (date_parse(s, &day) < 0)
		die(EX_USAGE, "bad --today '%s': not a valid date YYYY-MM-DD",
		    s);
	today_day = day;
	today_cached = today_overridden = 1;
}

int
today(void)
{
	const char *env;
	struct tm tm;
	time_t now;

	if (today_cached)
		return today_day;
	env = getenv("CRM_TODAY");
	if (env && *env) {
		if (date_parse(env, &today_day) < 0)
			die(EX_USAGE, "bad CRM_TODAY '%s': "
			    "not a valid date YYYY-MM-DD", env);
		today_overridden = 1;
	} else {
		now = time(NULL);
		if (!localtime_r(&now, &tm))
			die(EX_SOFTWARE, "localtime failed");
		today_day = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday);
	}
	today_cached = 1;
	return today_day;
}

/* The UTC time stamp of time T: 0, or -1 when its year is not one of
 * 1000..9999, that YYYY cannot write (local 1000-01-01 east of UTC,
 * 9999-12-31 west of it): then the first or the last second of those
 * years, which is still that local day. */
static int
timestamp_of(time_t t, char out[21])
{
	struct tm tm;

	if (!gmtime_r(&t, &tm))
		die(EX_SOFTWARE, "gmtime failed");
	if (tm.tm_year + 1900 < 1000 || tm.tm_year + 1900 > 9999) {
		strcpy(out, tm.tm_year + 1900 < 1000 ? "1000-01-01T00:00:00Z"
		    : "9999-12-31T23:59:59Z");
		return -1;
	}
	if (strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) != 20)
		die(EX_SOFTWARE, "strftime failed");
	return 0;
}

/* The moment local day DAY reads H:M:S on the local clock (mktime settles
 * a time that a clock change skips). */
static time_t
local_moment(int day, int h, int m, int sec)
{
	struct tm tm;
	int y, mo, d;
	time_t t;

	date_to_ymd(day, &y, &mo, &d);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = m;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1)
		die(EX_SOFTWARE, "mktime failed");
	return t;
}

void
timestamp_now(char out[21])
{
	struct tm tm;
	time_t now = time(NULL);

	today();	/* settles today_overridden */
	if (today_overridden) {
		/* The local clock's time of day on the local day given,
		 * so that the local day of the stamp is today(). */
		if (!localtime_r(&now, &tm))
			die(EX_SOFTWARE, "localtime failed");
		now = local_moment(today_day, tm.tm_hour, tm.tm_min,
		    tm.tm_sec);
	}
	timestamp_of(now, out);
}

void
timestamp_noon(int day, char out[21])
{
	char now[21];

	timestamp_of(local_moment(day, 12, 0, 0), out);
	timestamp_now(now);
	if (strcmp(out, now) > 0 && day <= today())
		memcpy(out, now, 21);	/* today before noon: now */
}

int
timestamp_local_parse(const char *s, char out[21])
{
	const char *p;
	int day, h, m, sec = 0;

	/* A day (YYYY-MM-DD, YYYY/M/D, ...), a blank or a T, H:MM and
	 * perhaps :SS. */
	if (ymd_written(s, &day, &p) < 0 || (*p != ' ' && *p != 'T'))
		return -1;
	p++;
	if ((h = digits12(&p)) < 0 || *p != ':' || (m = digits(p + 1, 2)) < 0)
		return -1;
	p += 3;
	if (*p == ':') {
		if ((sec = digits(p + 1, 2)) < 0)
			return -1;
		p += 3;
	}
	if (*p || h > 23 || m > 59 || sec > 59)
		return -1;
	return timestamp_of(local_moment(day, h, m, sec), out);
}

int
timestamp_day(const char *s)
{
	struct tm tm;
	time_t t;
	int day;

	if (!timestamp_valid(s) || ymd_prefix(s, &day) < 0)
		return INT_MIN;
	t = (time_t)day * 86400 + digits(s + 11, 2) * 3600
	    + digits(s + 14, 2) * 60 + digits(s + 17, 2);
	if (!localtime_r(&t, &tm))
		return INT_MIN;
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int
timestamp_valid(const char *s)
{
	int day, hh, mm, ss;

	if (strlen(s) != 20 || ymd_prefix(s, &day) < 0 || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		return 0;
	hh = digits(s + 11, 2);
	mm = digits(s + 14, 2);
	ss = digits(s + 17, 2);
	return hh >= 0 && hh <= 23 && mm >= 0 && mm <= 59 && ss >= 0 &&
	    ss <= 59;
}

static const char *const period_names[] = { "month", "quarter", "year" };

int
period_parse(const char *s, enum period *p)
{
	int i;

	for (i = 0; i < 3; i++)
		if (strcmp(s, period_names[i]) == 0) {
			*p = (enum period)i;
			return 0;
		}
	return -1;
}

const char *
period_name(enum period p)
{
	if ((int)p < 0 || (int)p > 2)
		return "?";
	return period_names[p];
}

/* First and last day of months M1..M2 of year Y. */
static void
months(int y, int m1, int m2, int *first, int *last)
{
	*first = date_from_ymd(y, m1, 1);
	*last = date_from_ymd(y, m2, days_in_month(y, m2));
}

void
period_bounds(enum period p, int day, int *first, int *last)
{
	int y, m, d, q;

	date_to_ymd(day, &y, &m, &d);
	switch (p) {
	case PERIOD_MONTH:
		months(y, m, m, first, last);
		break;
	case PERIOD_QUARTER:
		q = (m - 1) / 3;
		months(y, q * 3 + 1, q * 3 + 3, first, last);
		break;
	default:
		months(y, 1, 12, first, last);
		break;
	}
}

int
month_parse(const char *s, int *first, int *last)
{
	int y, m, d;

	/* this or last: today's month, or the one before (crm-report in a
	 * cron line on the 1st) */
	if (!strcmp(s, "this") || !strcmp(s, "last")) {
		date_to_ymd(today(), &y, &m, &d);
		if (*s == 'l' && --m == 0) {
			m = 12;
			y--;
		}
		if (y < 1000)
			return -1;	/* before January 1000 */
		months(y, m, m, first, last);
		return 0;
	}
	if (strlen(s) != 7 || s[4] != '-')
		return -1;
	y = year4(s);
	m = digits(s + 5, 2);
	if (y < 0 || m < 1 || m > 12)
		return -1;
	months(y, m, m, first, last);
	return 0;
}

/* "2026-Q4"; a lower-case q is accepted too. */
int
quarter_parse(const char *s, int *first, int *last)
{
	int y, q;

	if (strlen(s) != 7 || s[4] != '-' || (s[5] != 'Q' && s[5] != 'q'))
		return -1;
	y = year4(s);
	q = digits(s + 6, 1);
	if (y < 0 || q < 1 || q > 4)
		return -1;
	months(y, q * 3 - 2, q * 3, first, last);
	return 0;
}

int
year_parse(const char *s, int *first, int *last)
{
	int y;

	if (strlen(s) != 4 || (y = year4(s)) < 0)
		return -1;
	months(y, 1, 12, first, last);
	return 0;
}

int
date_weekday(int day)
{
	int w = (day + 3) % 7;	/* day 0, 1970-01-01, was a Thursday */

	return w < 0 ? w + 7 : w;
}

/* The Monday of ISO week 1 of year Y: the week that holds 4 January. */
static int
week1(int y)
{
	int jan4 = date_from_ymd(y, 1, 4);

	return jan4 - date_weekday(jan4);
}

int
week_parse(const char *s, int *first, int *last)
{
	int y, w, mon;

	if (!strcmp(s, "this") || !strcmp(s, "last")) {
		/* Weeks start on Monday. */
		mon = today() - date_weekday(today()) - (*s == 'l' ? 7 : 0);
	} else {
		if (strlen(s) != 8 || s[4] != '-'
		    || (s[5] != 'W' && s[5] != 'w'))
			return -1;
		y = year4(s);
		w = digits(s + 6, 2);
		if (y < 0 || w < 1 || w > (week1(y + 1) - week1(y)) / 7)
			return -1;
		mon = week1(y) + (w - 1) * 7;
	}
	/* 1000-W01 begins in 999, 9999-W52 ends in 10000. */
	if (in_calendar(mon, mon + 6) < 0)
		return -1;
	*first = mon;
	*last = mon + 6;
	return 0;
}

void
week_format(int day, char out[16])
{
	/* The week's Thursday names its year (ISO 8601). */
	int y, m, d, w, thu = day - date_weekday(day) + 3;

	date_to_ymd(thu, &y, &m, &d);
	w = (thu - week1(y)) / 7 + 1;
	if (y < 0 || y > 9999 || w < 1 || w > 53) {	/* out of the calendar */
		snprintf(out, 16, "?");
		return;
	}
	snprintf(out, 16, "%04d-W%02d", y, w);
}

int
timestamp_local(const char *s, char out[32])
{
	struct tm tm;
	time_t t;
	int day;

	if (!timestamp_valid(s) || ymd_prefix(s, &day) < 0)
		return -1;
	t = (time_t)day * 86400 + digits(s + 11, 2) * 3600
	    + digits(s + 14, 2) * 60 + digits(s + 17, 2);
	if (!localtime_r(&t, &tm) || !strftime(out, 32, "%Y-%m-%d %H:%M %z",
	    &tm))
		return -1;
	return 0;
}
