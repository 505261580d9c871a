"""fastexcel (Rust calamine into Arrow): the three columns loaded into Arrow, grouped in polars."""
import sys

import fastexcel
import polars as pl

from common import COLUMNS, report

sheet = fastexcel.read_excel(sys.argv[1]).load_sheet(
    0, use_columns=list(COLUMNS), dtypes={"地区代码": "string", "指标代码": "string", "数值": "float"})
groups = pl.from_arrow(sheet.to_arrow()).group_by("地区代码", "指标代码").agg(
    pl.len().alias("rows"), pl.col("数值").sum().alias("sum"))
report(groups["rows"].sum(), groups.height, groups["sum"].sum())
