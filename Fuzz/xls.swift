import Sheets

/// libFuzzer target: the compound file (CFB) and the legacy Excel (BIFF) reader on top of it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLS(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let path = FuzzInput.file(data, count)
    FuzzInput.readAll { try XLSWorkbook(path: path) }
    return 0
}
