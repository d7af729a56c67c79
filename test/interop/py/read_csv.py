"""Read a CSV file the way a payroll import script would: Python's csv module, utf-8-sig.

stdin: {"file": path}
stdout: {"rows": [[field, ...], ...], "bom": bool, "newlines": ["\r\n", ...]}
"""
import csv
import json
import sys

args = json.load(sys.stdin)
with open(args["file"], "rb") as f:
    raw = f.read()
with open(args["file"], newline="", encoding="utf-8-sig") as f:
    rows = list(csv.reader(f))
line_ends = sorted({"\r\n" if raw.count(b"\r\n") else "", "\n" if raw.replace(b"\r\n", b"").count(b"\n") else ""} - {""})
json.dump({"rows": rows, "bom": raw.startswith(b"\xef\xbb\xbf"), "newlines": line_ends}, sys.stdout, ensure_ascii=False)
