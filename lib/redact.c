/* redact.c - masks for personal data (a field's mask in lib/model.c), as
 * crm-export --redact writes them: enough is kept to tell records apart,
 * not to reach the person. */
#include <string.h>

#include "crm-int.h"

/* The length of the digit at S (0-9, or a full-width one as a Chinese
 * input method types it: U+FF10 to U+FF19), else 0. */
static size_t
digit(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (*p >= '0' && *p <= '9')
		return 1;
	return p[0] == 0xef && p[1] == 0xbc && p[2] >= 0x90 && p[2] <= 0x99
	    ? 3 : 0;
}

/* 13812345678 -> 138****5678: the digits of a number but its first three
 * and last four are masked, separators kept; shorter numbers (a QQ
 * number, an extension) keep only their last two digits. */
static void
mask_digits(struct buf *b, const char *s)
{
	size_t digits = 0, k = 0, keep_head = 3, keep_tail = 4, n;
	const char *p;

	for (p = s; *p; p += n ? n : 1)
		digits += (n = digit(p)) != 0;
	if (digits < 11) {
		keep_head = 0;
		keep_tail = 2;
	}
	for (p = s; *p; p += n) {
		if ((n = digit(p))) {
			k++;
			if (k <= keep_head || k + keep_tail > digits)
				buf_add(b, p, n);
			else
				buf_addc(b, '*');
		} else {
			n = utf8_charlen(p, strlen(p));
			buf_add(b, p, n);
		}
	}
}

/* The first character of S, then ***; for an address the domain too:
 * liweidong@example.cn -> l***@example.cn, wx_gaoxiaoyan83 -> w***. */
static void
mask_text(struct buf *b, const char *s, int email)
{
	const char *at = email ? strrchr(s, '@') : NULL;
	buf_add(b, s, utf8_charlen(s, strlen(s)));
	buf_adds(b, "***");
	if (at)
		buf_adds(b, at);
}

const char *
redact(struct buf *b, enum mask m, const char *s)
{
	if (!s || !*s || m == MASK_NONE)
		return s;
	buf_reset(b);
	if (m == MASK_DIGITS)
		mask_digits(b, s);
	else
		mask_text(b, s, m == MASK_EMAIL);
	return buf_str(b);
}
