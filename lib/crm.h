/* crm.h - the one public header of libcrm.
 *
 * Prototypes are grouped by the source file that defines them.  Only
 * lib/db.c includes <sqlite3.h>; everything else talks to the database
 * through the db_* functions below.
 */
#ifndef CRM_H
#define CRM_H

#include <getopt.h>
#include <libintl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sysexits.h>
#include <time.h>

#define CRM_VERSION "0.1.0"

/* Exit codes (SPEC section 2).  sysexits.h gives the rest. */
#define EX_NOTFOUND 1 /* the named record does not exist; --check found problems */

/* lib/i18n.c: the language of what people read (GNU gettext, domain
 * "crm", po/zh_CN.po).  _() marks and translates a message; N_() marks
 * one that is translated where it is used (die, warn and errf translate
 * their format themselves, and po/Makefile's xgettext knows them).
 * Machine formats (tsv, csv, json, jsonl, ids, ics) never pass through
 * here. */
struct buf;
#define _(s) gettext(s)
#define N_(s) (s)
/* LC_MESSAGES and LC_COLLATE from the environment (never LC_NUMERIC or
 * LC_TIME); the catalogue from share/locale beside the program's bin/,
 * else LOCALEDIR; its text as UTF-8 whatever the locale's codeset.
 * crm_start calls it. */
void i18n_init(void);
/* ON: messages made from now on are the English msgids, for text that
 * goes into a machine format's cells (crm-check's reasons in tsv); OFF:
 * the catalogue again.  die() and warn() meanwhile speak English too. */
void i18n_machine(int on);
/* MSGID translated in CONTEXT (gettext's msgctxt), or MSGID itself;
 * static storage. */
const char *pgettext_crm(const char *context, const char *msgid);
/* The name people read for entity NAME ("customer", as the change log
 * names it; msgctxt "entity"), in messages and crm-log's tables. */
const char *entity_label(const char *name);
/* The label people read for column NAME (msgctxt "column"). */
const char *col_label(const char *name);
/* 1 when a column of this name holds the words of a closed list (an
 * FT_ENUM field of any table, yes/no of an FT_BOOL field, a due row's
 * status or obligation, crm-check's problems). */
int closed_column(const char *column);
/* WORD, one of COLUMN's closed-list words, as people read it (msgctxt
 * "word"); any other text is returned as it is. */
const char *word_label(const char *column, const char *word);
/* VALUE of column COLUMN as people read it in table and html output and
 * in mail: a closed list's word by its label, a due row's detail in the
 * reader's language, the change log's entity and field by their names
 * for people, a UTC time stamp (YYYY-MM-DDTHH:MM:SSZ) in local
 * time with the zone (TZ).  The text is VALUE, static storage or in
 * SCRATCH. */
const char *people_value(const char *column, const char *value,
    struct buf *scratch);
/* The words of crm-check's problem column (no_owner, ...): the Ith, or
 * NULL past the last.  lib/archive.c. */
const char *archive_problem_word(size_t i);
/* strcoll(3) order of two UTF-8 strings of NA and NB bytes (not
 * NUL-terminated) under LC_COLLATE: pinyin under zh_CN.UTF-8, bytes under
 * C; texts equal to the locale compare by their bytes.  The collation
 * LOCALE of every connection (lib/db.c). */
int text_collate(const char *a, size_t na, const char *b, size_t nb);

/* lib/err.c */
extern const char *progname;
/* 1 while lib/progress.c's line is on a terminal's stderr: a message
 * clears it first. */
extern int stderr_progress;
/* The first call of every program (crm_start makes it): names it in
 * messages, and makes the last thing it does at exit a check of standard
 * output (die_write's rules) that nothing else checked. */
void setprogname(const char *argv0);
/* Print "progname: MSG" on stderr and exit with CODE.  A format that ends
 * in ':' gets ": strerror(errno)" appended. */
