"""Open xlsx files in LibreOffice (through UNO) and report what Calc itself makes of them:
per sheet its visibility, protection, frozen panes and autofilter; for requested cells the
text Calc shows, the number format, the lock state and the data validation.

stdin:  {"soffice": path, "profile": file-URL, "pipe": name,
         "files": [{"path": p, "cells": [{"sheet": name, "cell": "F2"}]}]}
stdout: {"version": v, "files": {path: {
           "sheets": [{"name", "visible", "protected", "frozen", "splitColumn", "splitRow",
                       "autofilter": "A1:L7" | null}],
           "cells": {"sheet!F2": {"shown", "type", "format", "locked",
                                  "validation": {"type", "operator", "formula1", "formula2",
                                                 "showError", "alertStyle"} | null}}}}}
"""
import json
import sys

from lo_session import Session


def a1(col, row):
    s = ""
    n = col + 1
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return "%s%d" % (s, row + 1)


args = json.load(sys.stdin)
out = {}
with Session(args["soffice"], args["profile"], args["pipe"]) as lo:
    version = lo.version()
    for f in args["files"]:
        doc = lo.load(f["path"])
        ctl = doc.getCurrentController()
        sheets = doc.getSheets()
        unnamed = doc.getPropertyValue("UnnamedDatabaseRanges")
        formats = doc.getNumberFormats()
        info = []
        for i in range(sheets.getCount()):
            sh = sheets.getByIndex(i)
            frozen = split_col = split_row = None
            if sh.IsVisible:
                ctl.setActiveSheet(sh)
                frozen = bool(ctl.hasFrozenPanes())
                split_col = ctl.getSplitColumn()
                split_row = ctl.getSplitRow()
            af = None
            if unnamed.hasByTable(i):
                r = unnamed.getByTable(i)
                if r.AutoFilter:
                    a = r.DataArea
                    af = "%s:%s" % (a1(a.StartColumn, a.StartRow), a1(a.EndColumn, a.EndRow))
            info.append({"name": sh.getName(), "visible": bool(sh.IsVisible), "protected": bool(sh.isProtected()),
                         "frozen": frozen, "splitColumn": split_col, "splitRow": split_row, "autofilter": af})
        cells = {}
        for c in f.get("cells", []):
            cell = sheets.getByName(c["sheet"]).getCellRangeByName(c["cell"])
            v = cell.Validation
            vtype = v.getPropertyValue("Type").value
            validation = None
            if vtype != "ANY":
                validation = {"type": vtype, "operator": v.getOperator().value,
                              "formula1": v.getFormula1(), "formula2": v.getFormula2(),
                              "showError": bool(v.getPropertyValue("ShowErrorMessage")),
                              "alertStyle": v.getPropertyValue("ErrorAlertStyle").value}
            cells["%s!%s" % (c["sheet"], c["cell"])] = {
                "shown": cell.getString(),
                "type": cell.getType().value,
                "format": formats.getByKey(cell.NumberFormat).getPropertyValue("FormatString"),
                "locked": bool(cell.CellProtection.IsLocked),
                "validation": validation,
            }
        out[f["path"]] = {"sheets": info, "cells": cells}
json.dump({"version": version, "files": out}, sys.stdout, ensure_ascii=False)
