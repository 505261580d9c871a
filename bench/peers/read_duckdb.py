"""duckdb: read_csv and the group-by in one SQL query. UTF-8 (and UTF-16, Latin-1)
only: GB18030 needs the `encodings` extension, downloaded from the internet."""
import sys

import duckdb

from common import report

path = sys.argv[1].replace("'", "''")
rows, groups, total = duckdb.sql(f"""
    SELECT sum(n), count(*), sum(s) FROM (
        SELECT count(*) AS n, sum("数值") AS s
        FROM read_csv('{path}', header = true,
                      types = {{'地区代码': 'VARCHAR', '指标代码': 'VARCHAR', '数值': 'DOUBLE'}})
        GROUP BY "地区代码", "指标代码")""").fetchall()[0]
report(rows, groups, total)
