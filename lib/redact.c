/* redact.c - masks for personal data (a field's mask in lib/model.c), as
 * crm-export --redact writes them: enough is kept to tell records apart,
 * not to reach the person. */
#include <string.h>

#include "crm-int.h"

/* 13812345678 -> 138****5678: the digits of a number but its first three
 * and last four are masked, separators kept; shorter numbers (a QQ
 * number, an extension) keep only their last two digits. */
static void
mask_digits(struct buf *b, const char *s)
{
	size_t digits = 0, k = 0, keep_head = 3, keep_tail = 4;
	const char *p;

	for (p = s; *p; p++)
		digits += *p >= '0' && *p <= '9';
	if (digits < 11) {
		keep_head = 0;
		keep_tail = 2;
	}
	for (p = s; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			k++;
			buf_addc(b, k <= keep_head || k + keep_tail > digits
			    ? *p : '*');
		} else
			buf_addc(b, *p);
	}
}

/* The first character of S, then ***; for an address the domain too:
 * liweidong@example.cn -> l***@example.cn, wx_gaoxiaoyan83 -> w***. */
static void
mask_text(struct buf *b, const char *s, int email)
{
	const char *at = email ? strrchr(s, '@') : NULL;
	size_t n = 1;

	while (s[n] && ((unsigned char)s[n] & 0xc0) == 0x80)
		n++;
	buf_add(b, s, n);
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
