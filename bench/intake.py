"""The intake benchmark (issue 19): `huanxin validate` of a generated `records`
CSV against frictionless-py validating the same file with an equivalent Table
Schema, on a clean file and on one that breaks rules row after row.

The file is what one department sends for a year and more: 商务局 (commerce),
its twelve indicators for each of the province's 1,853 towns, month by month,
in the `records` layout (region, indicator, period, value, unit, note), UTF-8 CSV.
`records-<size>.clean.csv` breaks nothing; in `records-<size>.violating.csv`
every town-month breaks an `at-most` rule (rural NEV events above all NEV
events), every month the NEV stock and the chargers jump (and the stock drops
every other month), five flows are negative (a constraint of the layout) and
two event counts exceed the indicator's range. `records-<size>.json` holds the
exact answer: data rows, accepted or not, issues by code, the rows
frictionless must count and its errors by type.

The Table Schema frictionless gets is the layout as huanxin exports it
(`huanxin schemas layout records`: Schemas/layouts/records.yaml without its
`x-` extensions, primary key included) plus what the catalog knows: the
region, indicator and unit code lists as `enum` constraints.
"""

import csv
import json
import random
import re
from pathlib import Path

import yaml

GENERATOR_VERSION = 3
SEED = "huanxin-bench-intake"
REPO = Path(__file__).resolve().parent.parent
# The field names, one of the header spellings intake accepts: frictionless
# matches header labels to field names.
HEADER = ["region", "indicator", "period", "value", "unit", "note"]
DEPARTMENT = "commerce"
# The programme's calendar stops at the file's last month: no period is in the future.
TODAY = "2026-12"
LAST_MONTH = (2026, 11)
# Flows made negative in the violating file (the layout's `minimum: 0`), and
# event counts pushed past the indicator's range (max 1,000).
# Each town's flows keep to a level of their own, ±10 % a month: no month lies
# beyond the range of the months before it by half, so the outlier check (which
# judges a series on the file's own months too) finds nothing in the clean file.
FLOW_LEVELS = {
    "nev_promotion_events": (10, 40), "scrapped_vehicles": (20, 300), "used_car_trades": (50, 2000),
    "new_car_sales": (50, 3000), "used_car_exports": (20, 500), "car_promotion_events": (10, 20),
    "appliance_promotion_events": (10, 20), "appliance_recycling": (50, 5000),
}
FLOW_NOISE = 0.1
NEGATIVE = ("scrapped_vehicles", "used_car_trades", "new_car_sales", "used_car_exports", "appliance_recycling")
OUT_OF_RANGE = ("car_promotion_events", "appliance_promotion_events")


def catalog(layout_schema):
    """(towns, the department's indicators with their units, the Table Schema):
    `layout_schema` is the layout as huanxin exports it (`huanxin schemas layout records`)."""
    with open(REPO / "Schemas/regions/shandong-divisions.csv", encoding="utf-8") as f:
        divisions = list(csv.DictReader(f))
    local = yaml.safe_load((REPO / "Schemas/regions/local-units.yaml").read_text(encoding="utf-8"))["units"]
    indicators = yaml.safe_load((REPO / "Schemas/indicators.yaml").read_text(encoding="utf-8"))["indicators"]
    units = yaml.safe_load((REPO / "Schemas/units.yaml").read_text(encoding="utf-8"))["units"]
    departments = yaml.safe_load((REPO / "Schemas/departments.yaml").read_text(encoding="utf-8"))["departments"]
    towns = [d["code"] for d in divisions if d["level"] == "town"]
    unit_of = {i["code"]: i["unit"] for i in indicators}
    reported = next(d for d in departments if d["code"] == DEPARTMENT)["indicators"]
    lists = {
        "regions": [d["code"] for d in divisions] + [u["code"] for u in local],
        "indicators": [i["code"] for i in indicators],
        "units": [u["code"] for u in units] + [a for u in units for a in (u.get("alternatives") or {})],
    }
    return towns, [(code, unit_of[code]) for code in reported], with_enums(layout_schema, lists)


def with_enums(schema, lists):
    """The exported schema with each field's catalog list (records.yaml's `x-catalog`) as its enum."""
    layout = yaml.safe_load((REPO / "Schemas/layouts/records.yaml").read_text(encoding="utf-8"))
    catalog_of = {field["name"]: field["x-catalog"] for field in layout["fields"] if "x-catalog" in field}
    for field in schema["fields"]:
        if field["name"] in catalog_of:
            field.setdefault("constraints", {})["enum"] = lists[catalog_of[field["name"]]]
    return schema


def months_back(count):
    year, month = LAST_MONTH
    periods = []
    for _ in range(count):
        periods.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return periods[::-1]


