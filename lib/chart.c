/* chart.c - bar charts as inline SVG (SVG 1.1, no script, no fonts of its
 * own): bars across for people and stages, bars up for months.  Every bar
 * is a <rect class="bar"> carrying its figure, as the page's table gives
 * it, in data-value (and in a <title> a reader sees on hover), so that
 * the drawing can be checked against the figures. */
#include <stdlib.h>
#include <string.h>

#include "crm-int.h"

/* The page's width in SVG units; the page scales it to its column. */
#define WIDTH 640
/* Bars across: the labels' column, a row a group, a bar's thickness. */
#define LABEL_W 130
#define ROW_H 24
/* A label across is cut to this many columns, with an ellipsis (the bar's
 * title keeps it whole). */
#define LABEL_COLS 18
/* Bars up: the plot's height, the labels' band below it. */
#define PLOT_H 160
#define TOP 16

static const char *const fill[] = {"#4e79a7", "#f28e2b"};

static double
value_of(const char *s)
{
	return s ? strtod(s, NULL) : 0.0;
}

/* The length of figure V on a scale of TOP drawn SPAN long, within it. */
static double
scaled(const char *v, double top, double span)
{
	double len = value_of(v) / top * span;

	return len < 0 ? 0 : len > span ? span : len;
}

/* The scale's top: C's max, else its largest value or mark, else 1. */
static double
top_of(const struct chart *c)
{
	double m = c->max;
	size_t i;

	if (m > 0)
		return m;
	for (i = 0; i < c->n * (size_t)c->nser; i++)
		if (value_of(c->value[i]) > m)
			m = value_of(c->value[i]);
	for (i = 0; c->mark && i < c->n; i++)
		if (value_of(c->mark[i]) > m)
			m = value_of(c->mark[i]);
	return m > 0 ? m : 1;
}

/* A bar at X, Y of W by H for value V of group G, series S. */
static void
bar(struct buf *b, const struct chart *c, size_t g, int s, double x,
    double y, double w, double h)
{
	const char *v = c->value[g * (size_t)c->nser + (size_t)s];

	buf_printf(b, "<rect class=\"bar\" data-series=\"%d\" data-label=\"",
	    s);
	html_escape(b, c->label[g]);
	buf_adds(b, "\" data-value=\"");
	html_escape(b, v ? v : "");
	buf_printf(b, "\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%.1f\" fill=\"%s\"><title>", x, y, w, h, fill[s % 2]);
	html_escape(b, c->label[g]);
	if (c->nser > 1) {
		buf_adds(b, " ");
		html_escape(b, c->series[s]);
	}
	buf_adds(b, ": ");
	html_escape(b, v ? v : "-");
	html_escape(b, c->unit);
	buf_adds(b, "</title></rect>\n");
}

/* S cut to LABEL_COLS display columns, whole characters, into OUT. */
static const char *
short_label(struct buf *out, const char *s)
{
	char one[8];
	size_t n, w = 0, len = strlen(s);

	buf_reset(out);
	if (display_width(s) <= LABEL_COLS) {
		buf_adds(out, s);
		return buf_str(out);
	}
	while (*s) {
		n = utf8_charlen(s, len);
		snprintf(one, sizeof one, "%.*s", (int)n, s);
		if ((w += display_width(one)) > LABEL_COLS - 1)
			break;
		buf_add(out, s, n);
		s += n;
		len -= n;
	}
	buf_adds(out, "\xe2\x80\xa6");	/* … */
	return buf_str(out);
}

static void
text(struct buf *b, double x, double y, const char *anchor, int size,
    const char *s, const char *unit)
{
	buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
	    "font-size=\"%d\">", x, y, anchor, size);
	html_escape(b, s);
	html_escape(b, unit);
	buf_adds(b, "</text>\n");
}

