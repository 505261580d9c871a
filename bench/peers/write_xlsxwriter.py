"""Python XlsxWriter in constant-memory mode (inline strings, default compression):
write_xlsxwriter.py OUT ROWS writes the write benchmark's table (write_table.py)."""
import datetime
import sys

import xlsxwriter

from write_table import COUNTIES, HEADER, INDICATORS, PERIODS, REMARKS

path, rows = sys.argv[1], int(sys.argv[2])
workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
workbook.set_properties({"created": datetime.datetime(2024, 6, 1)})
sheet = workbook.add_worksheet("报送表")
sheet.write_row(0, 0, HEADER)
write_string, write_number = sheet.write_string, sheet.write_number
for i in range(rows):
    r = i + 1
    code, name = COUNTIES[i % 8]
    indicator, department, unit, has_decimals = INDICATORS[(i // 8) % 6]
    write_string(r, 0, code)
    write_string(r, 1, name)
    write_string(r, 2, department)
    write_string(r, 3, indicator)
    write_string(r, 4, PERIODS[(i // 48) % 40])
    write_number(r, 5, (i * 104729) % 20_000_000 / 100 if has_decimals else (i * 7919) % 5000)
    write_string(r, 6, unit)
    if i % 5:
        write_string(r, 7, REMARKS[i % 5])
workbook.close()
