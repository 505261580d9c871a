#!/usr/bin/env python3
"""Writes the xlwt-made .xls fixtures next to this script (BIFF8 as xlwt writes it:
RK and MULRK numbers, LABELSST text, custom FORMAT records, MERGEDCELLS, 1904 flag).
Run with a Python that has xlwt (`pip install xlwt` in a scratch venv)."""
import datetime
import pathlib

import xlwt

HERE = pathlib.Path(__file__).resolve().parent


def values(sheet, styles):
    sheet.write(0, 0, "地区代码")
    sheet.write(0, 1, "指标")
    sheet.write(0, 2, "数值")
    sheet.write(0, 3, "日期")
    sheet.write(1, 0, "370102")
    sheet.write(1, 1, "以旧换新补贴")
    sheet.write(1, 2, 1234)
    sheet.write(1, 3, datetime.date(2025, 3, 31), styles["date"])
    sheet.write(2, 0, "370103")
    sheet.write(2, 1, "Trade-in, with \"quotes\"")
    sheet.write(2, 2, 0.1)
    sheet.write(2, 3, datetime.datetime(2025, 4, 1, 8, 30), styles["datetime"])
    sheet.write(3, 1, "汽车报废更新")
    sheet.write(3, 2, -12.5)
    sheet.write(3, 3, datetime.date(2025, 5, 1), styles["cjk"])
    sheet.write(4, 2, 0.355, styles["percent"])
    sheet.write(4, 3, 10.632060185185185, styles["elapsed"])
    sheet.write(5, 0, True)
    sheet.write(5, 1, False)
    sheet.write(5, 2, 123456789012)
    sheet.write(5, 3, datetime.time(10, 10, 10), styles["time"])
    sheet.write(6, 5, "gap row and column")
    sheet.write_merge(8, 9, 0, 2, "merged A9:C10")
    sheet.write(11, 0, "line\nbreak")
    sheet.write(11, 1, 1e-7)
    sheet.write(11, 2, 2.5e16)


def main():
    styles = {
        "date": xlwt.easyxf(num_format_str="yyyy-mm-dd"),
        "datetime": xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm"),
        "cjk": xlwt.easyxf(num_format_str='yyyy"年"m"月"d"日"'),
        "percent": xlwt.easyxf(num_format_str="0.0%"),
        "elapsed": xlwt.easyxf(num_format_str="[h]:mm:ss"),
        "time": xlwt.easyxf(num_format_str="hh:mm:ss"),
    }
    for name, is1904 in [("xlwt_values.xls", False), ("xlwt_values_1904.xls", True)]:
        book = xlwt.Workbook(encoding="utf-8")
        book.dates_1904 = is1904
        values(book.add_sheet("数据"), styles)
        hidden = book.add_sheet("隐藏")
        hidden.write(0, 0, "hidden sheet")
        hidden.visibility = 1
        book.save(str(HERE / name))


if __name__ == "__main__":
    main()
