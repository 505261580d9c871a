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

    /// Where the needle's anchor is common (the `b` of `</table:table` is in
    /// every ODS cell's tags), the search goes on 32 positions at a time: it
    /// finds what a byte-by-byte search finds, at any offset, in a block or in
    /// the last positions, and passes over the tags the needle begins
    /// (`</table:table-cell>`) and an end without its next byte.
    @Test func aCommonAnchorIsSearchedInBlocksWithTheSameAnswer() {
        let cell = Array(#"<table:table-cell office:value-type="float"><text:p>b</text:p></table:table-cell>"#.utf8)
        let cells = Array(Array(repeating: cell, count: 300).joined())
        func byteByByte(_ bytes: [UInt8], _ needle: [UInt8], from: Int) -> Int? {
            var start = from
            while start + needle.count < bytes.count {
                if Array(bytes[start..<start + needle.count]) == needle,
                    Array(" \t\n\r>/".utf8).contains(bytes[start + needle.count])
                {
                    return start
                }
                start += 1
            }
            return nil
        }
        let needle = Array("</table:table".utf8)
        for position in [
            0, 1, 31, 32, 33, 5_000, 12_345, cells.count - 40, cells.count - 20, cells.count - 1, cells.count,
        ] {
            for end in ["</table:table>", "</table:table\n>", "</table:tables>", "</table:table"] {
                var bytes = cells
                bytes.insert(contentsOf: Array(end.utf8), at: position)
                for from in [0, 7, position] {
                    let found = bytes.withUnsafeBytes { TagFinder(needle).first(in: $0, from: from) }
                    #expect(found == byteByByte(bytes, needle, from: from), "\(end) at \(position), from \(from)")
                }
            }
        }
        #expect(cells.withUnsafeBytes { TagFinder(needle).first(in: $0, from: 0) } == nil)
    }

    @Test func lastFindsTheOccurrenceNearestTheEnd() {
        #expect(last("<row", "<row r=\"1\"/><row r=\"2\"/><rows/>") == 12)
        #expect(last("<row", "<row r=\"1\"/><row r=\"2\"/>", from: 13) == nil)
    }
}
