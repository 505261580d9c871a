import Testing

@testable import Sheets

@Suite struct CellReferenceTests {
    @Test func parsesA1References() {
        #expect(CellReference("A1") == CellReference(row: 1, column: 1))
        #expect(CellReference("C5") == CellReference(row: 5, column: 3))
        #expect(CellReference("$AA$10") == CellReference(row: 10, column: 27))
        #expect(CellReference("xfd1048576") == CellReference(row: 1_048_576, column: 16_384))
    }

    @Test func refusesReferencesBeyondTheSheet() {
        #expect(CellReference("XFE1") == nil)
        #expect(CellReference("A1048577") == nil)
        #expect(CellReference("A0") == nil)
        #expect(CellReference("1A") == nil)
        #expect(CellReference("") == nil)
        #expect(CellReference("A1B") == nil)
    }

    @Test func printsColumnLetters() {
        #expect(CellReference.columnName(1) == "A")
        #expect(CellReference.columnName(26) == "Z")
        #expect(CellReference.columnName(27) == "AA")
        #expect(CellReference.columnName(702) == "ZZ")
        #expect(CellReference.columnName(703) == "AAA")
        #expect(CellReference.columnName(16_384) == "XFD")
        #expect(CellReference.columnNumber("XFD") == 16_384)
        #expect(CellReference.columnNumber("A1") == nil)
        #expect(CellReference(row: 12, column: 28).a1 == "AB12")
    }

    @Test func rangesNormaliseCorners() {
        let range = CellRange("D3:B2")
        #expect(range?.description == "B2:D3")
        #expect(range?.contains(CellReference(row: 2, column: 3)) == true)
        #expect(range?.contains(CellReference(row: 4, column: 3)) == false)
        #expect(CellRange("B2")?.description == "B2")
    }
}
