"""Fill generated score sheets with openpyxl — a different xlsx writer than ours (exceljs).

openpyxl loads the whole workbook and writes it back in its own way (its own shared
strings, styles, sheet XML, no cached formula results), as another program would.

stdin:  {"jobs": [{"src": path, "dst": path,
                    "cells": [{"sheet": name, "cell": "F2", "t": "n"|"s"|"d", "v": value}]}]}
        t "n": a number (written as a number cell), "s": text (a text cell, even "96"),
        "d": "YYYY-MM-DD" written as a date cell, "f": a formula ("=100-5"; openpyxl
        saves no cached result, as any program that does not calculate).
        A job may set "epoch1904": true (the 1904 date system of old Mac Excel).
stdout: {"written": [dst, ...]}
"""
import datetime
import json
import sys

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

args = json.load(sys.stdin)
written = []
for job in args["jobs"]:
    wb = openpyxl.load_workbook(job["src"])
    if job.get("epoch1904"):
        wb.epoch = CALENDAR_MAC_1904
    for c in job["cells"]:
        ws = wb[c["sheet"]]
        cell = ws[c["cell"]]
        if c["t"] == "n":
            v = c["v"]
            cell.value = int(v) if float(v).is_integer() else float(v)
        elif c["t"] == "f":
            cell.value = str(c["v"])  # "=100-5": a formula, saved without a cached result
        elif c["t"] == "d":
            y, m, d = (int(x) for x in c["v"].split("-"))
            cell.value = datetime.date(y, m, d)
        else:
            cell.value = str(c["v"])
            cell.data_type = "s"
    wb.save(job["dst"])
    written.append(job["dst"])
json.dump({"written": written}, sys.stdout, ensure_ascii=False)
