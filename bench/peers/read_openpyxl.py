"""openpyxl in read-only (streaming) mode: XLSX rows as Python values, summed in Python."""
import sys

import openpyxl

from common import sum_rows

workbook = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
sum_rows(workbook.worksheets[0].iter_rows(values_only=True))
