/* ics.c - iCalendar (RFC 5545) content lines: text escaping and folding. */
#include <string.h>

#include "crm.h"

void
ics_text(struct buf *b, const char *s)
{
	const char *p;

	if (!s)
		return;
	for (p = s; *p; p++) {
		switch (*p) {
		case '\\': buf_add(b, "\\\\", 2); break;
		case ';': buf_add(b, "\\;", 2); break;
		case ',': buf_add(b, "\\,", 2); break;
		case '\n': buf_add(b, "\\n", 2); break;
		case '\r':	/* CR LF and a lone CR are one line break */
			if (p[1] != '\n')
				buf_add(b, "\\n", 2);
			break;
		default:
			/* Control characters other than tab are not allowed
			 * in a TEXT value. */
			if ((unsigned char)*p >= 0x20 || *p == '\t')
				buf_addc(b, *p);
		}
	}
}

/* Fold LINE into lines of at most 75 octets, each continuation beginning
 * with a space, never cutting a UTF-8 sequence; every line ends in CRLF. */
void
ics_line(FILE *fp, const char *line)
{
	const char *p = line;
	size_t left = strlen(line), room = 75, n;

	for (;;) {
		/* Never 0: a character is at most 4 bytes, room at least 74
		 * (and a byte that starts no character stands alone). */
		n = utf8_cut(p, left, room);
		fwrite(p, 1, n, fp);
		fputs("\r\n", fp);
		p += n;
		left -= n;
		if (!left)
			break;
		fputc(' ', fp);
		room = 74;
	}
}
