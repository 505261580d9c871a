#!/usr/bin/env python3
"""Expected canonical CSVs of the xlsx corpus, as python-calamine reads it.

For every .xlsx/.xlsm in ../shared/corpus/xlsx-calamine and xlsx-excel, each
sheet goes to expected/<folder>/<file>.<n>.csv (n from 1) in the canonical
form of `huanxin cat` (see Sources/Sheets/Read/CanonicalCSV.swift); a file
calamine cannot read gets expected/<folder>/<file>.error holding the reason.
Run through make_xlsx_expected.sh, which prepares the venv.
"""
import csv
import datetime
import pathlib
import sys

from python_calamine import CalamineWorkbook

HERE = pathlib.Path(__file__).resolve().parent
CORPUS = HERE.parents[2].parent / "shared" / "corpus"
FOLDERS = ["xlsx-calamine", "xlsx-excel"]
EPOCH = datetime.datetime(1899, 12, 30)
SPARSE_LIMIT = 64 * 1024


def serial_text(serial):
    """A day count as the canonical date text, Excel's 1900 leap-year quirk included."""
    seconds = round(serial * 86400)
    days, seconds = divmod(seconds, 86400)
    clock = "%02d:%02d:%02d" % (seconds // 3600, seconds // 60 % 60, seconds % 60)
    if serial < 1:
        return clock
    if days == 60:
        date = "1900-02-29"
    else:
        date = (EPOCH + datetime.timedelta(days=days + (1 if days < 60 else 0))).date().isoformat()
    return date if seconds == 0 else date + "T" + clock


def duration_text(delta):
    """An elapsed time as the canonical H:MM:SS, hours unbounded."""
    seconds = round(abs(delta.total_seconds()))
    sign = "-" if delta.total_seconds() < 0 and seconds else ""
    return "%s%d:%02d:%02d" % (sign, seconds // 3600, seconds // 60 % 60, seconds % 60)


def rounded(moment):
    """A datetime rounded to the nearest second."""
    return moment.replace(microsecond=0) + datetime.timedelta(seconds=round(moment.microsecond / 1e6))


def text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime.datetime):
        moment = rounded(value)
        if moment.time() == datetime.time(0):
            return moment.date().isoformat()
        return moment.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        moment = rounded(datetime.datetime.combine(datetime.date(2000, 1, 1), value))
        return moment.strftime("%H:%M:%S")
    if isinstance(value, datetime.timedelta):
        return duration_text(value)
    return str(value)


def canonical(rows):
    """Rows as lists of field texts, without trailing empty fields and rows."""
    result = []
    for row in rows:
        fields = [text(v) for v in row]
        while fields and fields[-1] == "":
            fields.pop()
        result.append(fields)
    while result and not result[-1]:
        result.pop()
    return result


def read_sheet(sheet):
    """The sheet's rows from A1 (calamine panics on an empty range)."""
    if sheet.height == 0 or sheet.width == 0:
        return []
    return canonical(sheet.to_python(skip_empty_area=False))


def column_name(number):
    letters = ""
    while number > 0:
        number, digit = divmod(number - 1, 26)
        letters = chr(65 + digit) + letters
    return letters


def write_expected(stem, rows):
    """Canonical CSV, or for a sheet whose CSV would pass SPARSE_LIMIT bytes
    (a lone cell at XFD1048576 makes a megabyte of commas) its non-empty
    cells as `A1,value` records in <stem>.sparse.csv."""
    cells = sum(1 for row in rows for value in row if value != "")
    width = max((len(row) for row in rows), default=0)
    if len(rows) * width > SPARSE_LIMIT and cells * 64 < SPARSE_LIMIT:
        records = [[column_name(c + 1) + str(r + 1), value]
                   for r, row in enumerate(rows) for c, value in enumerate(row) if value != ""]
        stem, rows = stem.with_name(stem.name + ".sparse"), records
    with open(stem.with_name(stem.name + ".csv"), "w", newline="", encoding="utf-8") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)


def write_book(path, target):
    """Every sheet of the workbook at `path` into `target`, or <file>.error with calamine's refusal."""
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = [read_sheet(book.get_sheet_by_index(i)) for i in range(len(book.sheet_names))]
    except BaseException as error:  # calamine's refusal (or Rust panic) is the expectation
        (target / (path.name + ".error")).write_text(f"{type(error).__name__}: {error}\n")
        return
    for number, rows in enumerate(sheets, start=1):
        write_expected(target / f"{path.name}.{number}", rows)


def main():
    out_root = HERE / "expected"
    for folder in FOLDERS:
        source = CORPUS / folder
        if not source.is_dir():
            sys.exit(f"corpus folder missing: {source}")
        target = out_root / folder
        target.mkdir(parents=True, exist_ok=True)
        for old in target.iterdir():
            old.unlink()
        for path in sorted(source.iterdir()):
            if path.suffix not in (".xlsx", ".xlsm"):
                continue
            write_book(path, target)


if __name__ == "__main__":
    main()
