/* test-out.c - exact bytes of every output format and of the escapers. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "crm.h"
#include "tap.h"

#define MAXC 4
#define MAXR 8

struct cellv {
	enum cell k;
	const char *s;
};

struct tcase {
	const char *name;
	enum fmt f;
	int flags;
	int ncol;
	const char *names[MAXC];
	int nrow, rowlen;	/* rowlen 0 = ncol */
	struct cellv rows[MAXR][MAXC];
	const char *want;
};

#define S(x) {CELL_STR, x}
#define N(x) {CELL_NUM, x}
#define NUL {CELL_NULL, NULL}

static const struct tcase cases[] = {
	/* tsv */
	{"tsv escapes tab newline CR backslash, NULL empty", FMT_TSV, 0,
	 2, {"a", "b"}, 2, 0,
	 {{S("x\ty"), S("l1\nl2\r\\")}, {NUL, N("5")}},
	 "a\tb\nx\\ty\tl1\\nl2\\r\\\\\n\t5\n"},
	{"tsv no header", FMT_TSV, OUT_NOHEADER, 2, {"a", "b"}, 1, 0,
	 {{S("x"), S("")}}, "x\t\n"},
	{"tsv header escaped", FMT_TSV, 0, 2, {"a\tb", "c"}, 0, 0, {{NUL}},
	 "a\\tb\tc\n"},
	{"tsv empty", FMT_TSV, 0, 2, {"a", "b"}, 0, 0, {{NUL}}, "a\tb\n"},
	{"tsv empty no header", FMT_TSV, OUT_NOHEADER, 2, {"a", "b"}, 0, 0,
	 {{NUL}}, ""},
	/* csv */
	{"csv quotes only where needed: quotes commas newlines; NULL empty", FMT_CSV, 0,
	 2, {"name", "note"}, 2, 0,
	 {{S("a\"b"), S("c,d")}, {S("x\ny"), NUL}},
	 "name,note\r\n\"a\"\"b\",\"c,d\"\r\n\"x\ny\",\r\n"},
	{"csv formula guard", FMT_CSV, OUT_NOHEADER, 1, {"v"}, 8, 0,
	 {{S("=1+1")}, {S("+1")}, {S("-1")}, {S("@SUM(A1)")}, {S("\tx")},
	  {S("\rx")}, {N("-5")}, {S("a=b")}},
	 "'=1+1\r\n'+1\r\n'-1\r\n'@SUM(A1)\r\n'\tx\r\n"
	 "\"'\rx\"\r\n-5\r\na=b\r\n"},
	{"csv --raw: no guard", FMT_CSV, OUT_NOHEADER | OUT_RAW, 1, {"v"}, 8, 0,
	 {{S("=1+1")}, {S("+1")}, {S("-1")}, {S("@SUM(A1)")}, {S("\tx")},
	  {S("\rx")}, {N("-5")}, {S("a=b")}},
	 "=1+1\r\n+1\r\n-1\r\n@SUM(A1)\r\n\"\tx\"\r\n"
	 "\"\rx\"\r\n-5\r\na=b\r\n"},
	{"csv header is not guarded", FMT_CSV, 0, 1, {"-x"}, 0, 0, {{NUL}},
	 "-x\r\n"},
	{"csv bom", FMT_CSV, OUT_BOM, 2, {"a", "名称"}, 1, 0,
	 {{N("1"), S("榆阳")}},
	 "\xef\xbb\xbf" "a,名称\r\n1,榆阳\r\n"},
	{"csv empty", FMT_CSV, 0, 2, {"a", "b"}, 0, 0, {{NUL}},
	 "a,b\r\n"},
	{"csv empty no header", FMT_CSV, OUT_NOHEADER, 2, {"a", "b"}, 0, 0,
	 {{NUL}}, ""},
	{"csv empty no header bom", FMT_CSV, OUT_NOHEADER | OUT_BOM, 1, {"a"},
	 0, 0, {{NUL}}, "\xef\xbb\xbf"},
	/* json */
	{"json escapes, null, numbers, emoji, invalid UTF-8", FMT_JSON, 0,
	 3, {"id", "name", "no\"te"}, 3, 0,
	 {{N("1"), S("say \"hi\" \\ ok"), NUL},
	  {N("-2.5"), S("a\nb\tc\r\b\f\x01\x1f"), S("😀 中")},
	  {N("3"), S("bad\xffx"), S("\xe4\xb8")}},
	 "[\n"
	 "{\"id\":1,\"name\":\"say \\\"hi\\\" \\\\ ok\",\"no\\\"te\":null},\n"
	 "{\"id\":-2.5,\"name\":\"a\\nb\\tc\\r\\b\\f\\u0001\\u001f\","
	 "\"no\\\"te\":\"😀 中\"},\n"
	 "{\"id\":3,\"name\":\"bad\\ufffdx\",\"no\\\"te\":\"\\ufffd\\ufffd\"}\n"
	 "]\n"},
	{"json one row", FMT_JSON, 0, 1, {"a"}, 1, 0, {{S("x")}},
	 "[\n{\"a\":\"x\"}\n]\n"},
	{"json ignores --no-header", FMT_JSON, OUT_NOHEADER, 1, {"a"}, 1, 0,
	 {{N("0")}}, "[\n{\"a\":0}\n]\n"},
	{"json extra column gets a key", FMT_JSON, 0, 1, {"a"}, 1, 2,
	 {{N("1"), S("y")}}, "[\n{\"a\":1,\"col2\":\"y\"}\n]\n"},
	{"json empty", FMT_JSON, 0, 2, {"a", "b"}, 0, 0, {{NUL}}, "[]\n"},
	/* jsonl */
	{"jsonl", FMT_JSONL, 0, 2, {"id", "name"}, 2, 0,
	 {{N("1"), S("榆阳区环保局")}, {N("2"), NUL}},
	 "{\"id\":1,\"name\":\"榆阳区环保局\"}\n{\"id\":2,\"name\":null}\n"},
	{"jsonl empty", FMT_JSONL, 0, 2, {"a", "b"}, 0, 0, {{NUL}}, ""},
	/* ids */
	{"ids: first column only", FMT_IDS, 0, 2, {"id", "name"}, 2, 0,
	 {{N("7"), S("x")}, {N("12"), S("y")}}, "7\n12\n"},
	{"ids empty", FMT_IDS, 0, 2, {"id", "name"}, 0, 0, {{NUL}}, ""},
	/* table */
	{"table aligns CJK, numbers right, no trailing spaces", FMT_TABLE, 0,
	 3, {"name", "n", "city"}, 2, 0,
	 {{S("榆阳区环保局"), N("5"), S("西安")}, {S("ABC"), N("123"), S("")}},
	 "name            n  city\n"
	 "榆阳区环保局    5  西安\n"
	 "ABC           123\n"},
	{"table shows values tsv-escaped", FMT_TABLE, 0, 2, {"a", "b"}, 2, 0,
	 {{S("x\ty"), S("1\n2")}, {NUL, S("z")}},
	 "a     b\n"
	 "x\\ty  1\\n2\n"
	 "      z\n"},
	{"table mixed column header left", FMT_TABLE, 0, 2, {"val", "k"}, 2, 0,
	 {{N("10"), S("a")}, {S("xx"), S("b")}},
	 "val  k\n"
	 " 10  a\n"
	 "xx   b\n"},
	{"table no header", FMT_TABLE, OUT_NOHEADER, 2, {"name", "n"}, 2, 0,
	 {{S("中"), N("1")}, {S("a"), N("22")}},
	 "中   1\n"
	 "a   22\n"},
	{"table empty", FMT_TABLE, 0, 3, {"name", "n", "city"}, 0, 0, {{NUL}},
	 "name  n  city\n"},
	{"table empty no header", FMT_TABLE, OUT_NOHEADER, 2, {"a", "b"}, 0, 0,
	 {{NUL}}, ""},
};

