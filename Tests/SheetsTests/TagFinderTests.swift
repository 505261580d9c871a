import Testing

@testable import Sheets

@Suite struct TagFinderTests {
    func first(_ needle: String, _ text: String, from: Int = 0) -> Int? {
        Array(text.utf8).withUnsafeBytes { TagFinder(Array(needle.utf8)).first(in: $0, from: from) }
    }

    func last(_ needle: String, _ text: String, from: Int = 0) -> Int? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { TagFinder(Array(needle.utf8)).last(in: $0, from: from, before: bytes.count) }
    }

    @Test func findsNamesThatEndWhereTheNeedleEnds() {
        #expect(first("</sheetData", "<c><v>1</v></c></sheetDataX></sheetData>") == 28)
        #expect(first("</Table", "<Data>Table</Data></Tables></Table\n>") == 27)
        #expect(first("Table", "Tab<x:Table/>") == 6)
        #expect(first("<row", "<rows/><row r=\"1\">") == 7)
        #expect(first("<row", "<row r=\"1\">", from: 1) == nil)
    }

    @Test func anOccurrenceWithoutTheByteAfterItIsNotYetFound() {
        #expect(first("</sheetData", "<v>1</v></sheetData") == nil)
        #expect(first("</sheetData", "</sheetData>") == 0)
        #expect(first("Table", "") == nil)
    }

    @Test func lastFindsTheOccurrenceNearestTheEnd() {
        #expect(last("<row", "<row r=\"1\"/><row r=\"2\"/><rows/>") == 12)
        #expect(last("<row", "<row r=\"1\"/><row r=\"2\"/>", from: 13) == nil)
    }
}
