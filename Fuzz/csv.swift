import Sheets

/// libFuzzer target: the CSV reader (encoding detection, delimiter sniffing, parsing).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let path = FuzzInput.file(data, count)
    FuzzInput.readAll { try CSVWorkbook(path: path) }
    return 0
}
