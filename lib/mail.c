/* mail.c - the parts of RFC 5322, RFC 2045/2047 and mbox that crm-mail
 * needs: addresses, encoded headers, dates, body encoding, digests.
 *
 * Messages are built with bare LF line ends: sendmail and mbox files take
 * local line ends and the mail system writes CRLF on the wire.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crm-int.h"

/* Header lines are folded before this many characters where possible. */
#define MAIL_FOLD 78
/* The hard limit on a line, without its line end (RFC 5322 2.1.1). */
#define MAIL_LINE_MAX 998
/* Bytes of text per RFC 2047 encoded-word: 39 bytes are 52 base64
 * characters, a word of 64, and "Subject: " plus a word stays within the
 * 76 characters RFC 2047 allows a line holding encoded-words. */
#define WORD_BYTES 39

void
base64_encode(struct buf *b, const void *data, size_t n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = data;
	unsigned v;
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		buf_addc(b, tab[v >> 18]);
		buf_addc(b, tab[v >> 12 & 63]);
		buf_addc(b, tab[v >> 6 & 63]);
		buf_addc(b, tab[v & 63]);
	}
	if (n - i == 1) {
		v = (unsigned)p[i] << 16;
		buf_addc(b, tab[v >> 18]);
		buf_addc(b, tab[v >> 12 & 63]);
		buf_adds(b, "==");
	} else if (n - i == 2) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8;
		buf_addc(b, tab[v >> 18]);
		buf_addc(b, tab[v >> 12 & 63]);
		buf_addc(b, tab[v >> 6 & 63]);
		buf_addc(b, '=');
	}
}

uint64_t
fnv1a64(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;

	while (n--) {
		h ^= *p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

void
mail_digest(const char *subject, const char *body, char out[17])
{
	uint64_t h = FNV1A64_INIT;

	h = fnv1a64(h, subject, strlen(subject) + 1);	/* with the NUL */
	h = fnv1a64(h, body, strlen(body));
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

int
mail_addr_valid(const char *addr, const char **why)
{
	const char *at = strchr(addr, '@'), *p;

	*why = NULL;
	for (p = addr; *p && !*why; p++) {
		unsigned char c = (unsigned char)*p;

		if (c <= ' ' || c == 0x7f)
			*why = "contains a space or control character";
		else if (c >= 0x80)
			*why = "is not ASCII";
		else if (strchr(",;<>()[]\"\\:", c))
			*why = "contains one of , ; < > ( ) [ ] \" \\ :";
	}
	if (*why)
		return 0;
	if (!*addr)
		*why = "empty";
	else if (strlen(addr) > 254)
		*why = "longer than 254 characters";
	else if (!at)
		*why = "no @";
	else if (strchr(at + 1, '@'))
		*why = "more than one @";
	else if (at == addr)
		*why = "nothing before the @";
	else if (!at[1])
		*why = "nothing after the @";
	else if (at[1] == '.' || addr[strlen(addr) - 1] == '.' ||
	    strstr(at, ".."))
		*why = "bad domain";
	return *why == NULL;
}

/* Printable ASCII only (no control characters, nothing past 0x7e). */
static int
printable_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < ' ' || (unsigned char)*s > '~')
			return 0;
	return 1;
}

int
mail_text_ok(const char *s, const char **why)
{
	const unsigned char *p;
	size_t bad;

	*why = NULL;
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < ' ' || *p == 0x7f) {
			*why = "contains a control character (newline, tab...)";
			return 0;
		}
	if (!utf8_valid(s, strlen(s), &bad)) {
		*why = "not valid UTF-8";
		return 0;
	}
	return 1;
}

void
rfc2047_encode(struct buf *b, const char *text)
{
	size_t n = strlen(text), k;
	int first = 1;

	do {
		/* Whole characters: never 0, WORD_BYTES holds any one. */
		k = utf8_cut(text, n, WORD_BYTES);
		if (!first)
			buf_adds(b, "\n ");
		buf_adds(b, "=?UTF-8?B?");
		base64_encode(b, text, k);
		buf_adds(b, "?=");
		text += k;
		n -= k;
		first = 0;
	} while (n > 0);
}