_Noreturn void die(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A reason appended to ERR, its format translated as die's is: the
 * messages that rules and value checks give back to their caller. */
void errf(struct buf *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Output that could not be written (errno says why), in one place: to
 * file NAME, or (NULL) standard output.  One line and exit 74; but a
 * reader that went away (EPIPE: crm list | head -1) is no error: the
 * program ends without a word, by SIGPIPE as cat(1) does, once its exit
 * handlers have run (an open transaction rolled back). */
_Noreturn void die_write(const char *name) __attribute__((noreturn));

/* lib/alloc.c: allocation failure dies in one place (exit 70). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

/* lib/buf.c: a growable NUL-terminated byte string. */
struct buf {
	char *s;	/* always NUL-terminated once anything was added */
	size_t len, cap;
};
void buf_add(struct buf *b, const char *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);	/* len = 0, keeps memory */
void buf_truncate(struct buf *b, size_t len);	/* to LEN bytes, if longer */
void buf_free(struct buf *b);
const char *buf_str(struct buf *b); /* "" when empty */

/* lib/date.c
 * A date is a day number: days since 1970-01-01 (may be negative).
 * Parsing is strict: exactly YYYY-MM-DD, year 1000..9999, a real day. */
int date_parse(const char *s, int *day);	/* 0 ok, -1 invalid */
/* The most days a count of days may hold (today+N, a setting's days):
 * 100 years, far from overflowing a day number. */
#define DAYS_MAX 36600
/* A date as a user may give it: YYYY-MM-DD, or today, today+N, today-N
 * (days, N up to 36600), relative to today(); a day of years 1000..9999,
 * as for date_parse.  0 ok, -1 invalid. */
int date_arg(const char *s, int *day);
/* A day as people and spreadsheets write it (Excel and WPS under a
 * Chinese locale write 2021/6/1): YYYY-MM-DD, YYYY-M-D, YYYY/M/D (a month
 * and a day of one or two digits) or YYYY年M月D日, year first, a real day
 * of years 1000..9999.  0 ok, -1 invalid.  A value of a date column is
 * read so (lib/value.c); options and settings take date_parse's and
 * date_arg's forms, what --help shows. */
int date_parse_written(const char *s, int *day);
/* 1 when DAY has a year 1000..9999, as date_parse wants; else 0 (and
 * date_format would write XXXX-XX-XX). */
int date_in_range(int day);
int date_from_ymd(int y, int m, int d);		/* no validation */
void date_to_ymd(int day, int *y, int *m, int *d);
void date_format(int day, char out[11]);	/* YYYY-MM-DD */
int date_weekday(int day);	/* 0 Monday .. 5 Saturday, 6 Sunday */
int date_valid_ymd(int y, int m, int d);
int days_in_month(int y, int m);
/* Today: --today (set with date_set_today), else $CRM_TODAY, else the local
 * date.  A bad $CRM_TODAY dies with 64. */
void date_set_today(const char *s);	/* dies 64 on a bad date */
int today(void);
/* The current UTC time stamp YYYY-MM-DDTHH:MM:SSZ; while today is
 * overridden, the moment today() reads the current local time of day, so
 * that the stamp's local day is today() in any time zone (TZ).  Stamps
 * are kept within years 1000..9999: a moment before or after them is
 * their first or last second (still the same local day). */
void timestamp_now(char out[21]);
int timestamp_valid(const char *s);	/* YYYY-MM-DDTHH:MM:SSZ, real values */
/* The UTC time stamp of local day DAY at 12:00 local time: a day given
 * where a time is kept (crm complaint new --received DATE).  Noon keeps
 * the UTC date the local one in every zone within 11 hours of UTC; today
 * before noon, it is now (never a time to come).  Kept within years
 * 1000..9999 as timestamp_now's. */
void timestamp_noon(int day, char out[21]);
/* A local time as people write it, a day as date_parse_written reads it,
 * a blank (or a T) and H:MM or H:MM:SS, an hour of one or two digits
 * ("2026-11-27 09:30", "2026/11/27 9:30", as Excel writes it), as the
 * UTC time stamp of that moment (TZ): 0, or -1 when S is not one or its
 * moment is not in years 1000..9999 UTC. */
int timestamp_local_parse(const char *s, char out[21]);
/* The local day (TZ) of the UTC time stamp S: the day people there lived
 * it (a complaint received at 07:00 in Shanghai is 23:00 UTC the day
 * before).  INT_MIN when S is not a valid time stamp. */
int timestamp_day(const char *s);
/* S as people there read it: "YYYY-MM-DD HH:MM +0800" in local time (TZ);
 * 0, or -1 when S is not a valid time stamp.  SQL: local_time(S), and
 * local_day(S) for timestamp_day. */
int timestamp_local(const char *s, char out[32]);

enum period { PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR };
int period_parse(const char *s, enum period *p);	/* month quarter year */
const char *period_name(enum period p);
/* The period of kind P that holds DAY: first day and last day, inclusive. */
void period_bounds(enum period p, int day, int *first, int *last);
/* "2026-11" -> the month's bounds ("this" and "last": today's month and
 * the one before, none before January 1000); "2026-Q4"; "2026".  0 ok,
 * -1 bad. */
int month_parse(const char *s, int *first, int *last);
int quarter_parse(const char *s, int *first, int *last);
int year_parse(const char *s, int *first, int *last);
/* An ISO 8601 week "2026-W49" (a lower-case w too; "this" and "last":
 * today's week and the one before): its Monday and Sunday.  0 ok, -1 bad
 * (week 53 of a year that has 52 is bad; so is a week with days outside
 * years 1000..9999, 1000-W01 and 9999-W52). */
int week_parse(const char *s, int *first, int *last);
/* The ISO 8601 week that holds DAY, "2026-W49". */
void week_format(int day, char out[16]);

/* lib/money.c: amounts are integer fen (1/100 yuan). */
int money_parse(const char *s, int64_t *fen); /* "12345.67", "12", "0.5"; no sign, no exponent; 0 ok, -1 bad */
/* An amount as people type it, in fen: money_parse's form, or with ¥ or
 * ￥ before it, 元 after it, thousands separated by commas in groups of
 * three ("¥12,345.60"), or in 万 (ten thousand yuan, up to six decimals:
 * "1.2万" is 12000.00).  Anything else (a sign, an exponent, "1,23",
 * "12.345") is -1; 0 ok. */
int money_parse_human(const char *s, int64_t *fen);
void money_format(int64_t fen, char out[32]);	/* "12345.67", "-0.05" */

/* lib/list.c */
/* 1 when WORD is one of the items of LIST separated by SEP. */
int list_has(const char *list, const char *word, char sep);
/* The next word of the space-separated list at *P (NULL or "" has none)
 * copied into WORD (at most SIZE bytes with its NUL), *P moved past it: 1,
 * or 0 at the end.  for (p = list; list_next(&p, w, sizeof w);) ... */
int list_next(const char **p, char *word, size_t size);
/* 1 when S is NULL or holds only blanks (space, tab, line breaks): a
 * value that says nothing. */
int text_blank(const char *s);

/* lib/num.c */
int int_parse(const char *s, int64_t min, int64_t max, int64_t *v); /* decimal only; 0 ok, -1 bad */
/* Bytes, or a number with K, M or G (1K = 1024 bytes): "4096", "6M"; from 1
 * to MAX bytes.  0 ok and *V set, -1 bad (V untouched). */
int size_parse(const char *s, size_t max, size_t *v);

/* lib/uscc.c: unified social credit code, GB 32100-2015. */
int uscc_valid(const char *s);	/* 1 valid, 0 not */

/* lib/width.c: display width under a UTF-8 locale. */
void width_init(void);	/* setlocale(LC_CTYPE, ""), else C.UTF-8 */
size_t display_width(const char *s);	/* CJK count 2; invalid bytes 1 */
size_t display_width_n(const char *s, size_t n);	/* of N bytes at S */

/* lib/utf8.c: the one definition of well-formed UTF-8 (RFC 3629): no
 * overlong forms, no surrogates U+D800..U+DFFF, nothing past U+10FFFF.
 * Lengths and offsets are in bytes; S need not be NUL-terminated (a NUL
 * is a character like any other).  None of these allocate or fail. */
/* The sequence that byte B starts: its length, 1 for ASCII, 2 to 4 for a
 * lead byte, 0 for a byte that starts none (continuation byte, c0, c1,
 * f5..ff).  *LO..*HI is the range the second byte must be in (a subrange
 * of 80..bf that keeps out overlongs, surrogates and values past
 * U+10FFFF); the third and fourth are 80..bf.  For readers that see one
 * byte at a time. */
size_t utf8_lead(unsigned char b, unsigned char *lo, unsigned char *hi);
/* The length (1 to 4) of the well-formed sequence at S, of which N bytes
 * may be read; 0 when N is 0 or the bytes there are not one (invalid, or
 * cut short by N). */
size_t utf8_seq(const char *s, size_t n);
/* The bytes to step over to the next character: utf8_seq, else 1 (a byte
 * that starts no well-formed sequence stands alone); 0 when N is 0. */
size_t utf8_charlen(const char *s, size_t n);
/* 1 when the N bytes at S are well-formed UTF-8 (NUL allowed); else 0 and,
 * BAD not NULL, *BAD = the offset of the first byte of the first bad or
 * truncated sequence. */
int utf8_valid(const char *s, size_t n, size_t *bad);
/* Characters in the N bytes at S: the bytes that are no continuation
 * byte (for valid text, the number of code points). */
size_t utf8_chars(const char *s, size_t n);
/* Where to cut the N bytes at S to keep at most MAX of them without
 * splitting a character: the largest length <= MAX at a character
 * boundary (a byte that starts no well-formed sequence is a character of
 * its own).  MAX >= N gives N; 0 only when the first character is longer
 * than MAX. */
size_t utf8_cut(const char *s, size_t n, size_t max);

/* lib/out.c: every program's tabular output.  FMT_HTML (-o html, taken
 * only where opt.html says so) is one HTML <table> element, for a page its
 * program writes around it (lib/html.c); FMT_ROWS is out_rows' alone.
 * FMT_XLSX is a workbook (lib/xlsxout.c) of the one table, copied to the
 * stream at out_finish: out_new dies 64 when that is a terminal, and a
 * program that writes more than one table, or text around it, refuses it
 * (out_one_table).  Its cells: CELL_NUM a number when it reads as one
 * (XLSX_NUMBER), CELL_STR always text. */
enum fmt { FMT_TABLE, FMT_TSV, FMT_CSV, FMT_JSON, FMT_JSONL, FMT_IDS,
	FMT_HTML, FMT_ROWS, FMT_XLSX };
enum cell { CELL_NULL, CELL_NUM, CELL_STR };
#define OUT_NOHEADER 1
#define OUT_BOM 2	/* csv: UTF-8 BOM first */
#define OUT_RAW 4	/* csv: no formula guard */
int fmt_parse(const char *s, enum fmt *f);	/* 0 ok, -1 unknown */
/* Dies 64 when F is FMT_XLSX: for a program whose output is more than
 * one table (crm-show, a complaint and its steps, the complaint notice's
 * form). */
void out_one_table(enum fmt f);
struct out;
struct entity;
/* The outs made from now on list the rows of E's table, each column
 * named as its field (crm list: customers); NULL, as at the start: the
 * columns of any query.  A workbook's header (-o xlsx) gives such a
 * column its label, field_label(). */
void out_list_of(const struct entity *e);
/* The header of column NAME of E's rows (E may be NULL): with LABELS the
 * text people read, the field's label (field_label, the same in every
 * locale, which crm-import reads back) or else col_label(NAME); without,
 * NAME.  REDACTED: a column crm-export --redact masked, "NAME_redacted"
 * or "LABEL（已脱敏）", which crm-import takes for no column.  Allocated.
 * -o xlsx heads its columns with LABELS. */
char *column_header(const struct entity *e, const char *name, int labels,
    int redacted);
struct out *out_new(FILE *fp, enum fmt f, int flags);
void out_header(struct out *o, int ncol, const char *const *names);
void out_cell(struct out *o, enum cell kind, const char *text);
/* A row of two cells, NAME and VALUE (a record shown field by field):
 * in table and html output the column's label and people_value() of
 * the value; in the other formats both as they are. */
/* 1 when O writes for people (table, html), whose cells are shown in
 * their language; 0 for the machine formats. */
int out_for_people(const struct out *o);
void out_pair(struct out *o, const char *name, enum cell kind,
    const char *value);
void out_endrow(struct out *o);
/* Flush, print a buffered table, check the stream; dies 74 on an I/O error.
 * Frees O. */
void out_finish(struct out *o);
/* Rows kept in memory, for a page that draws them as well as listing them
 * (a few dozen: people, months, stages): out_rows() clears R and returns
 * an out whose header and cells are copied into R (out_finish frees the
 * out and leaves R filled); rows_out() writes them to another out, header
 * first.  Cell I of row K is cell[K * ncol + I], NULL when null. */
struct rows {
	int ncol;
	char **names;
	size_t n;		/* rows */
	enum cell *kind;
	char **cell;
};
struct out *out_rows(struct rows *r);
void rows_out(const struct rows *r, struct out *o);
int rows_col(const struct rows *r, const char *name);	/* its index, or -1 */
/* The text of column COL of row ROW; NULL when null or out of range. */
const char *rows_get(const struct rows *r, size_t row, int col);
void rows_free(struct rows *r);	/* everything R holds; R left empty */
long out_nrows(const struct out *o);	/* the rows O has had so far */
/* Escapers, shared with crm-show's nested JSON and crm-mail. */
void tsv_escape(struct buf *b, const char *s);
void json_escape(struct buf *b, const char *s);	/* adds the quotes */
/* Flush FP (standard output, or a stream in memory) and check it:
 * die_write on an error, out of memory (70) for a stream in memory. */
void out_check(FILE *fp);
/* N bytes of S to FP, or die as out_check does: a write larger than
 * stdio's buffer fails at once, with the reason only then in errno. */
void out_write(FILE *fp, const char *s, size_t n);
/* A new record's id alone on standard output, as every adding program
 * prints it: in the transaction that adds it, before the commit, so that
 * an id that cannot be written (a full disk, a closed pipe) leaves the
 * database as it was. */
void print_id(int64_t id);

/* lib/tsvin.c: the reader of the tsv every program writes (-o tsv,
 * tsv_escape): the first line is the header; then one row a line, fields
 * split at tabs, \t \n \r \\ undone (any other backslash stays).  Lines
 * end in LF or CR LF; blank lines after the header are skipped.  Text
 * must be UTF-8 (RFC 3629) without NUL bytes.  One line is held at a
 * time. */
struct tsvrow {
	long line;	/* physical line, from 1 */
	int n;		/* fields */
	char **f;	/* NUL-terminated values, escapes undone */
};
/* lib/infile.c: dies 66 "cannot read 'NAME': it is a directory" when FD,
 * an input file just opened (or stdin), is a folder. */
void infile_check(int fd, const char *name);
/* What the first N bytes at HEAD of a file say it is: a zip (PK\3\4, an
 * .xlsx workbook, ECMA-376 part 2), an OLE2 compound file (an Excel
 * 97-2003 .xls, or an encrypted workbook), else something else (text). */
enum infile_kind { INFILE_OTHER, INFILE_ZIP, INFILE_OLE2 };
enum infile_kind infile_kind(const void *head, size_t n);

struct tsvin;
/* PATH NULL or "-" is standard input, "stdin" in messages.  Dies 66
 * "cannot open 'PATH': why" when the file cannot be opened or is a
 * folder (stdin too).  Free the
 * reader with tsvin_close(). */
struct tsvin *tsvin_open(const char *path);
/* Read FP, which tsvin_close() leaves open; NAME (copied) for messages. */
struct tsvin *tsvin_fp(FILE *fp, const char *name);
/* 1 and the header line's fields (owned by T, valid until tsvin_close),
 * 0 when the input is empty, -1 on an error as for tsvin_next. */
int tsvin_header(struct tsvin *t, struct tsvrow **hdr);
/* 1 and the next row (owned by T, valid until the next call), 0 at the
 * end, -1 on an error that ends the input: tsvin_error() says
 * "NAME:LINE: why" for a NUL byte, invalid UTF-8 (byte B of the line) or
 * a row whose field count is not the header's, with tsvin_errcode() 65
 * (EX_DATAERR); "cannot read 'NAME': why" with 74 (EX_IOERR) when
 * reading fails.  Reads the header first if tsvin_header() did not. */
int tsvin_next(struct tsvin *t, struct tsvrow **row);
const char *tsvin_error(struct tsvin *t);	/* "" before an error; owned by T */
int tsvin_errcode(struct tsvin *t);	/* 65 or 74, as above */
const char *tsvin_name(struct tsvin *t);	/* the path, or "stdin" */
void tsvin_close(struct tsvin *t);	/* closes a file tsvin_open opened */

/* lib/opt.c: options every program shares. */
struct crm_opts {
	const char *db;		/* -d/--db */
	const char *as;		/* --as */
	enum fmt fmt;		/* -o */
	int fmt_set;
	int flags;		/* OUT_* */
	const char *usage;	/* the program's usage text */
	int html;		/* -o html is taken (crm-report summary) */
};
extern struct crm_opts opt;
enum {
	OPT_AS = 0x1000, OPT_TODAY, OPT_NOHEADER, OPT_BOM, OPT_RAW,
	OPT_PROGRAM = 0x1100	/* programs number their own long options from here */
};
#define COMMON_SHORTOPTS "d:o:hV"
#define COMMON_LONGOPTS \
	{"db", 1, 0, 'd'}, {"output", 1, 0, 'o'}, {"help", 0, 0, 'h'}, \
	{"version", 0, 0, 'V'}, {"as", 1, 0, OPT_AS}, \
	{"today", 1, 0, OPT_TODAY}, {"no-header", 0, 0, OPT_NOHEADER}, \
	{"bom", 0, 0, OPT_BOM}, {"raw", 0, 0, OPT_RAW}
/* Set progname, locale and the usage text. */
void crm_start(int argc, char **argv, const char *usage);
/* Handle a common option; -h prints usage to stdout and exits 0, '?' and
 * ':' print usage to stderr and exit 64.  Returns 0 for an option that is
 * not common (the caller's own), 1 when handled. */
int common_option(int c, const char *arg);
_Noreturn void usage_exit(int code) __attribute__((noreturn));
/* A verb's own options LO (at most OPT_VALUES_MAX, ending with a zero
 * entry; -c is a short option) read from ARGV from its start, the common
 * ones handled: the last value of the I-th in VAL[I], and every value in
 * F[I] when F is not NULL (a filter may be repeated or hold commas); a
 * flag (no argument) given is "".  Any other option dies 64 with the
 * usage. */
#define OPT_VALUES_MAX 12
/* The day of option NAME's value VAL (a date as date_arg takes it), or
 * INT_MIN when VAL is NULL (not given); dies 64 "--NAME: 'VAL' is not a
 * valid date YYYY-MM-DD". */
int opt_date(const char *name, const char *val);
struct filter;
void opt_values(int argc, char **argv, const struct option *lo,
    const char **val, struct filter *f);
/* The output format: -o, else table on a terminal, else tsv. */
struct out *out_stdout(void);
/* The acting login: --as, else $CRM_USER, else (once the database is
 * open) the staff member whose os_user is the OS account, else the OS
 * account; and the OS account: the login name of the real uid.  Static
 * strings. */
const char *crm_user(void);
const char *os_user(void);

/* lib/subcmd.c: programs with command words, as git's builtins. */
struct subcmd {
	const char *name;	/* the word: "add" */
	int (*run)(int argc, char **argv);	/* returns the exit code */
};
/* Run the command of CMDS (ends with a NULL name) that ARGV names, after
 * any common options (common_option).  It gets the arguments from its
 * word on, argv[0] being the program's name for getopt's messages, and
 * optind reset: it parses its own options with getopt_long.  No word or an
 * unknown one: "unknown command 'x': use add, edit or list" (or "needs a
 * command: ..."), the usage, exit 64.  Returns what the command returns. */
int subcmd_run(const struct subcmd *cmds, int argc, char **argv);
/* The word subcmd_run is running ("add"), for a function that serves
 * several. */
extern const char *subcmd_verb;

/* lib/usage.c */
/* TEXT with each {TABLE.FIELD} replaced by that closed list's words joined
 * with | ("A|B|C"), {tables} by the table names joined with a space,
 * {entities} by the names the change log uses, {options.TABLE} by the
 * options that set TABLE's columns (--code --name ...), and {settings} by a line
 * for each setting (key, what it is, its default); lines made longer than
 * 78 columns are folded.  Dies 70 on a name that is no closed list (a
 * programming error). */
void usage_expand(struct buf *b, const char *text);

/* lib/ids.c: record ids from arguments, "-" reads one a line from stdin. */
struct ids {
	char **argv;
	int argc, i;
	int reading_stdin;
	long lineno;
	struct buf line;
	int64_t *seen;		/* ids_seen's, freed at the end */
	size_t nseen;
};
void ids_init(struct ids *it, int argc, char **argv);
/* Next id text (blank lines skipped, surrounding spaces trimmed); NULL at
 * the end.  Valid until the next call.  Dies 74 when stdin cannot be read,
 * 65 on a line with a tab (a table row piped by mistake) or a NUL byte. */
const char *ids_next(struct ids *it);
/* 1 when record ID was already named in this run (a record named twice is
 * acted on once), else 0 and it is remembered. */
int ids_seen(struct ids *it, int64_t id);

/* lib/db.c: the only file that includes <sqlite3.h>. */
typedef struct sqlite3_stmt db_stmt;
#define SCHEMA_VERSION 6
/* Resolve the path (--db, $CRM_DB, $XDG_DATA_HOME/crm/crm.db,
 * ~/.local/share/crm/crm.db). */
const char *db_path(void);
/* Open an existing database (exit 66 with a hint when missing), migrate an
 * older schema, refuse a newer one, WAL, busy timeout, foreign keys. */
void db_open(void);
/* crm-init only: create a new file (refuses an existing one, exit 73).
 * Until db_keep(), the file (and its side files) is removed when the
 * program ends, however it ends short of a signal. */
void db_create(const char *path, const char *group);
void db_keep(void);
void db_close(void);
/* 1 while a database is open. */
int db_isopen(void);
/* Close the database crm-init just created and remove it with its -wal
 * and -shm: what a failed crm-init leaves. */
void db_discard(void);
db_stmt *db_prepare(const char *sql);	/* dies 70 with the SQL on error */
void db_bind_text(db_stmt *s, int i, const char *v);	/* NULL binds NULL */
/* The same without a copy: V must not change or go until S is reset. */
void db_bind_text_static(db_stmt *s, int i, const char *v);
void db_bind_int(db_stmt *s, int i, int64_t v);
void db_bind_null(db_stmt *s, int i);
/* 1 = a row, 0 = done.  Errors die: busy 75, constraint 65, else 70. */
int db_step(db_stmt *s);
/* The same, but a constraint the statement breaks is -1 with the reason
 * in ERR ("a record with that code already exists"); the
 * statement is undone, the transaction goes on. */
int db_step_try(db_stmt *s, struct buf *err);
int db_ncol(db_stmt *s);
const char *db_colname(db_stmt *s, int col);
const char *db_text(db_stmt *s, int col);	/* NULL for NULL */
int64_t db_int(db_stmt *s, int col);
int db_isnull(db_stmt *s, int col);
int db_isnum(db_stmt *s, int col);	/* INTEGER or REAL */
void db_reset(db_stmt *s);	/* reset and clear bindings */
void db_finalize(db_stmt *s);
void db_exec(const char *sql);	/* no bound values; dies on error */
/* One value from a one-row query with up to one bound text parameter. */
int64_t db_int_query(const char *sql, const char *arg, int64_t dflt);
char *db_text_query(const char *sql, const char *arg);	/* malloc'd or NULL */
/* BEGIN IMMEDIATE (busy past the timeout: exit 75), COMMIT. */
void db_begin(void);
void db_commit(void);
void db_rollback(void);
int64_t db_last_id(void);
int db_changes(void);
/* Stream every row of S to O (header from the column names first).
 * Column types give json numbers; names listed in NUMCOLS (a
 * comma-separated list, may be NULL) are written as numbers even when the
 * SQL returns text (money). Returns the number of rows. */
long db_out(struct out *o, db_stmt *s, const char *numcols);
/* All rows of S on standard output in the chosen format, then finalize S. */
/* The current row of S as one line per column: its name, its value (a
 * record shown to people: crm-show's profile, crm complaint show). */
void db_out_pairs(struct out *o, db_stmt *s);
void db_print(db_stmt *s, const char *numcols);
/* The online backup API: copy the open database to PATH. */
void db_backup(const char *path);
/* PRAGMA integrity_check and foreign_key_check, each problem one line via
 * the callback; returns the number of problems. */
int db_integrity(void (*report)(const char *what, void *arg), void *arg);
/* lib/dbfiles.c: the files' layout (SPEC section 2, database), each
 * problem one line ("file: ...") via the callback; returns how many: a
 * database open to every account, a folder its group cannot use.  (Side
 * files missing or of the wrong owner, group or mode are mended, or named
 * with exit 66 or 75, when the database is opened: lib/dbfiles.c.) */
int db_layout(void (*report)(const char *what, void *arg), void *arg);

/* lib/query.c: an SQL statement built in pieces, each value kept beside
 * the text in the order of its ?, so that no code numbers parameters and
 * no value is formatted into SQL.  Start from struct query q = {0}:
 *	query_sql(&q, "SELECT id FROM \"%s\" WHERE 1", table);
 *	query_text(&q, " AND name = ?", name);
 *	s = query_prepare(&q);
 *	query_free(&q);
 * A piece with a stray ? (or a value piece without exactly one) is a bug
 * in crm: it dies 70 naming the piece. */
enum query_type { QUERY_NULL, QUERY_INT, QUERY_TEXT };
struct query_value {
	enum query_type type;
	int64_t i;
	char *s;		/* QUERY_TEXT: the query's own copy */
};
struct query {
	struct buf sql;		/* the text so far */
	struct query_value *v;	/* the values of its ?s, in order */
	int n, cap;
};
struct filter;
/* Append SQL text made by printf from FMT: keywords and identifiers, never
 * values, so no ?. */
void query_sql(struct query *q, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Append SQL, which holds exactly one ?, and keep the value for it: text V
 * (copied; NULL is SQL NULL), a whole number, or day number DAY as the
 * text YYYY-MM-DD that dates are stored as. */
void query_text(struct query *q, const char *sql, const char *v);
void query_int(struct query *q, const char *sql, int64_t v);
void query_date(struct query *q, const char *sql, int day);
/* "EXPR IN (?, ...)" with the words of the space-separated list WORDS as
 * its values ("k.status IN ('open', 'assigned')"); WORDS has one or
 * more. */
void query_in(struct query *q, const char *expr, const char *words);
/* " AND EXPR >= FROM AND EXPR <= TO" (days), each bound only when it is
 * not INT_MIN (not given): the --from/--to of a list. */
void query_days(struct query *q, const char *expr, int from, int to);
/* Run Q and print its rows on standard output in the chosen format
 * (db_print, NUMCOLS the columns printed as numbers, may be NULL); Q is
 * emptied. */
void query_print(struct query *q, const char *numcols);
/* Q's rows to O (db_out), then Q freed; O stays open. */
void query_out(struct query *q, struct out *o, const char *numcols);
/* A list filter over the SQL expression EXPR: nothing when F was not
 * given, else " AND (EXPR IN (?, ...) [OR EXPR IS NULL])", the NULL test
 * when an empty value was given (as filter_match). */
void query_filter(struct query *q, const struct filter *f, const char *expr);
/* The statement with every value bound (dies 70 with the SQL when SQLite
 * refuses it).  The caller finalizes it; it keeps no pointer into Q, which
 * may be freed at once. */
db_stmt *query_prepare(const struct query *q);
void query_free(struct query *q);	/* frees the text and values; Q is empty again */

/* lib/changes.c: the audit log, written inside the caller's transaction. */
void change_log(const char *entity, int64_t id, const char *field,
		const char *old, const char *new);
/* One creation entry per row of E's table, in id order, as record_insert()
 * writes one for each record it adds: field and old NULL, new the label
 * column or 'created', stamped as change_log() stamps (time, --as,
 * OS user, program).  For a table just bulk-loaded with
 * record_log_inserts(E).  Returns the number of entries written. */
struct entity;
long change_log_bulk(const struct entity *e);
/* Append to Q the newest LIMIT changes of customer ID and of the records
 * of its profile (entity.profile: its contacts), newest first, with the
 * columns at who os_user program entity entity_id field old new. */
void changes_of_customer(struct query *q, int64_t id, int limit);

/* lib/model.c: the data model as data.  Every table's columns (name, type,
 * allowed words, bounds, default, flags) in one table each; the SQL schema
 * of lib/schema.c says the same, and tests/unit/test-model.c proves that
 * the two agree.  Programs name no allowed word, tier or default: they ask
 * these tables. */
enum ftype {
	FT_ID,		/* the integer primary key */
	FT_TEXT,	/* any valid UTF-8 without control characters but
			 * tab, LF and CR; max > 0: at most max characters */
	FT_EMAIL,	/* an address crm-mail can send to (mail_addr_valid) */
	FT_CODE,	/* a name for scripts: no blanks or control characters,
			 * not all digits (so that it never reads as an id);
			 * at most max characters */
	FT_INT,		/* whole number in [min, max] */
	FT_MONEY,	/* 12345.67, stored as fen */
	FT_DATE,	/* YYYY-MM-DD (or today, today+N, today-N) */
	FT_TIME,	/* YYYY-MM-DDTHH:MM:SSZ, UTC */
	FT_ENUM,	/* one of the space-separated words in values */
	FT_BOOL,	/* yes/no, 1/0, true/false */
	FT_USCC,	/* unified social credit code, GB 32100-2015 */
	FT_TIERS,	/* letters of the tier list, stored in its order: "AB" */
	FT_STAFF,	/* a staff login */
	FT_CUSTOMER,	/* a customer, given by code or id, stored as id */
	FT_REF		/* an id in table values (plans) */
};
#define F_REQ	1	/* must be given when a record is added */
#define F_AUTO	2	/* crm fills it when absent (id, code, created_at) */
#define F_RO	4	/* crm-edit may not change it */
#define F_HELD	8	/* FT_STAFF: what a staff member holds while the
			 * record is open (entity.open): only an active member
			 * may be given it, and it moves on a handover */
#define F_PHONE	16	/* a telephone number: crm-import warns of one a
			 * spreadsheet stripped of its leading 0
			 * (phone_stripped) */
/* Personal data (PIPL): how crm-export --redact masks the field. */
enum mask {
	MASK_NONE,
	MASK_DIGITS,	/* 13812345678 -> 138****5678 */
	MASK_EMAIL,	/* liweidong@example.cn -> l***@example.cn */
	MASK_TEXT	/* wx_gaoxiaoyan83 -> w*** */
};
struct field {
	const char *name;
	enum ftype type;
	const char *values;	/* FT_ENUM: the words; FT_REF: the table */
	unsigned flags;		/* F_* */
	int64_t min, max;
	const char *dflt;	/* the default, as a user writes it, or NULL */
	const char *setting;	/* a setting whose value replaces dflt */
	enum mask mask;
};
struct entity {
	const char *name;	/* singular: "customer", as in the change log */
	const char *table;	/* "customers", as crm-import names it */
	const char *key;	/* natural key for import --update, or NULL */
	const char *label;	/* the field that names a record in messages */
	const struct field *fields;	/* ends with a NULL name */
	const char *order;	/* SQL ORDER BY for a customer's records */
	struct {		/* a record is open (holds its F_HELD fields) */
		const char *field;	/* when this field, NULL: always, */
		const char *words;	/* is one of these words */
	} open;
	int profile;		/* part of its customer's profile: its changes
				 * are shown with the customer's (contacts) */
	void (*written)(void);	/* after each write to the table: what the
				 * library keeps of it is read again, or NULL */
};
extern const struct entity *const entities[];	/* ends with NULL */
/* The cadence rules' columns: not a table of entities[] (crm visit rules
 * writes them, nothing imports them), but checked the same way. */
extern const struct entity visit_rule_entity;
/* Entities that write the change log but are not tables above. */
extern const char *const log_entities[];	/* ends with NULL */
/* By singular or table name; NULL when none. */
const struct entity *entity_find(const char *name);
const struct field *entity_field(const struct entity *e, const char *name);
/* The field of E that names its customer (FT_CUSTOMER), or NULL. */
const struct field *entity_customer_field(const struct entity *e);
/* The allowed words of an FT_ENUM field ("A B C"); dies 70 when the field
 * is not one (a programming error). */
const char *field_words(const char *table, const char *name);
/* 1 when the column is NOT NULL in the schema (required, filled by crm,
 * or with a default). */
int field_notnull(const struct field *f);
/* "col" or money(col), the customer's code for a customer reference... an
 * SQL expression that shows the field as crm prints and imports it. */
void field_expr(struct buf *sql, const struct field *f, const char *alias);
/* Comma-separated names of the fields printed as JSON numbers. */
const char *entity_numcols(const struct entity *e);

/* lib/value.c: what a spreadsheet does to values. */
/* 1 when TEXT, in a phone column, looks like a Chinese landline whose
 * leading 0 a spreadsheet stripped (9126797525 for 09126797525): all
 * digits, not starting with 0, 9 to 11 of them, and not a mobile number
 * (11 digits starting with 1) nor a service number (10 digits starting
 * with 400 or 800). */
int phone_stripped(const char *text);
/* 1 when TEXT is a number as a spreadsheet writes one in E-notation
 * (9.16108023082463E+17): in a text column its digits are lost. */
int spreadsheet_enotation(const char *text);
/* TEXT as the value of a yes/no field (FT_BOOL): 1 for yes, y, true or
 * 1, 0 for no, n, false or 0, in any case (Excel writes TRUE), or for
 * their labels 是 and 否; -1 for anything else. */
int bool_value(const char *text);

/* lib/progress.c: progress of a long import or export on stderr, only
 * when it is a terminal (else NULL, and the calls below do nothing). */
struct progress;
/* WHAT (kept, not copied) names the job; TOTAL is its input's bytes, or
 * -1 when unknown (a pipe). */
struct progress *progress_start(const char *what, long long total);
/* ROWS done and BYTES read (-1: none to tell): redrawn in place, after
 * the first second, at most five times a second, with the rate and,
 * knowing TOTAL, the time left. */
void progress_update(struct progress *p, long long rows, long long bytes);
/* The line cleared; P freed. */
void progress_end(struct progress *p);

/* lib/labels.c: every column's Chinese label, one per column of each
 * table (客户编号 for customers.code). */
/* The label of column COLUMN of E's table, or NULL; static storage. */
const char *field_label(const struct entity *e, const char *column);
/* The field of E that a header cell TEXT names, by its column name or
 * its label; NULL when none.  Round brackets ASCII or full-width and the
 * blanks at either end or beside a bracket do not count: 规模(吨) and
 * 规模 （吨） are 规模（吨）. */
const struct field *header_field(const struct entity *e, const char *text);
/* E's columns, each as NAME/LABEL, blank-separated, appended to B: the
 * list an "unknown column" message gives. */
void entity_columns_text(const struct entity *e, struct buf *b);
/* The Chinese label of WORD, a word of one of the model's closed lists
 * (FT_ENUM, and FT_BOOL's yes and no), as -o table shows it under zh_CN
 * (政府单位 for government), whatever the locale; NULL when WORD is none.
 * Static storage. */
const char *word_zh(const char *word);
/* The word of F's closed list (an FT_ENUM's, FT_BOOL's yes and no) whose
 * label is exactly TEXT (成交客户: customer); NULL when none, or when F
 * has no closed list.  Static storage. */
const char *zh_word(const struct field *f, const char *text);

/* lib/cadence.c: the cadence rules (visit_rules) that crm-visit-due
 * reads. */
/* Add the rule for TIERS LEVEL PERIOD with COUNT visits, or replace the
 * count of the one there is; logged; in the caller's transaction.
 * Returns its id; dies 65 with the reason for a bad value. */
int64_t cadence_set(const char *tiers, const char *level, const char *count,
    const char *period);
/* Remove rule ID, logged, in the caller's transaction; dies 1 when there
 * is none. */
void cadence_rm(int64_t id);

/* lib/redact.c */
/* S masked as M says (the field's mask): into B, returned; S itself when
 * M is MASK_NONE or S is NULL or empty. */
const char *redact(struct buf *b, enum mask m, const char *s);

/* lib/value.c: a record being built from text values, each checked
 * against its field as it is set (the one check every writer uses). */
#define RECORD_MAX 40
struct value {
	int null;
	int isint;
	int64_t i;
	char *s;
};
struct record {
	const struct entity *e;
	int n;
	const struct field *f[RECORD_MAX];
	struct value v[RECORD_MAX];
	uint64_t derived;	/* record_insert: bit k set when field k of
				 * e->fields was derived by a rule (a tier
				 * from the rulebook's criteria) */
	uint64_t stamped;	/* record_insert: bit k set when field k is
				 * a time crm filled in (now), not given */
};
void record_init(struct record *r, const struct entity *e);
void record_clear(struct record *r);	/* frees values, keeps e */
/* Check TEXT for the field NAME and keep it; "" means no value.  On error
 * returns -1 with the reason in ERR ("tier: 'Z' is not one of: A B C"). */
int record_set(struct record *r, const char *name, const char *text,
    struct buf *err);
/* The same for F, one of r->e's fields (no look-up by name). */
int record_set_field(struct record *r, const struct field *f,
    const char *text, struct buf *err);
/* The same, or die 65 with the reason. */
void record_need(struct record *r, const char *name, const char *text);
/* record_need of NAMES[i] with TEXTS[i] for each i < N where both are
 * given (the options of a command, each setting one field). */
void record_need_each(struct record *r, const char *const *names,
    const char *const *texts, size_t n);
/* 1 when field NAME (or F, one of r->e's fields) is set to a value (not
 * empty). */
int record_isset(const struct record *r, const char *name);
int record_isset_field(const struct record *r, const struct field *f);
/* The text of field NAME when it is stored as text, else NULL (unset,
 * empty, or a number: see record_int).  Valid until the field is set
 * again. */
const char *record_text(const struct record *r, const char *name);
/* Field NAME as crm prints it ("yes", "12.50", "3", a date), malloc'd;
 * NULL when unset or empty, or R is NULL. */
char *record_shown(const struct record *r, const char *name);
/* Copy every value of R into TO, replacing what TO holds for that field. */
void record_merge(struct record *to, const struct record *r);
/* The integer value (ids, numbers, flags, fen) of NAME, or 0. */
int64_t record_int(const struct record *r, const char *name);
/* The stored value V of F as text, for the change log and comparisons;
 * malloc'd, NULL for NULL. */
char *value_text(const struct field *f, const struct value *v);

/* lib/record.c: the one write path.  Insert, update and remove fill
 * defaults, run the rules and side effects of lib/rules.c and write the
 * change log, all in the caller's open transaction (db_begin). */
/* Insert (filling F_AUTO fields and defaults, checking F_REQ ones and
 * the rules) and log it; returns the new id, or -1 with the reason in
 * ERR and nothing written. */
int64_t record_insert(struct record *r, struct buf *err);
/* 1 when record_insert would refuse R for want of F: F is required, R
 * has no value for it, and nothing would give it one (no time stamp,
 * default or rule).  For a checker that names every reason at once. */
int record_missing(const struct record *r, const struct field *f);
/* E: record_insert writes no change log entry for a record of E (crm-import's
 * bulk load into E's empty table logs the whole table at once in the same
 * transaction; records its rules add to other tables, a complaint's steps,
 * are logged as usual).  NULL, the default: every insert is logged. */
void record_log_inserts(const struct entity *e);
/* record_insert, or die 65 with "cannot add ENTITY: why". */
int64_t record_add(struct record *r);
/* What a program that adds one record does: record_add in its own
 * transaction, the new id printed alone on stdout (SPEC section 2) before
 * it commits (print_id), R cleared; 0, to return from main.  Dies as
 * record_add does. */
int record_add_print(struct record *r);
/* Update the record with id ID with the fields set, after the rules; each
 * changed field is logged with its old and new value.  Returns the number
 * changed, -1 with the reason in ERR (nothing written), or -2 when there
 * is no record ID. */
int record_update(struct record *r, int64_t id, struct buf *err);
/* record_update, or die: 65 "cannot change ENTITY ID: why", 1 when the
 * record is gone. */
int record_edit(struct record *r, int64_t id);
/* Remove record ID of E when nothing refers to it, logging every old
 * value (field, old, new NULL) and then the removal (no field, old = its
 * label).  0 done; -1 with ERR when records refer to it (counted: "2
 * contacts, 5 visits refer to it"); -2 when there is none. */
int record_remove(const struct entity *e, int64_t id, struct buf *err);
/* The id of the record of E named by TEXT: a customer by id or code, a
 * staff member by login or id, anything else by id; 0 when none. */
int64_t record_lookup(const struct entity *e, const char *text);

/* lib/rules.c: the rules between fields and records, as data, met by
 * record_insert and record_update for every writer. */
/* BEFORE is the stored record (NULL for an insert), AFTER the record as
 * it will be (every field).  0 ok; -1 with the reason in ERR. */
int rules_check(const struct record *before, struct record *after,
    struct buf *err);
/* Side effects once record ID is written (a plan carried out is done,
 * the other contacts lose the primary flag).  0 ok; -1 with ERR. */
int rules_apply(const struct record *before, const struct record *after,
    int64_t id, struct buf *err);
/* Side effects once record OLD is removed (a plan its visit carried out
 * waits again; another contact becomes primary).  0 ok; -1 with ERR. */
int rules_removed(const struct record *old, struct buf *err);
/* Fill what rules derive for a new record (a tier from the rulebook's
 * criteria, customer_since) and stamp an update (the day a customer
 * became one).  Called before rules_check.  0, or -1 with ERR when a
 * value it derives is refused (an acting user that is no valid text, a
 * due date after 9999-12-31): the write fails, no field is left unset. */
int rules_fill(const struct record *before, struct record *after,
    struct buf *err);
/* 1 when a rule looks records of TABLE up by COLUMN as they are written
 * (a bulk load keeps that index). */
int rules_lookup_column(const char *table, const char *column);
/* 1 when a rule derives field F of a new record of E (the default does
 * not apply before the rule has run). */
int rules_derive(const struct entity *e, const struct field *f);
/* When a record of TABLE is part of a record of table WHOLE (NULL: of any
 * table) — a complaint's steps — the field that names the whole, with
 * the reason in *WHY (may be NULL); else NULL.  Such a record is removed
 * with its whole and never alone (record_remove). */
const char *rules_part_of(const char *table, const char *whole,
    const char **why);

/* lib/state.c: the states of plans and complaints and the only moves
 * between them, as data. */
struct move {
	const char *table;
	const char *verb;	/* review approve reject done cancel ... */
	const char *from;	/* the states it leaves, space-separated */
	const char *to;
	const char *who, *when;	/* fields stamped with the acting user and
				 * the time, or NULL */
	const char *steps;	/* plan.steps values under which it exists,
				 * NULL: always */
	const char *needs;	/* a field the move must be given, or NULL */
	/* Who may make it: lib/permit.c. */
	int effect;		/* made only as the side effect of another
				 * write (a visit makes its plan done) */
	const char *says;	/* fields whose values are the text of the
				 * step's event (complaint_events), or NULL */
	const char *counts;	/* an integer field the move adds one to
				 * (reopen_count), or NULL */
	const char *fresh;	/* fields that belong to this move alone:
				 * emptied when the write gives no value
				 * (the customer's word on a result), or
				 * NULL */
};
/* The move of TABLE from state FROM to TO (FROM may equal TO: a complaint
 * assigned again), or NULL. */
const struct move *move_step(const char *table, const char *from,
    const char *to);
/* The move VERB of TABLE from the state FROM, or NULL. */
const struct move *move_find(const char *table, const char *verb,
    const char *from);
/* 1 when some move of TABLE goes from FROM to TO; 2 when it is made only
 * as a side effect. */
int move_allowed(const char *table, const char *from, const char *to);
/* The states from which VERB can be made, for messages ("submitted"). */
void move_sources(struct buf *b, const char *table, const char *verb);
/* Make move VERB on record ID of E: the acting user must hold one of its
 * roles (while the staff table is not empty), the record must be in a
 * state it leaves; EXTRA (may be NULL) holds fields set with it (reason).
 * Dies 65 "plan 3 is approved: needs submitted", 1 when there is no
 * record ID. */
void move_make(const struct entity *e, int64_t id, const char *verb,
    struct record *extra);
/* The verb a record of TABLE in STATE waits for ("review"), with the
 * roles that may make it in *ROLES ("dept_manager division_head ...": the
 * first is the one whose job it is); NULL and *ROLES NULL when it waits
 * for no one. */
const char *move_waiting(const char *table, const char *state,
    const char **roles);
/* The state move VERB of TABLE leads to ("done"); dies 70 when none. */
const char *move_target(const char *table, const char *verb);
/* The status of record ID of TABLE, malloc'd, or NULL. */
char *state_of(const char *table, int64_t id);
/* For record_update: when FIELD moves from BEFORE's state to AFTER's,
 * stamp the move's who (the acting user) and when (now, UTC) unless the
 * write gives them.  0, or -1 with ERR as rules_fill. */
int move_stamp(const struct record *before, struct record *after,
    const char *field, struct buf *err);

/* lib/workday.c: working days of China's official calendar (table
 * calendar: days off and make-up working days, 调休).  A working day is
 * listed `work`, or is Monday to Friday and not listed `off`; a year the
 * calendar has no day of is Monday to Friday, with one warning on stderr
 * the first time it is asked about.  Days are day numbers (lib/date.c). */
int workday_is(int day);		/* 1 a working day, 0 not */
int workday_next(int day);		/* DAY itself, or the next working day */
/* The Nth working day after DAY (DAY itself when N is 0). */
int workday_add(int day, int64_t n);
void workday_forget(void);	/* after a write to the calendar */

/* lib/sla.c: when a complaint is due (SPEC section 6). */
/* The due day of a complaint of SEVERITY (a word of complaints.severity)
 * received on local day RECEIVED: setting sla.SEVERITY days later, in
 * calendar days, or with sla.days = working in working days
 * (lib/workday.c) after the first working day on or after RECEIVED. */
int sla_due(int received, const char *severity);
/* DAYS days after DAY as sla.days counts them: calendar days, or the
 * DAYSth working day after the first working day on or after DAY (the
 * callback complaint.callback_days after a confirmation). */
int sla_after(int day, int64_t days);

/* lib/staff.c: staff members, their reporting line and handovers. */
/* 1 when LOGIN is on the staff (active or not). */
int staff_exists(const char *login);
/* 1 active, 0 inactive, -1 not on the staff.  The staff are read once and
 * again after staff_forget(), which every write to the table calls. */
int staff_active(const char *login);
void staff_forget(void);
/* 1 when the staff table has any member (from the same directory). */
int staff_any(void);
/* The role of LOGIN, malloc'd, or NULL. */
char *staff_role(const char *login);
/* The login of the member whose os_user is ACCOUNT (a Unix login name),
 * malloc'd, or NULL. */
char *staff_of_os_user(const char *account);
/* What LOGIN holds (F_HELD fields of open records): "3 customers, 1
 * plan" in B; returns the count. */
int64_t staff_holdings(const char *login, struct buf *b);
/* Move everything FROM holds to TO (active), each change logged through
 * record_update.  0 ok; -1 with ERR. */
int staff_handover(const char *from, const char *to, struct buf *err);
/* 1 when following reports_to from START (a login, may be NULL) comes
 * back to SELF: a loop, written into CHAIN ("a -> b -> c -> a"). */
int staff_loop(const char *self, const char *start, struct buf *chain);
/* The customer with that id (all digits) or code; 0 when none.  Codes are
 * never all digits, so the two cannot be confused. */
int64_t customer_lookup(const char *idcode);
/* The staff directory: every member read once (a small table), for walks
 * up the reporting line. */
struct person {
	int64_t id;
	char *login, *email, *role, *reports_to;	/* email "" if none */
	int active;
};
struct staffdir {
	struct person *p;	/* sorted by login */
	size_t n;
};
struct staffdir *staffdir_load(void);	/* free with staffdir_free */
void staffdir_free(struct staffdir *d);
const struct person *staffdir_find(const struct staffdir *d,
    const char *login);
/* The first active member above P, or NULL. */
const struct person *staffdir_manager(const struct staffdir *d,
    const struct person *p);
/* LOGIN while active, else the first active member above them (what was
 * theirs goes up their own line); NULL when LOGIN is not on the staff. */
const struct person *staffdir_taker(const struct staffdir *d,
    const char *login);
/* Who does a job of ROLE for FROM (a customer's owner, a planner): up
 * FROM's reporting line, FROM included, to the first active member in
 * ROLE; else, when FROM has left and it was their role, the first active
 * member above them; else the active member in ROLE added first; else
 * NULL (SPEC section 5). */
const struct person *staffdir_role(const struct staffdir *d,
    const char *from, const char *role);

/* lib/archive.c: the rulebook's tier criteria and what a complete
 * archive holds, for crm-check, the write path and reports. */
/* The tier the criteria give a customer of CATEGORY (may be NULL) and
 * scale TONNES (KNOWN 0: not recorded), the reason in WHY (may be NULL):
 * "government unit", "scale 12000 t, 10000 to 19999 t". */
const char *tier_expected(const char *category, int known, int64_t tonnes,
    struct buf *why);
/* Each archive gap (no_owner, no_uscc, no_primary_phone, no_address,
 * no_credit, owner_inactive) of customers at stage handover or customer
 * (ALL: every stage), by customer id: the callback gets id, code, name
 * and the problem word.  Returns the number found. */
long archive_gaps(int all, void (*found)(db_stmt *row, void *arg),
    void *arg);
/* Customers whose tier differs from the criteria: the callback gets the
 * row (id, code, name, tier), the expected tier and the reason. */
long archive_tiers(int all, void (*found)(db_stmt *row, const char *want,
    const char *why, void *arg), void *arg);

/* lib/fieldopt.c: long options named after an entity's fields (--reports-to
 * for reports_to), so that every column can be set from the command line. */
#define OPT_FIELD 0x2000	/* getopt value of the first field option */
/* OWN (may be NULL, ends with a zero entry) followed by COMMON_LONGOPTS and
 * an option per field without any of the flags in SKIP.  Booleans take an
 * optional argument (--primary means --primary=yes).  Free the result
 * with field_options_free(). */
struct option *field_options(const struct entity *e, const struct option *own,
    unsigned skip);
/* Free what field_options() returned: the array and the names it made. */
void field_options_free(struct option *o);
/* The value of a field option just read by getopt_long: optarg, else for
 * a yes/no option the next argument when it is a yes or a no as
 * bool_value() takes them (so that --active no works as --active=no),
 * else "yes". */
const char *field_optarg(const struct field *f, int argc, char **argv);
/* The field of getopt value C, or NULL. */
const struct field *field_option(const struct entity *e, int c);
/* A program's options that set fields: read from ARGV (the common options
 * handled), each field option's value kept in the order given; SHORTOPTS
 * (may be NULL) and OWN (may be NULL) are the program's own, each passed
 * to OWNFN with CTX.  Anything else dies 64 with the usage.  Free with
 * field_args_free(). */
struct fieldargs {
	int n;
	const struct field **f;
	const char **v;		/* pointers into ARGV */
};
void field_args(const struct entity *e, int argc, char **argv,
    const char *shortopts, const struct option *own,
    void (*ownfn)(int c, const char *arg, void *ctx), void *ctx,
    struct fieldargs *fa);
/* One more value for F (an operand standing for an option). */
void field_arg_add(struct fieldargs *fa, const struct field *f,
    const char *v);
/* The last value given for field NAME, or NULL. */
const char *field_arg(const struct fieldargs *fa, const char *name);
/* Check every value into R, in the order given; each bad one is reported
 * on stderr (EDIT: an empty value of a NOT NULL field "cannot be
 * cleared").  Returns how many were bad: then exit 65. */
int field_fill(struct record *r, const struct fieldargs *fa, int edit);
void field_args_free(struct fieldargs *fa);

/* lib/mail.c: what crm-mail needs of RFC 5322, RFC 2045/2047 and mbox.
 * Messages use bare LF line ends (sendmail and mbox files want local ones). */
void base64_encode(struct buf *b, const void *data, size_t n); /* no breaks */
#define FNV1A64_INIT 0xcbf29ce484222325ULL
uint64_t fnv1a64(uint64_t h, const void *data, size_t n);
/* 64-bit FNV-1a of SUBJECT, a NUL and BODY, as 16 hex digits. */
void mail_digest(const char *subject, const char *body, char out[17]);
/* Light check of a bare address: ASCII, one @, no spaces, controls or
 * , ; < > ( ) [ ] " \ :.  1 valid; else 0 and *WHY says why. */
int mail_addr_valid(const char *addr, const char **why);
/* Valid UTF-8 without control characters (newlines!): 1 ok, else 0. */
int mail_text_ok(const char *s, const char **why);
/* TEXT as RFC 2047 B encoded-words of at most 64 characters, each holding
 * whole UTF-8 characters, separated by folds ("\n "). */
void rfc2047_encode(struct buf *b, const char *text);
/* "NAME: TEXT\n": printable ASCII folded at spaces, anything else
 * encoded.  TEXT must have passed mail_text_ok. */
void mail_header(struct buf *b, const char *name, const char *text);
/* "addr" or "Name <addr>" to a From: value (the name quoted or encoded)
 * and the bare address.  1 ok; else 0 and *WHY. */
int mail_from_parse(const char *from, struct buf *value, struct buf *addr,
    const char **why);
/* Now, with the date of --today when set (as timestamp_now). */
time_t mail_now(void);
#define MAIL_DATE_SIZE 40
void mail_date(time_t t, char out[MAIL_DATE_SIZE]);	/* RFC 5322, local */
/* MIME-Version, Content-Type, Content-Transfer-Encoding (8bit; base64 when
 * a line is longer than 998 octets), the blank line and BODY. */
void mail_body(struct buf *msg, const char *body);
/* MIME-Version and a multipart/alternative body (RFC 2046 5.1.4): TEXT as
 * text/plain, then HTML as text/html, both UTF-8, each 8bit or base64 as
 * mail_body chooses (base64 too for a part that holds the boundary). */
void mail_alternative(struct buf *msg, const char *text, const char *html);
/* MSG as one mboxrd message: From_ line, >From quoting, blank line. */
void mbox_append(struct buf *b, const char *sender, time_t t,
    const char *msg);

/* lib/mailer.c: crm-mail's job above lib/mail.c: the rows of a tsv
 * grouped by recipient, each recipient's table, the sender, the message. */
struct mailer_group {
	char *to;		/* the address */
	char ***rows;		/* its rows' values (ncol each), input order */
	size_t n, cap;
};
struct mailer {
	int ncol;		/* columns; 0 when the input was empty */
	char **cols;		/* their names, from the header */
	int tocol;		/* the address column */
	struct mailer_group *groups;	/* in order of first appearance */
	size_t ngroups, capgroups;
	size_t last;		/* the group a row went to last */
	int bad_rows;		/* rows not mailed for a bad address */
};
/* Read all of T before anything is sent (bad input sends nothing) and
 * group its rows by the address in column TOCOL.  A row whose address is
 * empty, or fails mail_addr_valid (counted in bad_rows), is reported on
 * stderr as "NAME:LINE: ...; not mailed" and left out.  Dies 65 with
 * "NAME:LINE: no column 'TOCOL' in the header", else with T's error
 * (tsvin_next: 65 bad data, 74 read error).  M is overwritten; free it
 * with mailer_free(). */
void mailer_read(struct mailer *m, struct tsvin *t, const char *tocol);
void mailer_free(struct mailer *m);	/* everything M holds; M left empty */
/* G's rows as short blocks that fit a phone screen, in the language of
 * the locale: the assignee once at the top (when it is the same in every
 * row), a legend of the line's columns, then for each run of rows with
 * the same date in the first column a heading with that date, for each
 * customer (columns customer, code, tier) a title line, and for each row
 * one line "- " with its other values joined by " \u00b7 " (closed-list
 * words by their labels, an empty value as "-").  Without the address
 * column, and without customer_id when the customer is named.  Malloc'd:
 * the caller frees it. */
char *mailer_body(const struct mailer *m, const struct mailer_group *g);
/* The subject of G's message when none is given, appended to B: "crm DAY:
 * N items" (DAY YYYY-MM-DD), in the reader's language. */
void mailer_subject(struct buf *b, const struct mailer_group *g,
    const char *day);
/* The sender: $CRM_MAIL_FROM, else setting mail.from (opening the
 * database when DB_IS_OPEN is 0 and the file exists), parsed by
 * mail_from_parse into FROM, the From: value, and ADDR, the bare address.
 * Dies 64 when there is none or it is bad. */
void mailer_sender(int db_is_open, struct buf *from, struct buf *addr);
/* Append a whole message (RFC 5322, bare LF line ends): From: FROM,
 * To: TO, Subject: SUBJECT (mail_header; it must have passed
 * mail_text_ok), Date: NOW, a Message-ID on this host (else on SENDER's
 * domain), Auto-Submitted: auto-generated (RFC 3834), then mail_body(BODY),
 * or with HTML (not NULL) mail_alternative(BODY, HTML). */
void mailer_build(struct buf *msg, const char *from, const char *sender,
    const char *to, const char *subject, const char *body, const char *html,
    time_t now);
/* crm-mail --html: the document at PATH (NULL or "-": standard input),
 * whole, to be freed: dies 66 when it cannot be opened, 74 when reading
 * fails, 65 "NAME:LINE: not UTF-8" or for a NUL byte, nothing at all, or
 * more than 16 MiB. */
char *mailer_doc(const char *path);
/* crm-mail --to LIST: the addresses of LIST's items (commas or spaces
 * between them), each once, in order: a login of an active member with
 * an address (the staff table; the database open), or an address
 * (mail_addr_valid).  *LOGINS gets the login each came from (NULL for an
 * address), *N the count; both arrays and their strings are the
 * caller's.  Dies 1 for a login not on the staff, 65 for one who has left
 * or has no address, or a bad address, 64 for an empty LIST. */
char **mailer_to(const char *list, char ***logins, size_t *n);

/* lib/sendmail.c: handing a message to the mail system. */
#define SENDMAIL_DEFAULT "/usr/sbin/sendmail -t -oi"
/* $CRM_SENDMAIL when set and not empty, else SENDMAIL_DEFAULT. */
const char *sendmail_command(void);
/* Run CMD with /bin/sh -c, MSG on its standard input (stdout is flushed
 * first).  0 when it read it all and exited 0; else -1 after a warning
 * "cannot mail 'TO': ..." with its exit status, signal or the write
 * error.  Dies 71 (EX_OSERR) when it cannot pipe, fork or wait. */
int sendmail_run(const char *cmd, const char *to, const struct buf *msg);

/* lib/mailsent.c: what crm-mail --once remembers in table mail_sent.
 * DAY is YYYY-MM-DD, DIGEST mail_digest() of the subject and body; the
 * database is open.  Database errors die as db_step does. */
/* Before the first mail_sent_has: wait until no other run of crm-mail
 * --once on this database is sending, and keep others waiting until this
 * one exits (an exclusive flock(2) on the database file, let go by the
 * kernel however the run ends), so that runs that overlap send a message
 * once.  Dies 66 when the file cannot be opened, 71 when it cannot be
 * locked. */
void mail_sent_lock(void);
/* 1 when that message went to TO on DAY, else 0. */
int mail_sent_has(const char *day, const char *to, const char *digest);
/* Remember it, in a transaction of its own (busy: exit 75), with a change
 * log entry; remembering it twice adds nothing. */
void mail_sent_add(const char *day, const char *to, const char *digest);

/* lib/csvin.c: the streaming CSV reader of crm-import: bytes -> iconv ->
 * strict UTF-8 (BOM skipped, CR LF read as LF, NUL refused) -> libcsv in
 * strict mode -> rows, each with the physical line it starts on.  Rows of
 * nothing but empty fields are skipped; unquoted fields lose surrounding
 * blanks (libcsv). */
#define CSVIN_MAXFIELD (1 << 20)	/* default field size limit, bytes */
#define CSVIN_MAXCOLS 256		/* fields kept of a row (n counts all) */
struct csvrow {
	long line;	/* physical line the row starts on */
	int n;		/* fields in the row */
	int kept;	/* fields in f: n, at most CSVIN_MAXCOLS */
	char **f;	/* NUL-terminated values */
	size_t *len;
	/* The reader's reasons the row is bad, one a line ending in a
	 * newline ("uscc: 9.16108023082463E+17 is a number..."), or NULL:
	 * the cells a spreadsheet spoiled (lib/xlsxin.c); CSV has none. */
	const char *why;
};
struct csvin;
/* PATH "-" or NULL is stdin; ENCODING NULL or "utf-8", else any name
 * iconv knows ("gb18030"); MAXFIELD 0 means CSVIN_MAXFIELD.  Dies 66 when
 * the file cannot be opened or is a folder (stdin too), 64 for an unknown
 * encoding. */
struct csvin *csvin_open(const char *path, const char *encoding,
    size_t maxfield);
struct csvin *csvin_mem(const char *name, const void *data, size_t n,
    const char *encoding, size_t maxfield);
/* 1 and the next row (valid until the next call), 0 at the end, -1 on an
 * error that ends the input: csvin_error() is "NAME:LINE[:COL]: why",
 * csvin_errcode() its exit code (65 bad data, 74 read error). */
int csvin_next(struct csvin *c, struct csvrow **row);
const char *csvin_error(struct csvin *c);
int csvin_errcode(struct csvin *c);
const char *csvin_name(struct csvin *c);
/* Bytes read from C's input so far, and its size (-1 when it is not a
 * regular file): for progress. */
long long csvin_bytes(const struct csvin *c);
long long csvin_size(const struct csvin *c);
void csvin_close(struct csvin *c);

/* lib/xlsxin.c: the .xlsx reader of crm-import: the rows of one
 * worksheet of an Office Open XML workbook (ECMA-376 Part 1,
 * SpreadsheetML; Excel 2007 and later, LibreOffice, WPS), as struct
 * csvrow, so that they take the way of a CSV file's rows.  libzip opens
 * the container and expat reads the XML: the workbook and its
 * relationships to find the sheet, the shared strings (held in memory,
 * at most XLSXIN_MAXSTRINGS bytes) and the styles (which cells are
 * dates), then the sheet as a stream, a chunk of the zip at a time, the
 * parser suspended after each row: memory does not grow with the rows.
 * Each row's line is its row number in the sheet (r="7"); cells are
 * placed by their reference (C7), the gaps empty; empty cells at the end
 * of a row and rows of nothing but empty cells are left out, and once
 * xlsxin_columns() has named the columns, a row is padded to them.  A
 * cell becomes text by xlsx_cell_text() (lib/xlsxcell.c), for the field
 * of its column; the cells it refuses make the row's why.  Formulas give
 * the value the spreadsheet last computed.  libzip and expat are loaded
 * by the first reader opened (lib/xlsxlib.c): no program is linked with
 * them. */
#define XLSXIN_MAXSTRINGS ((size_t)256 << 20)
struct xlsxin;
/* Read sheet SHEET (its name on the tab) of the workbook at PATH, or
 * with SHEET NULL the first worksheet that is not hidden; MAXFIELD as
 * for csvin_open.  Never fails: every error, the file that cannot be
 * opened included, comes from the first xlsxin_next(). */
struct xlsxin *xlsxin_open(const char *path, const char *sheet,
    size_t maxfield);
/* The same for the N bytes at DATA (not copied: they must outlive X),
 * named NAME in messages. */
struct xlsxin *xlsxin_mem(const char *name, const void *data, size_t n,
    const char *sheet, size_t maxfield);
/* The fields of the columns, from the header (COL[i] of column i, N at
 * most CSVIN_MAXCOLS; copied): the rows after it are converted for them
 * and padded to N cells.  Before it, cells are converted for no column
 * (as xlsx_cell_text with F NULL). */
void xlsxin_columns(struct xlsxin *x, const struct field *const *col,
    int n);
/* 1 and the next row (owned by X, valid until the next call), 0 at the
 * end of the sheet, -1 on an error that ends the input: xlsxin_error()
 * is "NAME: why" or "NAME:ROW: why", xlsxin_errcode() its exit code: 65
 * for a file that is not a workbook (not a zip, damaged, XML that is not
 * well-formed, no worksheet, a cell longer than MAXFIELD), 66 when the
 * file cannot be opened or the workbook has no sheet SHEET (the message
 * lists its sheets), 69 (EX_UNAVAILABLE) when libzip or expat cannot be
 * loaded ("reading a workbook needs LIB, which cannot be loaded: why"),
 * 74 for a read error, 70 when memory runs out. */
int xlsxin_next(struct xlsxin *x, struct csvrow **row);
const char *xlsxin_error(struct xlsxin *x);	/* "" before an error */
int xlsxin_errcode(struct xlsxin *x);
const char *xlsxin_name(struct xlsxin *x);	/* the path, or NAME */
void xlsxin_close(struct xlsxin *x);

/* lib/xlsxcell.c: a spreadsheet cell as the text crm reads. */
#define XLSX_FMT_NUMBER 0	/* a number format: the number */
#define XLSX_FMT_DATE 1		/* a date format: the day */
#define XLSX_FMT_DATETIME 2	/* a date and a time of day */
/* The kind (XLSX_FMT_*) of number format ID: with CODE NULL a built-in
 * one (ECMA-376 Part 1, 18.8.30: 14-17 and 22, and the ids of East Asian
 * dates, 27-31, 36, 50-54, 57, 58; the formats of a time of day alone
 * are numbers), else the custom format CODE: a date when its tokens,
 * outside quoted text, escapes and [brackets], hold y or d, with a time
 * when they also hold h or s. */
int xlsx_numfmt_kind(long id, const char *code);
/* Day SERIAL of the 1900 date system (day 1 is 1900-01-01; day 60 is the
 * 1900-02-29 that never was), or DATE1904 of the 1904 one (day 0 is
 * 1904-01-01), as YYYY-MM-DD into OUT, and " HH:MM:SS" (the fraction of
 * the day) after it when TIME.  0, or -1 when SERIAL is no day up to
 * 9999-12-31. */
int xlsx_serial_date(double serial, int date1904, int time, char out[20]);
/* X (finite) as the shortest decimal that reads back as X, never in
 * E-notation ("12", "0.1", "916108023082463000"), into OUT (reset);
 * returns its significant digits (those of the whole part, for a whole
 * number: 18 for the last one). */
int xlsx_number_text(double x, struct buf *out);
enum xlsxin_cell {		/* ST_CellType, 18.18.11 */
	XLSXIN_STRING,		/* s, str, inlineStr: the text */
	XLSXIN_NUMBER,		/* n: the number as the file writes it */
	XLSXIN_BOOL,		/* b: 1 or 0 */
	XLSXIN_ERROR,		/* e: #N/A, #DIV/0!, ... */
	XLSXIN_ISODATE,		/* d: an ISO 8601 date and time */
	XLSXIN_UNCOMPUTED	/* a formula (<f>) without the value it
				 * computed (<v>): RAW is "" */
};
/* The text crm reads for a cell of KIND holding RAW, shown in number
 * format FMT (XLSX_FMT_*), of the workbook's date system DATE1904, in the
 * column of field F (NULL: a header, or past the header's columns), into
 * OUT (reset).  A string is itself; a boolean yes or no; a number or an
 * ISO date in a date format its day (with its time of day when the
 * format shows one and F is not a date column); a money column's number
 * with two decimals when it has at most two within the 15 significant
 * digits a spreadsheet keeps (0.30000000000000004 is 0.30; 12345.675
 * stays so, for the money column to refuse); any other number its
 * shortest decimal (12, not 12.0).  Returns 0; or -1, with RAW in OUT
 * and a reason line ("F: why\n") added to WHY, for a cell the
 * spreadsheet spoiled or that says no value of the column: an error
 * value (#N/A); a formula never computed (XLSXIN_UNCOMPUTED); a boolean
 * where F is not FT_BOOL; in a column of text, a code or a credit code
 * (FT_TEXT, FT_CODE, FT_USCC) or of digits (MASK_DIGITS: phone, QQ), a
 * number of 12 or more digits or written in E-notation (its digits are
 * lost); in a phone column (F_PHONE), a whole number that
 * phone_stripped() takes for a phone number with its area code that
 * lost its leading 0; in a column of dates or times (FT_DATE, FT_TIME),
 * a whole number not in a date format that is a day of the date system
 * (46000): a day shown as its serial, the hint saying which day and that
 * the column wants the Date format. */
int xlsx_cell_text(enum xlsxin_cell kind, const char *raw, int fmt,
    int date1904, const struct field *f, struct buf *out, struct buf *why);

/* lib/rowin.c: crm-import's input, a CSV file (lib/csvin.c) or an .xlsx
 * workbook (lib/xlsxin.c), read as the same rows. */
struct rowin;
/* PATH "-" or NULL is standard input, CSV.  A PATH whose name ends in
 * .xlsx (any case) is a workbook: its first bytes must be a zip's,
 * "PK\3\4", else it dies 65 saying what it is not; SHEET names its
 * worksheet (NULL: the first).  Any other file is CSV, read in ENCODING;
 * SHEET given for it dies 64.  MAXFIELD as for csvin_open.  Dies 66 when
 * the file cannot be opened or is a folder. */
struct rowin *rowin_open(const char *path, const char *encoding,
    size_t maxfield, const char *sheet);
/* The header's fields, for a workbook's cells (xlsxin_columns). */
void rowin_columns(struct rowin *in, const struct field *const *col, int n);
/* As csvin_next, csvin_error, csvin_errcode, csvin_name, csvin_close. */
int rowin_next(struct rowin *in, struct csvrow **row);
const char *rowin_error(struct rowin *in);
int rowin_errcode(struct rowin *in);
const char *rowin_name(struct rowin *in);
void rowin_close(struct rowin *in);
/* For progress: bytes read and the input's size, as csvin_bytes and
 * csvin_size; -1 for a workbook (its rows are counted alone). */
long long rowin_bytes(const struct rowin *in);
long long rowin_size(const struct rowin *in);

/* lib/csvout.c: the CSV writer of crm-export (RFC 4180 through libcsv's
 * writer; a field is quoted when it holds , " CR LF or starts or ends with
 * a blank). */
#define CSVOUT_BOM 1	/* a UTF-8 byte order mark first */
#define CSVOUT_RAW 2	/* no formula guard */
struct csvout;
/* PATH NULL or "-" is stdout; a file is written under a temporary name
 * (mode 0600) and renamed at csvout_close, removed if the program dies; a
 * device, FIFO or symbolic link is written through, never replaced; a
 * folder dies 73.  ENCODING NULL or "utf-8", else converted with iconv. */
struct csvout *csvout_open(const char *path, const char *encoding, int flags);
/* The next field; TEXT marks a text cell for the formula guard: a value
 * that csv_guarded() gets a ' in front.  NULL and "" write nothing. */
void csvout_field(struct csvout *o, const char *s, int text);
void csvout_endrow(struct csvout *o);
void csvout_close(struct csvout *o);	/* dies 74 on a write error */
/* 1 when V starts with = + - @ tab or CR, or with ' and then one of them:
 * a spreadsheet would take it for a formula (crm-import takes the ' off). */
int csv_guarded(const char *v);
/* Append one CSV field of N bytes to B, quoted (by libcsv) only when it
 * must be; crm-export and every program's -o csv write fields this way. */
void csv_append(struct buf *b, const char *s, size_t n);

/* lib/xlsxout.c: a table as a workbook, one worksheet of Office Open XML
 * SpreadsheetML (ECMA-376, the .xlsx of Excel 2007 and later), written
 * with libxlsxwriter: crm-export --xlsx and every program's -o xlsx.  A
 * text cell is always a string cell, whatever it looks like (a phone
 * number, a QQ number or a credit code keeps its digits and leading
 * zeros); a number a number cell; an amount a number with format 0.00; a
 * date a date cell with format yyyy-mm-dd.  The header row is bold and
 * frozen; each column is as wide as its widest line (a Chinese character
 * counts two, display_width), within bounds.  Rows go to a file of
 * libxlsxwriter's own as they come (constant memory).  Messages are one
 * line of crm's own: what libxlsxwriter says on stderr is not shown.
 * libxlsxwriter, libzip and expat are loaded by the first xlsxout_open
 * (lib/xlsxlib.c): no program is linked with them. */
enum xlsx_cell {
	XLSX_BLANK,	/* nothing (a null, or "") */
	XLSX_TEXT,	/* a string cell, always */
	XLSX_NUMBER,	/* -?D[.D]: a number shown with as many decimals
			 * (more than 15 significant digits, a leading 0,
			 * anything else: a string cell, as written); any
			 * other finite number strtod reads (1.0e+20):
			 * General */
	XLSX_MONEY,	/* 12345.60: a number with format 0.00 */
	XLSX_DATE	/* YYYY-MM-DD: a date cell (not a valid date, or
			 * before 1900: a string cell) */
};
#define XLSXOUT_NOHEADER 1	/* the names for messages, no header row */
struct xlsxout;
/* A workbook for file PATH, or for stream FP when PATH is NULL or "-"
 * ("-": standard output); its one sheet named SHEET (NULL, or a name a
 * sheet cannot have: Sheet1).  A file is made under a hidden name beside
 * PATH (mode 0600) and renamed at xlsxout_close, removed if the program
 * ends first; a device, FIFO or symbolic link is written through (from a
 * workbook made in $TMPDIR, else /tmp), never replaced; so is FP.  Dies
 * 64 when FP or that device is a terminal (a workbook is binary), 73 when
 * PATH is a folder or cannot be created, or no temporary file can be
 * made; first of all, 69 (EX_UNAVAILABLE) when libxlsxwriter, libzip or
 * expat cannot be loaded ("writing a workbook needs LIB, which cannot be
 * loaded: why"), no file touched. */
struct xlsxout *xlsxout_open(const char *path, FILE *fp, const char *sheet,
    int flags);
/* The column names (copied, for messages), and the header row unless
 * XLSXOUT_NOHEADER: HEADS, the text people read (NULL, or a NULL one:
 * the name); once, before the rows.  KINDS (NULL: unknown) says each
 * column's kind of cell.  A column declared XLSX_TEXT, or (KINDS NULL)
 * that held text cells and no other, gets number format Text (@) as a
 * whole, as every text cell does: what is typed there later (a phone
 * number's leading 0, a long code) stays text. */
void xlsxout_header(struct xlsxout *x, int ncol, const char *const *names,
    const char *const *heads, const enum xlsx_cell *kinds);
/* The next cell of the row: TEXT (not kept) as KIND says; NULL or "" is
 * blank.  Dies 65 for a row past the 1048576 a sheet holds or a text of
 * more than 32767 characters (a cell's most), naming row and column. */
void xlsxout_cell(struct xlsxout *x, enum xlsx_cell kind, const char *text);
void xlsxout_endrow(struct xlsxout *x);
/* Write the workbook, read it back (libzip, expat: every part whole and
 * well-formed, since libxlsxwriter does not check what it writes to its
 * temporary files), give the file its name or copy it to FP (and check
 * FP), free X.  Dies 74 on a write error (a full disk, here or in
 * $TMPDIR), 73 when the file cannot be created or named. */
void xlsxout_close(struct xlsxout *x);
/* The kind of cell a field of the model is written as: a number for an
 * id, a whole number or a reference, an amount for money, a date for a
 * date, text for all else (codes, phones, QQ, USCC, flags, time
 * stamps). */
enum xlsx_cell xlsx_field_kind(const struct field *f);

/* lib/filter.c: list filters.  A filter option may be repeated or hold
 * comma-separated values (--tier A,B); a row matches when it matches any
 * of them, and an empty value matches a row without one. */
struct filter {
	int n;		/* values; 0 when the option was not given */
	char **v;	/* each value as given, "" for an empty one */
};
void filter_add(struct filter *f, const char *arg);	/* split at commas */
/* After db_open: check each value as record_set checks a value of column
 * FIELD of TABLE (the column tables of lib/entity.c); dies 65 with
 * "NAME: why", NAME the option's name ("tier: 'Z' is not one of: A B C",
 * "assignee: no staff member with login 'x'"). */
void filter_check(struct filter *f, const char *name, const char *table,
    const char *field);
/* The same for values that are not a column's: each one of WORDS (ends
 * with NULL), else dies 65 "NAME: 'v' is not one of: W1 W2...". */
void filter_check_words(const struct filter *f, const char *name,
    const char *const *words);
/* The same for free text (a region, a department, a login the change log
 * keeps, the words of a search): each value well-formed UTF-8, as a stored
 * text must be, else dies 65 "NAME: invalid UTF-8 at byte N" (a text that
 * is not would match nothing, silently). */
void filter_check_text(const struct filter *f, const char *name);
/* 1 when F was not given or V (NULL reads as "") is one of its values. */
int filter_match(const struct filter *f, const char *v);
void filter_free(struct filter *f);

/* lib/custfilter.c: crm-list's customer filters, shared with crm-export. */
extern const char *const customer_filters[];	/* tier stage owner region
						   credit category */
#define CUSTFILTER_N 6
struct custfilter {
	struct filter f[CUSTFILTER_N];	/* by index in customer_filters */
	struct buf search;	/* --search's terms */
};
/* The filter options, numbered BASE + the index in customer_filters. */
#define CUSTFILTER_LONGOPTS(base) \
	{"tier", 1, 0, (base) + 0}, {"stage", 1, 0, (base) + 1}, \
	{"owner", 1, 0, (base) + 2}, {"region", 1, 0, (base) + 3}, \
	{"credit", 1, 0, (base) + 4}, {"category", 1, 0, (base) + 5}
void custfilter_add(struct custfilter *cf, int which, const char *value);
void custfilter_search(struct custfilter *cf, const char *text);
int custfilter_any(const struct custfilter *cf);
/* After db_open: check every value (dies 65 on a bad one, as
 * filter_check) and append the conditions, " AND ..." over alias c, with
 * their values to Q. */
void custfilter_query(struct custfilter *cf, struct query *q);
void custfilter_free(struct custfilter *cf);

/* lib/settings.c: the settings crm knows, their kinds and defaults. */
/* The value stored for KEY, malloc'd; NULL when there is no row. */
char *setting_get(const char *key);
/* KEY as a number: the stored value, else the setting's default (a
 * warning when the stored value is not a number); dies 70 for a key that
 * is not a number setting.  Settings are read once; setting_set and
 * db_close forget them. */
int64_t setting_int(const char *key);
/* 1 when the word setting KEY (sla.days) is WORD, its default when unset
 * (a stored value not in its list warns and counts as the default); dies
 * 70 when KEY is not a word setting that may be WORD. */
int setting_is(const char *key, const char *word);
void settings_forget(void);
/* The I-th setting crm knows (from 0), its default and what it is for;
 * NULL past the last. */
const char *setting_key(size_t i, const char **dflt, const char **what);
/* VALUE checked for KEY: the form to store, malloc'd; NULL with the
 * reason in ERR (an unknown key lists the known ones). */
char *setting_check(const char *key, const char *value, struct buf *err);
/* Store VALUE for KEY after setting_check, logging the change, in the
 * caller's transaction.  0 ok; -1 with ERR. */
int setting_set(const char *key, const char *value, struct buf *err);

/* lib/import.c: crm-import's engine.  A CSV file (RFC 4180, read by
 * lib/csvin.c: FILE:LINE in every message), or a sheet of an .xlsx
 * workbook (lib/xlsxin.c: FILE:ROW, the sheet's row number; lib/rowin.c
 * tells the two apart), into one table: a header that
 * names columns of the table, then rows, each value checked by
 * record_set_field() as crm-add checks its options, each row against the
 * table's unique constraints and the rules of record_insert() and
 * record_update().  The whole file in one transaction (BEGIN IMMEDIATE):
 * all of it or, when a row is bad and there is no rejects file, none. */
#define IMPORT_MAX_ERRORS 100	/* bad rows shown on stderr when not told */
struct import_opts {
	const char *encoding;	/* NULL or "utf-8", else a name iconv knows
				 * ("gb18030"); rejects are written in it */
	const char *rejects;	/* NULL; else a file (written in full after
				 * the commit, mode 0600; with a BOM in
				 * UTF-8) or "-" (stdout): the bad rows, as
				 * they were, with a reason column; the good
				 * rows are imported */
	int update;		/* a row whose key (entity->key, else id)
				 * names a record changes the columns given */
	int dry_run;		/* everything checked, then rolled back; no
				 * rejects file but "-" */
	int raw;		/* keep the ' of crm-export's formula guard */
	int verbose;		/* where the time went, on stderr */
	int quiet;		/* no progress on a terminal */
	int strict;		/* a phone that lost its leading 0 is an error,
				 * not a warning */
	long max_errors;	/* bad rows reported on stderr, at least 0;
				 * IMPORT_MAX_ERRORS */
	size_t max_field;	/* bytes in one field; 0: CSVIN_MAXFIELD */
	const char *sheet;	/* an .xlsx workbook's sheet to read, by its
				 * name; NULL: the first (lib/rowin.c) */
};
struct import_result {
	char *name;		/* the input as messages name it ("<stdin>");
				 * malloc'd, the caller frees it */
	long rows;		/* rows read after the header (blank ones
				 * not counted) */
	long added, updated;	/* records added; records changed (--update) */
	long bad;		/* rows refused */
	long derived;		/* records added with a value a rule derived
				 * (a tier from the rulebook's criteria) */
};
/* Import PATH (NULL or "-": standard input) into E's table, after
 * db_open().  Each reason a row is bad goes to stderr as
 * "NAME:LINE: column: why" (all the reasons of the first max_errors bad
 * rows: with a bad value, the required values missing and the keys taken too;
 * a key that repeats one of an earlier row, good or bad, says that
 * row's line), and -v adds timings.  Returns 0 when the rows are committed
 * (rolled back for a dry run), -1 when a row was bad and there was no
 * rejects file: nothing written, R counts the rows.  A row a workbook's
 * reader found bad (csvrow.why) is reported for that alone.  Dies 64 for
 * an unknown encoding or a sheet named for CSV, 66 when PATH cannot be
 * read or the workbook has no such sheet, 64 for a rejects file named
 * .xlsx (it is CSV), 65 for a bad header (every unknown, doubled or
 * missing column on a line of its own; a file separated by tabs or
 * semicolons, a title row above the names), CSV that cannot be read
 * (a workbook or an old .xls that is not named .xlsx, a UTF-8 file given
 * another encoding: each said as such)
 * ("NAME:LINE[:COL]: why") or a workbook that cannot, 74 on a read or
 * write error, 75 when the database is busy. */
int import_file(const struct entity *e, const char *path,
    const struct import_opts *o, struct import_result *r);

/* lib/shipped.c: the calendars crm ships, holidays.csv (the festivals of
 * holiday callbacks) and calendar.csv (the official days off and make-up
 * working days). */
/* The folder of the running program (/proc/self/exe), where what crm
 * ships beside it is found (../share/crm, ../share/locale); NULL when it
 * cannot be read.  Static storage. */
const char *exe_dir(void);
/* Where they are: $CRM_DATA_DIR (empty: nowhere; dies 66 when it lacks a
 * file), else ../share/crm or ../data beside the program (installed, or
 * the source tree); NULL when none holds them all.  Static storage. */
const char *shipped_dir(void);
/* Import them into the open database (import_file, a transaction each);
 * without a folder, one warning and 0.  0 ok, -1 when a file was refused
 * (its reasons on stderr). */
int shipped_load(void);

/* lib/tablenames.c: the tables of entities[], for usage texts and
 * messages, so that no program spells out the list. */
/* Append the table names to B in the order of entities[]: SEP between two,
 * LAST before the final one (", " and " or " give "customers, contacts,
 * ... or holidays"). */
void entity_tables(struct buf *b, const char *sep, const char *last);
/* Append a usage text's TABLE lines: "TABLE: customers contacts ...\n",
 * wrapped before a line passes 64 bytes, continued under the first name. */
void entity_tables_usage(struct buf *b);
/* entity_find(NAME), or die 64 "unknown table 'NAME': use customers,
 * contacts, ... or holidays". */
const struct entity *entity_need(const char *name);

/* lib/customer.c */
/* The customer named by id or code; dies 1 "no customer 'X'" when none
 * (as customer_unknown says it). */
int64_t customer_need(const char *idcode);
/* Why no customer has the id or code TEXT, into ERR (errf), for column
 * FIELD ("FIELD: " first) or, FIELD NULL, for an option: "no customer
 * 'X'"; or, when TEXT is exactly the name of customers, that it is, with
 * the code when one customer has it.  A name is never taken for the
 * customer: two may share one. */
void customer_unknown(const char *field, const char *text, struct buf *err);
/* Each customer of GIVEN (ids or codes, as -c takes them) added to IDS by
 * id; dies 1 at the first that does not exist. */
void customer_ids(const struct filter *given, struct filter *ids);
/* The current row of S as one JSON object: NULL as null, numeric values and
 * the columns listed in NUMCOLS (comma-separated, may be NULL) as numbers. */
void json_row(struct buf *b, db_stmt *s, const char *numcols);
/* Every remaining row of S as a JSON array, SEP ("" or "\n  ") before each
 * object.  Returns the number of rows. */
long json_rows(struct buf *b, db_stmt *s, const char *numcols,
    const char *sep);

/* lib/complaint.c: what crm-complaint shows (SPEC section 6). */
struct complaint_filter {
	struct filter status, dept, severity, handler;
	struct filter customer;	/* customer ids */
	int overdue;		/* due date before today, not closed */
	int escalated;
	int from, to;		/* received (local day) within; INT_MIN: open */
};
/* The complaints matching F (values checked: dies 65 on a bad one), in
 * the order received, on standard output in the chosen format: id
 * received (local day) customer_id code customer category severity
 * escalated status dept handler due_date reopen_count. */
void complaints_print(struct complaint_filter *f);
/* Complaint ID with every column, then its steps (complaint_events: id at
 * who action text); -o json one object with "steps" nested.  Dies 1 when
 * there is no complaint ID. */
void complaint_show(int64_t id, enum fmt fmt);
/* The complaint handling notice for the responsible department: number,
 * customer, contact and phone (the customer's primary contact and the
 * contact's own phone where the complaint names none), place, received
 * (local time), channel, severity, escalated, category, due date,
 * department, handler, status, description; a form of one field a line,
 * or one JSON object.  Dies 1 when there is no complaint ID. */
void complaint_notice(int64_t id, enum fmt fmt);
/* A note on complaint ID (a complaint_events row, action note, by the
 * acting user, now), in the caller's transaction; its id.  Dies 1 when
 * there is no complaint ID, 65 when it is closed or TEXT is blank. */
int64_t complaint_note(int64_t id, const char *text);
struct survey_filter {
	struct filter customer;	/* customer ids */
	struct filter channel, staff, complaint;
	int from, to;		/* survey date within; INT_MIN: open */
};
/* crm survey list: the surveys matching F (values checked: dies 65), by
 * date: id date customer_id code customer channel service_score
 * operation_ok staff_score suggestion staff complaint. */
void surveys_print(struct survey_filter *f);
/* lib/report.c: the reports of SPEC section 7, each one table on standard
 * output in the chosen format. */
struct report_opts {
	const char *by;		/* --by WORD, or NULL */
	int from, to;		/* the days bounding it, INT_MIN: open */
	int month;		/* they are those of one --month */
	int64_t days;		/* churn --days */
	int days_given;		/* --days was given */
	int period;		/* visits: one period's rules (--month,
				 * --quarter, --year), the enum period + 1;
				 * 0: none given */
	int detail;		/* visits --detail: a row a customer and rule */
	int week;		/* they are those of one --week (summary) */
};
/* Report NAME with O: 0, or -1 when there is no report NAME.  Dies 64 for
 * a --by the report does not offer (naming those it does), dates given to
 * a report that takes none, or --days to another than churn. */
int report_run(const char *name, const struct report_opts *o);
/* The names of the reports, space-separated, appended to B. */
void report_names(struct buf *b);
/* The --by words REPORT offers, |-separated ("region|owner"), appended to
 * B: {by.REPORT} in a usage text. */
void report_by_words(struct buf *b, const char *report);

/* lib/html.c: self-contained HTML pages (WHATWG HTML, written so that an
 * XML parser reads them too): no script, no web fonts, nothing fetched;
 * the system's CJK fonts; printable on A4.  Pages are built in a buf. */
/* S with & < > " ' as character references, and control characters other
 * than tab and line feed as U+FFFD; S NULL adds nothing. */
void html_escape(struct buf *b, const char *s);
/* The page's start up to its <h1>TITLE</h1> and a line SUB (may be NULL). */
void html_page_begin(struct buf *b, const char *title, const char *sub);
void html_page_end(struct buf *b);

/* lib/htmltext.c: an HTML document as the plain text a reader without
 * HTML should get (the text/plain part of crm-mail --html): headings,
 * paragraphs, list items and line breaks as lines; each table as columns
 * aligned by display width (figures right-aligned); the head, styles,
 * scripts and SVG left out; character references undone.  Lenient:
 * nothing in HTML is an error.  Appended to OUT, ending in a line end
 * unless empty. */
void html_text(struct buf *out, const char *html);
/* The text of HTML's <title> (before <body>), appended to OUT; nothing
 * when it has none. */
void html_title(struct buf *out, const char *html);

/* lib/chart.c: a bar chart as inline SVG.  Figures are given as text, as
 * the page's table shows them, and each bar is a <rect class="bar"> with
 * that text in data-value (a mark: a <line class="mark">). */
struct chart {
	size_t n;			/* groups: a label each */
	const char *const *label;
	int nser;			/* bars a group, 1 or 2 */
	const char *const *series;	/* their names (the legend) */
	const char *const *value;	/* n * nser figures; NULL draws 0 */
	const char *const *mark;	/* n marks (a target), or NULL */
	const char *mark_name;
	int vertical;			/* bars up (months), else across */
	double max;			/* the scale's top; 0: the largest */
	const char *unit;		/* after each figure: "%" or "" */
};
/* C as one <svg> element appended to B; nothing when C has no groups. */
void chart_svg(struct buf *b, const struct chart *c);

/* lib/order.c: orders and contracts. */
/* crm order list: the orders matching the filters, by date then id, on
 * standard output in the chosen format: id date customer_id code customer
 * kind amount description, the amount with two decimals (a number in
 * JSON).  CUSTOMER holds customer ids (customer_ids); KIND is checked
 * (dies 65 on a word that is no kind); FROM and TO bound the date, both
 * days included, INT_MIN when open. */
void orders_print(struct filter *customer, struct filter *kind, int from,
    int to);
/* crm complaint VERB (assign resolve confirm callback): read VERB's own
 * options from ARGV (which field each sets is the library's table), dies
 * 64 for another option, a needed one missing or blank, or no id operand;
 * then opens the database and fills EXTRA (initialised here, the caller
 * clears it) with the fields given.  Returns the move to make: VERB, or
 * the one an option makes instead (confirm --rejected: reject). */
struct record;
const char *complaint_step_args(const char *verb, int argc, char **argv,
    struct record *extra);
/* Move MOVE of complaint ID (lib/state.c), in the caller's transaction,
 * with the fields of EXTRA (may be NULL).  Dies as move_make does (65
 * naming the state needed, 1 for no complaint ID). */
void complaint_step(int64_t id, const char *move, struct record *extra);

/* lib/due.c: what is due (SPEC section 5), from the visit rules, the
 * holidays, visits, plans and complaints in the database. */
struct due_filter {
	int within;		/* deadlines up to today + within days */
	int escalate;		/* < 0: none; else days overdue before the
				 * assignee's manager gets a row too */
	struct filter assignee, owner, tier, level, obligation, status;
	int uids;		/* also give each row its uid (iCalendar) */
};
struct due_row {
	int due;		/* day number of the deadline */
	int overdue;		/* due < today */
	int kind;		/* index in due_obligations */
	int escalated;		/* the manager's copy of an overdue row */
	int serious;		/* a complaint marked escalated: one that
				 * --escalate names the manager for */
	int64_t customer;
	const char *obligation;	/* a word of due_obligations */
	const char *code, *customer_name, *tier, *level, *assignee, *email;
	const char *detail;
	const char *uid;	/* stable: the same obligation, the same uid;
				 * NULL unless asked for */
	size_t seq;
};
struct due_list {
	struct due_row *rows;
	size_t n;
	struct due_pool *pool;	/* owns the rows' text */
	struct staffdir *staff;	/* and the assignees' */
};
extern const char *const due_obligations[];	/* ends with NULL */
extern const char *const due_statuses[];	/* due overdue, NULL */
/* Every obligation listed today, sorted by due, then customer id. */
void due_collect(const struct due_filter *f, struct due_list *l);
void due_free(struct due_list *l);
/* A due row's detail as crm-visit-due writes it for scripts (English:
 * "1 of 2 this month", "complaint 9 (high, water quality)"), in the
 * reader's language: in B, or S itself when it has no known form (a
 * holiday's name and date).  For table output and the mail. */
const char *due_detail_label(const char *s, struct buf *b);

/* lib/ics.c: iCalendar (RFC 5545). */
void ics_text(struct buf *b, const char *s);	/* escape \\ ; , newline */
/* Write one content line folded at 75 octets (never inside a UTF-8
 * sequence), each line ending in CRLF. */
void ics_line(FILE *fp, const char *line);

/* lib/plans.c: visit plans and who they wait for. */
/* The member a plan in STATUS by PLANNER waits for, with the verb in *VERB
 * (may be NULL): up the planner's reporting line (never the planner), the
 * first active member whose role is the move's first (the department
 * manager reviews, the division head approves), else the first who may
 * make the move, else the member in that role added first; NULL when the
 * plan waits for no one. */
const struct person *plan_waiting(const struct staffdir *d,
    const char *status, const char *planner, const char **verb);
/* crm visit plans: the plans matching the filters (checked, dies 65 on a
 * bad value; CUSTOMER holds ids) with the column waiting_for, on standard
 * output in the chosen format. */
void plans_print(struct filter *status, struct filter *planner,
    struct filter *waiting, struct filter *customer);

#endif
