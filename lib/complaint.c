/* complaint.c - what crm-complaint shows of complaints (SPEC section 6):
 * the list with its filters, one complaint with every step, and the
 * complaint handling notice the responsible department gets; and the
 * list of the satisfaction surveys that measure the service.  The moves
 * themselves are lib/state.c's, their rules and events lib/rules.c's. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

void
complaints_print(struct complaint_filter *f)
{
	struct query q = {0};

	filter_check(&f->status, "status", "complaints", "status");
	filter_check(&f->severity, "severity", "complaints", "severity");
	filter_check(&f->handler, "handler", "complaints", "handler");
	filter_check_text(&f->dept, "dept");
	query_sql(&q, "SELECT k.id, local_day(k.received_at) AS received,"
	    " k.customer AS customer_id, c.code, c.name AS customer,"
	    " k.category, k.severity, yesno(k.escalated) AS escalated,"
	    " k.status, k.dept, k.handler, k.due_date, k.reopen_count"
	    " FROM complaints k JOIN customers c ON c.id = k.customer"
	    " WHERE 1");
	query_filter(&q, &f->status, "k.status");
	query_filter(&q, &f->dept, "k.dept");
	query_filter(&q, &f->severity, "k.severity");
	query_filter(&q, &f->customer, "k.customer");
	query_filter(&q, &f->handler, "k.handler");
	if (f->overdue) {
		/* Its due date has passed and it is not closed. */
		query_date(&q, " AND k.due_date < ?", today());
		query_in(&q, " AND k.status",
		    entity_find("complaints")->open.words);
	}
	if (f->escalated)
		query_sql(&q, " AND k.escalated = 1");
	query_days(&q, "local_day(k.received_at)", f->from, f->to);
	query_sql(&q, " ORDER BY k.received_at, k.id");
	query_print(&q, NULL);
}

/* Every column of complaint ID, the customer by code and name, in the
 * model's order. */
static db_stmt *
complaint_row(int64_t id)
{
	const struct entity *e = entity_find("complaints");
	const struct field *f;
	struct query q = {0};
	struct buf cols = {0};
	db_stmt *s;

	for (f = e->fields; f->name; f++) {
		buf_adds(&cols, cols.len ? ", " : "");
		field_expr(&cols, f, "k");
		if (f->type == FT_CUSTOMER)
			buf_adds(&cols, ", c.name AS customer_name");
	}
	query_sql(&q, "SELECT %s FROM complaints k JOIN customers c"
	    " ON c.id = k.customer", cols.s);
	query_int(&q, " WHERE k.id = ?", id);
	s = query_prepare(&q);
	query_free(&q);
	buf_free(&cols);
	return s;
}

static db_stmt *
steps(int64_t id)
{
	db_stmt *s = db_prepare("SELECT id, at, who, action, text"
	    " FROM complaint_events WHERE complaint = ? ORDER BY at, id");

	db_bind_int(s, 1, id);
	return s;
}

static int64_t
step_count(int64_t id)
{
	db_stmt *s = db_prepare("SELECT count(*) FROM complaint_events"
	    " WHERE complaint = ?");
	int64_t n;

	db_bind_int(s, 1, id);
	n = db_step(s) ? db_int(s, 0) : 0;
	db_finalize(s);
	return n;
}

void
complaint_show(int64_t id, enum fmt fmt)
{
	struct out *o;
	struct buf b = {0};
	db_stmt *s = complaint_row(id), *st;
	int people;

	if (!db_step(s))
		die(EX_NOTFOUND, "no complaint %lld", (long long)id);
	switch (fmt) {
	case FMT_JSON:
	case FMT_JSONL:
		json_row(&b, s, NULL);
		b.s[--b.len] = '\0';	/* the object stays open for the steps */
		buf_adds(&b, fmt == FMT_JSON ? ",\n\"steps\":" : ",\"steps\":");
		st = steps(id);
		json_rows(&b, st, NULL, fmt == FMT_JSON ? "\n  " : "");
		db_finalize(st);
		buf_adds(&b, "}\n");
		out_write(stdout, b.s, b.len);
		break;
	case FMT_IDS:
		printf("%lld\n", (long long)id);
		break;
	default:
		/* The headings in words people read where the table is for
		 * them; a tsv or csv keeps them as scripts find them. */
		people = fmt == FMT_TABLE || fmt == FMT_HTML;
		printf(people ? _("== complaint %lld ==\n")
		    : "== complaint %lld ==\n", (long long)id);
		o = out_new(stdout, fmt, opt.flags | OUT_NOHEADER);
		db_out_pairs(o, s);
		out_finish(o);
		printf(people ? _("\n== steps (%lld) ==\n")
		    : "\n== steps (%lld) ==\n", (long long)step_count(id));
		st = steps(id);
		o = out_new(stdout, fmt, opt.flags);
		db_out(o, st, NULL);
		out_finish(o);
		db_finalize(st);
	}
	db_finalize(s);
	buf_free(&b);
}

