import Foundation
import TestSupport
import Testing

@testable import Sheets

/// `PlainXMLScanner` is held to libxml2: on every document it accepts,
/// libxml2 must accept it too and hand over the very same events. Real
/// parts (every XML part of the corpus's workbooks, its XML 2003 files),
/// hand-made documents at the edges of the subset, and thousands of damaged
/// copies of real parts.
@Suite struct PlainXMLScannerTests {
    /// The namespaces of all three readers, so that names in any of them carry an index.
    static let namespaces =
        OOXML.namespaces + ODSNamespace.namespaces.map { ($0.uri, $0.index + 100) }
        + XML2003Namespace.namespaces.map { ($0.uri, $0.index + 200) }

    /// Every event as bytes: markup events start with 0x01, which no XML text can hold;
    /// text is appended as it comes, so how a parser splits it does not matter.
    final class EventLog: XMLStreamHandler {
        var log: [UInt8] = []

        func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
            log += [1, UInt8(ascii: "<")] + name.qualifiedName + Array("@\(name.namespace ?? -1)".utf8)
            for i in 0..<attributes.count {
                let local = attributes.localName(i)
                log += Array(" ".utf8) + UnsafeBufferPointer(start: local, count: strlen(local))
                log += Array("@\(attributes.namespace(i) ?? -1)=[".utf8) + attributes.value(i) + [UInt8(ascii: "]")]
            }
            log += Array(" {".utf8) + attributes.namespaceDeclarationsInScope() + Array("}>".utf8)
        }

        func endElement(_ name: XMLName) throws {
            log += [1, UInt8(ascii: "/")] + name.qualifiedName + Array("@\(name.namespace ?? -1)".utf8)
        }

