#!/usr/bin/env python3
"""make-xlsx.py - the .xlsx workbooks of tests/0205-xlsx-in.t, written
with nothing but the standard library (zipfile), so that the tests do not
depend on a spreadsheet program; run it from anywhere to write them again
into this folder (the files are committed; the test only reads them):

    python3 tests/data/make-xlsx.py

Each workbook is the smallest valid Office Open XML package (ECMA-376)
that shows one thing: [Content_Types].xml, _rels/.rels, xl/workbook.xml,
xl/_rels/workbook.xml.rels, the sheets, xl/sharedStrings.xml and
xl/styles.xml.  office.xlsx is in the shape Excel and LibreOffice write
(prefixed namespaces, inline strings, document properties, two sheets,
absolute targets).  Where a workbook has a CSV twin, the twin holds what
crm must read from each cell, written beside it in the tables below.

Also the seeds of the fuzz harness tests/fuzz/fuzz-xlsxin.c
(tests/fuzz/corpus-xlsxin), stored uncompressed so that a mutation reaches
the XML.
"""
import csv
import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
FUZZ = os.path.join(HERE, '..', 'fuzz', 'corpus-xlsxin')

NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PNS = 'http://schemas.openxmlformats.org/package/2006/relationships'
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# The cell formats (cellXfs) of every workbook's styles.xml, by index.
GENERAL, DATE14, DATE_CN, DATE31, DATETIME22, MONEY, TEXT = range(7)
STYLES = XML + f'''<styleSheet xmlns="{NS}">
<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
<dxfs count="1"><dxf><numFmt numFmtId="14" formatCode="0.00"/></dxf></dxfs>
</styleSheet>'''


# Cells: what the file holds.  A row is a list of cells, None for a cell
# that is not there; (col, cell) pairs place a cell by its reference.
class S:			# a shared string; RUNS: rich text
    def __init__(self, text, runs=None, phonetic=None):
        self.text = ''.join(runs) if runs else text
        self.runs, self.phonetic = runs, phonetic


class IS:			# an inline string
    def __init__(self, text):
        self.text = text


class N:			# a number, as the file writes it
    def __init__(self, v, style=GENERAL):
        self.v, self.style = str(v), style


class B:			# a boolean
    def __init__(self, v):
        self.v = '1' if v else '0'


class E:			# an error value
    def __init__(self, v):
        self.v = v


class Raw:			# a cell element as it is
    def __init__(self, xml):
        self.xml = xml


