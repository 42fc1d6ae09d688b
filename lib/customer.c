/* customer.c - naming a customer on the command line, and query rows as
 * JSON objects for the nested output of crm-show. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

int64_t
customer_need(const char *idcode)
{
	int64_t id = customer_lookup(idcode);
	struct buf why = {0};

	if (!id) {
		customer_unknown(NULL, idcode, &why);
		die(EX_NOTFOUND, "%s", buf_str(&why));
	}
	return id;
}

void
customer_unknown(const char *field, const char *text, struct buf *err)
{
	int64_t n;
	char *code;

	n = db_int_query("SELECT count(*) FROM customers WHERE name = ?",
	    text, 0);
	code = n != 1 ? NULL : db_text_query("SELECT coalesce(code, id) "
	    "FROM customers WHERE name = ?", text);
	if (code && field)
		errf(err, "%s: '%s' is a customer's name: the column takes "
		    "its code (%s) or id", field, text, code);
	else if (code)
		errf(err, "'%s' is a customer's name: give its code (%s) or "
		    "id", text, code);
	else if (n > 1 && field)
		errf(err, "%s: '%s' is the name of %lld customers: the column "
		    "takes a customer's code or id", field, text,
		    (long long)n);
	else if (n > 1)
		errf(err, "'%s' is the name of %lld customers: give a "
		    "customer's code or id", text, (long long)n);
	else if (field)
		errf(err, "%s: no customer '%s'", field, text);
	else
		errf(err, "no customer '%s'", text);
	free(code);
}

void
customer_ids(const struct filter *given, struct filter *ids)
{
	char id[24];
	int i;

	for (i = 0; i < given->n; i++) {
		snprintf(id, sizeof id, "%lld",
		    (long long)customer_need(given->v[i]));
		filter_add(ids, id);
	}
}

void
json_row(struct buf *b, db_stmt *s, const char *numcols)
{
	int i, n = db_ncol(s);

	buf_addc(b, '{');
	for (i = 0; i < n; i++) {
		if (i)
			buf_addc(b, ',');
		json_escape(b, db_colname(s, i));
		buf_addc(b, ':');
		if (db_isnull(s, i))
			buf_adds(b, "null");
		else if (db_isnum(s, i) || list_has(numcols, db_colname(s, i), ','))
			buf_adds(b, db_text(s, i));
		else
			json_escape(b, db_text(s, i));
	}
	buf_addc(b, '}');
}

long
json_rows(struct buf *b, db_stmt *s, const char *numcols, const char *sep)
{
	long n = 0;

	buf_addc(b, '[');
	while (db_step(s)) {
		if (n++)
			buf_addc(b, ',');
		buf_adds(b, sep);
		json_row(b, s, numcols);
	}
	buf_addc(b, ']');
	return n;
}
