/* test-mailer.c - unit tests of lib/mailer.c: grouping rows by recipient,
 * the warnings, the body table and the message (sending is
 * tests/0330-crm-mail.t's). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "tap.h"

static const char input[] =
    "note\temail\tn\n"
    "a\twang@example.com\t1\n"
    "b\tli@example.com\t22\n"
    "\n"
    "c\twang@example.com\t-3.5\n"
    "d\t\t4\n"			/* no address: warned, dropped */
    "e\tnot an address\t5\n"	/* bad: warned, dropped, counted */
    "f\tzhao@example.com\t\n"
    "\xe4\xb8\x9c\xe6\x96\xb9\tli@example.com\t6\n";

/* mailer_read of TEXT (named "in"), column email; what it wrote to
 * stderr in WARNINGS. */
static void
read_text(struct mailer *m, const char *text, struct buf *warnings)
{
	FILE *fp = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
	FILE *err = tmpfile();
	struct tsvin *t;
	char chunk[512];
	size_t n;
	int saved = dup(2);

	if (!fp || !err || saved < 0 || dup2(fileno(err), 2) < 0) {
		perror("test-mailer");
		exit(1);
	}
	t = tsvin_fp(fp, "in");
	mailer_read(m, t, "email");
	tsvin_close(t);
	fclose(fp);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(err);
	buf_reset(warnings);
	while ((n = fread(chunk, 1, sizeof chunk, err)) > 0)
		buf_add(warnings, chunk, n);
	fclose(err);
}

static void
test_groups(void)
{
	struct mailer m;
	struct buf warnings = {0}, msg = {0};
	char *body;

	read_text(&m, input, &warnings);
	is_str(buf_str(&warnings),
	    "crm-mail: in:6: no address in column 'email'; not mailed: d 4\n"
	    "crm-mail: in:7: bad address 'not an address' in column 'email': "
	    "contains a space or control character; not mailed\n",
	    "rows without a good address are reported with their line");
	is_int(m.ncol, 3, "three columns");
	is_int(m.tocol, 1, "the address column found");
	is_int(m.ngroups, 3, "three recipients");
	is_int(m.bad_rows, 1, "one bad address counted");
	if (m.ngroups != 3) {
		mailer_free(&m);
		buf_free(&warnings);
		return;
	}
	is_str(m.groups[0].to, "wang@example.com", "first seen first");
	is_str(m.groups[1].to, "li@example.com", "then the second");
	is_str(m.groups[2].to, "zhao@example.com", "then the third");
	is_int(m.groups[0].n, 2, "wang has two rows");
	is_int(m.groups[1].n, 2, "li has two rows");
	is_str(m.groups[1].rows[1][0], "\xe4\xb8\x9c\xe6\x96\xb9",
	    "rows keep their values");

	/* Columns of no known role: a legend, then one line a row. */
	body = mailer_body(&m, &m.groups[0]);
	is_str(body, "each line: note \xc2\xb7 n\n\n- a \xc2\xb7 1\n"
	    "- c \xc2\xb7 -3.5\n", "body: no address column, a line a row");
	free(body);
	body = mailer_body(&m, &m.groups[1]);
	is_str(body, "each line: note \xc2\xb7 n\n\n- b \xc2\xb7 22\n"
	    "- \xe4\xb8\x9c\xe6\x96\xb9 \xc2\xb7 6\n", "body: Chinese values as they are");
	free(body);
	body = mailer_body(&m, &m.groups[2]);
	is_str(body, "each line: note \xc2\xb7 n\n\n- f \xc2\xb7 -\n",
	    "body: an empty value is '-'");

	mailer_build(&msg, "crm@example.com", "crm@example.com",
	    m.groups[0].to, "Visits due", body, NULL, 0);
	free(body);
	ok(strncmp(msg.s, "From: crm@example.com\nTo: wang@example.com\n"
	    "Subject: Visits due\nDate: ", 62) == 0,
	    "message: From, To, Subject, Date first");
	ok(strstr(msg.s, "\nMessage-ID: <") &&
	    strstr(msg.s, "\nAuto-Submitted: auto-generated\n"
	    "MIME-Version: 1.0\n"), "then Message-ID, Auto-Submitted, "
	    "the MIME headers");
	ok(strstr(msg.s, "\n\neach line: note \xc2\xb7 n\n") != NULL,
	    "and the body after a blank line");
	buf_free(&msg);
	mailer_free(&m);
	is_int(m.ngroups, 0, "mailer_free empties it");
	buf_free(&warnings);
}

