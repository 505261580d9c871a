import Catalog
import Foundation
import Intake
import Vocabulary

/// The catalog in `Schemas/` of the folder the fuzzer runs in (`make fuzz` runs at the repository's root).
private let reader: SubmissionReader = {
    let loaded = CatalogLoader(schemas: URL(fileURLWithPath: "Schemas")).load()
    return SubmissionReader(catalog: loaded.catalog, today: Period(year: 2025, month: 4)!)
}()

/// Loads the catalog before the first input: under AddressSanitizer on a
/// busy machine that takes seconds, which libFuzzer would otherwise count
/// against the first input's time-out (it did: a 0-byte "time-out").
@_cdecl("LLVMFuzzerInitialize")
public func fuzzIntakeInitialize(_ argc: UnsafeMutableRawPointer, _ argv: UnsafeMutableRawPointer) -> CInt {
    _ = reader
    return 0
}

/// libFuzzer target: intake on top of whichever reader the content picks,
/// with the authority checks of 嘉祥县商务局. It never throws: every
/// failure must come back as issues, within the per-file bounds.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIntake(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let path = FuzzInput.file(data, count)
    let result = reader.read(path: path, submitter: Submitter(region: "370829", department: "commerce"))
    // The bounds every file is held to: IssueList's for the reading and for
    // the consistency checks, each with one summary per code past it.
    precondition(result.issues.count <= 2 * (IssueList.perFile + 64), "\(result.issues.count) issues")
    return 0
}
