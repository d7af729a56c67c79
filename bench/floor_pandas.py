"""The pandas floor of the bench: read every returned sheet (one path per line in argv[1])
with pandas, compute each person's weighted goal total, and write this process's CPU time and
peak RSS to argv[2] (the JSON the Node steps write via usage.js)."""
import hashlib, json, resource, sys
import pandas as pd

files = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if l]
people = 0
total = 0.0
for f in files:
    data = open(f, "rb").read()
    hashlib.sha256(data).hexdigest()
    sheets = pd.read_excel(f, sheet_name=None)
    for name, df in sheets.items():
        cols = list(df.columns)
        if "权重%" in cols and "得分" in cols and "工号" in cols:
            d = df[["工号", "权重%", "得分"]].dropna()
            w = pd.to_numeric(d["权重%"], errors="coerce") * pd.to_numeric(d["得分"], errors="coerce") / 100
            per = w.groupby(d["工号"]).sum()
            people += len(per)
            total += float(per.sum())
        elif "得分" in cols and "工号" in cols:
            s = pd.to_numeric(df["得分"], errors="coerce").dropna()
            people += len(s)
            total += float(s.sum())
u = resource.getrusage(resource.RUSAGE_SELF)
json.dump({"cpuS": u.ru_utime + u.ru_stime, "peakRssMb": u.ru_maxrss / 1024}, open(sys.argv[2], "w"))
print(f"{len(files)} files, {people} person-sections, total {total:.2f}")