def col_name(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


class Book:
    def __init__(self, shared=True, date1904=False, prefix='',
                 absolute=False, props=False):
        self.shared, self.date1904, self.prefix = shared, date1904, prefix
        self.absolute, self.props = absolute, props
        self.sheets = []	# (name, xml or rows, state, kind)
        self.sst, self.sst_index = [], {}

    def sheet(self, name, rows, state=None, kind='worksheet'):
        self.sheets.append((name, rows, state, kind))
        return self

    def string(self, s):
        key = (s.text, repr(s.runs), s.phonetic)
        if key not in self.sst_index:
            self.sst_index[key] = len(self.sst)
            self.sst.append(s)
        return self.sst_index[key]

    def cell(self, ref, c):
        p = self.prefix
        if isinstance(c, Raw):
            return c.xml
        if isinstance(c, str):
            c = S(c) if self.shared else IS(c)
        if isinstance(c, S) and not self.shared:
            c = IS(c.text)
        if isinstance(c, S):
            return f'<{p}c r="{ref}" t="s"><{p}v>{self.string(c)}</{p}v></{p}c>'
        if isinstance(c, IS):
            return (f'<{p}c r="{ref}" t="inlineStr"><{p}is><{p}t xml:space="preserve">'
                    f'{escape(c.text)}</{p}t></{p}is></{p}c>')
        if isinstance(c, N):
            s = f' s="{c.style}"' if c.style else ''
            return f'<{p}c r="{ref}"{s}><{p}v>{c.v}</{p}v></{p}c>'
        if isinstance(c, B):
            return f'<{p}c r="{ref}" t="b"><{p}v>{c.v}</{p}v></{p}c>'
        if isinstance(c, E):
            return f'<{p}c r="{ref}" t="e"><{p}f>1/0</{p}f><{p}v>{c.v}</{p}v></{p}c>'
        raise TypeError(c)

    def sheet_xml(self, rows):
        if isinstance(rows, str):
            return rows
        p = self.prefix
        xmlns = f'xmlns:{p[:-1]}="{NS}"' if p else f'xmlns="{NS}"'
        out = [XML, f'<{p}worksheet {xmlns} xmlns:r="{RNS}"><{p}dimension ref="A1"/><{p}sheetData>']
        for r, row in rows:
            cells = []
            for i, c in enumerate(row):
                col, c = c if isinstance(c, tuple) else (col_name(i), c)
                if c is not None:
                    cells.append(self.cell(f'{col}{r}', c))
            out.append(f'<{p}row r="{r}">' + ''.join(cells) + f'</{p}row>')
        out.append(f'</{p}sheetData><{p}pageMargins left="0.7" right="0.7" '
                   f'top="0.75" bottom="0.75" header="0.3" footer="0.3"/></{p}worksheet>')
        return ''.join(out)

    def sst_xml(self):
        out = [XML, f'<sst xmlns="{NS}" count="{len(self.sst)}" uniqueCount="{len(self.sst)}">']
        for s in self.sst:
            if s.runs:
                body = ''.join(f'<r><rPr><sz val="11"/></rPr><t xml:space="preserve">{escape(t)}</t></r>'
                               for t in s.runs)
            else:
                body = f'<t>{escape(s.text)}</t>'
            if s.phonetic:
                body += f'<rPh sb="0" eb="1"><t>{escape(s.phonetic)}</t></rPh>'
            out.append(f'<si>{body}</si>')
        out.append('</sst>')
        return ''.join(out)

    def files(self):
        p = self.prefix
        parts = {}
        sheet_parts = []
        for i, (name, rows, state, kind) in enumerate(self.sheets, 1):
            folder = 'chartsheets' if kind == 'chartsheet' else 'worksheets'
            part = f'xl/{folder}/sheet{i}.xml'
            if kind == 'chartsheet':
                parts[part] = XML + f'<chartsheet xmlns="{NS}"/>'
            else:
                parts[part] = self.sheet_xml(rows)
            sheet_parts.append((name, part, state, kind))
        xmlns = f'xmlns:{p[:-1]}="{NS}"' if p else f'xmlns="{NS}"'
        wb = [XML, f'<{p}workbook {xmlns} xmlns:r="{RNS}">']
        wb.append(f'<{p}workbookPr date1904="1"/>' if self.date1904 else f'<{p}workbookPr/>')
        wb.append(f'<{p}bookViews><{p}workbookView activeTab="0"/></{p}bookViews><{p}sheets>')
        rels = [XML, f'<Relationships xmlns="{PNS}">']
        for i, (name, part, state, kind) in enumerate(sheet_parts, 1):
            st = f' state="{state}"' if state else ''
            wb.append(f'<{p}sheet name="{escape(name)}" sheetId="{i}"{st} r:id="rId{i}"/>')
            target = '/' + part if self.absolute else part[3:]
            rels.append(f'<Relationship Id="rId{i}" Type="{RNS}/{kind}" Target="{target}"/>')
        wb.append(f'</{p}sheets><{p}calcPr calcId="191029"/></{p}workbook>')
        n = len(sheet_parts)
        rels.append(f'<Relationship Id="rId{n + 1}" Type="{RNS}/styles" Target="styles.xml"/>')
        # The strings are known once the sheets are written.
        if self.sst:
            rels.append(f'<Relationship Id="rId{n + 2}" Type="{RNS}/sharedStrings" Target="sharedStrings.xml"/>')
        rels.append('</Relationships>')
        types = [XML, '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>']
        for name, part, state, kind in sheet_parts:
            types.append(f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.{kind}+xml"/>')
        types.append('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>')
        if self.sst:
            types.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
        if self.props:
            types.append('<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
                         '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>')
        types.append('</Types>')
        root = [XML, f'<Relationships xmlns="{PNS}">',
                f'<Relationship Id="rId1" Type="{RNS}/officeDocument" Target="{"/" if self.absolute else ""}xl/workbook.xml"/>']
        if self.props:
            root.append('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
                        f'<Relationship Id="rId3" Type="{RNS}/extended-properties" Target="docProps/app.xml"/>')
        root.append('</Relationships>')
        out = {'[Content_Types].xml': ''.join(types), '_rels/.rels': ''.join(root),
               'xl/workbook.xml': ''.join(wb), 'xl/_rels/workbook.xml.rels': ''.join(rels),
               'xl/styles.xml': STYLES}
        out.update(parts)
        if self.sst:
            out['xl/sharedStrings.xml'] = self.sst_xml()
        if self.props:
            out['docProps/app.xml'] = XML + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>'
            out['docProps/core.xml'] = XML + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>杨雪</dc:creator></cp:coreProperties>'
        return out

    def write(self, name, compress=zipfile.ZIP_DEFLATED, folder=HERE,
              replace=None):
        files = self.files()
        if replace:
            files.update(replace)
        with zipfile.ZipFile(os.path.join(folder, name), 'w', compress) as z:
            for part in ['[Content_Types].xml', '_rels/.rels'] + sorted(
                    k for k in files if k not in ('[Content_Types].xml', '_rels/.rels')):
                if files[part] is None:
                    continue
                info = zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = compress
                z.writestr(info, files[part].encode('utf-8'))


def write_csv(name, rows):
    with open(os.path.join(HERE, name), 'w', newline='', encoding='utf-8') as f:
        csv.writer(f, lineterminator='\n').writerows(rows)


# --- customers: each cell beside the text crm must read from it ----------
# (text for the CSV twin, cell in the workbook); None: no cell at all.
CUSTOMER_HEAD = ['code', 'name', 'tier', 'category', 'region', 'address',
                 'owner', 'uscc', 'scale_tonnes', 'investment', 'notes',
                 'customer_since']
CUSTOMERS = [
    (2, [('C000101', 'C000101'),
         ('榆阳区第二污水处理厂', S('', runs=['榆阳区', '第二污水处理厂'])),
         ('A', 'A'), ('government', 'government'), ('榆阳区', '榆阳区'),
         ('榆林市榆阳区沙河路北段1号', '榆林市榆阳区沙河路北段1号'),
         ('', None),		# a gap: no cell at G2
         ('126108027430909087', S('126108027430909087')),
         ('40000', N(40000)),
         ('86000000.00', N(86000000, MONEY)),
         ('两期工程\n二期2025年投运', '两期工程\n二期2025年投运'),
         ('2024-01-01', N(45292, DATE14))]),
    (3, [('C000102', 'C000102'), ('神木市污水处理厂', '神木市污水处理厂'),
         ('B', 'B'), ('enterprise', 'enterprise'), ('神木市', '神木市'),
         ('', None), ('zhanglei', 'zhanglei'), ('', None),
         ('15000', N('15000.0')),	# 12.0 is 12
         ('1234.50', N(1234.5, MONEY)),
         ('12', N(12)),			# a number in a text column
         ('2025-01-01', N(45658, DATE_CN))]),
    # row 4 is not in the file; row 5 holds nothing but empty cells
    (6, [('C000103', IS('C000103')), ('府谷县水务局', S('府谷县水务局', phonetic='フ')),
         ('', None), ('other', 'other'), ('府谷县', '府谷县'),
         ('府谷县新区', '府谷县新区'), ('sunli', 'sunli'), ('', None),
         ('', None), ('0.30', N('0.30000000000000004', MONEY)),
         ('制表符\t与_x000D_', '制表符_x0009_与_x005F_x000D_'),
         ('2023-06-15', N('45092.75', DATE31))]),
]


def customers_book(**kw):
    rows = [(1, CUSTOMER_HEAD)]
    for r, cells in CUSTOMERS:
        rows.append((r, [c for _, c in cells]))
        if r == 3:
            rows.append((5, [('A', Raw('<c r="A5" s="1"/>')),
                             ('C', S('')), ('D', IS(''))]))
    # Trailing empty cells after the last value of the last row.
    rows[-1][1].extend([Raw('<c r="M6" s="1"/>'), Raw('<c r="N6"/>')])
    return Book(**kw).sheet('客户', rows)


CONTACT_HEAD = ['customer', 'name', 'title', 'phone', 'mobile', 'email',
                'qq', 'primary', 'notes']
CONTACTS = [
    (2, [('C000101', 'C000101'), ('李卫东', '李卫东'), ('局长', '局长'),
         ('0912-3827223', '0912-3827223'),
         ('15199224448', N(15199224448)),	# a mobile number has no 0
         ('liweidong@example.cn', 'liweidong@example.cn'),
         ('12345678', N(12345678)), ('yes', B(True)),
         ('2024-03-05 09:30:00', N('45356.395833333336', DATETIME22))]),
    (3, [('C000101', 'C000101'), ('高晓燕', '高晓燕'), ('科长', '科长'),
         ('09126797525', IS('09126797525')), ('18643130847', '18643130847'),
         ('', None), ('', None), ('no', B(False)), ('', None)]),
]


def main():
    os.makedirs(FUZZ, exist_ok=True)
    # customers.xlsx: shared strings (rich text, a phonetic run), numbers,
    # money, three date formats, gaps, an absent and an empty row.
    customers_book().write('customers.xlsx')
    write_csv('customers.csv', [CUSTOMER_HEAD] + [[t for t, _ in cells]
                                                  for _, cells in CUSTOMERS])
    # office.xlsx: as Excel and LibreOffice write, two sheets (customers,
    # then contacts), inline strings, x: prefixes, absolute targets.
    cust = [(1, CUSTOMER_HEAD)] + [(r, [c for _, c in cells]) for r, cells in CUSTOMERS]
    book = Book(shared=False, prefix='x:', absolute=True, props=True)
    book.sheet('客户', cust).sheet('联系人', [(1, CONTACT_HEAD)] + [
        (r, [c for _, c in cells]) for r, cells in CONTACTS])
    book.write('office.xlsx')
    write_csv('contacts.csv', [CONTACT_HEAD] + [[t for t, _ in cells]
                                                for _, cells in CONTACTS])
    # hidden.xlsx: the first sheet hidden, a chart sheet, then the data.
    Book().sheet('说明', [(1, ['隐藏'])], state='hidden').sheet(
        '图表', None, kind='chartsheet').sheet('联系人', [(1, CONTACT_HEAD)] + [
            (r, [c for _, c in cells]) for r, cells in CONTACTS]).write('hidden.xlsx')
    # date1904.xlsx: the 1904 date system (Excel for Mac before 2011).
    Book(date1904=True).sheet('Sheet1', [
        (1, ['customer', 'date', 'summary']),
        (2, ['C000101', N(43830, DATE14), '1904年纪年'])]).write('date1904.xlsx')
    # bad-row.xlsx: a bad tier on the sheet's row 5 (row 3 is absent,
    # row 4 holds a good customer).
    Book().sheet('Sheet1', [
        (1, ['name', 'tier']), (2, ['甲厂', 'A']), (4, ['乙厂', 'B']),
        (5, ['丙厂', 'Z']), (7, ['丁厂', 'C'])]).write('bad-row.xlsx')
    # uscc-number.xlsx: a credit code typed as digits: Excel kept 15.
    Book().sheet('Sheet1', [
        (1, ['name', 'uscc']), (2, ['甲厂', '126108027430909087']),
        (3, ['乙厂', N('1.26108027430909E+17')]),
        (4, ['丙厂', E('#N/A')])]).write('uscc-number.xlsx')
    # phone-number.xlsx: a phone number with its area code as a number.
    Book().sheet('Sheet1', [
        (1, ['customer', 'name', 'phone']),
        (2, ['C000101', '王五', N(9126797525)])]).write('phone-number.xlsx')
    # bad-xml.xlsx: a sheet that is not well-formed XML.
    Book().sheet('Sheet1', [(1, ['name'])]).write('bad-xml.xlsx', replace={
        'xl/worksheets/sheet1.xml': XML + f'<worksheet xmlns="{NS}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>甲厂</t></is></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>乙</x></is></c></row>'
        '</sheetData></worksheet>'})
    # doctype.xlsx: entities that would grow a billion times.
    lol = ''.join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    Book().sheet('Sheet1', [(1, ['name'])]).write('doctype.xlsx', replace={
        'xl/worksheets/sheet1.xml': '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "lol">'
        + lol + f']><worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1" '
        't="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>'})
    # bad-sst.xlsx: a cell names a shared string there is not.
    Book().sheet('Sheet1', [(1, ['name']), (2, [Raw('<c r="A2" t="s"><v>7</v></c>')])]).write('bad-sst.xlsx')
    # no-workbook.xlsx: a zip, but not a workbook.
    with zipfile.ZipFile(os.path.join(HERE, 'no-workbook.xlsx'), 'w') as z:
        z.writestr(zipfile.ZipInfo('hello.txt', date_time=(1980, 1, 1, 0, 0, 0)), 'hello\n')
    # corrupt.xlsx: a workbook cut short (a download that stopped).
    with open(os.path.join(HERE, 'customers.xlsx'), 'rb') as f:
        whole = f.read()
    with open(os.path.join(HERE, 'corrupt.xlsx'), 'wb') as f:
        f.write(whole[:len(whole) // 2])
    # not-zip.xlsx: a CSV file renamed; encrypted.xlsx: what Excel saves
    # with a password, an OLE2 compound file.
    with open(os.path.join(HERE, 'not-zip.xlsx'), 'w', encoding='utf-8') as f:
        f.write('name,tier\n甲厂,A\n')
    with open(os.path.join(HERE, 'encrypted.xlsx'), 'wb') as f:
        f.write(bytes.fromhex('d0cf11e0a1b11ae1') + bytes(504))
    # The fuzz harness's seeds, uncompressed.
    customers_book().write('customers.xlsx', zipfile.ZIP_STORED, FUZZ)
    Book(shared=False, prefix='x:').sheet('联系人', [(1, CONTACT_HEAD)] + [
        (r, [c for _, c in cells]) for r, cells in CONTACTS]).write(
            'contacts.xlsx', zipfile.ZIP_STORED, FUZZ)


if __name__ == '__main__':
    main()
