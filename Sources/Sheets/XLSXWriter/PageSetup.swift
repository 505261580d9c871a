/// How a sheet prints: paper, orientation, scaling to pages, margins,
/// header and footer, centring, rows repeated on every page, the area
/// printed, page breaks. The elements Excel writes after a sheet's data
/// (`printOptions`, `pageMargins`, `pageSetup`, `headerFooter`, `rowBreaks`), the
/// `fitToPage` flag before it, and the `_xlnm.Print_Titles` and
/// `_xlnm.Print_Area` defined names of the workbook.
public struct PageSetup: Hashable, Sendable {
    public enum Orientation: String, Hashable, Sendable {
        case portrait, landscape
    }

    /// Excel's paper size codes.
    public enum Paper: Int, Hashable, Sendable {
        case letter = 1
        case a3 = 8
        case a4 = 9
    }

    /// Margins in inches, as the part stores them.
    public struct Margins: Hashable, Sendable {
        public var left, right, top, bottom, header, footer: Double

        public init(left: Double, right: Double, top: Double, bottom: Double, header: Double, footer: Double) {
            (self.left, self.right, self.top, self.bottom, self.header, self.footer) = (
                left, right, top, bottom, header, footer
            )
        }

        /// Excel's 常规 (Normal) margins.
        public static let normal = Margins(left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3)
        /// 窄 (Narrow), for wide report sheets.
        public static let narrow = Margins(left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3)
    }

    /// Pages across and down the printout is shrunk to; 0 leaves that
    /// direction free (`fit(width: 1, height: 0)`: one page wide, as many long as needed).
    public struct Fit: Hashable, Sendable {
        public var width: Int, height: Int

        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }
    }

    public var orientation: Orientation
    public var paper: Paper
    public var fit: Fit?
    public var margins: Margins
    /// Excel's header and footer codes (`&C` centre, `&P` page, `&N` pages,
    /// `&A` sheet name); `headerFooterText` escapes plain text for them.
    public var header: String?
    public var footer: String?
    public var centeredHorizontally: Bool
    /// Cell gridlines on paper, for plain tables without borders.
    public var printsGridlines: Bool
    /// 1-based rows printed at the top of every page.
    public var titleRows: ClosedRange<Int>?
    /// 1-based columns printed at the left of every page, for tables wider than a page.
    public var titleColumns: ClosedRange<Int>?
    public var printArea: CellRange?
    /// 1-based rows that start a new page, e.g. to keep charts whole.
    public var pagesStartAt: [Int]

    public init(
        orientation: Orientation = .portrait, paper: Paper = .a4, fit: Fit? = nil,
        margins: Margins = .normal, header: String? = nil, footer: String? = nil,
        centeredHorizontally: Bool = false, printsGridlines: Bool = false, titleRows: ClosedRange<Int>? = nil,
        titleColumns: ClosedRange<Int>? = nil, printArea: CellRange? = nil, pagesStartAt: [Int] = []
    ) {
        self.orientation = orientation
        self.paper = paper
        self.fit = fit
        self.margins = margins
        self.header = header
        self.footer = footer
        self.centeredHorizontally = centeredHorizontally
        self.printsGridlines = printsGridlines
        self.titleRows = titleRows
        self.titleColumns = titleColumns
        self.printArea = printArea
        self.pagesStartAt = pagesStartAt
    }

    /// `第 3 页，共 7 页`, centred: the footer of every report.
    public static let pageNumberFooter = "&C第 &P 页，共 &N 页"

    /// Plain text for a header or footer: `&` doubled so Excel prints it.
    public static func headerFooterText(_ text: String) -> String {
        text.doubling("&")
    }

    /// The defined names' values: `Sheet1!$A:$A,Sheet1!$1:$1`, `'总览'!$A$1:$H$20`.
    func printTitlesFormula(sheet: String) -> String? {
        let prefix = SheetName.quotedForFormula(sheet)
        let columns = titleColumns.map {
            prefix + "$\(CellReference.columnName($0.lowerBound)):$\(CellReference.columnName($0.upperBound))"
        }
        let rows = titleRows.map { prefix + "$\($0.lowerBound):$\($0.upperBound)" }
        let parts = [columns, rows].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ",")
    }

    func printAreaFormula(sheet: String) -> String? {
        printArea.map { SheetName.quotedForFormula(sheet) + $0.absolute }
    }

    /// `<printOptions>` … `<headerFooter>`, in the worksheet's element order.
    func write(to out: ByteStream) throws {
        if centeredHorizontally || printsGridlines {
            try out.append("<printOptions")
            if centeredHorizontally { try out.append(#" horizontalCentered="1""#) }
            if printsGridlines { try out.append(#" gridLines="1""#) }
            try out.append("/>")
        }
        try Self.writeMargins(margins, to: out)
        try out.append(#"<pageSetup paperSize=""#)
        try out.appendDecimal(paper.rawValue)
        try out.append(#"""#)
        if let fit {
            // 1 is the default of both.
            if fit.width != 1 {
                try out.append(#" fitToWidth=""#)
                try out.appendDecimal(fit.width)
                try out.append(#"""#)
            }
            if fit.height != 1 {
                try out.append(#" fitToHeight=""#)
                try out.appendDecimal(fit.height)
                try out.append(#"""#)
            }
        }
        try out.append(#" orientation=""#)
        try out.append(utf8: orientation.rawValue)
        try out.append(#""/>"#)
        if header != nil || footer != nil {
            try out.append("<headerFooter>")
            if let header { try out.appendTextElement("oddHeader", header) }
            if let footer { try out.appendTextElement("oddFooter", footer) }
            try out.append("</headerFooter>")
        }
        try writeRowBreaks(to: out)
    }

    /// A break's id is the 0-based row it comes before.
    private func writeRowBreaks(to out: ByteStream) throws {
        let rows = Set(pagesStartAt.filter { $0 > 1 }).sorted()
        guard !rows.isEmpty else { return }
        try out.append(#"<rowBreaks count=""#)
        try out.appendDecimal(rows.count)
        try out.append(#"" manualBreakCount=""#)
        try out.appendDecimal(rows.count)
        try out.append(#"">"#)
        for row in rows {
            try out.append(#"<brk id=""#)
            try out.appendDecimal(row - 1)
            try out.append(#"" max="16383" man="1"/>"#)
        }
        try out.append("</rowBreaks>")
    }

    static func writeMargins(_ margins: Margins, to out: ByteStream) throws {
        let values: [(StaticString, Double)] = [
            (#"<pageMargins left=""#, margins.left), (#"" right=""#, margins.right), (#"" top=""#, margins.top),
            (#"" bottom=""#, margins.bottom), (#"" header=""#, margins.header), (#"" footer=""#, margins.footer),
        ]
        for (text, value) in values {
            try out.append(text)
            try out.appendNumber(value)
        }
        try out.append(#""/>"#)
    }
}
