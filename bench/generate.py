"""Generates the benchmark's submission tables, deterministically.

One table per size, the shape a county department submits: 地区代码 (6-digit
text), 地区名称, 部门, 指标代码, 期间 (YYYY-MM), 数值, 单位, 备注. Counties,
departments, indicators and units are the real ones of `Schemas/`; values,
periods and remarks come from a seeded generator, so the same command gives
the same bytes on every machine.

Each table is written these ways into bench/data/:
  table-<size>.utf8.csv     CSV as Excel saves "CSV UTF-8": BOM, CRLF
  table-<size>.gb18030.csv  CSV as a Chinese-locale Excel saves "CSV": GB18030, CRLF
  table-<size>.xlsx         XlsxWriter's default mode (shared strings)
  table-<size>.xml          XML Spreadsheet 2003, text written here
  table-<size>.xls          xlwt (BIFF8: shared strings, RK numbers); only up to 65,535 rows
  table-<size>.ods          OpenDocument as LibreOffice writes it, text written here
and table-<size>.json records the exact answer of the measured task (rows,
groups of (地区代码, 指标代码), total of 数值, summed in cents) that every
program must print, and the vocabulary the rows were drawn from (the county
and indicator codes, and a SHA-256 of them with their names, departments and
units). Files whose manifest is current are not rewritten; a table can be
asked for in some formats only (`--formats`), and formats asked for later are
added to it. A changed vocabulary (a county or indicator added to Schemas/,
a unit changed) makes every format of the table again, so that no table
mixes files drawn from two catalogs.

Usage: generate.py [--rows N ...] [--out DIR] [--formats F ...] [--schemas DIR] [--force]
"""

import argparse
import csv
import datetime
import hashlib
import json
import random
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import yaml

# Bump when the content or layout of the files changes, to regenerate them.
GENERATOR_VERSION = 1
SEED = "huanxin-bench"
HEADER = ["地区代码", "地区名称", "部门", "指标代码", "期间", "数值", "单位", "备注"]
# Units whose figures carry decimals; the others count things.
DECIMAL_UNITS = {"万元", "亩", "吨", "吨标准煤", "公里", "平方米"}
REPO = Path(__file__).resolve().parent.parent
FORMATS = ("csv-utf8", "csv-gb18030", "xlsx", "xml2003", "xls", "ods")
# BIFF8's last row is 65,536; the header takes one.
XLS_MAX_ROWS = 65_535


def size_label(rows):
    """10000 → 10k, 1000000 → 1m."""
    if rows % 1_000_000 == 0:
        return f"{rows // 1_000_000}m"
    if rows % 1000 == 0:
        return f"{rows // 1000}k"
    return str(rows)


def load_vocabulary(schemas=REPO / "Schemas"):
    """Counties, and the summable indicators with their lead department's name and unit."""
    with open(schemas / "regions/shandong-divisions.csv", encoding="utf-8") as f:
        counties = [(r["code"], r["name"]) for r in csv.DictReader(f) if r["level"] == "county"]
    departments = {
        d["code"]: d["name"]
        for d in yaml.safe_load((schemas / "departments.yaml").read_text(encoding="utf-8"))["departments"]
    }
    indicators = [
        (i["code"], departments[i["lead"]], i["unit"])
        for i in yaml.safe_load((schemas / "indicators.yaml").read_text(encoding="utf-8"))["indicators"]
        if i.get("method") == "sum" and i.get("lead") in departments
    ]
    return counties, indicators


def vocabulary_record(counties, indicators):
    """What a manifest records of the vocabulary its rows were drawn from:
    the codes, for people, and a digest of everything the rows take from it
    (names, departments, units too), to compare."""
    drawn = json.dumps([counties, indicators], ensure_ascii=False, separators=(",", ":"))
    return {
        "sha256": hashlib.sha256(drawn.encode()).hexdigest(),
        "counties": [code for code, _ in counties],
        "indicators": [code for code, _, _ in indicators],
    }