/* A long value in a warning is cut at a character boundary. */
static void
test_long_value(void)
{
	struct buf in = {0}, want = {0}, warnings = {0};
	struct mailer m;
	int k;

	buf_adds(&in, "note\temail\nx");
	buf_adds(&want, "crm-mail: in:2: no address in column 'email'; "
	    "not mailed: x");
	for (k = 0; k < 50; k++)
		buf_adds(&in, "\xe6\xa6\x86");	/* 3 bytes each */
	for (k = 0; k < 39; k++)	/* 1 + 39 * 3 = 118 <= 120 */
		buf_adds(&want, "\xe6\xa6\x86");
	buf_adds(&in, "\t\n");
	buf_adds(&want, "...\n");
	read_text(&m, in.s, &warnings);
	is_str(buf_str(&warnings), want.s, "a long value is cut to 120 bytes "
	    "at a character boundary");
	mailer_free(&m);
	buf_free(&in);
	buf_free(&want);
	buf_free(&warnings);
}

/* The due list's columns: a block per customer under each due date. */
static void
test_blocks(void)
{
	static const char due[] =
	    "due\tstatus\tcustomer_id\tcode\tcustomer\ttier\tobligation"
	    "\tlevel\tassignee\temail\tdetail\n"
	    "2026-11-20\toverdue\t3\tC3\tHongda\tA\tcadence\t"
	    "account_manager\twang\twang@example.com\t1 of 2 this month\n"
	    "2026-11-20\toverdue\t3\tC3\tHongda\tA\tholiday\t\twang\t"
	    "wang@example.com\tNew Year 2027-01-01\n"
	    "2026-11-20\toverdue\t4\tC4\tDongfang\tC\tcallback\t\twang\t"
	    "wang@example.com\tcomplaint 9\n"
	    "2026-11-27\tdue\t3\tC3\tHongda\tA\tmeeting\t"
	    "account_manager\twang\twang@example.com\tagreed on 2026-11-01"
	    " (visit 7)\n";
	struct mailer m;
	struct buf warnings = {0};
	char *body;

	read_text(&m, due, &warnings);
	is_int((int)m.ngroups, 1, "blocks: one recipient");
	if (m.ngroups != 1) {
		mailer_free(&m);
		buf_free(&warnings);
		return;
	}
	body = mailer_body(&m, &m.groups[0]);
	is_str(body,
	    "assignee: wang\n"
	    "each line: status \xc2\xb7 obligation \xc2\xb7 level\n"
	    "  detail\n"
	    "\n"
	    "due 2026-11-20\n"
	    "Hongda (C3) \xc2\xb7 tier A\n"
	    "- overdue \xc2\xb7 cadence \xc2\xb7 account_manager\n"
	    "  1 of 2 this month\n"
	    "- overdue \xc2\xb7 holiday \xc2\xb7 -\n"
	    "  New Year 2027-01-01\n"
	    "Dongfang (C4) \xc2\xb7 tier C\n"
	    "- overdue \xc2\xb7 callback \xc2\xb7 - \xc2\xb7 complaint 9\n"
	    "\n"
	    "due 2026-11-27\n"
	    "Hongda (C3) \xc2\xb7 tier A\n"
	    "- due \xc2\xb7 meeting \xc2\xb7 account_manager\n"
	    "  agreed on 2026-11-01 (visit 7)\n",
	    "blocks: the assignee once, a heading a date, a title a "
	    "customer, a line a row filled to 40 columns");
	free(body);
	mailer_free(&m);
	buf_free(&warnings);
}

int
main(void)
{
	struct mailer m;
	struct buf warnings = {0};

	width_init();
	setprogname("crm-mail");
	test_groups();
	test_long_value();
	test_blocks();
	read_text(&m, "", &warnings);
	ok(m.ncol == 0 && m.ngroups == 0 && warnings.len == 0,
	    "empty input: nobody, silently");
	mailer_free(&m);
	buf_free(&warnings);
	return done_testing();
}