/* The notice's fields: the column and the label people read
 * (translated where it is printed). */
static const struct {
	const char *col, *label;
} notice_fields[] = {
	/* TRANSLATORS: the labels of the complaint handling notice, a form
	 * of one field a line ("Label: value"). */
	{"number", N_("Number")}, {"code", N_("Customer code")},
	{"customer", N_("Customer")}, {"contact", N_("Contact")},
	{"phone", N_("Phone")}, {"place", N_("Place")},
	{"received", N_("Received")}, {"channel", N_("Channel")},
	{"severity", N_("Severity")}, {"escalated", N_("Escalated")},
	{"category", N_("Category")}, {"due_date", N_("Due date")},
	{"dept", N_("Department")}, {"handler", N_("Handler")},
	{"handler_name", N_("Handler name")}, {"status", N_("Status")},
	{"description", N_("Description")},
};
#define NNOTICE (sizeof notice_fields / sizeof notice_fields[0])

void
complaint_notice(int64_t id, enum fmt fmt)
{
	struct buf b = {0};
	db_stmt *s;
	size_t i, w, wmax = 0;
	const char *v, *label;
	int c;

	/* Without a contact of its own: the customer's primary contact;
	 * without a phone: the contact's own mobile or phone. */
	s = db_prepare("SELECT k.id AS number, c.code, c.name AS customer,"
	    " coalesce(k.contact, CASE WHEN k.contact_phone IS NULL THEN"
	    " p.name END) AS contact,"
	    " coalesce(k.contact_phone, (SELECT coalesce(t.mobile, t.phone)"
	    " FROM contacts t WHERE t.customer = k.customer AND t.name ="
	    " coalesce(k.contact, p.name) ORDER BY t.\"primary\" DESC, t.id"
	    " LIMIT 1)) AS phone, k.place, local_time(k.received_at) AS"
	    " received, k.channel, k.severity, yesno(k.escalated) AS escalated,"
	    " k.category, k.due_date, k.dept, k.handler, h.name AS"
	    " handler_name, k.status, k.description"
	    " FROM complaints k JOIN customers c ON c.id = k.customer"
	    " LEFT JOIN contacts p ON p.customer = k.customer AND p.\"primary\""
	    " LEFT JOIN staff h ON h.login = k.handler WHERE k.id = ?");
	db_bind_int(s, 1, id);
	if (!db_step(s))
		die(EX_NOTFOUND, "no complaint %lld", (long long)id);
	switch (fmt) {
	case FMT_JSON:
	case FMT_JSONL:
		json_row(&b, s, NULL);
		puts(b.s);
		break;
	case FMT_IDS:
		printf("%lld\n", (long long)id);
		break;
	default:
		/* A form: one field a line, the values aligned. */
		for (i = 0; i < NNOTICE; i++)
			if ((w = display_width(_(notice_fields[i].label)))
			    > wmax)
				wmax = w;
		fputs(_("COMPLAINT HANDLING NOTICE\n\n"), stdout);
		for (c = 0; c < db_ncol(s); c++) {
			for (i = 0; i < NNOTICE; i++)
				if (!strcmp(notice_fields[i].col,
				    db_colname(s, c)))
					break;
			label = i < NNOTICE ? _(notice_fields[i].label)
			    : db_colname(s, c);
			/* A closed list's word (channel, severity, status)
			 * as people read it. */
			if ((v = db_text(s, c)) && *v)
				v = word_label(db_colname(s, c), v);
			if (!v || !*v) {
				printf("%s:\n", label);
				continue;
			}
			printf("%s:%*s ", label, (int)(wmax
			    - display_width(label)), "");
			/* The lines of a long text under the first. */
			for (; *v; v++) {
				if (*v == '\r' && v[1] == '\n')
					continue;
				if (*v == '\n' || *v == '\r')
					printf("\n%*s", (int)wmax + 2, "");
				else
					putchar(*v);
			}
			putchar('\n');
		}
	}
	db_finalize(s);
	buf_free(&b);
}