def ensure(rows, data, layout_schema):
    """The clean and violating files of at least `rows` data rows and their
    answer (bench/data/records-<label>.*), and the Table Schema; written only
    when missing or stale."""
    towns, indicators, schema = catalog(layout_schema)
    schema_path = data / "records.schema.json"
    data.mkdir(parents=True, exist_ok=True)
    schema_path.write_text(json.dumps(schema, ensure_ascii=False, indent=1) + "\n")
    months = max(1, -(-rows // (len(towns) * len(indicators))))
    label = f"{rows // 1000}k" if rows < 1_000_000 else f"{rows // 1_000_000}m"
    manifest_path = data / f"records-{label}.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("generator") == GENERATOR_VERSION and all(
                (data / f["name"]).exists() for f in manifest["files"].values()):
            return manifest
    periods = months_back(months)
    files = {}
    for kind in ("clean", "violating"):
        name = f"records-{label}.{kind}.csv"
        answer = write(data / name, towns, indicators, periods, violating=kind == "violating")
        files[kind] = {"name": name, "bytes": (data / name).stat().st_size, **answer}
    manifest = {"generator": GENERATOR_VERSION, "rows": len(towns) * len(indicators) * months,
                "towns": len(towns), "indicators": len(indicators), "months": months,
                "today": TODAY, "department": DEPARTMENT, "schema": schema_path.name, "files": files}
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return manifest


def write(path, towns, indicators, periods, violating):
    """Writes one file, town by town, month by month; returns its answer."""
    rng = random.Random(f"{SEED}-{violating}")
    issues = {}
    frictionless_errors = {}

    def count(table, code, n=1):
        table[code] = table.get(code, 0) + n

    observations = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\r\n")
        out.writerow(HEADER)
        for town in towns:
            stock, chargers, stations = rng.randint(500, 5000), rng.randint(5, 200), rng.randint(10, 30)
            level = {code: rng.uniform(low, high) for code, (low, high) in FLOW_LEVELS.items()}
            for index, period in enumerate(periods):
                # Clean: stocks grow by at most 3 % a month; violating: they swing.
                if index:
                    if violating:
                        stock = round(stock * (1.5 if index % 2 else 0.6))
                        chargers = round(chargers * (2.5 if index % 2 else 0.4))
                        count(issues, "month-jump", 2)
                        if index % 2 == 0:
                            count(issues, "stock-drop")
                    else:
                        stock += rng.randint(0, stock // 33)
                        chargers += rng.randint(0, chargers // 33)
                    stations += rng.randint(0, 1)
                def flow(code):
                    return level[code] * rng.uniform(1 - FLOW_NOISE, 1 + FLOW_NOISE)
                events = round(flow("nev_promotion_events"))
                values = {
                    "nev_stock": stock, "public_chargers": chargers, "recycling_stations": stations,
                    "nev_promotion_events": events,
                    "nev_rural_promotion_events": events + 1 if violating else events // 2,
                    "scrapped_vehicles": round(flow("scrapped_vehicles")),
                    "used_car_trades": round(flow("used_car_trades")), "new_car_sales": round(flow("new_car_sales")),
                    "used_car_exports": round(flow("used_car_exports"), 2),
                    "car_promotion_events": round(flow("car_promotion_events")),
                    "appliance_promotion_events": round(flow("appliance_promotion_events")),
                    "appliance_recycling": round(flow("appliance_recycling")),
                }
                if violating:
                    count(issues, "rule-rural-events-within-events")
                    for code in NEGATIVE:
                        values[code] = round(-values[code] - 1, 2)
                        count(issues, "constraint-error")
                        count(frictionless_errors, "constraint-error")
                    for code in OUT_OF_RANGE:
                        values[code] += 1001
                        count(issues, "value-range")
                for code, unit in indicators:
                    note = "已核实" if rng.random() < 0.01 else ""
                    out.writerow([town, code, period, values[code], unit, note])
                observations += len(indicators) - (len(NEGATIVE) + len(OUT_OF_RANGE) if violating else 0)
    return {"accepted": not violating, "observations": observations, "issues": issues,
            "frictionless_rows": len(towns) * len(indicators) * len(periods),
            "frictionless_errors": frictionless_errors}


# The verdict line of `huanxin validate` and its issue lines (text output).
VERDICT = re.compile(r"(受理 accepted|退回 rejected) — 格式 layout (\S+), 数据 (\d+) 条 observations")
ISSUE_LINE = re.compile(r"^  \[\S+ (?:error|warning)\] (\S+)", re.M)
MORE = re.compile(r"(\d+) more issues of code (\S+) are not listed")


def huanxin_answer(text):
    """(accepted, observations, issues by code) from `huanxin validate`'s text output,
    the codes counted past the list (`more-issues`) added back to their code."""
    verdict = VERDICT.search(text)
    if not verdict:
        return None
    issues = {}
    for code in ISSUE_LINE.findall(text):
        if code != "more-issues":
            issues[code] = issues.get(code, 0) + 1
    for more, code in MORE.findall(text):
        issues[code] = issues.get(code, 0) + int(more)
    return verdict[1].startswith("受理"), int(verdict[3]), issues


def check_huanxin(text, expected):
    """Why huanxin's answer differs from the generator's, or None."""
    answer = huanxin_answer(text)
    if answer is None:
        return f"no verdict line in its output: {text[:200]!r}"
    want = (expected["accepted"], expected["observations"], expected["issues"])
    if answer != want:
        return f"answered accepted={answer[0]} observations={answer[1]} issues={answer[2]}, expected {want}"
    return None


FRICTIONLESS = re.compile(r"rows=(\d+) valid=(True|False) errors=(\{.*\})")


def check_frictionless(text, expected):
    """Why frictionless's line differs from the generator's answer, or None."""
    match = FRICTIONLESS.search(text)
    if not match:
        return f"no `rows= valid= errors=` line in its output: {text[-200:]!r}"
    rows, valid, errors = int(match[1]), match[2] == "True", json.loads(match[3])
    want = (expected["frictionless_rows"], not expected["frictionless_errors"], expected["frictionless_errors"])
    if (rows, valid, errors) != want:
        return f"printed rows={rows} valid={valid} errors={errors}, expected {want}"
    return None