/* The series' names, one swatch each, at the foot. */
static void
legend(struct buf *b, const struct chart *c, double y)
{
	double x = LABEL_W;
	int s;

	for (s = 0; s < c->nser; s++, x += 150) {
		buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" "
		    "height=\"10\" fill=\"%s\"/>\n", x, y - 9, fill[s % 2]);
		text(b, x + 14, y, "start", 11, c->series[s], "");
	}
	if (c->mark) {
		buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#d62728\" stroke-width=\"2\"/>\n", x,
		    y - 10, x, y + 1);
		text(b, x + 6, y, "start", 11, c->mark_name, "");
	}
}

/* The drawing's start, H units high. */
static void
svg_open(struct buf *b, int h)
{
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	    "role=\"img\" font-family=\"inherit\">\n", WIDTH, h, WIDTH, h);
}

static void
across(struct buf *b, const struct chart *c)
{
	double top = top_of(c), span = WIDTH - LABEL_W - 60, th, y, w, mx;
	int h = (int)c->n * ROW_H + TOP + (c->nser > 1 || c->mark ? 20 : 0), s;
	struct buf label = {0};
	size_t g;

	th = (ROW_H - 6.0) / c->nser;
	svg_open(b, h);
	for (g = 0; g < c->n; g++) {
		y = TOP / 2.0 + (double)g * ROW_H;
		text(b, LABEL_W - 6, y + ROW_H / 2.0 + 3, "end", 11,
		    short_label(&label, c->label[g]), "");
		for (s = 0; s < c->nser; s++) {
			const char *v = c->value[g * (size_t)c->nser
			    + (size_t)s];

			w = scaled(v, top, span);
			bar(b, c, g, s, LABEL_W, y + 3 + s * th, w, th - 1);
			text(b, LABEL_W + w + 4, y + 3 + s * th + th - 3,
			    "start", 10, v ? v : "-", c->unit);
		}
		if (c->mark && c->mark[g]) {
			mx = LABEL_W + value_of(c->mark[g]) / top * span;
			buf_printf(b, "<line class=\"mark\" data-value=\"");
			html_escape(b, c->mark[g]);
			buf_printf(b, "\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			    "y2=\"%.1f\" stroke=\"#d62728\" stroke-width=\"2\""
			    "/>\n", mx, y + 1, mx, y + ROW_H - 1);
		}
	}
	buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" "
	    "stroke=\"#555\"/>\n", LABEL_W, TOP / 2, LABEL_W,
	    TOP / 2.0 + (double)c->n * ROW_H);
	if (c->nser > 1 || c->mark)
		legend(b, c, h - 6.0);
	buf_adds(b, "</svg>\n");
	buf_free(&label);
}

static void
up(struct buf *b, const struct chart *c)
{
	double top = top_of(c), gw, bw, x, hgt, base = TOP + PLOT_H;
	int h = TOP + PLOT_H + 40, s;
	size_t g;
	char num[32];

	gw = (WIDTH - 50.0) / (double)c->n;
	bw = (gw - 8) / c->nser;
	svg_open(b, h);
	snprintf(num, sizeof num, "%g", top);
	text(b, 36, TOP + 4, "end", 10, num, "");
	text(b, 36, base, "end", 10, "0", "");
	buf_printf(b, "<line x1=\"40\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#ddd\"/>\n", TOP, WIDTH, TOP);
	for (g = 0; g < c->n; g++) {
		x = 46 + (double)g * gw;
		for (s = 0; s < c->nser; s++) {
			const char *v = c->value[g * (size_t)c->nser
			    + (size_t)s];

			hgt = scaled(v, top, PLOT_H);
			bar(b, c, g, s, x + s * bw, base - hgt, bw - 1, hgt);
			text(b, x + s * bw + bw / 2, base - hgt - 2, "middle",
			    8, v ? v : "-", c->unit);
		}
		text(b, x + (gw - 8) / 2, base + 13, "middle", 9, c->label[g],
		    "");
	}
	buf_printf(b, "<line x1=\"40\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
	    "stroke=\"#555\"/>\n", base, WIDTH, base);
	if (c->nser > 1 || c->mark)
		legend(b, c, h - 6.0);
	buf_adds(b, "</svg>\n");
}

void
chart_svg(struct buf *b, const struct chart *c)
{
	if (!c->n)
		return;
	if (c->vertical)
		up(b, c);
	else
		across(b, c);
}