static char *
render(const struct tcase *t)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);
	struct out *o;
	int i, j, len = t->rowlen ? t->rowlen : t->ncol;

	if (!fp)
		die(EX_OSERR, "open_memstream:");
	o = out_new(fp, t->f, t->flags);
	out_header(o, t->ncol, t->names);
	for (i = 0; i < t->nrow; i++) {
		for (j = 0; j < len; j++)
			out_cell(o, t->rows[i][j].k, t->rows[i][j].s);
		out_endrow(o);
	}
	out_finish(o);
	fclose(fp);
	return s;
}

static int
trailing_space(const char *s)
{
	const char *p;

	for (p = s; (p = strchr(p, '\n')); p++)
		if (p > s && p[-1] == ' ')
			return 1;
	return 0;
}

static void
test_cases(void)
{
	size_t i;
	char *got;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = render(&cases[i]);
		is_str(got, cases[i].want, "%s", cases[i].name);
		if (cases[i].f == FMT_TABLE)
			ok(!trailing_space(got), "%s: no trailing spaces",
			    cases[i].name);
		free(got);
	}
}

static const struct {
	const char *in, *tsv, *json;
} esc[] = {
	{"", "", "\"\""},
	{"plain 中文", "plain 中文", "\"plain 中文\""},
	{"a\tb\nc\rd\\e", "a\\tb\\nc\\rd\\\\e", "\"a\\tb\\nc\\rd\\\\e\""},
	{"q\"/", "q\"/", "\"q\\\"/\""},
	{"\x7f\x1b", "\x7f\x1b", "\"\x7f\\u001b\""},
	{"😀", "😀", "\"😀\""},
	{"\xef\xbf\xbd", "\xef\xbf\xbd", "\"\xef\xbf\xbd\""},
	{"\xc0\x80", "\xc0\x80", "\"\\ufffd\\ufffd\""},	/* overlong */
	{"\xed\xa0\x80", "\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\""},
	{"\xf4\x90\x80\x80x", "\xf4\x90\x80\x80x",
	 "\"\\ufffd\\ufffd\\ufffd\\ufffdx\""},	/* past U+10FFFF */
	{"\xf0\x9f\x98", "\xf0\x9f\x98", "\"\\ufffd\\ufffd\\ufffd\""},
	{"a\xff", "a\xff", "\"a\\ufffd\""},
};