/* Plain ASCII text folded at spaces; the line so far is COL wide. */
static void
fold_ascii(struct buf *b, const char *text, size_t col)
{
	const char *p = text, *sp;
	size_t w;

	buf_addc(b, ' ');
	col++;
	while (*p) {
		sp = strchr(p, ' ');
		w = sp ? (size_t)(sp - p) : strlen(p);
		/* Fold before a word (never before an empty one: a line of
		 * only white space is not allowed) that would pass the
		 * limit, unless the line holds no word yet. */
		if (w > 0 && p != text && col + w > MAIL_FOLD &&
		    p[-1] == ' ') {
			b->len--;	/* the space moves to the next line */
			buf_adds(b, "\n ");
			col = 1;
		}
		buf_add(b, p, w);
		col += w;
		if (!sp)
			break;
		buf_addc(b, ' ');
		col++;
		p = sp + 1;
	}
}

void
mail_header(struct buf *b, const char *name, const char *text)
{
	size_t col = strlen(name) + 1;

	buf_adds(b, name);
	buf_addc(b, ':');
	if (!*text) {
		buf_addc(b, '\n');
		return;
	}
	if (printable_ascii(text) && !strstr(text, "=?") &&
	    col + 1 + strlen(text) <= MAIL_LINE_MAX) {
		fold_ascii(b, text, col);
	} else {
		buf_addc(b, ' ');
		rfc2047_encode(b, text);
	}
	buf_addc(b, '\n');
}

int
mail_from_parse(const char *from, struct buf *value, struct buf *addr,
    const char **why)
{
	const char *lt = strchr(from, '<'), *p;
	size_t n;

	if (!mail_text_ok(from, why))
		return 0;
	if (!lt) {
		/* A bare address, surrounding spaces allowed. */
		while (*from == ' ')
			from++;
		n = strlen(from);
		while (n > 0 && from[n - 1] == ' ')
			n--;
		buf_add(addr, from, n);
		if (!mail_addr_valid(buf_str(addr), why))
			return 0;
		buf_adds(value, buf_str(addr));
		return 1;
	}
	/* Display Name <address> */
	p = strchr(lt, '>');
	if (!p || p[1 + strspn(p + 1, " ")] != '\0') {
		*why = "expected 'address' or 'Name <address>'";
		return 0;
	}
	buf_add(addr, lt + 1, (size_t)(p - lt - 1));
	if (!mail_addr_valid(buf_str(addr), why))
		return 0;
	while (*from == ' ')
		from++;
	n = (size_t)(lt - from);
	while (n > 0 && from[n - 1] == ' ')
		n--;
	if (n > 0) {
		char *name = xstrndup(from, n);

		if (printable_ascii(name) && !strstr(name, "=?") && n < 200) {
			/* A quoted-string: any ASCII, \ and " escaped. */
			buf_addc(value, '"');
			for (p = name; *p; p++) {
				if (*p == '"' || *p == '\\')
					buf_addc(value, '\\');
				buf_addc(value, *p);
			}
			buf_addc(value, '"');
		} else {
			rfc2047_encode(value, name);
		}
		free(name);
		buf_addc(value, ' ');
	}
	buf_printf(value, "<%s>", buf_str(addr));
	return 1;
}

