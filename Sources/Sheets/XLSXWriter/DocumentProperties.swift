/// What File › Properties shows: `docProps/core.xml` and `docProps/app.xml`.
/// The dates are fixed by the caller, never the clock, so that the same
/// calls give the same bytes.
public struct DocumentProperties: Sendable, Equatable {
    public var title: String?
    public var subject: String?
    public var author: String?
    public var company: String?
    /// Written as both created and modified, in UTC.
    public var created: ExcelDate.Components

    public init(
        title: String? = nil, subject: String? = nil, author: String? = nil, company: String? = nil,
        created: ExcelDate.Components = .init(year: 2000, month: 1, day: 1)
    ) {
        self.title = title
        self.subject = subject
        self.author = author
        self.company = company
        self.created = created
    }

    func writeCore(to out: ByteStream) throws {
        try out.appendXMLDeclaration()
        try out.append(
            #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
        )
        try writeElement("dc:title", title, to: out)
        try writeElement("dc:subject", subject, to: out)
        try writeElement("dc:creator", author, to: out)
        try writeElement("cp:lastModifiedBy", author, to: out)
        let stamp = w3cDate
        try out.append(#"<dcterms:created xsi:type="dcterms:W3CDTF">"#)
        try out.append(utf8: stamp)
        try out.append(#"</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">"#)
        try out.append(utf8: stamp)
        try out.append("</dcterms:modified></cp:coreProperties>")
    }

    func writeApp(to out: ByteStream) throws {
        try out.appendXMLDeclaration()
        try out.append(
            #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>huanxin</Application>"#
        )
        try writeElement("Company", company, to: out)
        try out.append("</Properties>")
    }

    private func writeElement(_ element: StaticString, _ value: String?, to out: ByteStream) throws {
        guard let value else { return }
        try out.append("<")
        try out.append(element)
        try out.append(">")
        try out.appendEscapedText(value)
        try out.append("</")
        try out.append(element)
        try out.append(">")
    }

    /// `2025-06-30T00:00:00Z`
    private var w3cDate: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let c = created
        return "\(c.year)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z"
    }
}
