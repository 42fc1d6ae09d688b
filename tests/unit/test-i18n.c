/* test-i18n.c - unit tests of lib/i18n.c and the due detail's reader:
 * which columns hold closed-list words, a value as people read it, the
 * detail formats of lib/due.c read back, and the locale's collation.
 * Without a catalogue (the C locale) every label is the English word:
 * what is translated is tests/0935-zh.t's. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "tap.h"

static int
coll(const char *a, const char *b)
{
	int r = text_collate(a, strlen(a), b, strlen(b));

	return (r > 0) - (r < 0);
}

int
main(void)
{
	/* Every detail form lib/due.c writes, read back and written again
	 * (in English here): the reader knows each of them. */
	static const char *const details[] = {
		"1 of 2 this month", "2 of 2 this quarter", "1 of 1 this year",
		"agreed on 2026-11-01 (visit 7)", "plan 14", "plan 3 to review",
		"plan 3 to approve", "complaint 9", "complaint 9 (high)",
		"complaint 9 (critical, water quality)",
		"lead, no visit or call since 2026-10-01",
		"escalated from wang: 1 of 2 this month",
		"escalated from wang: complaint 9 (low, a, b)",
		"春节 2027-02-06",
	};
	/* Text that looks like a detail but is not one of its forms. */
	static const char *const others[] = {
		"plan x", "complaint 9 (high", "1 of 2 this month!",
		"plan 3 to eat", "", "escalated from wang",
		"3 of 2 this decade",
	};
	struct buf b = {0};
	size_t i;
	const char *t;

	setlocale(LC_ALL, "C");
	ok(closed_column("status"), "status holds closed-list words");
	ok(closed_column("obligation"), "so does a due row's obligation");
	ok(closed_column("level") && closed_column("role")
	    && closed_column("stage") && closed_column("severity"),
	    "level, role, stage, severity");
	ok(closed_column("escalated") && closed_column("active"),
	    "yes/no fields too");
	ok(closed_column("problem"), "and crm-check's problems");
	ok(!closed_column("name") && !closed_column("detail")
	    && !closed_column("code"), "names, codes and details do not");
	is_str(word_label("status", "overdue"), "overdue",
	    "a word without a catalogue is itself");
	t = "not a word";
	ok(word_label("status", t) == t, "other text is returned as it is");
	ok(word_label("name", "open") != NULL
	    && !strcmp(word_label("name", "open"), "open"),
	    "a word in a column that has none is left alone");
	is_str(col_label("tier"), "tier", "a column's label is its name here");

	for (i = 0; i < sizeof details / sizeof details[0]; i++)
		is_str(due_detail_label(details[i], &b), details[i],
		    "detail read back: %s", details[i]);
	for (i = 0; i < sizeof others / sizeof others[0]; i++)
		ok(due_detail_label(others[i], &b) == others[i],
		    "not a detail form, left as it is: '%s'", others[i]);

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	is_str(people_value("created_at", "2026-11-27T06:03:00Z", &b),
	    "2026-11-27 14:03 +0800", "a UTC time stamp in local time");
	is_str(people_value("notes", "2026-11-27T06:03:00Z x", &b),
	    "2026-11-27T06:03:00Z x", "text that only starts like one");
	is_str(people_value("detail", "plan 14", &b), "plan 14",
	    "a detail through due_detail_label");
	ok(people_value("code", NULL, &b) == NULL, "NULL stays NULL");

	/* Collation: bytes under C, pinyin under zh_CN.UTF-8. */
	ok(coll("\xe5\x8c\x97", "\xe5\xae\x89") < 0,
	    "under C: 北 (U+5317) before 安 (U+5B89)");
	ok(coll("ab", "abc") < 0 && coll("abc", "abc") == 0
	    && coll("b", "a") > 0, "prefixes and equal strings");
	if (setlocale(LC_COLLATE, "zh_CN.UTF-8")) {
		ok(coll("\xe5\xae\x89", "\xe5\x8c\x97") < 0,
		    "under zh_CN: 安 (an) before 北 (bei)");
		ok(coll("\xe9\x99\x88", "\xe5\xbc\xa0") < 0,
		    "陈 (chen) before 张 (zhang)");
		ok(coll("\xe5\xae\x89\xe8\xbe\xbe", "\xe5\xae\x89") > 0,
		    "安达 after 安");
	} else {
		ok(0, "the locale zh_CN.UTF-8 is installed (localedef -i "
		    "zh_CN -f UTF-8 zh_CN.UTF-8)");
	}
	buf_free(&b);
	return done_testing();
}