static void
test_escapers(void)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < sizeof esc / sizeof esc[0]; i++) {
		buf_reset(&b);
		tsv_escape(&b, esc[i].in);
		is_str(buf_str(&b), esc[i].tsv, "tsv_escape case %zu", i);
		buf_reset(&b);
		json_escape(&b, esc[i].in);
		is_str(buf_str(&b), esc[i].json, "json_escape case %zu", i);
	}
	buf_reset(&b);
	buf_adds(&b, "x=");
	json_escape(&b, NULL);
	tsv_escape(&b, NULL);
	is_str(buf_str(&b), "x=null", "escapers append; NULL is null / empty");
	buf_free(&b);
}

static void
test_fmt_parse(void)
{
	static const struct {
		const char *s;
		int rc;
		enum fmt f;
	} t[] = {
		{"table", 0, FMT_TABLE}, {"tsv", 0, FMT_TSV},
		{"csv", 0, FMT_CSV}, {"json", 0, FMT_JSON},
		{"jsonl", 0, FMT_JSONL}, {"ids", 0, FMT_IDS},
		{"JSON", -1, 0}, {"", -1, 0}, {"xml", -1, 0}, {"json ", -1, 0},
	};
	size_t i;
	enum fmt f;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		f = (enum fmt)-1;
		is_int(fmt_parse(t[i].s, &f), t[i].rc, "fmt_parse '%s'",
		    t[i].s);
		if (t[i].rc == 0)
			is_int(f, t[i].f, "fmt_parse '%s' value", t[i].s);
	}
}

