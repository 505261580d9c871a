import Sheets

/// libFuzzer target: the OpenDocument spreadsheet reader (ZIP, content.xml).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzODS(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let path = FuzzInput.file(data, count)
    FuzzInput.readAll { try ODSWorkbook(path: path) }
    return 0
}
