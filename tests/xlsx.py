"""tests/xlsx.py - a workbook (.xlsx) read back without crm, with the
standard library alone (zipfile, xml.etree), as ECMA-376 Part 1
(SpreadsheetML) says, for the tests of what crm writes.

    import xlsx
    sheets = xlsx.read(path)          # [Sheet], in the workbook's order
    s = sheets[0]
    s.rows[0][1].value, s.rows[0][1].kind, s.rows[0][1].fmt, .bold
    s.frozen_rows, s.widths[col]      # col from 0
    s.col_fmts[col]                   # a column's own number format

A cell's kind: 'text' (a string cell, its text with _xHHHH_ undone),
'number' (a float), 'date' (a number whose format shows a date: a
datetime.date), 'bool', 'blank' (no cell, or one without a value).
"""
import datetime
import re
import zipfile
import xml.etree.ElementTree as ET

M = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
R = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
PR = '{http://schemas.openxmlformats.org/package/2006/relationships}'
# The number formats every reader knows by id (Part 1, 18.8.30).
BUILTIN = {0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00',
           9: '0%', 10: '0.00%', 11: '0.00E+00', 14: 'mm-dd-yy',
           15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 22: 'm/d/yy h:mm',
           49: '@'}


class Cell:
    def __init__(self, kind='blank', value=None, fmt='General', bold=False):
        self.kind, self.value, self.fmt, self.bold = kind, value, fmt, bold

    def __repr__(self):
        return 'Cell(%r, %r, %r%s)' % (self.kind, self.value, self.fmt,
                                      ', bold' if self.bold else '')


class Sheet:
    def __init__(self, name):
        self.name = name
        self.rows = []
        self.frozen_rows = 0
        self.widths = {}
        self.col_fmts = {}


def unescape(s):
    """ST_Xstring (Part 1, 22.9.2.19): _xHHHH_ is the character U+HHHH."""
    return re.sub(r'_x([0-9A-Fa-f]{4})_', lambda m: chr(int(m.group(1), 16)),
                  s)


def text_of(el):
    """The text of a string item: its t, or the t of each of its runs."""
    if el is None:
        return ''
    t = el.find(M + 't')
    if t is not None:
        return unescape(t.text or '')
    return ''.join(unescape(r.findtext(M + 't') or '')
                   for r in el.findall(M + 'r'))


def col_index(ref):
    n = 0
    for ch in re.match(r'[A-Z]+', ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def is_date_format(code):
    code = re.sub(r'"[^"]*"|\[[^]]*\]|\\.', '', code)
    return bool(re.search(r'[ymd]', code, re.I))


def serial_date(v):
    # The 1900 date system, with its leap day that never was.
    return datetime.date(1899, 12, 30) + datetime.timedelta(days=int(v))


def read(path):
    z = zipfile.ZipFile(path)
    assert z.testzip() is None, 'a damaged member'
    names = set(z.namelist())
    strings = []
    if 'xl/sharedStrings.xml' in names:
        sst = ET.fromstring(z.read('xl/sharedStrings.xml'))
        strings = [text_of(si) for si in sst.findall(M + 'si')]
    styles = ET.fromstring(z.read('xl/styles.xml'))
    fmts = dict(BUILTIN)
    for nf in styles.iter(M + 'numFmt'):
        fmts[int(nf.get('numFmtId'))] = nf.get('formatCode')
    fonts = []
    for f in styles.find(M + 'fonts').findall(M + 'font'):
        b = f.find(M + 'b')
        fonts.append(b is not None and b.get('val', '1') not in ('0', 'false'))
    xfs = []
    for xf in styles.find(M + 'cellXfs').findall(M + 'xf'):
        xfs.append((fmts.get(int(xf.get('numFmtId', '0')), 'General'),
                    fonts[int(xf.get('fontId', '0'))]))
    wb = ET.fromstring(z.read('xl/workbook.xml'))
    rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))
    target = {r.get('Id'): r.get('Target') for r in rels.iter(PR + 'Relationship')}
    sheets = []
    for sh in wb.find(M + 'sheets').findall(M + 'sheet'):
        t = target[sh.get(R + 'id')]
        t = t.lstrip('/') if t.startswith('/') else 'xl/' + t
        sheets.append(read_sheet(ET.fromstring(z.read(t)), sh.get('name'),
                                 strings, xfs))
    return sheets


def read_sheet(root, name, strings, xfs):
    s = Sheet(name)
    pane = root.find('.//' + M + 'pane')
    if pane is not None and pane.get('state') in ('frozen', 'frozenSplit'):
        s.frozen_rows = int(float(pane.get('ySplit', '0')))
    for c in root.iter(M + 'col'):
        for i in range(int(c.get('min')) - 1, int(c.get('max'))):
            s.widths[i] = float(c.get('width'))
            if c.get('style') is not None:
                s.col_fmts[i] = xfs[int(c.get('style'))][0]
    for row in root.iter(M + 'row'):
        r = int(row.get('r')) - 1
        while len(s.rows) <= r:
            s.rows.append([])
        cells = s.rows[r]
        for c in row.findall(M + 'c'):
            j = col_index(c.get('r'))
            while len(cells) <= j:
                cells.append(Cell())
            fmt, bold = xfs[int(c.get('s', '0'))]
            t = c.get('t', 'n')
            v = c.findtext(M + 'v')
            if t == 'inlineStr':
                cell = Cell('text', text_of(c.find(M + 'is')))
            elif t == 's':
                cell = Cell('text', strings[int(v)])
            elif t == 'str':
                cell = Cell('text', unescape(v or ''))
            elif t == 'b':
                cell = Cell('bool', v == '1')
            elif v is None:
                cell = Cell()
            elif is_date_format(fmt):
                cell = Cell('date', serial_date(float(v)))
            else:
                cell = Cell('number', float(v))
            cell.fmt, cell.bold = fmt, bold
            cells[j] = cell
    return s