# Remarks as departments write them: mostly none, some with the characters
# that make CSV and XML writers quote and escape (commas, quotes, newlines).
REMARKS = [
    "已核实",
    "数据来源：县统计局",
    "含以旧换新补贴车辆{n}辆",
    '按"以旧换新"口径统计，不含二手车',
    "较上月增长{p}%，主要原因是促销活动集中",
    "第{n}批次，已报市局\n待复核",
    "企业名称：“{company}”有限公司, 重点项目",
    "单位：万元，已扣除重复统计部分",
    '补报{m}月数据；原数据"{n}"有误\n已更正',
    "<暂估> & 待统计局反馈",
]
COMPANIES = ["鲁信", "华泰", "齐鲁", "泰山", "黄河", "渤海", "沂蒙", "东岳"]


def remark(rng):
    if rng.random() < 0.65:
        return ""
    template = rng.choice(REMARKS)
    return template.format(n=rng.randint(1, 999), p=rng.randint(1, 60), m=rng.randint(1, 12),
                           company=rng.choice(COMPANIES))


def rows(count, counties, indicators):
    """The table's data rows; 数值 as (text, cents)."""
    rng = random.Random(f"{SEED}-{count}")
    for _ in range(count):
        code, name = rng.choice(counties)
        indicator, department, unit = rng.choice(indicators)
        year, month = divmod(rng.randrange(40), 12)
        period = f"{2023 + year}-{month + 1:02d}"
        if unit in DECIMAL_UNITS:
            cents = rng.randrange(0, 20_000_000)
            # Some departments write one decimal where the second is 0.
            text = f"{cents // 100}.{cents % 100:02d}"
            if text.endswith("0") and rng.random() < 0.5:
                text = text[:-1]
        else:
            cents = rng.randrange(0, 5000) * 100
            text = str(cents // 100)
        yield code, name, department, indicator, period, text, unit, remark(rng), cents


class CSVOutput:
    def __init__(self, path, encoding):
        self.file = open(path, "w", encoding=encoding, newline="")
        self.writer = csv.writer(self.file, lineterminator="\r\n")
        self.writer.writerow(HEADER)

    def row(self, cells, cents):
        self.writer.writerow(cells)

    def close(self):
        self.file.close()


class XLSXOutput:
    """XlsxWriter in its default mode: shared strings, the whole sheet in memory until close."""

    def __init__(self, path):
        import xlsxwriter  # here, not at the top: a table without .xlsx needs no XlsxWriter

        self.workbook = xlsxwriter.Workbook(str(path))
        self.workbook.set_properties({"created": datetime.datetime(2024, 6, 1)})
        self.sheet = self.workbook.add_worksheet("报送表")
        self.sheet.write_row(0, 0, HEADER)
        self.next_row = 1

    def row(self, cells, cents):
        r = self.next_row
        write_string = self.sheet.write_string
        for column, text in enumerate(cells):
            if column == 5:
                self.sheet.write_number(r, 5, float(Decimal(text)))
            elif text:
                write_string(r, column, text)
        self.next_row += 1

    def close(self):
        self.workbook.close()


class XML2003Output:
    """XML Spreadsheet 2003 as Excel writes it, one row per line."""

    def __init__(self, path):
        self.file = open(path, "w", encoding="utf-8", newline="\n")
        self.file.write(
            '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"\n'
            ' xmlns:o="urn:schemas-microsoft-com:office:office"\n'
            ' xmlns:x="urn:schemas-microsoft-com:office:excel"\n'
            ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"\n'
            ' xmlns:html="http://www.w3.org/TR/REC-html40">\n'
            ' <Worksheet ss:Name="报送表">\n  <Table>\n')
        self.write_cells(HEADER)

    @staticmethod
    def escape(text):
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "&#10;")

    def write_cells(self, cells, number_column=None):
        parts = ["   <Row>"]
        for column, text in enumerate(cells):
            if not text:
                continue  # Excel leaves empty cells out; 备注 is last, so no ss:Index is needed.
            kind = "Number" if column == number_column else "String"
            parts.append(f'<Cell><Data ss:Type="{kind}">{self.escape(text)}</Data></Cell>')
        parts.append("</Row>\n")
        self.file.write("".join(parts))

    def row(self, cells, cents):
        self.write_cells(cells, number_column=5)

    def close(self):
        self.file.write("  </Table>\n </Worksheet>\n</Workbook>\n")
        self.file.close()


