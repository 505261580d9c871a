"""pandas read_csv (C engine) of the three columns, then groupby. Reads any
encoding Python knows: read_pandas.py FILE [ENCODING]."""
import sys

import pandas as pd

from common import COLUMNS, report

encoding = sys.argv[2] if len(sys.argv) > 2 else "utf-8"
table = pd.read_csv(sys.argv[1], usecols=list(COLUMNS), encoding=encoding,
                    dtype={"地区代码": str, "指标代码": str, "数值": "float64"})
groups = table.groupby(["地区代码", "指标代码"])["数值"].agg(["size", "sum"])
report(int(groups["size"].sum()), len(groups), groups["sum"].sum())
