/* sla.c - a complaint's due date from its severity (SPEC section 6): the
 * settings sla.SEVERITY give the days, sla.days says whether they are
 * calendar days or working days of the official calendar; a complaint
 * received on a day off counts from the next working day. */
#include <stdio.h>

#include "crm-int.h"

int
sla_due(int received, const char *severity)
{
	char key[64];
	int64_t days;

	snprintf(key, sizeof key, "sla.%s", severity);
	days = setting_int(key);
	if (!setting_is("sla.days", "working"))
		return received + (int)days;
	return workday_add(workday_next(received), days);
}
