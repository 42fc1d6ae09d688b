/* sla.c - a complaint's due date from its severity (SPEC section 6): the
 * settings sla.SEVERITY give the days, sla.days says whether they are
 * calendar days or working days of the official calendar; a complaint
 * received on a day off counts from the next working day.  The callback
 * after a confirmation counts its days the same way. */
#include <stdio.h>

#include "crm-int.h"

int
sla_after(int day, int64_t days)
{
	if (!setting_is("sla.days", "working"))
		return day + (int)days;
	return workday_add(workday_next(day), days);
}

int
sla_due(int received, const char *severity)
{
	char key[64];

	snprintf(key, sizeof key, "sla.%s", severity);
	return sla_after(received, setting_int(key));
}
