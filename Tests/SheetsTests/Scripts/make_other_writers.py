"""Writes small workbooks and CSVs with other programs' writers, for
OtherWritersTests: files huanxin did not write, read by our reader and
compared with what python-calamine (xlsx) or Python's csv module (csv) read.

    make_other_writers.py FOLDER   -> the files below, their names one a line on stdout

openpyxl, xlsxwriter and pandas each write the same kinds of content: dates,
times, date-times, booleans, integers and decimals, Chinese text, codes with
leading zeros kept as text, merged cells, several sheets (one hidden), sparse
cells far from A1. pandas writes the CSVs in UTF-8, UTF-8 with BOM, GB18030
and UTF-16 (with BOM).
"""
import datetime
import pathlib
import sys

ROWS = [
    ["地区", "代码", "回收量", "金额", "日期", "时间", "时刻", "完成"],
    ["嘉祥县", "001", 1234, 5678.25, datetime.date(2025, 6, 30), datetime.time(9, 30),
     datetime.datetime(2025, 6, 30, 17, 45, 5), True],
    ["任城区", "370811", -7, 0.1, datetime.date(2024, 2, 29), datetime.time(23, 59, 59),
     datetime.datetime(2000, 1, 1, 0, 0, 1), False],
    ["含\"引号\"，逗号,与换行\n第二行", "", 1e-7, 1.5e16, None, None, None, None],
]


def with_openpyxl(folder):
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "汇总"
    for row in ROWS:
        sheet.append(row)
    for column, code in (("E", "yyyy-mm-dd"), ("F", "hh:mm:ss"), ("G", "yyyy-mm-dd hh:mm:ss")):
        for cell in sheet[column][1:]:
            cell.number_format = code
    sheet.merge_cells("A6:C7")
    sheet["A6"] = "合并单元格"
    sparse = book.create_sheet("稀疏")
    sparse["C5"] = "起点"
    sparse["AA100"] = 42
    hidden = book.create_sheet("隐藏")
    hidden["A1"] = "看不见"
    hidden.sheet_state = "hidden"
    book.save(folder / "openpyxl.xlsx")
    return ["openpyxl.xlsx"]


def with_xlsxwriter(folder):
    import xlsxwriter
    book = xlsxwriter.Workbook(str(folder / "xlsxwriter.xlsx"))
    formats = {
        datetime.date: book.add_format({"num_format": "yyyy-mm-dd"}),
        datetime.time: book.add_format({"num_format": "hh:mm:ss"}),
        datetime.datetime: book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
    }
    sheet = book.add_worksheet("汇总")
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            if value is None:
                continue
            if type(value) in formats:
                sheet.write_datetime(r, c, value, formats[type(value)])
            elif isinstance(value, str):
                sheet.write_string(r, c, value)  # "001" stays text
            else:
                sheet.write(r, c, value)
    sheet.merge_range("A6:C7", "合并单元格")
    sparse = book.add_worksheet("稀疏")
    sparse.write_string("C5", "起点")
    sparse.write_number("AA100", 42)
    hidden = book.add_worksheet("隐藏")
    hidden.write_string("A1", "看不见")
    hidden.hide()
    book.close()
    return ["xlsxwriter.xlsx"]


def frame():
    import pandas
    return pandas.DataFrame(ROWS[1:], columns=ROWS[0])


def with_pandas(folder):
    import pandas
    data = frame()
    with pandas.ExcelWriter(folder / "pandas.xlsx", engine="openpyxl") as writer:
        data.to_excel(writer, sheet_name="汇总", index=False)
        data.iloc[:, :2].to_excel(writer, sheet_name="偏移", index=False, startrow=3, startcol=2)
    names = ["pandas.xlsx"]
    # CSV carries no types: pandas writes dates and numbers as text.
    for encoding, name in (("utf-8", "utf8.csv"), ("utf-8-sig", "utf8-bom.csv"), ("gb18030", "gb18030.csv"),
                           ("utf-16", "utf16.csv")):
        data.to_csv(folder / name, index=False, encoding=encoding)
        names.append(name)
    return names


def main():
    folder = pathlib.Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for write in (with_openpyxl, with_xlsxwriter, with_pandas):
        for name in write(folder):
            print(name)


if __name__ == "__main__":
    main()
