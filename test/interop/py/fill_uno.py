"""Fill generated score sheets inside LibreOffice itself, through its Python UNO bridge, and
save them as Excel 2007+ xlsx — what a scorer using LibreOffice Calc sends back.

stdin:  {"soffice": path, "profile": file-URL, "pipe": name,
         "jobs": [{"src": path, "dst": path,
                   "insertRows": [{"sheet": name, "before": row (1-based), "count": n}],
                   "cells": [{"sheet": name, "cell": "F2", "t": "n"|"s"|"d"|"f", "v": value,
                              "typed": bool, "fmt": code}]}]}
  Rows are inserted first (Calc moves formulas and validations down), then the cells set:
    "n" → setValue, "s" → setString (a text cell, even "96"), "d" ("YYYY-MM-DD") → the
    date's serial number (the cell keeps its date format), "f" → setFormula ("=100-5"),
    calculated and saved with its result;
    typed=true: the value goes in as typed text through XCell.setFormula, which Calc parses
    like keyboard input ("92.5" → number, "2026/11/3" → date, "99%" → 0.99, "１０１.５"
    stays text) but without the automatic cell format keyboard input adds;
    "fmt": a number format code to give the cell as well ("0%": what Calc shows after
    "99%" is typed on the keyboard).
  (Typing through the dispatcher — .uno:EnterString on a selected cell — crashed headless
  LibreOffice 7.4 at random moments after a few dozen cells; the cell API does not.)
stdout: {"written": [dst, ...], "version": LibreOffice version}
"""
import datetime
import json
import os
import sys

import uno

from lo_session import Session

args = json.load(sys.stdin)
debug = bool(os.environ.get("JIXIAO_UNO_DEBUG"))
epoch = datetime.date(1899, 12, 30)
written = []
with Session(args["soffice"], args["profile"], args["pipe"]) as lo:
    version = lo.version()
    for job in args["jobs"]:
        doc = lo.load(job["src"])
        sheets = doc.getSheets()
        for ins in job.get("insertRows") or []:
            sheets.getByName(ins["sheet"]).getRows().insertByIndex(ins["before"] - 1, ins.get("count", 1))
        formats = doc.getNumberFormats()
        locale = uno.createUnoStruct("com.sun.star.lang.Locale")
        for c in job["cells"]:
            cell = sheets.getByName(c["sheet"]).getCellRangeByName(c["cell"])
            t, v = c["t"], c["v"]
            if debug:
                print("%s %s!%s %r" % (os.path.basename(job["src"]), c["sheet"], c["cell"], v), file=sys.stderr, flush=True)
            if c.get("typed"):
                if t == "s":
                    cell.setString(str(v))
                else:
                    cell.setFormula(str(v))
            elif t == "f":
                cell.setFormula(str(v))
            elif t == "n":
                cell.setValue(float(v))
            elif t == "d":
                y, m, d = (int(x) for x in v.split("-"))
                cell.setValue(float((datetime.date(y, m, d) - epoch).days))
            else:
                cell.setString(str(v))
            if c.get("fmt"):
                key = formats.queryKey(c["fmt"], locale, False)
                if key == -1:
                    key = formats.addNew(c["fmt"], locale)
                cell.NumberFormat = key
        doc.calculateAll()
        lo.store_xlsx(doc, job["dst"])
        written.append(job["dst"])
json.dump({"written": written, "version": version}, sys.stdout, ensure_ascii=False)
