/* test-mail.c - unit tests of lib/mail.c. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crm.h"
#include "tap.h"

static const struct {
	const char *in, *out;
} b64_cases[] = {
	{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" }, { "foo", "Zm9v" },
	{ "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" },
	{ "foobar", "Zm9vYmFy" },	/* RFC 4648 section 10 */
	{ "\xe4\xbb\x8a\xe6\x97\xa5", "5LuK5pel" },	/* 今日 */
	{ "\xff\xfe\x00", NULL },	/* checked by length below */
};

static const struct {
	const char *in;
	uint64_t h;
} fnv_cases[] = {
	{ "", 0xcbf29ce484222325ULL },
	{ "a", 0xaf63dc4c8601ec8cULL },
	{ "foobar", 0x85944171f73967e8ULL },
};

static const struct {
	const char *addr;
	int ok;
} addr_cases[] = {
	{ "wang@example.com", 1 },
	{ "a.b+c@sub.example.cn", 1 },
	{ "x@y", 1 },
	{ "", 0 },
	{ "wang", 0 },
	{ "@example.com", 0 },
	{ "wang@", 0 },
	{ "a@b@c", 0 },
	{ "wang @example.com", 0 },
	{ "wang@example.com\nBcc: evil@x", 0 },
	{ "wang@example.com\r", 0 },
	{ "a@b,c@d", 0 },
	{ "a@b;c@d", 0 },
	{ "<a@b>", 0 },
	{ "\"a\"@b", 0 },
	{ "\xe7\x8e\x8b@example.com", 0 },	/* 王@ */
	{ "a@.example.com", 0 },
	{ "a@example.com.", 0 },
	{ "a@example..com", 0 },
	{ "a@b\t", 0 },
};

static const struct {
	const char *in;
	int ok;
	const char *value, *addr;
} from_cases[] = {
	{ "crm@example.com", 1, "crm@example.com", "crm@example.com" },
	{ " crm@example.com ", 1, "crm@example.com", "crm@example.com" },
	{ "CRM Desk <crm@example.com>", 1, "\"CRM Desk\" <crm@example.com>",
	  "crm@example.com" },
	{ "<crm@example.com>", 1, "<crm@example.com>", "crm@example.com" },
	{ "Say \"hi\" <crm@example.com>", 1,
	  "\"Say \\\"hi\\\"\" <crm@example.com>", "crm@example.com" },
	{ "\xe5\xae\xa2\xe6\x9c\x8d <crm@example.com>", 1,
	  "=?UTF-8?B?5a6i5pyN?= <crm@example.com>", "crm@example.com" },
	{ "CRM <crm@example.com> x", 0, NULL, NULL },
	{ "CRM <crm@example.com", 0, NULL, NULL },
	{ "CRM\n<crm@example.com>", 0, NULL, NULL },
	{ "crm@example.com\nBcc: x@y", 0, NULL, NULL },
	{ "crm", 0, NULL, NULL },
};

/* Decode base64 (no checks beyond the alphabet); malloc'd, *N bytes. */
static char *
b64dec(const char *s, size_t len, size_t *n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = malloc(len + 1);
	unsigned v = 0;
	int bits = 0;
	size_t i;

	*n = 0;
	for (i = 0; i < len && s[i] != '='; i++) {
		v = v << 6 | (unsigned)(strchr(tab, s[i]) - tab);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[(*n)++] = (char)(v >> bits & 0xff);
		}
	}
	out[*n] = '\0';
	return out;
}

/* Check the encoded-words of an rfc2047_encode result: each at most 75
 * characters, holding whole UTF-8 characters, decoding back to TEXT. */
static void
check_words(const char *text, const char *enc, const char *why)
{
	struct buf all = {0};
	const char *p = enc, *q, *end;
	int good = 1, nwords = 0;
	size_t n, bad;
	char *d;

	while (*p) {
		if (strncmp(p, "=?UTF-8?B?", 10) != 0) {
			good = 0;
			break;
		}
		end = strstr(p + 10, "?=");
		if (!end) {
			good = 0;
			break;
		}
		if (end + 2 - p > 75)
			good = 0;
		d = b64dec(p + 10, (size_t)(end - p - 10), &n);
		if (!utf8_valid(d, n, &bad))
			good = 0;
		buf_add(&all, d, n);
		free(d);
		nwords++;
		q = end + 2;
		if (*q == '\0')
			break;
		if (strncmp(q, "\n ", 2) != 0) {
			good = 0;
			break;
		}
		p = q + 2;
	}
	ok(good, "%s: every word well formed, <= 75, whole characters", why);
	is_str(buf_str(&all), text, "%s: decodes back (%d words)", why,
	    nwords);
	buf_free(&all);
}

