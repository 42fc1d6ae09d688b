/* test-htmltext.c - lib/htmltext.c: HTML as the plain text of a mail's
 * text/plain part, and a document's title; lib/html.c's escaper; the
 * multipart/alternative message of lib/mail.c. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "tap.h"

static const struct {
	const char *html, *text, *what;
} cases[] = {
	{ "", "", "nothing is nothing" },
	{ "<p>a</p><p>b</p>", "a\n\nb\n", "paragraphs: a blank line apart" },
	{ "<p>  many\n   spaces\tfold </p>", "many spaces fold\n",
	    "white space folds to one space" },
	{ "a<br>b<br/>c", "a\nb\nc\n", "line breaks" },
	{ "<h1>Title</h1>text", "Title\n=====\n\ntext\n",
	    "h1 underlined with =" },
	{ "<h2>\xe6\x8a\xa5\xe5\x91\x8a</h2>", "\xe6\x8a\xa5\xe5\x91\x8a\n----\n",
	    "h2 underlined as wide as it shows: 报告 is four columns" },
	{ "<ul><li>one</li><li>two</li></ul>", "- one\n- two\n",
	    "list items" },
	{ "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &#x4e2d;&#25991;"
	    " &nbsp;x &mdash; &bogus; & y",
	    "a & b <c> \"d\" 'e' \xe4\xb8\xad\xe6\x96\x87  x \xe2\x80\x94"
	    " &bogus; & y\n", "references undone; unknown ones kept" },
	{ "<head><title>T</title><style>p{color:red}</style></head>"
	    "<body><script>var x = '<p>';</script>shown</body>", "shown\n",
	    "head, style and script are not text" },
	{ "before<svg viewBox=\"0 0 1 1\"><text>12</text><rect/></svg>after",
	    "beforeafter\n", "an SVG drawing is left out" },
	{ "<!-- <p>no</p> -->yes<!DOCTYPE html>", "yes\n",
	    "comments and declarations" },
	{ "<table><tr><th>name</th><th>n</th></tr>"
	    "<tr><td>\xe5\xbc\xa0\xe7\xa3\x8a</td><td>5</td></tr>"
	    "<tr><td>wang</td><td>42.5</td></tr></table>",
	    "name     n\n\xe5\xbc\xa0\xe7\xa3\x8a     5\nwang  42.5\n",
	    "a table: columns by display width, a column of figures to the"
	    " right, its header too" },
	{ "<p>x</p><table><tr><td>a</td><td></td><td>b</td></tr></table>"
	    "<p>y</p>", "x\n\na    b\n\ny\n",
	    "an empty cell keeps its column; the table stands apart" },
	{ "<table><tr><td>a<br>b</td><td><p>c</p></td></tr></table>",
	    "a b  c\n", "a cell's breaks are spaces" },
	{ "<table><tr><td>open", "open\n", "a table never closed is shown" },
	{ "<table><tr><th>m</th><th>n</th></tr><tr><td>2026-11</td>"
	    "<td>-1.5%</td></tr><tr><td>2026-12</td><td>1,200</td></tr>"
	    "</table>", "m            n\n2026-11  -1.5%\n2026-12  1,200\n",
	    "a date is no figure; a sign, a per cent sign, commas are" },
	{ "1 < 2 and <3", "1 < 2 and <3\n", "a lone < is text" },
	{ "<a href='x>y'>link</a>", "link\n", "quotes in attributes" },
	{ "<pre>a  b\n c</pre>", "a  b\n c\n", "pre keeps its spaces" },
};

static const struct {
	const char *html, *title;
} titles[] = {
	{ "<html><head><title> Monthly &amp; \xe6\x9c\x88\xe5\xba\xa6"
	    "</title></head></html>", "Monthly & \xe6\x9c\x88\xe5\xba\xa6" },
	{ "<TITLE>upper</TITLE>", "upper" },
	{ "<body><title>late</title></body>", "" },
	{ "<p>none</p>", "" },
	{ "<!-- <title>no</title> --><title>yes</title>", "yes" },
};

int
main(void)
{
	struct buf b = {0}, msg = {0};
	size_t i;
	const char *p;

	width_init();
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		buf_reset(&b);
		html_text(&b, cases[i].html);
		is_str(buf_str(&b), cases[i].text, "%s", cases[i].what);
	}
	for (i = 0; i < sizeof titles / sizeof *titles; i++) {
		buf_reset(&b);
		html_title(&b, titles[i].html);
		is_str(buf_str(&b), titles[i].title, "title of '%s'",
		    titles[i].html);
	}

	buf_reset(&b);
	html_escape(&b, "<a href=\"x\">'&'</a>\x01\t");
	is_str(buf_str(&b), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;"
	    "&lt;/a&gt;\xef\xbf\xbd\t", "html_escape: markup and controls");

	mail_alternative(&msg, "text\n", "<p>html</p>\n");
	ok(strncmp(msg.s, "MIME-Version: 1.0\nContent-Type: multipart/"
	    "alternative;\n boundary=\"=_crm_", 64) == 0,
	    "multipart/alternative with a boundary");
	p = strstr(msg.s, "\n--=_crm_");
	ok(p && strstr(p, "\nContent-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: 8bit\n\ntext\n"),
	    "the text part first");
	p = p ? strstr(p, "Content-Type: text/html") : NULL;
	ok(p && strstr(p, "\n\n<p>html</p>\n\n--=_crm_"), "then the HTML");
	ok(msg.len > 3 && !strcmp(msg.s + msg.len - 3, "--\n"),
	    "and the closing delimiter");
	/* A part that holds the boundary goes in base64. */
	buf_reset(&msg);
	mail_alternative(&msg, "x", "y");
	p = strstr(msg.s, "boundary=\"") + 10;
	buf_reset(&b);
	buf_add(&b, p, (size_t)(strchr(p, '"') - p));
	buf_reset(&msg);
	mail_alternative(&msg, buf_str(&b), "y");
	ok(strstr(msg.s, "text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: base64\n") == NULL,
	    "another text, another boundary: no need for base64");
	/* A chart: a bar a group and series with its figure; a long label
	 * cut in the drawing, whole in the data. */
	{
		static const char *const label[] = {
			"zhang.wei.longname.accountmanager", "\xe7\x8e\x8b"};
		static const char *const series[] = {"achieved"};
		static const char *const value[] = {"3", NULL};
		static const char *const mark[] = {"5", "1"};
		struct chart c = {0};

		c.n = 2;
		c.label = label;
		c.nser = 1;
		c.series = series;
		c.value = value;
		c.mark = mark;
		c.mark_name = "target";
		c.unit = "";
		buf_reset(&b);
		chart_svg(&b, &c);
		ok(strstr(buf_str(&b), "data-label=\"zhang.wei.longname."
		    "accountmanager\" data-value=\"3\"") != NULL,
		    "chart: the bar keeps the whole label and its figure");
		ok(strstr(buf_str(&b), ">zhang.wei.longnam\xe2\x80\xa6<")
		    != NULL, "chart: the drawn label is cut to 18 columns");
		ok(strstr(buf_str(&b), "data-label=\"\xe7\x8e\x8b\" "
		    "data-value=\"\"") != NULL, "chart: no figure, no value");
		ok(strstr(buf_str(&b), "<line class=\"mark\" data-value=\"1\"")
		    != NULL, "chart: the marks");
		buf_reset(&b);
		c.n = 0;
		chart_svg(&b, &c);
		is_str(buf_str(&b), "", "chart: nothing drawn of nothing");
	}
	buf_free(&b);
	buf_free(&msg);
	return done_testing();
}
