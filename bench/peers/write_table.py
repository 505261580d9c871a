"""The write benchmark's table, computed from the row index: the same cells as
Sources/HuanxinBench/WriteTable.swift and write_libxlsxwriter.c (change all three
together). Row i (0-based, after the header): county i % 8, indicator (i // 8) % 6,
month (i // 48) % 40 from 2023-01, 数值 (i * 7919) % 5000 for counted indicators and
((i * 104729) % 20000000) / 100 for amounts, remark i % 5 (the first is empty: no cell)."""

HEADER = ["地区代码", "地区名称", "部门", "指标代码", "期间", "数值", "单位", "备注"]
COUNTIES = [("370102", "历下区"), ("370215", "即墨区"), ("370503", "河口区"), ("370702", "潍城区"),
            ("370830", "汶上县"), ("371102", "东港区"), ("371403", "陵城区"), ("371602", "滨城区")]
# Code, department, unit, whether the figure has decimals.
INDICATORS = [("nev_stock", "商务局", "辆", False),
              ("used_car_trades", "商务局", "辆", False),
              ("industrial_output", "工业和信息化局", "万元", True),
              ("tech_upgrade_investment", "工业和信息化局", "万元", True),
              ("farm_machinery_purchased", "农业农村局", "台", False),
              ("crop_sown_area", "农业农村局", "亩", True)]
REMARKS = ["", "已核实", "含以旧换新补贴车辆，已报市局", '按"以旧换新"口径统计', "第二批次\n待复核"]
PERIODS = [f"{2023 + m // 12}-{m % 12 + 1:02d}" for m in range(40)]


def cents(i):
    """数值 of row i in cents, exactly."""
    return (i * 104729) % 20_000_000 if INDICATORS[(i // 8) % 6][3] else (i * 7919) % 5000 * 100


def expected(rows):
    """The line `huanxin-bench sum` must print for a table of `rows` rows, computed exactly."""
    groups = {}
    for i in range(rows):
        key = (i % 8, (i // 8) % 6)
        groups[key] = groups.get(key, 0) + cents(i)
    total = sum(groups.values())
    return {"rows": rows, "groups": len(groups), "total": f"{total // 100}.{total % 100:02d}"}
