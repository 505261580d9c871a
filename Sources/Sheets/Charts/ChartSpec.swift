/// What a chart shows, independent of how it is drawn: the XLSX writer
/// turns it into DrawingML (`ChartWriter`), the reports into SVG. Each
/// series carries both its values and the cells they come from, so the
/// workbook's chart reads the sheet while an image needs no workbook.
public struct ChartSpec: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// Lines over the categories, left to right.
        case line
        /// Vertical bars.
        case column
        /// Horizontal bars, the first category at the bottom as Excel draws
        /// them unless `reversedCategories`.
        case bar
    }

    public enum LegendPosition: String, Hashable, Sendable {
        case right = "r"
        case bottom = "b"
        case top = "t"
        case left = "l"
    }

    public var kind: Kind
    public var title: String?
    /// The title's size in points; nil leaves it to the application (Excel: 18, LibreOffice: 13).
    public var titleSize: Double?
    /// The labels along the category axis, shared by every series.
    public var categories: ChartCategories?
    public var series: [ChartSeries]

    /// 0 when no value is negative: where bars and counts should start.
    public static func zeroUnlessNegative(_ values: [Double?]) -> Double? {
        values.contains { ($0 ?? 0) < 0 } ? nil : 0
    }
    public var categoryAxisTitle: String?
    public var valueAxisTitle: String?
    /// How values show on the value axis and in data labels (`0%`, `#,##0`).
    public var valueFormat: NumberFormat
    /// Where the value axis starts; nil lets the application choose (LibreOffice
    /// starts near the smallest value, which exaggerates small differences).
    public var valueMinimum: Double?
    /// The category axis runs from its far end, as Excel's "categories in
    /// reverse order" (the value axis moves to the other side): a bar
    /// chart's first category at the top, in the order of the table beside it.
    public var reversedCategories: Bool
    /// nil: no legend.
    public var legend: LegendPosition?
    /// The language tag of the chart's texts (`zh-CN`, `en-US`).
    public var language: String

    public init(
        kind: Kind, title: String? = nil, titleSize: Double? = nil, categories: ChartCategories? = nil,
        series: [ChartSeries],
        categoryAxisTitle: String? = nil, valueAxisTitle: String? = nil,
        valueFormat: NumberFormat = .general, valueMinimum: Double? = nil, reversedCategories: Bool = false,
        legend: LegendPosition? = .right, language: String = "zh-CN"
    ) {
        self.kind = kind
        self.title = title
        self.titleSize = titleSize
        self.categories = categories
        self.series = series
        self.categoryAxisTitle = categoryAxisTitle
        self.valueAxisTitle = valueAxisTitle
        self.valueFormat = valueFormat
        self.valueMinimum = valueMinimum
        self.reversedCategories = reversedCategories
        self.legend = legend
        self.language = language
    }
}

/// A rectangle of cells on a named sheet, the source of a chart's data.
public struct ChartCells: Hashable, Sendable {
    public var sheet: String
    public var range: CellRange

    public init(sheet: String, _ range: CellRange) {
        self.sheet = sheet
        self.range = range
    }

    /// `Sheet1!$A$1:$A$5`, `'总览'!$B$2`
    public var formula: String { SheetName.quotedForFormula(sheet) + range.absolute }
}

/// The category labels and where they are.
public struct ChartCategories: Hashable, Sendable {
    public enum Labels: Hashable, Sendable {
        case texts([String])
        case numbers([Double])
    }

    public var cells: ChartCells
    public var labels: Labels

    public init(cells: ChartCells, labels: Labels) {
        self.cells = cells
        self.labels = labels
    }

    public var count: Int {
        switch labels {
        case .texts(let texts): texts.count
        case .numbers(let numbers): numbers.count
        }
    }

    /// The labels as text, numbers in their shortest form.
    public var texts: [String] {
        switch labels {
        case .texts(let texts): texts
        case .numbers(let numbers): numbers.map(\.formulaText)
        }
    }
}

/// One series: its name, its values (nil where a cell is empty) and their cells.
public struct ChartSeries: Hashable, Sendable {
    public enum Line: String, Hashable, Sendable {
        case solid
        /// Dashed: a target or plan path beside the actuals.
        case dash
    }

    public var name: String?
    /// The cell holding the name, if any; otherwise the name is written as a literal.
    public var nameCell: ChartCells?
    public var values: [Double?]
    public var cells: ChartCells
    /// Values printed at the points or bars.
    public var dataLabels: Bool
    /// A fixed colour; nil lets the application pick from its palette.
    public var color: Color?
    /// For line charts: the line's dash and whether points get markers.
    public var line: Line
    public var markers: Bool

    public init(
        name: String? = nil, nameCell: ChartCells? = nil, values: [Double?], cells: ChartCells,
        dataLabels: Bool = false, color: Color? = nil, line: Line = .solid, markers: Bool = false
    ) {
        self.name = name
        self.nameCell = nameCell
        self.values = values
        self.cells = cells
        self.dataLabels = dataLabels
        self.color = color
        self.line = line
        self.markers = markers
    }
}
