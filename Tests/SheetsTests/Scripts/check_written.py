"""Reads back a file huanxin wrote and prints, as JSON, what other programs see.

    check_written.py xlsx FILE   -> zipfile check, openpyxl and python-calamine views
    check_written.py zip FILE    -> zipfile check and each entry's size and text
    check_written.py canonical FILE -> each sheet as python-calamine reads it, in
                                   `huanxin cat`'s canonical CSV (a .csv FILE: Python's
                                   csv module on its text, decoded by its BOM or as GB18030)

Used by the Swift tests (XLSXWriterTests, ZipWriterTests, WorkbookConverterTests).
"""
import datetime
import json
import sys
import zipfile


def plain(value):
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    return value


def zip_view(path):
    with zipfile.ZipFile(path) as archive:
        bad = archive.testzip()
        entries = {}
        for info in archive.infolist():
            data = archive.read(info)
            entries[info.filename] = {
                "size": info.file_size,
                "zip64": info.file_size >= 0xFFFFFFFF or info.header_offset >= 0xFFFFFFFF
                or b"\x01\x00" == info.extra[:2],
                "text": data.decode("utf-8", "replace") if len(data) < 4096 else None,
            }
        return {"testzip": bad, "entries": entries}


def openpyxl_view(path):
    import openpyxl
    book = openpyxl.load_workbook(path)
    sheets = []
    for ws in book.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None and cell.style_id == 0:
                    continue
                cells[cell.coordinate] = {
                    "value": plain(cell.value),
                    "type": type(cell.value).__name__,
                    "format": cell.number_format,
                    "bold": bool(cell.font.b),
                    "fill": cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None,
                    "border": cell.border.left.style,
                    "wrap": bool(cell.alignment.wrap_text),
                    "horizontal": cell.alignment.horizontal,
                    "locked": cell.protection.locked,
                }
        validations = [{
            "type": v.type, "sqref": str(v.sqref), "formula1": v.formula1, "formula2": v.formula2,
            "operator": v.operator,
        } for v in ws.data_validations.dataValidation]
        conditional = []
        for rng in ws.conditional_formatting:
            for rule in rng.rules:
                conditional.append({
                    "range": str(rng.sqref), "type": rule.type, "operator": rule.operator,
                    "formula": list(rule.formula or []), "dxf_fill": (
                        rule.dxf.fill.bgColor.rgb if rule.dxf is not None and rule.dxf.fill is not None else None),
                })
        sheets.append({
            "name": ws.title,
            "state": ws.sheet_state,
            "freeze": ws.freeze_panes,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "autofilter": ws.auto_filter.ref,
            "protected": bool(ws.protection.sheet),
            "widths": {k: d.width for k, d in sorted(ws.column_dimensions.items()) if d.customWidth},
            "heights": {str(k): d.height for k, d in sorted(ws.row_dimensions.items()) if d.height},
            "validations": validations,
            "conditional": conditional,
            "cells": cells,
        })
    props = book.properties
    return {
        "sheets": sheets,
        "title": props.title,
        "creator": props.creator,
        "created": plain(props.created),
    }


def calamine_view(path):
    from python_calamine import CalamineWorkbook
    book = CalamineWorkbook.from_path(path)
    sheets = []
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        sheets.append({"name": name, "rows": [[plain(v) for v in row] for row in rows]})
    visibility = {}
    for meta in getattr(book, "sheets_metadata", []):
        visibility[meta.name] = str(meta.visible)
    return {"sheets": sheets, "visibility": visibility}


def canonical_csv(rows):
    """Rows in `huanxin cat`'s canonical CSV, by the rules the xlsx fixtures were made with."""
    import csv
    import io
    import pathlib
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Fixtures"))
    from make_xlsx_expected import canonical
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(canonical(rows))
    return out.getvalue()


def canonical_view(path):
    if path.lower().endswith(".csv"):
        import csv
        import io
        data = open(path, "rb").read()
        for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
            if data.startswith(bom):
                break
        else:
            try:
                data.decode("utf-8")
                encoding = "utf-8"
            except UnicodeDecodeError:
                encoding = "gb18030"
        rows = list(csv.reader(io.StringIO(data.decode(encoding), newline="")))
        return {"sheets": [{"name": None, "csv": canonical_csv(rows)}]}
    from python_calamine import CalamineWorkbook
    book = CalamineWorkbook.from_path(path)
    sheets = []
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False) if sheet.height and sheet.width else []  # calamine panics on none
        sheets.append({"name": name, "csv": canonical_csv(rows)})
    return {"sheets": sheets}


def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "zip":
        result = zip_view(path)
    elif mode == "canonical":
        result = canonical_view(path)
    else:
        result = {"zip": zip_view(path), "openpyxl": openpyxl_view(path), "calamine": calamine_view(path)}
        for entry in result["zip"]["entries"].values():
            entry.pop("text")
    json.dump(result, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main()