int64_t
complaint_note(int64_t id, const char *text)
{
	const struct entity *e = entity_find("complaint_events");
	struct record r;
	char idtext[24];
	int64_t ev;

	snprintf(idtext, sizeof idtext, "%lld", (long long)id);
	if (!record_lookup(entity_find("complaints"), idtext))
		die(EX_NOTFOUND, "no complaint %lld", (long long)id);
	record_init(&r, e);
	record_need(&r, "complaint", idtext);
	record_need(&r, "action", "note");
	record_need(&r, "text", text);
	ev = record_add(&r);
	record_clear(&r);
	return ev;
}

/* The options of each move's command word (SPEC section 6): the field
 * each sets, or the move it makes instead of the word's own, and whether
 * the move needs it. */
static const struct step_opt {
	const char *verb, *option, *field, *move;
	int needed;
} step_opts[] = {
	{"assign", "dept", "dept", NULL, 1},
	{"assign", "handler", "handler", NULL, 0},
	{"resolve", "result", "result", NULL, 1},
	{"confirm", "note", "confirmation", NULL, 0},
	/* The customer's no to a result sends the complaint back to its
	 * department and counts a reopening. */
	{"confirm", "rejected", NULL, "reject", 0},
	{"callback", "score", "evaluation", NULL, 1},
	{"callback", "note", "evaluation_note", NULL, 0},
};
#define NSTEP_OPTS (sizeof step_opts / sizeof step_opts[0])

const char *
complaint_step_args(const char *verb, int argc, char **argv,
    struct record *extra)
{
	const struct step_opt *so[OPT_VALUES_MAX];
	struct option lo[OPT_VALUES_MAX + 1];
	const char *val[OPT_VALUES_MAX] = {0}, *move = verb;
	size_t i, n = 0;

	memset(lo, 0, sizeof lo);
	for (i = 0; i < NSTEP_OPTS && n < OPT_VALUES_MAX; i++)
		if (!strcmp(step_opts[i].verb, verb)) {
			lo[n].name = step_opts[i].option;
			lo[n].has_arg = step_opts[i].field != NULL;
			lo[n].val = OPT_PROGRAM + (int)n;
			so[n++] = &step_opts[i];
		}
	if (!n)
		die(EX_SOFTWARE, "no complaint move '%s'", verb);
	opt_values(argc, argv, lo, val, NULL);
	for (i = 0; i < n; i++)
		if (so[i]->needed && text_blank(val[i]))
			die(EX_USAGE, "%s needs --%s", verb, so[i]->option);
	if (optind == argc) {
		warn("%s needs a complaint ID, or - to read ids", verb);
		usage_exit(EX_USAGE);
	}
	db_open();
	record_init(extra, entity_find("complaints"));
	for (i = 0; i < n; i++)
		if (val[i] && so[i]->move)
			move = so[i]->move;
		else if (val[i])
			record_need(extra, so[i]->field, val[i]);
	return move;
}

void
complaint_step(int64_t id, const char *move, struct record *extra)
{
	move_make(entity_find("complaints"), id, move, extra);
}

void
surveys_print(struct survey_filter *f)
{
	struct query q = {0};

	filter_check(&f->channel, "channel", "surveys", "channel");
	filter_check(&f->staff, "staff", "surveys", "staff");
	filter_check(&f->complaint, "complaint", "surveys", "complaint");
	query_sql(&q, "SELECT s.id, s.date, s.customer AS customer_id, c.code,"
	    " c.name AS customer, s.channel, s.service_score,"
	    " yesno(s.operation_ok) AS operation_ok, s.staff_score,"
	    " s.suggestion, s.staff, s.complaint"
	    " FROM surveys s JOIN customers c ON c.id = s.customer WHERE 1");
	query_filter(&q, &f->customer, "s.customer");
	query_filter(&q, &f->channel, "s.channel");
	query_filter(&q, &f->staff, "s.staff");
	query_filter(&q, &f->complaint, "s.complaint");
	query_days(&q, "s.date", f->from, f->to);
	query_sql(&q, " ORDER BY s.date, s.id");
	query_print(&q, NULL);
}
