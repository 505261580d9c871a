"""What every Python peer shares: the measured task over rows of Python values,
and the one line each program prints (see bench/README.md)."""

COLUMNS = ("地区代码", "指标代码", "数值")


def report(rows, groups, total):
    print(f"rows={rows} groups={groups} total={total:.2f}")


def sum_rows(rows):
    """Sums 数值 by (地区代码, 指标代码) over an iterator of row sequences whose
    header row comes first (rows before it, without the three names, are skipped)."""
    rows = iter(rows)
    for header in rows:
        names = [str(v) if v is not None else "" for v in header]
        if all(c in names for c in COLUMNS):
            region, indicator, value = (names.index(c) for c in COLUMNS)
            break
    else:
        raise SystemExit("no header row with 地区代码, 指标代码 and 数值")
    groups = {}
    count = 0
    for row in rows:
        count += 1
        key = (row[region], row[indicator])
        number = row[value] if value < len(row) else None
        groups[key] = groups.get(key, 0.0) + (float(number) if number not in (None, "") else 0.0)
    report(count, len(groups), sum(groups.values()))
