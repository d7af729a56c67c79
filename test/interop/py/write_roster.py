"""Write a staff list (花名册) with openpyxl, the way an HR office keeps one in Excel:
a title row, then the header, 工号 as numbers (or text), dates as real dates, salaries as
numbers with a money format.

stdin:  {"dst": path, "epoch1904": bool, "title": str, "header": [str],
         "rows": [[cell, ...]]}   cell: null | number | str | {"date": "YYYY-MM-DD"} | {"text": str}
stdout: {"written": dst}
"""
import datetime
import json
import sys

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

args = json.load(sys.stdin)
wb = openpyxl.Workbook()
if args.get("epoch1904"):
    wb.epoch = CALENDAR_MAC_1904
ws = wb.active
ws.title = "花名册"
ws.append([args["title"]])
ws.append(args["header"])
for row in args["rows"]:
    out = []
    for v in row:
        if isinstance(v, dict) and "date" in v:
            y, m, d = (int(x) for x in v["date"].split("-"))
            out.append(datetime.date(y, m, d))
        elif isinstance(v, dict) and "text" in v:
            out.append(v["text"])
        else:
            out.append(v)
    ws.append(out)
for r in ws.iter_rows(min_row=3):
    for c in r:
        if isinstance(c.value, datetime.date):
            c.number_format = "yyyy-mm-dd"
    r[6].number_format = "#,##0.00"
for col in "ABCDEFGHIJ":
    ws.column_dimensions[col].width = 14
wb.save(args["dst"])
json.dump({"written": args["dst"]}, sys.stdout, ensure_ascii=False)
