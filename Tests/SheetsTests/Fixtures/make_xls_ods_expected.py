#!/usr/bin/env python3
"""Expected canonical CSVs of the .xls and .ods files, as python-calamine reads them.

Reads every .ods in ../shared/corpus/xlsx-calamine and every .xls/.ods in
xls-ods/ (the fixtures, see xls-ods/README.md) and writes
expected/xls-ods/<file>.<n>.csv, or <file>.error when calamine refuses the
file, in the form of make_xlsx_expected.py. Run through make_xlsx_expected.sh's venv:
    .venv/bin/python Tests/SheetsTests/Fixtures/make_xls_ods_expected.py
"""
from make_xlsx_expected import CORPUS, HERE, write_book


def sources():
    yield from sorted((CORPUS / "xlsx-calamine").glob("*.ods"))
    yield from sorted(p for p in (HERE / "xls-ods").iterdir() if p.suffix in (".xls", ".ods"))


def main():
    target = HERE / "expected" / "xls-ods"
    target.mkdir(parents=True, exist_ok=True)
    for old in target.iterdir():
        old.unlink()
    for path in sources():
        write_book(path, target)


if __name__ == "__main__":
    main()