time_t
mail_now(void)
{
	char ts[21];
	struct tm tm;

	/* timestamp_now carries --today's date with the current time. */
	timestamp_now(ts);
	memset(&tm, 0, sizeof tm);
	if (sscanf(ts, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		die(EX_SOFTWARE, "bad time stamp '%s'", ts);
	tm.tm_year -= 1900;
	tm.tm_mon--;
	return timegm(&tm);
}

static const char wdays[7][4] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
static const char months[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec"
};

void
mail_date(time_t t, char out[MAIL_DATE_SIZE])
{
	struct tm tm;
	int off, y;

	if (!localtime_r(&t, &tm))
		die(EX_SOFTWARE, "localtime failed");
	off = (int)(tm.tm_gmtoff / 60) % (24 * 60);
	y = (tm.tm_year + 1900) % 10000;
	snprintf(out, MAIL_DATE_SIZE, "%s, %d %s %04d %02d:%02d:%02d %c%02d%02d",
	    wdays[tm.tm_wday % 7], tm.tm_mday % 100, months[tm.tm_mon % 12],
	    y < 0 ? -y : y, tm.tm_hour % 100, tm.tm_min % 100,
	    tm.tm_sec % 100, off < 0 ? '-' : '+', (off < 0 ? -off : off) / 60,
	    (off < 0 ? -off : off) % 60);
}

/* The headers of a UTF-8 text part of subtype SUB, a blank line, then
 * BODY: 8bit, or base64 when a line is longer than RFC 5322 allows or
 * BODY holds the text AVOID (a multipart boundary; may be NULL). */
static void
mail_part(struct buf *msg, const char *sub, const char *body,
    const char *avoid)
{
	const char *p, *nl;
	size_t i, n = strlen(body);
	int b64 = avoid && strstr(body, avoid);

	for (p = body; *p && !b64; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		if (nl - p > MAIL_LINE_MAX)
			b64 = 1;
		if (!*nl)
			break;
	}
	buf_printf(msg, "Content-Type: text/%s; charset=UTF-8\n", sub);
	if (!b64) {
		buf_adds(msg, "Content-Transfer-Encoding: 8bit\n\n");
		buf_adds(msg, body);
		if (n > 0 && body[n - 1] != '\n')
			buf_addc(msg, '\n');
		return;
	}
	buf_adds(msg, "Content-Transfer-Encoding: base64\n\n");
	for (i = 0; i < n; i += 57) {
		base64_encode(msg, body + i, n - i < 57 ? n - i : 57);
		buf_addc(msg, '\n');
	}
}

void
mail_body(struct buf *msg, const char *body)
{
	buf_adds(msg, "MIME-Version: 1.0\n");
	mail_part(msg, "plain", body, NULL);
}

void
mail_alternative(struct buf *msg, const char *text, const char *html)
{
	char digest[17], boundary[40];

	/* "=_" is never in base64 and hardly in text; a part that holds
	 * the boundary is sent in base64. */
	mail_digest(text, html, digest);
	snprintf(boundary, sizeof boundary, "=_crm_%s", digest);
	buf_printf(msg, "MIME-Version: 1.0\nContent-Type: multipart/"
	    "alternative;\n boundary=\"%s\"\n\nThis is a message in "
	    "MIME format: a plain-text part, then HTML.\n\n--%s\n",
	    boundary, boundary);
	mail_part(msg, "plain", text, boundary);
	buf_printf(msg, "\n--%s\n", boundary);
	mail_part(msg, "html", html, boundary);
	buf_printf(msg, "\n--%s--\n", boundary);
}

void
mbox_append(struct buf *b, const char *sender, time_t t, const char *msg)
{
	const char *p, *nl, *q;
	struct tm tm;
	size_t n;

	if (!gmtime_r(&t, &tm))
		die(EX_SOFTWARE, "gmtime failed");
	buf_printf(b, "From %s %s %s %2d %02d:%02d:%02d %04d\n", sender,
	    wdays[tm.tm_wday], months[tm.tm_mon], tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, tm.tm_year + 1900);
	/* mboxrd: a line that is ">"s and "From " gets one more ">". */
	for (p = msg; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		for (q = p; *q == '>'; q++)
			;
		if (strncmp(q, "From ", 5) == 0)
			buf_addc(b, '>');
		buf_add(b, p, n);
		buf_addc(b, '\n');
		if (!nl)
			break;
	}
	buf_addc(b, '\n');
}
