"""xml.etree.ElementTree.iterparse over XML Spreadsheet 2003: each Row's
cells (honouring ss:Index), summed in Python; rows are dropped once read."""
import sys
import xml.etree.ElementTree as ET

from common import sum_rows

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def rows(path):
    table = None
    for event, element in ET.iterparse(path, events=("start", "end")):
        if event == "start":
            if element.tag == SS + "Table":
                table = element
            continue
        if element.tag != SS + "Row":
            continue
        values = []
        for cell in element.iter(SS + "Cell"):
            index = cell.get(SS + "Index")
            if index is not None:
                values.extend([None] * (int(index) - 1 - len(values)))
            data = cell.find(SS + "Data")
            if data is None:
                values.append(None)
            elif data.get(SS + "Type") == "Number":
                values.append(float(data.text))
            else:
                values.append(data.text or "")
        yield values
        table.clear()


sum_rows(rows(sys.argv[1]))
