#!/usr/bin/env python3
"""summary-check.py HTML JSON: check crm-report summary -o html against
the same summary's -o json, as a reader of the page would check it.

- the page is well-formed (parsed by an XML parser), self-contained: no
  script, no style or link fetched, no image, no URL but SVG's namespace;
- a <section id=KEY> per JSON key, in order, each with its <h2>;
- each section's table has the JSON's columns and rows, cell for cell
  (null as an empty cell);
- each chart is one <svg> with a <rect class="bar"> per row and series,
  whose data-value is the JSON's figure; a mark per row where the chart
  has one.

Prints one line per problem and a last line "bars KEY=N ..." of the bars
drawn; exits 1 when there is a problem."""
import json
import re
import sys
import xml.etree.ElementTree as ET

# The columns each chart draws: (label, values, mark); the rest draw none.
CHARTS = {
    "visits": ("assignee", ["compliance_pct"], None),
    "complaint_months": ("month", ["received", "closed"], None),
    "kpi": ("staff", ["achieved"], "target"),
    "funnel": ("stage", ["reached"], None),
}
SVG = "{http://www.w3.org/2000/svg}"


def text(e):
    return "".join(e.itertext())


def cell(v):
    return "" if v is None else v


def main():
    problems = []
    raw = open(sys.argv[1], encoding="utf-8").read()
    data = json.load(open(sys.argv[2], encoding="utf-8"),
                     parse_float=str, parse_int=str)
    root = ET.fromstring(raw)
    if not raw.startswith("<!DOCTYPE html>"):
        problems.append("no <!DOCTYPE html> first")
    for bad in ("<script", "<link", "<img", "@import", "url(",
                "<iframe", "<object"):
        if bad in raw:
            problems.append("holds %s" % bad)
    urls = set(re.findall(r"https?://[^\"' )]+", raw))
    if urls - {"http://www.w3.org/2000/svg"}:
        problems.append("refers to %s" % sorted(urls))
    body = root.find("body")
    sections = body.findall("section")
    keys = [k for k in data if k != "period"]
    ids = [s.get("id") for s in sections]
    if ids != keys:
        problems.append("sections %s, JSON keys %s" % (ids, keys))
    bars = []
    for s in sections:
        key = s.get("id")
        rows = data.get(key, [])
        if s.find("h2") is None or not text(s.find("h2")).strip():
            problems.append("%s: no heading" % key)
        table = s.find("table")
        if table is None:
            problems.append("%s: no table" % key)
            continue
        head = [text(th) for th in table.findall("thead/tr/th")]
        want = list(rows[0].keys()) if rows else head
        if head != want:
            problems.append("%s: columns %s, JSON %s" % (key, head, want))
        got = [[text(td) for td in tr.findall("td")]
               for tr in table.findall("tbody/tr")]
        exp = [[cell(r[c]) for c in head] for r in rows]
        if got != exp:
            problems.append("%s: rows %s, JSON %s" % (key, got, exp))
        svgs = s.findall(SVG + "svg")
        if key not in CHARTS:
            if svgs:
                problems.append("%s: a chart it should not have" % key)
            continue
        label, values, mark = CHARTS[key]
        if not rows:
            if svgs:
                problems.append("%s: a chart of nothing" % key)
            bars.append("%s=0" % key)
            continue
        if len(svgs) != 1:
            problems.append("%s: %d charts" % (key, len(svgs)))
            continue
        rects = [r for r in svgs[0].iter(SVG + "rect")
                 if r.get("class") == "bar"]
        bars.append("%s=%d" % (key, len(rects)))
        exp = [(cell(r[label]) or "-", cell(r[v]))
               for r in rows for v in values]
        got = [(r.get("data-label"), r.get("data-value")) for r in rects]
        if got != exp:
            problems.append("%s: bars %s, JSON %s" % (key, got, exp))
        for r in rects:
            h, w = float(r.get("height")), float(r.get("width"))
            if h < 0 or w < 0:
                problems.append("%s: a bar of negative size" % key)
        if mark:
            marks = [m.get("data-value") for m in svgs[0].iter(SVG + "line")
                     if m.get("class") == "mark"]
            if marks != [cell(r[mark]) for r in rows]:
                problems.append("%s: marks %s" % (key, marks))
    for p in problems:
        print(p)
    print("bars " + " ".join(bars))
    return 1 if problems else 0


sys.exit(main())