int
main(void)
{
	struct buf b = {0}, v = {0}, a = {0};
	const char *why;
	char dg1[17], dg2[17], date[MAIL_DATE_SIZE];
	size_t i, line, maxline;
	time_t t;
	const char *p;

	width_init();
	for (i = 0; i < sizeof b64_cases / sizeof b64_cases[0]; i++) {
		buf_reset(&b);
		if (!b64_cases[i].out) {
			base64_encode(&b, b64_cases[i].in, 3);
			is_str(buf_str(&b), "//4A", "base64 of ff fe 00");
			continue;
		}
		base64_encode(&b, b64_cases[i].in, strlen(b64_cases[i].in));
		is_str(buf_str(&b), b64_cases[i].out, "base64 '%s'",
		    b64_cases[i].in);
	}

	for (i = 0; i < sizeof fnv_cases / sizeof fnv_cases[0]; i++)
		ok(fnv1a64(FNV1A64_INIT, fnv_cases[i].in,
		    strlen(fnv_cases[i].in)) == fnv_cases[i].h,
		    "FNV-1a 64 of '%s'", fnv_cases[i].in);
	mail_digest("s", "body\n", dg1);
	is_int(strlen(dg1), 16, "digest is 16 hex digits");
	is_int(strspn(dg1, "0123456789abcdef"), 16, "lowercase hex");
	mail_digest("s", "body\n", dg2);
	is_str(dg1, dg2, "digest is stable");
	mail_digest("t", "body\n", dg2);
	ok(strcmp(dg1, dg2) != 0, "the subject counts");
	mail_digest("s", "Body\n", dg2);
	ok(strcmp(dg1, dg2) != 0, "the body counts");
	mail_digest("sb", "ody\n", dg2);
	ok(strcmp(dg1, dg2) != 0, "subject and body do not run together");

	for (i = 0; i < sizeof addr_cases / sizeof addr_cases[0]; i++) {
		int got = mail_addr_valid(addr_cases[i].addr, &why);

		is_int(got, addr_cases[i].ok, "address '%s' %s",
		    addr_cases[i].addr, addr_cases[i].ok ? "valid" : "invalid");
		if (!got)
			ok(why && *why, "and says why (%s)", why ? why : "");
	}

	for (i = 0; i < sizeof from_cases / sizeof from_cases[0]; i++) {
		int got;

		buf_reset(&v);
		buf_reset(&a);
		got = mail_from_parse(from_cases[i].in, &v, &a, &why);
		is_int(got, from_cases[i].ok, "from '%s' %s", from_cases[i].in,
		    from_cases[i].ok ? "accepted" : "refused");
		if (got && from_cases[i].ok) {
			is_str(buf_str(&v), from_cases[i].value,
			    "from '%s': header value", from_cases[i].in);
			is_str(buf_str(&a), from_cases[i].addr,
			    "from '%s': address", from_cases[i].in);
		}
	}

	ok(mail_text_ok("今日待拜访客户 ok", &why), "Chinese text is fine");
	ok(!mail_text_ok("a\nBcc: x@y", &why), "a newline is refused");
	ok(!mail_text_ok("a\rb", &why), "a CR is refused");
	ok(!mail_text_ok("a\tb", &why), "a tab is refused");
	ok(!mail_text_ok("a\xff", &why), "invalid UTF-8 is refused");

	/* RFC 2047 */
	{
		static const char *const texts[] = {
			"今日待拜访客户",
			"a",
			/* 60 three-byte characters: several words */
			"今日待拜访客户今日待拜访客户今日待拜访客户今日待拜访客户"
			"今日待拜访客户今日待拜访客户今日待拜访客户今日待拜访客户"
			"今日待拜访客户今日待拜",
			/* mixed widths so a 39-byte cut lands mid-character */
			"ab今日😀待拜访客户é1234567890今日待拜访客户😀😀😀xyz",
			"😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀",
		};

		for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
			buf_reset(&b);
			rfc2047_encode(&b, texts[i]);
			check_words(texts[i], buf_str(&b), texts[i]);
		}
	}

	buf_reset(&b);
	mail_header(&b, "Subject", "Visits due");
	is_str(buf_str(&b), "Subject: Visits due\n", "ASCII subject as is");
	buf_reset(&b);
	mail_header(&b, "Subject", "");
	is_str(buf_str(&b), "Subject:\n", "empty subject");
	buf_reset(&b);
	mail_header(&b, "Subject", "今日待拜访客户");
	is_str(buf_str(&b), "Subject: =?UTF-8?B?5LuK5pel5b6F5ouc6K6/5a6i5oi3?=\n",
	    "Chinese subject encoded");
	buf_reset(&b);
	mail_header(&b, "Subject", "a =?UTF-8?B?QUJD?= b");
	ok(strncmp(buf_str(&b), "Subject: =?UTF-8?B?", 19) == 0,
	    "ASCII that looks like an encoded-word is encoded");
	buf_reset(&b);
	mail_header(&b, "Subject", "one two three four five six seven eight "
	    "nine ten eleven twelve thirteen fourteen fifteen sixteen");
	is_str(buf_str(&b), "Subject: one two three four five six seven eight "
	    "nine ten eleven twelve\n thirteen fourteen fifteen sixteen\n",
	    "long ASCII subject folded at a space");
	maxline = 0;
	for (p = buf_str(&b), line = 0; *p; p++) {
		if (*p == '\n') {
			if (line > maxline)
				maxline = line;
			line = 0;
		} else
			line++;
	}
	ok(maxline <= 78, "folded lines <= 78");
	buf_reset(&b);
	mail_header(&b, "Subject", "x  y");
	is_str(buf_str(&b), "Subject: x  y\n", "double spaces kept");

	/* Dates: fixed time zone. */
	setenv("TZ", "UTC", 1);
	tzset();
	t = 1795737600 + 3600 * 14 + 60 * 3 + 5;	/* 2026-11-27 14:03:05Z */
	mail_date(t, date);
	is_str(date, "Fri, 27 Nov 2026 14:03:05 +0000", "RFC 5322 date in UTC");
	setenv("TZ", "CST-8", 1);
	tzset();
	mail_date(t, date);
	is_str(date, "Fri, 27 Nov 2026 22:03:05 +0800", "RFC 5322 date at +0800");
	setenv("TZ", "EST5", 1);
	tzset();
	mail_date(t, date);
	is_str(date, "Fri, 27 Nov 2026 09:03:05 -0500", "RFC 5322 date at -0500");
	setenv("TZ", "UTC", 1);
	tzset();
	setenv("CRM_TODAY", "2027-01-05", 1);
	t = mail_now();
	mail_date(t, date);
	ok(strncmp(date, "Tue, 5 Jan 2027 ", 16) == 0,
	    "mail_now carries --today's date (%s)", date);
	unsetenv("CRM_TODAY");

	/* Body */
	buf_reset(&b);
	mail_body(&b, "a\n");
	is_str(buf_str(&b), "MIME-Version: 1.0\nContent-Type: text/plain; "
	    "charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\na\n",
	    "short lines: 8bit");
	{
		char *big = malloc(1200);

		memset(big, 'x', 1198);
		big[1198] = '\n';
		big[1199] = '\0';
		buf_reset(&b);
		mail_body(&b, big);
		ok(strstr(buf_str(&b), "Content-Transfer-Encoding: base64\n\n")
		    != NULL, "a line over 998 octets: base64");
		maxline = 0;
		for (p = buf_str(&b), line = 0; *p; p++) {
			if (*p == '\n') {
				if (line > maxline)
					maxline = line;
				line = 0;
			} else
				line++;
		}
		is_int(maxline, 76, "base64 lines are 76 long");
		free(big);
	}

	/* mbox */
	buf_reset(&b);
	mbox_append(&b, "crm@example.com", 1795737600 + 50585,
	    "Subject: x\n\nFrom here\n>From there\n>>From x\nFromage\n");
	is_str(buf_str(&b), "From crm@example.com Fri Nov 27 14:03:05 2026\n"
	    "Subject: x\n\n>From here\n>>From there\n>>>From x\nFromage\n\n",
	    "mboxrd From_ line and quoting");

	buf_free(&b);
	buf_free(&v);
	buf_free(&a);
	return done_testing();
}
