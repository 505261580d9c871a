"""polars, lazy CSV scan with the group-by pushed into the engine. UTF-8 only:
polars reads no other encoding (its `encoding` takes utf8 and utf8-lossy)."""
import sys

import polars as pl

from common import report

groups = (pl.scan_csv(sys.argv[1], schema_overrides={"地区代码": pl.String, "指标代码": pl.String, "数值": pl.Float64})
          .group_by("地区代码", "指标代码")
          .agg(pl.len().alias("rows"), pl.col("数值").sum().alias("sum"))
          .collect())
report(groups["rows"].sum(), groups.height, groups["sum"].sum())
