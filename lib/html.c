/* html.c - the HTML pages crm writes (WHATWG HTML, written so that an XML
 * parser reads them too): the escaper, and a self-contained page's start
 * and end, styled for a screen, a mail reader's HTML view and A4 paper,
 * with the system's CJK fonts and nothing fetched. */
#include <string.h>

#include "crm-int.h"

/* The page's style: system fonts for Chinese first, A4 margins, sections
 * kept whole on paper where they fit. */
static const char style[] =
	"@page{size:A4;margin:14mm 12mm}"
	"body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\","
	"\"WenQuanYi Micro Hei\",\"Microsoft YaHei\",\"PingFang SC\","
	"sans-serif;font-size:10.5pt;color:#222;max-width:186mm;"
	"margin:0 auto;padding:8px}"
	"h1{font-size:16pt;margin:0 0 2px}"
	"p.sub{color:#555;margin:0 0 10px}"
	"h2{font-size:12pt;border-bottom:1px solid #888;margin:16px 0 6px}"
	"section{break-inside:avoid;page-break-inside:avoid}"
	"table{border-collapse:collapse;font-size:9pt;margin:4px 0}"
	"th,td{border:1px solid #bbb;padding:2px 6px;text-align:left}"
	"th{background:#eee}"
	"td.n{text-align:right;font-variant-numeric:tabular-nums}"
	"svg{display:block;width:100%;max-width:180mm;height:auto;"
	"margin:4px 0}"
	"p.none{color:#777;font-style:italic}";

void
html_escape(struct buf *b, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\'': buf_adds(b, "&#39;"); break;
		default:
			/* Control characters but tab and line feed are not
			 * allowed in HTML (nor in XML): shown as U+FFFD. */
			if ((unsigned char)*s < 0x20 && *s != '\t'
			    && *s != '\n')
				buf_adds(b, "\xef\xbf\xbd");
			else
				buf_addc(b, *s);
		}
}

void
html_page_begin(struct buf *b, const char *title, const char *sub)
{
	/* The page's language is its words' (the names in it are Chinese
	 * in any case). */
	buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n",
	    /* TRANSLATORS: the BCP 47 tag of your language: zh-CN. */
	    pgettext_crm("language tag", "en"));
	buf_adds(b, "<head>\n"
	    "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" "
	    "content=\"width=device-width\"/>\n<title>");
	html_escape(b, title);
	buf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>",
	    style);
	html_escape(b, title);
	buf_adds(b, "</h1>\n");
	if (sub && *sub) {
		buf_adds(b, "<p class=\"sub\">");
		html_escape(b, sub);
		buf_adds(b, "</p>\n");
	}
}

void
html_page_end(struct buf *b)
{
	buf_adds(b, "</body>\n</html>\n");
}