class XLSOutput:
    """xlwt, as Python programs write .xls: the whole workbook in memory until close."""

    def __init__(self, path):
        import xlwt  # here, not at the top: a table without .xls needs no xlwt

        self.path = path
        self.workbook = xlwt.Workbook(encoding="utf-8")
        self.sheet = self.workbook.add_sheet("报送表")
        for column, text in enumerate(HEADER):
            self.sheet.write(0, column, text)
        self.next_row = 1

    def row(self, cells, cents):
        r = self.sheet.row(self.next_row)
        for column, text in enumerate(cells):
            if column == 5:
                r.set_cell_number(5, float(Decimal(text)))
            elif text:
                r.set_cell_text(column, text)
        self.next_row += 1
        if self.next_row % 1000 == 0:
            self.sheet.flush_row_data()

    def close(self):
        self.workbook.save(str(self.path))


class ODSOutput:
    """OpenDocument with the markup LibreOffice writes for such a sheet (value
    types, calcext attributes, one paragraph per line of text), streamed into
    a deflated content.xml."""

    NAMESPACES = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
                  'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"')

    def __init__(self, path):
        moment = (2024, 6, 1, 0, 0, 0)
        self.zip = zipfile.ZipFile(path, "w")
        self.zip.writestr(zipfile.ZipInfo("mimetype", moment), "application/vnd.oasis.opendocument.spreadsheet",
                          compress_type=zipfile.ZIP_STORED)
        manifest = zipfile.ZipInfo("META-INF/manifest.xml", moment)
        manifest.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(manifest, (
            '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>'))
        content = zipfile.ZipInfo("content.xml", moment)
        content.compress_type = zipfile.ZIP_DEFLATED
        self.content = self.zip.open(content, "w", force_zip64=True)
        self.pending = [f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {self.NAMESPACES} '
                        'office:version="1.3"><office:body><office:spreadsheet><table:table table:name="报送表">'
                        '<table:table-column table:number-columns-repeated="8"/>']
        self.write_cells(HEADER)

    def write_cells(self, cells, number_column=None):
        parts = ["<table:table-row>"]
        for column, text in enumerate(cells):
            if not text:
                parts.append("<table:table-cell/>")
            elif column == number_column:
                parts.append(f'<table:table-cell office:value-type="float" office:value="{text}" calcext:value-type="float">'
                             f"<text:p>{text}</text:p></table:table-cell>")
            else:
                paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in text.split("\n"))
                parts.append(f'<table:table-cell office:value-type="string" calcext:value-type="string">{paragraphs}'
                             "</table:table-cell>")
        parts.append("</table:table-row>")
        self.pending.append("".join(parts))
        if len(self.pending) >= 2000:
            self.flush()

    def flush(self):
        self.content.write("".join(self.pending).encode())
        self.pending = []

    def row(self, cells, cents):
        self.write_cells(cells, number_column=5)

    def close(self):
        # LibreOffice pads the sheet with repeated empty rows to its last row.
        self.pending.append('<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
                            'table:number-columns-repeated="8"/></table:table-row>'
                            "</table:table></office:spreadsheet></office:body></office:document-content>")
        self.flush()
        self.content.close()
        self.zip.close()