/* Run WHAT in a child with stdout on /dev/full; its exit code and stderr. */
static int
child_full(enum fmt f, int big, char *err, size_t errsz)
{
	int p[2], st;
	pid_t pid;
	ssize_t n;
	size_t got = 0;

	fflush(stdout);
	if (pipe(p) != 0)
		die(EX_OSERR, "pipe:");
	pid = fork();
	if (pid < 0)
		die(EX_OSERR, "fork:");
	if (pid == 0) {
		const char *names[] = {"id", "name"};
		FILE *fp = fopen("/dev/full", "w");
		struct out *o;
		int i;

		dup2(p[1], 2);
		close(p[0]);
		close(p[1]);
		if (!fp)
			_exit(99);
		o = out_new(fp, f, 0);
		out_header(o, 2, names);
		for (i = 0; i < (big ? 100000 : 1); i++) {
			out_cell(o, CELL_NUM, "1");
			out_cell(o, CELL_STR, "x");
			out_endrow(o);
		}
		out_finish(o);
		_exit(0);
	}
	close(p[1]);
	while (got + 1 < errsz &&
	    (n = read(p[0], err + got, errsz - 1 - got)) > 0)
		got += (size_t)n;
	err[got] = '\0';
	close(p[0]);
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void
test_full(void)
{
	static const enum fmt fmts[] = {FMT_TABLE, FMT_TSV, FMT_CSV, FMT_JSON,
	    FMT_JSONL, FMT_IDS};
	char err[512];
	size_t i;
	int big;

	for (i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
		for (big = 0; big < 2; big++) {
			is_int(child_full(fmts[i], big, err, sizeof err),
			    EX_IOERR, "/dev/full: format %zu (%s) exits 74",
			    i, big ? "large" : "small");
			ok(strstr(err, "cannot write standard output: ") &&
			    strstr(err, strerror(ENOSPC)),
			    "/dev/full: message names the error");
		}
}

/* The header is bold on a terminal unless NO_COLOR is set and not empty. */
static char *
table_on_tty(void)
{
	const char *names[] = {"name", "n"};
	struct termios tio;
	char *slave, buf[256];
	size_t got;
	int m, s;
	ssize_t n;
	FILE *fp;
	struct out *o;

	m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) != 0 || unlockpt(m) != 0 ||
	    !(slave = ptsname(m)) || (s = open(slave, O_RDWR | O_NOCTTY)) < 0) {
		if (m >= 0)
			close(m);
		return NULL;
	}
	tcgetattr(s, &tio);
	cfmakeraw(&tio);
	tcsetattr(s, TCSANOW, &tio);
	fp = fdopen(s, "w");
	o = out_new(fp, FMT_TABLE, 0);
	out_header(o, 2, names);
	out_cell(o, CELL_STR, "中");
	out_cell(o, CELL_NUM, "7");
	out_endrow(o);
	out_finish(o);
	fclose(fp);
	/* All that was written: a pty may hand it over in pieces; once the
	 * other side is closed and drained, read fails (EIO). */
	for (got = 0; got < sizeof buf - 1; got += (size_t)n)
		if ((n = read(m, buf + got, sizeof buf - 1 - got)) <= 0)
			break;
	close(m);
	buf[got] = '\0';
	return strdup(buf);
}

static void
test_color(void)
{
	char *got;

	unsetenv("NO_COLOR");
	got = table_on_tty();
	if (!got) {
		ok(1, "# SKIP no pty");
		return;
	}
	is_str(got, "\033[1mname  n\033[0m\n中    7\n", "bold header on a tty");
	free(got);
	setenv("NO_COLOR", "", 1);
	got = table_on_tty();
	is_str(got, "\033[1mname  n\033[0m\n中    7\n",
	    "empty NO_COLOR still bold");
	free(got);
	setenv("NO_COLOR", "1", 1);
	got = table_on_tty();
	is_str(got, "name  n\n中    7\n", "NO_COLOR: no bold on a tty");
	free(got);
	unsetenv("NO_COLOR");
}

int
main(void)
{
	width_init();
	is_int(display_width("榆阳区环保局"), 12, "UTF-8 locale (CJK width 2)");
	test_fmt_parse();
	test_escapers();
	test_cases();
	test_full();
	test_color();
	return done_testing();
}