        func characters(_ text: UnsafeBufferPointer<UInt8>) throws {
            log += text
        }
    }

    /// Whether the scanner accepted `document`; records an issue if it did
    /// where libxml2 refuses, or if the two disagree on any event.
    @discardableResult
    static func compare(_ document: [UInt8], _ label: String) -> Bool {
        let scanned = EventLog()
        let accepted =
            (try? document.withUnsafeBytes {
                try PlainXMLScanner(handler: scanned, namespaces: namespaces).parse($0)
            }) ?? false
        guard accepted else { return false }
        let parsed = EventLog()
        do {
            try XMLStreamParser(handler: parsed, namespaces: namespaces).parse(document)
        } catch {
            Issue.record("\(label): the scanner accepted what libxml2 refuses (\(error))")
            return true
        }
        if scanned.log != parsed.log {
            let at = zip(scanned.log, parsed.log).prefix { $0 == $1 }.count
            Issue.record(
                """
                \(label): events differ after \(at) bytes of the log:
                scanner: \(String(decoding: scanned.log.dropFirst(max(0, at - 80)).prefix(200), as: UTF8.self))
                libxml2: \(String(decoding: parsed.log.dropFirst(max(0, at - 80)).prefix(200), as: UTF8.self))
                """)
        }
        return true
    }

    static func accepts(_ text: String) -> Bool { compare(Array(text.utf8), text) }

    /// The XML parts of the corpus's workbooks, and its XML 2003 files (read once for both tests).
    static let corpusDocuments: [(label: String, bytes: [UInt8])] = (try? readCorpusDocuments()) ?? []

    static func readCorpusDocuments() throws -> [(label: String, bytes: [UInt8])] {
        var documents: [(String, [UInt8])] = []
        for folder in ["xlsx-excel", "xlsx-calamine", "xml2003"] {
            guard let directory = ReaderFixtures.corpus(folder) else { continue }
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            for name in names {
                let path = directory.appendingPathComponent(name).path
                if name.hasSuffix(".xml") {
                    documents.append((name, Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
                }
                guard name.hasSuffix(".xlsx") || name.hasSuffix(".ods"),
                    let archive = try? ZipArchive(path: path)
                else { continue }
                for entry in archive.entries where entry.name.hasSuffix(".xml") || entry.name.hasSuffix(".rels") {
                    guard let bytes = try? archive.readEntry(entry.name) else { continue }
                    documents.append(("\(name)/\(entry.name)", bytes))
                }
            }
        }
        return documents
    }

    @Test(.needsCorpus) func everyCorpusPartItAcceptsGivesLibxml2sEvents() throws {
        let documents = Self.corpusDocuments
        #expect(documents.count > 1000)
        var accepted = 0
        var worksheets = 0
        var worksheetsAccepted = 0
        for (label, bytes) in documents {
            let isWorksheet = label.contains("/xl/worksheets/sheet")
            let plain = Self.compare(bytes, label)
            if plain { accepted += 1 }
            if isWorksheet {
                worksheets += 1
                if plain { worksheetsAccepted += 1 }
            }
        }
        // The subset is what writers emit: nearly every real part is in it.
        #expect(Double(accepted) >= 0.9 * Double(documents.count), "accepted \(accepted) of \(documents.count)")
        #expect(
            Double(worksheetsAccepted) >= 0.95 * Double(worksheets), "worksheets \(worksheetsAccepted) of \(worksheets)"
        )
    }

    @Test func acceptsWhatWritersEmitWithTheSameEvents() {
        let documents = [
            "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<a xmlns=\"urn:x:y\"/>",
            "<?xml version='1.0' encoding='utf-8'?><a/>",
            "<?mso-application progid=\"Excel.Sheet\"?>\n<!-- before --><a>x</a>\n<!-- after -->\n",
            "<a>1 &lt; 2 &amp;&amp; 3 &gt; 2 &quot;q&quot; &apos;&#10;&#x4E2D;&#25991;&#x1F600;</a>",
            "<a>line\r\nbreak\rand\n\r\n</a>",
            "<a><![CDATA[<raw> & \r\n ]] > ]]></a>",
            "<a><?pi some text?><!-- c - d --><b/></a>",
            "<x:a xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"urn:r\">"
                + "<x:c r=\"A1\" r:id='x' xml:space=\"preserve\" t = \"s\" ><x:v>1</x:v></x:c ></x:a>",
            "<a xmlns=\"urn:a:b\"><b xmlns=\"urn:c:d\" xmlns:p=\"urn:p:q\"><p:c p:x=\"1\"/></b><d/></a>",
            "<Table xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">"
                + "<Row ss:Index=\"2\"><Cell><Data ss:Type=\"String\">中文 &#10; ]]</Data></Cell></Row></Table>",
            "<a b=\"中文 > ' ok\" c='\"'/>",
        ]
        for document in documents {
            #expect(Self.accepts(document), "\(document)")
        }
    }

    @Test func leavesEverythingOutsideThePlainSubsetToLibxml2() {
        let documents = [
            "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>",  // DOCTYPE
            "<a>&e;</a>",  // an undeclared entity
            "<a b=\"&amp;\"/>", "<a b=\"x&#10;y\"/>", "<a b=\"x\ny\"/>", "<a b=\"x\ty\"/>",  // values libxml2 rewrites
            "<?xml version=\"1.0\" encoding=\"GB18030\"?><a/>",  // another encoding
            "<\u{4E2D}/>",  // a name beyond ASCII
            "<a xmlns=\"\"/>", "<a xmlns:p=\"relative\"/>", "<p:a/>",  // namespaces it does not bind
            "<a>]]></a>", "<a>\u{01}</a>", "<a>&#0;</a>", "<a>&#xD800;</a>",  // not well-formed
            "<a><b></a></b>", "<a b=\"1\" b=\"2\"/>", "<a><!-- x -- y --></a>", "<a>", "<a/><b/>", "x<a/>",
            "<?xml version=\"1.0\"?><?xml version=\"1.0\"?><a/>", "<a/>\u{0}",
        ]
        // More namespace bindings in scope than prefixed names should search.
        let declarations = (0...64).map { " xmlns:p\($0)=\"urn:x:\($0)\"" }.joined()
        for document in documents + ["<a\(declarations)/>"] {
            #expect(!Self.accepts(document), "\(document)")
        }
        let invalidUTF8: [[UInt8]] = [
            Array("<a>".utf8) + [0xC3] + Array("</a>".utf8),  // a truncated sequence
            Array("<a>".utf8) + [0xC0, 0xAF] + Array("</a>".utf8),  // an overlong one
            Array("<a>".utf8) + [0xEF, 0xBF, 0xBF] + Array("</a>".utf8),  // U+FFFF
            Array("<a b=\"".utf8) + [0xFF] + Array("\"/>".utf8),
        ]
        for document in invalidUTF8 {
            #expect(!Self.compare(document, "\(document)"))
        }
    }

    /// Damaged copies of small real parts: a byte replaced, removed or
    /// doubled, markup inserted. Whatever the scanner accepts, libxml2 must
    /// accept with the same events; and it still accepts many of them.
    @Test(.needsCorpus) func damagedCopiesItAcceptsGiveLibxml2sEvents() throws {
        let small = Self.corpusDocuments.filter { $0.bytes.count < 4096 && Self.compare($0.bytes, $0.label) }
        #expect(small.count > 100)
        var random = SeededGenerator(seed: 20_261_203)
        let bytes: [UInt8] = Array("<>&;\"'/=:!?-[] #x\r\n\t".utf8) + [0, 0x80, 0xC3, 0xE4, 0xFF, 0x61]
        let insertions = [
            "&amp;", "&#0;", "&#x10FFFF;", "&lt", "<!--", "-->", "]]>", "<![CDATA[", "<?pi ?>", " xmlns:a=\"x:y\"",
            " a:b=\"1\"", "<a>", "</a>", "<a/>", "\r\n", "&#13;", "中",
        ].map { Array($0.utf8) }
        var accepted = 0
        let rounds = 4000
        for round in 0..<rounds {
            let (label, original) = small[Int(random.next() % UInt64(small.count))]
            var damaged = original
            let at = Int(random.next() % UInt64(damaged.count))
            switch random.next() % 4 {
            case 0: damaged[at] = bytes[Int(random.next() % UInt64(bytes.count))]
            case 1: damaged.remove(at: at)
            case 2: damaged.insert(contentsOf: damaged[at..<min(damaged.count, at + 16)], at: at)
            default: damaged.insert(contentsOf: insertions[Int(random.next() % UInt64(insertions.count))], at: at)
            }
            if Self.compare(damaged, "\(label), damaged in round \(round) at byte \(at)") { accepted += 1 }
        }
        #expect(accepted > rounds / 10, "accepted \(accepted) of \(rounds)")
    }
}