def generate(count, out, counties, indicators, formats=FORMATS):
    label = size_label(count)
    stem = out / f"table-{label}"
    paths = {
        "csv-utf8": Path(f"{stem}.utf8.csv"),
        "csv-gb18030": Path(f"{stem}.gb18030.csv"),
        "xlsx": Path(f"{stem}.xlsx"),
        "xml2003": Path(f"{stem}.xml"),
        "xls": Path(f"{stem}.xls"),
        "ods": Path(f"{stem}.ods"),
    }
    makers = {
        "csv-utf8": lambda path: CSVOutput(path, "utf-8-sig"),
        "csv-gb18030": lambda path: CSVOutput(path, "gb18030"),
        "xlsx": XLSXOutput, "xml2003": XML2003Output, "xls": XLSOutput, "ods": ODSOutput,
    }
    files = {fmt: paths[fmt] for fmt in formats if fmt != "xls" or count <= XLS_MAX_ROWS}
    outputs = [makers[fmt](path) for fmt, path in files.items()]
    groups = {}
    for *cells, cents in rows(count, counties, indicators):
        key = (cells[0], cells[3])
        groups[key] = groups.get(key, 0) + cents
        for output in outputs:
            output.row(cells, cents)
    for output in outputs:
        output.close()
    total = sum(groups.values())
    return {
        "version": GENERATOR_VERSION,
        "vocabulary": vocabulary_record(counties, indicators),
        "rows": count,
        "groups": len(groups),
        "total": f"{total // 100}.{total % 100:02d}",
        "files": {fmt: {"name": path.name, "bytes": path.stat().st_size}
                  for fmt, path in files.items()},
    }


def read_manifest(manifest_path):
    """The manifest at `manifest_path`, or None when there is none to read."""
    try:
        return json.loads(manifest_path.read_text())
    except (OSError, ValueError):
        return None


def is_current(manifest, folder, vocabulary):
    """Whether `manifest`'s files are there as it lists them, made by this
    generator from `vocabulary` (a `vocabulary_record`)."""
    return (
        manifest is not None
        and manifest.get("version") == GENERATOR_VERSION
        and manifest.get("vocabulary", {}).get("sha256") == vocabulary["sha256"]
        and all((folder / f["name"]).is_file() and (folder / f["name"]).stat().st_size == f["bytes"]
                for f in manifest["files"].values()))


def ensure(counts, out, force=False, formats=FORMATS, schemas=REPO / "Schemas"):
    """The manifests of the tables of `counts` rows in `out` in `formats` (and
    any others they already have), generating what is missing or not current:
    a table made from another vocabulary than `schemas`' is made again in
    every format it had."""
    out.mkdir(parents=True, exist_ok=True)
    vocabulary = load_vocabulary(schemas)
    record = vocabulary_record(*vocabulary)
    manifests = {}
    for count in counts:
        manifest_path = out / f"table-{size_label(count)}.json"
        earlier = read_manifest(manifest_path)
        manifest = earlier if not force and is_current(earlier, out, record) else None
        wanted = [fmt for fmt in formats if fmt != "xls" or count <= XLS_MAX_ROWS]
        if manifest is None and earlier is not None:
            # Whatever the table had is made again, not left drawn from the old vocabulary.
            wanted += [fmt for fmt in FORMATS if fmt in earlier.get("files", {}) and fmt not in wanted]
        missing = [fmt for fmt in wanted if manifest is None or fmt not in manifest["files"]]
        if missing:
            print(f"生成 Generating {count:,} rows ({', '.join(missing)}) into {out} ...", file=sys.stderr, flush=True)
            made = generate(count, out.resolve(), *vocabulary, formats=missing)
            if manifest is not None:
                made["files"] = {**manifest["files"], **made["files"]}
            manifest_path.write_text(json.dumps(made, ensure_ascii=False, indent=2) + "\n")
        manifests[count] = json.loads(manifest_path.read_text())
    return manifests


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--out", type=Path, default=REPO / "bench/data")
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    parser.add_argument("--schemas", type=Path, default=REPO / "Schemas", help="the catalog the rows are drawn from")
    parser.add_argument("--force", action="store_true", help="regenerate even when the files are current")
    args = parser.parse_args()
    ensure(args.rows, args.out, args.force, args.formats, args.schemas)


if __name__ == "__main__":
    main()
