import Sheets

/// libFuzzer target: the XML Spreadsheet 2003 reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML2003(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let path = FuzzInput.file(data, count)
    FuzzInput.readAll { try XML2003Workbook(path: path) }
    return 0
}
