import Sheets

/// libFuzzer target: the ZIP archive and the XLSX reader on top of it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let path = FuzzInput.file(data, count)
    FuzzInput.readAll { try XLSXWorkbook(path: path) }
    return 0
}
