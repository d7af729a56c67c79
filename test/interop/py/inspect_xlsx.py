"""Open xlsx files with openpyxl (a second xlsx library, not ours) and describe what it sees.

stdin:  {"files": [path, ...]}
stdout: {path: {"active": name, "application": docProps/app.xml Application,
          "filter_names": {sheet: "'汇总'!$A$1:$S$9"}, "sheets": [{name, state, freeze, autofilter, dims, merged,
          print_titles_rows, paper_size, orientation, fit_to_page, fit_width, fit_height,
          header, protected, validations, cells: {"A1": {v, t, fmt, locked}}}]}}
Cell types t: "s" text, "n" number, "date" (v as ISO text), "bool", "f" formula (v = formula).
"""
import datetime
import json
import re
import sys
import zipfile

import openpyxl


def describe(path):
    wb = openpyxl.load_workbook(path)  # formulas as written, not cached values
    sheets = []
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if v is None:
                    continue
                d = {"fmt": c.number_format, "locked": bool(c.protection.locked)}
                if isinstance(v, (datetime.datetime, datetime.date)):
                    d.update(v=v.isoformat(), t="date")
                elif isinstance(v, bool):
                    d.update(v=v, t="bool")
                elif isinstance(v, (int, float)):
                    d.update(v=v, t="n")
                elif c.data_type == "f":
                    d.update(v=str(v), t="f")
                else:
                    d.update(v=str(v), t="s")
                cells[c.coordinate] = d
        ps = ws.page_setup
        props = ws.sheet_properties
        sheets.append({
            "name": ws.title,
            "state": ws.sheet_state,
            "freeze": ws.freeze_panes,
            "autofilter": ws.auto_filter.ref,
            "dims": ws.dimensions,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "print_titles_rows": ws.print_title_rows,
            "paper_size": None if ps.paperSize is None else int(ps.paperSize),
            "orientation": ps.orientation,
            "fit_to_page": bool(props.pageSetUpPr is not None and props.pageSetUpPr.fitToPage),
            "fit_width": None if ps.fitToWidth is None else int(ps.fitToWidth),
            "fit_height": None if ps.fitToHeight is None else int(ps.fitToHeight),
            "header": ws.oddHeader.left.text if ws.oddHeader is not None and ws.oddHeader.left is not None else None,
            "protected": bool(ws.protection.sheet),
            "validations": [
                {"sqref": str(dv.sqref), "type": dv.type, "formula1": dv.formula1, "formula2": dv.formula2}
                for dv in ws.data_validations.dataValidation
            ],
            "cells": cells,
        })
    with zipfile.ZipFile(path) as z:
        try:
            app = z.read("docProps/app.xml").decode("utf-8")
            m = re.search(r"<Application>([^<]*)</Application>", app)
            application = m.group(1) if m else None
        except KeyError:
            application = None
        # openpyxl consumes the built-in names; read the sheet-local _xlnm._FilterDatabase
        # names (which LibreOffice needs to show an autofilter) from the XML itself
        wbxml = z.read("xl/workbook.xml").decode("utf-8")
        filter_names = {}
        for m in re.finditer(r'<definedName\b([^>]*)>([^<]*)</definedName>', wbxml):
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
            if attrs.get("name") == "_xlnm._FilterDatabase":
                sheet = wb.worksheets[int(attrs.get("localSheetId", "-1"))].title if "localSheetId" in attrs else None
                filter_names[sheet or ""] = m.group(2).replace("&apos;", "'").replace("&amp;", "&")
    return {"active": wb.active.title if wb.active is not None else None, "application": application,
            "filter_names": filter_names, "sheets": sheets}


args = json.load(sys.stdin)
json.dump({p: describe(p) for p in args["files"]}, sys.stdout, ensure_ascii=False, default=str)
