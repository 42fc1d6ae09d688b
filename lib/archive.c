/* archive.c - the rulebook's customer archive: which tier a customer
 * belongs in, and what a complete archive holds.  crm-check reports both;
 * the write path derives a missing tier from the same table. */
#include <string.h>

#include "crm-int.h"

/* The rulebook's tier criteria, first match wins: a customer of CATEGORY
 * (when not NULL), or with a known scale of at least MIN_TONNES (when not
 * -1), belongs in TIER.  A customer whose scale is not recorded and that
 * matches no category rule goes in UNKNOWN_SCALE_TIER.  WHY is the reason
 * people read (translated where it is used). */
static const struct tier_rule {
	const char *tier;
	const char *category;
	int64_t min_tonnes;
	const char *why;
} tier_rules[] = {
	/* TRANSLATORS: why a customer belongs in a tier (crm-check
	 * --tiers' reason); "t" is tonnes. */
	{"A", "government", -1, N_("government unit")},
	{"A", NULL, 20000, N_("20000 t or more")},
	{"B", NULL, 10000, N_("10000 to 19999 t")},
	{"C", NULL, 0, N_("under 10000 t")},
};
#define UNKNOWN_SCALE_TIER "C"

/* What a complete archive has (the rulebook's customer information): the
 * problem word, the SQL condition on customer c that means it is missing
 * (a value of only spaces counts as missing), and whether it concerns
 * customers at every stage rather than those with an archive to keep. */
static const struct gap {
	const char *problem;
	const char *missing;
	int every_stage;
} gaps[] = {
	{"no_owner", "trim(ifnull(c.owner, '')) = ''", 0},
	{"no_uscc", "trim(ifnull(c.uscc, '')) = ''", 0},
	{"no_primary_phone", "NOT EXISTS (SELECT 1 FROM contacts k"
	    " WHERE k.customer = c.id AND k.\"primary\" = 1"
	    " AND (trim(ifnull(k.phone, '')) <> ''"
	    " OR trim(ifnull(k.mobile, '')) <> ''))", 0},
	{"no_address", "trim(ifnull(c.address, '')) = ''", 0},
	{"no_credit", "trim(ifnull(c.credit, '')) = ''", 0},
	/* An inactive member owns nothing: a leaver's customers, at any
	 * stage, need a new owner. */
	{"owner_inactive", "EXISTS (SELECT 1 FROM staff s WHERE"
	    " s.login = c.owner AND s.active = 0)", 1},
};

const char *
archive_problem_word(size_t i)
{
	return i < sizeof gaps / sizeof gaps[0] ? gaps[i].problem : NULL;
}

/* Which customers have an archive to keep. */
static const char *
scope(int all)
{
	return all ? "1" : "c.stage IN ('handover', 'customer')";
}

const char *
tier_expected(const char *category, int known, int64_t tonnes,
    struct buf *why)
{
	size_t i;

	for (i = 0; i < sizeof tier_rules / sizeof tier_rules[0]; i++) {
		const struct tier_rule *r = &tier_rules[i];

		if (r->category && category && !strcmp(r->category, category)) {
			if (why)
				buf_adds(why, _(r->why));
			return r->tier;
		}
		if (r->min_tonnes >= 0 && known && tonnes >= r->min_tonnes) {
			if (why)
				errf(why, "scale %lld t, %s",
				    (long long)tonnes, _(r->why));
			return r->tier;
		}
	}
	if (why)
		buf_adds(why, _("scale not recorded"));
	return UNKNOWN_SCALE_TIER;
}

long
archive_gaps(int all, void (*found)(db_stmt *row, void *arg), void *arg)
{
	struct buf sql = {0};
	db_stmt *s;
	size_t i;
	long n = 0;

	for (i = 0; i < sizeof gaps / sizeof gaps[0]; i++)
		buf_printf(&sql, "%sSELECT c.id, c.code, c.name, '%s', %zu"
		    " FROM customers c WHERE %s AND %s", i ? " UNION ALL " : "",
		    gaps[i].problem, i, scope(all || gaps[i].every_stage),
		    gaps[i].missing);
	buf_adds(&sql, " ORDER BY 1, 5");
	s = db_prepare(sql.s);
	while (db_step(s)) {
		found(s, arg);
		n++;
	}
	db_finalize(s);
	buf_free(&sql);
	return n;
}

long
archive_tiers(int all, void (*found)(db_stmt *row, const char *want,
    const char *why, void *arg), void *arg)
{
	struct buf sql = {0}, why = {0};
	const char *want;
	db_stmt *s;
	long n = 0;

	buf_printf(&sql, "SELECT c.id, c.code, c.name, c.tier, c.category,"
	    " c.scale_tonnes FROM customers c WHERE %s ORDER BY c.id",
	    scope(all));
	s = db_prepare(sql.s);
	while (db_step(s)) {
		buf_reset(&why);
		want = tier_expected(db_text(s, 4), !db_isnull(s, 5),
		    db_int(s, 5), &why);
		if (!strcmp(want, db_text(s, 3)))
			continue;
		found(s, want, buf_str(&why), arg);
		n++;
	}
	db_finalize(s);
	buf_free(&sql);
	buf_free(&why);
	return n;
}
