import Foundation
import Testing

@testable import Sheets

@Suite struct XML2003TableFilterTests {
    typealias F = ReaderFixtures

    /// What the outline pass is fed when `xml` arrives `chunkSize` bytes at a time.
    func filtered(_ xml: String, chunkSize: Int) throws -> String {
        var filter = XML2003TableFilter()
        let bytes = Array(xml.utf8)
        var output: [UInt8] = []
        var pending: [UInt8] = []
        var offset = 0
        while true {
            let next = bytes[offset..<min(offset + chunkSize, bytes.count)]
            offset += next.count
            pending += next
            let consumed = try pending.withUnsafeBytes { try filter.filter($0, isFinal: next.isEmpty) { output += $0 } }
            pending.removeFirst(consumed)
            if next.isEmpty { return String(decoding: output, as: UTF8.self) }
        }
    }

    @Test(arguments: [1, 2, 3, 7, 64, 4096])
    func tableContentsBecomeTheirNewlines(chunkSize: Int) throws {
        let xml = """
            <!-- <Table> --><Workbook><Worksheet ss:Name="A"><ss:Table ss:Note="a>b" x='/>'>
            <Row><Cell><Data>1</Data></Cell></Row>
            <!-- </ss:Table> --><![CDATA[</Table>]]><?pi </Table> ?>
            <html:Table><b>x</b></html:Table>
            </ss:Table ><x:WorksheetOptions/></Worksheet><Worksheet><Table/><Tables>t</Tables><Table ss:X="/"><Row/></Table></Worksheet></Workbook>
            """
        let expected = """
            <!-- <Table> --><Workbook><Worksheet ss:Name="A"><ss:Table ss:Note="a>b" x='/>'>



            </ss:Table ><x:WorksheetOptions/></Worksheet><Worksheet><Table/><Tables>t</Tables><Table ss:X="/"></Table></Worksheet></Workbook>
            """
        #expect(try filtered(xml, chunkSize: chunkSize) == expected)
    }

    @Test func unclosedTableHidesTheRest() throws {
        #expect(try filtered("<Workbook><Table><Row>\n</Workbook>", chunkSize: 5) == "<Workbook><Table>\n")
    }

    @Test func openingReadsAroundTablesAndLeavesCellsToTheRead() throws {
        let xml =
            XML2003ReaderTests.header + """

                <Worksheet ss:Name="A"><Table>
                <Row><Cell><Data ss:Type="String">&Tau;</Data></Cell></Row>
                </Table><x:WorksheetOptions><x:Visible>SheetHidden</x:Visible></x:WorksheetOptions></Worksheet>
                <Worksheet ss:Name="B"><Table></Table></Worksheet>
                </Workbook>
                """
        let workbook = try XML2003Workbook(path: F.temporaryFile("outline.xml", Array(xml.utf8)))
        #expect(workbook.sheets.map(\.name) == ["A", "B"])
        #expect(workbook.sheets.map(\.visibility) == [.hidden, .visible])
        let error = F.sheetError { _ = try F.grid(workbook) }
        #expect(error?.code == .xmlMalformed)
        #expect(error?.line == 6)
    }

    @Test func errorsAfterATableKeepTheirLine() throws {
        let xml =
            XML2003ReaderTests.header
            + "\n<Worksheet ss:Name=\"A\"><Table>\n<Row>\n</Row>\n</Table></Worksheet>\n<bad</Workbook>"
        let error = F.sheetError { _ = try XML2003Workbook(path: F.temporaryFile("after.xml", Array(xml.utf8))) }
        #expect(error?.code == .xmlMalformed)
        #expect(error?.line == 9)
    }
}
