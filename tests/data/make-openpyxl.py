#!/usr/bin/python3
# make-openpyxl.py - workbooks written by another program than crm
# (openpyxl 3.0, Debian's python3-openpyxl), committed as they came out:
# run once with /usr/bin/python3 when they need to change.
#   openpyxl-customers.xlsx  Chinese labels as the header, codes and a
#                            USCC as text cells, an amount as a number, a
#                            date as a date cell, a second sheet first in
#                            neither order nor name
#   openpyxl-damaged.xlsx    what a spreadsheet does: a USCC that became a
#                            number, a phone without its leading 0
import datetime
import os
import openpyxl

here = os.path.dirname(os.path.abspath(__file__))

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "客户"
ws.append(["客户编号", "客户名称", "等级", "统一社会信用代码", "投资额", "成交日期", "备注"])
rows = [
    ["W001", "榆林市新能源科技有限公司", "A", "91610802111578286W", 1234567.8, datetime.date(2023, 5, 20), "二期扩建"],
    ["W002", "神木市清源水务有限公司", "B", "91610802575136259X", 98000, datetime.date(2024, 1, 2), None],
    ["W003", "府谷县金源化工有限公司", "C", None, None, None, "只有名称"],
]
for r in rows:
    ws.append(r)
for row in ws.iter_rows(min_row=2, min_col=4, max_col=4):
    for c in row:
        c.number_format = "@"
for row in ws.iter_rows(min_row=2, min_col=5, max_col=5):
    for c in row:
        c.number_format = "0.00"
for row in ws.iter_rows(min_row=2, min_col=6, max_col=6):
    for c in row:
        c.number_format = "yyyy-mm-dd"
other = wb.create_sheet("说明")
other.append(["这个工作表不是数据"])
wb.save(os.path.join(here, "openpyxl-customers.xlsx"))

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Sheet1"
ws.append(["code", "name", "tier", "uscc"])
ws.append(["D001", "某公司", "A", 916108023082463000])
wb.save(os.path.join(here, "openpyxl-damaged.xlsx"))
