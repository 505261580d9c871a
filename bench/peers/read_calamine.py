"""python-calamine (Rust calamine): XLSX rows as Python values, summed in Python."""
import sys

from python_calamine import CalamineWorkbook

from common import sum_rows

sheet = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0)
sum_rows(sheet.iter_rows())
