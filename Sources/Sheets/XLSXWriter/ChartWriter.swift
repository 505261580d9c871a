extension SheetError.Code {
    /// A chart Excel would refuse or draw empty: no series, a series without values.
    public static let invalidChart = Self("chart-invalid")
}

/// One chart part, `xl/charts/chartN.xml` (DrawingML), in the elements and
/// order Excel writes (as libxlsxwriter's `chart.c`): the plot of one kind
/// with its series, a category and a value axis, the title and legend.
/// Each series names its cells and carries their values as the cache Excel
/// shows until it recalculates.
struct ChartWriter {
    let spec: ChartSpec
    /// The two axes' ids, unique in the workbook: category axis, value axis.
    let axisIDs: (category: Int, value: Int)
    let out: ByteStream

    /// Excel's own choice for the n-th chart of a workbook (1-based), as libxlsxwriter numbers them.
    static func axisIDs(chartNumber: Int) -> (category: Int, value: Int) {
        let base = (5000 + chartNumber) * 10_000
        return (base + 1, base + 2)
    }

    static func validate(_ spec: ChartSpec, sheet: String) throws {
        guard !spec.series.isEmpty else {
            throw SheetError(.invalidChart, "chart '\(spec.title ?? "")' has no series", sheet: sheet)
        }
        if let empty = spec.series.first(where: { $0.values.isEmpty }) {
            throw SheetError(
                .invalidChart, "series '\(empty.name ?? "")' of chart '\(spec.title ?? "")' has no values",
                sheet: sheet)
        }
    }

    func write() throws {
        try out.appendXMLDeclaration()
        try out.append(
            #"<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:lang val=""#
        )
        try out.appendEscapedAttribute(spec.language)
        try out.append(#""/><c:chart>"#)
        if let title = spec.title {
            try writeTitle(title, rotated: false, size: spec.titleSize)
        } else if spec.series.count == 1 {
            // Without this Excel titles a one-series chart with the series' name.
            try out.append(#"<c:autoTitleDeleted val="1"/>"#)
        }
        try out.append("<c:plotArea><c:layout/>")
        try writePlot()
        try writeCategoryAxis()
        try writeValueAxis()
        try out.append("</c:plotArea>")
        if let legend = spec.legend {
            try out.append(#"<c:legend><c:legendPos val=""#)
            try out.append(utf8: legend.rawValue)
            try out.append(#""/><c:layout/></c:legend>"#)
        }
        try out.append(#"<c:plotVisOnly val="1"/>"#)
        // Excel leaves gaps at empty cells without being told; LibreOffice draws zeros unless it is.
        if spec.series.contains(where: { $0.values.contains(nil) }) { try out.append(#"<c:dispBlanksAs val="gap"/>"#) }
        try out.append("</c:chart>")
        try out.append(
            #"<c:printSettings><c:headerFooter/><c:pageMargins b="0.75" l="0.7" r="0.7" t="0.75" header="0.3" footer="0.3"/><c:pageSetup/></c:printSettings></c:chartSpace>"#
        )
        try out.flush()
    }

    // MARK: The plot and its series

    private func writePlot() throws {
        switch spec.kind {
        case .line:
            try out.append(#"<c:lineChart><c:grouping val="standard"/>"#)
        case .column, .bar:
            try out.append(#"<c:barChart><c:barDir val=""#)
            try out.append(spec.kind == .bar ? "bar" : "col")
            try out.append(#""/><c:grouping val="clustered"/>"#)
        }
        for (index, series) in spec.series.enumerated() { try writeSeries(series, index: index) }
        if spec.kind == .line { try out.append(#"<c:marker val="1"/>"#) }
        try writeValue("c:axId", axisIDs.category)
        try writeValue("c:axId", axisIDs.value)
        try out.append(spec.kind == .line ? "</c:lineChart>" : "</c:barChart>")
    }

    private func writeSeries(_ series: ChartSeries, index: Int) throws {
        try out.append("<c:ser>")
        try writeValue("c:idx", index)
        try writeValue("c:order", index)
        if let cell = series.nameCell {
            try out.append("<c:tx><c:strRef>")
            try writeFormula(cell)
            try writeTextCache([series.name ?? ""])
            try out.append("</c:strRef></c:tx>")
        } else if let name = series.name {
            try out.append("<c:tx>")
            try out.appendTextElement("c:v", name)
            try out.append("</c:tx>")
        }
        try writeShape(series)
        if spec.kind == .line, !series.markers { try out.append(#"<c:marker><c:symbol val="none"/></c:marker>"#) }
        // Every flag spelled out, as Excel 2013 and later write them: LibreOffice
        // takes a missing one as set and would print the category and series names too.
        if series.dataLabels {
            try out.append("<c:dLbls>")
            // In the chart's format rather than the cells' (General, unless the sheet styled them the same).
            if spec.valueFormat != .general { try writeNumberFormat(spec.valueFormat, sourceLinked: false) }
            try out.append(
                #"<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>"#
            )
        }
        if let categories = spec.categories {
            try out.append("<c:cat>")
            switch categories.labels {
            case .texts(let texts):
                try out.append("<c:strRef>")
                try writeFormula(categories.cells)
                try writeTextCache(texts)
                try out.append("</c:strRef>")
            case .numbers(let numbers):
                try out.append("<c:numRef>")
                try writeFormula(categories.cells)
                try writeNumberCache(numbers, format: .general)
                try out.append("</c:numRef>")
            }
            try out.append("</c:cat>")
        }
        try out.append("<c:val><c:numRef>")
        try writeFormula(series.cells)
        try writeNumberCache(series.values, format: spec.valueFormat)
        try out.append("</c:numRef></c:val></c:ser>")
    }

    /// `<c:spPr>`: the series' colour, and a line's dash.
    private func writeShape(_ series: ChartSeries) throws {
        guard series.color != nil || series.line != .solid else { return }
        try out.append("<c:spPr>")
        if spec.kind == .line {
            try out.append("<a:ln>")
            try writeFill(series.color)
            if series.line == .dash { try out.append(#"<a:prstDash val="dash"/>"#) }
            try out.append("</a:ln>")
        } else {
            try writeFill(series.color)
        }
        try out.append("</c:spPr>")
    }

    private func writeFill(_ color: Color?) throws {
        guard let color else { return }
        try out.append(#"<a:solidFill><a:srgbClr val=""#)
        try out.append(utf8: String(color.argb.dropFirst(2)))
        try out.append(#""/></a:solidFill>"#)
    }

    private func writeFormula(_ cells: ChartCells) throws {
        try out.appendTextElement("c:f", cells.formula)
    }

    private func writeTextCache(_ texts: [String]) throws {
        try out.append("<c:strCache>")
        try writeValue("c:ptCount", texts.count)
        for (index, text) in texts.enumerated() {
            try writePoint(index) { try out.appendEscapedText(text) }
        }
        try out.append("</c:strCache>")
    }

    /// Empty cells have no point, as in Excel's cache.
    private func writeNumberCache(_ values: [Double?], format: NumberFormat) throws {
        try out.append("<c:numCache>")
        try out.appendTextElement("c:formatCode", format.code)
        try writeValue("c:ptCount", values.count)
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            try writePoint(index) { try out.appendNumber(value) }
        }
        try out.append("</c:numCache>")
    }

    /// `<c:pt idx="i"><c:v>…</c:v></c:pt>`
    private func writePoint(_ index: Int, _ value: () throws -> Void) throws {
        try out.append(#"<c:pt idx=""#)
        try out.appendDecimal(index)
        try out.append(#""><c:v>"#)
        try value()
        try out.append("</c:v></c:pt>")
    }

    // MARK: Axes

    /// Bars run horizontally, so their category axis is on the left. The
    /// value axis crosses at the first category, so reversed categories take
    /// it to the other side (top, or right), as Excel writes it.
    private var categoryAxisPosition: StaticString { spec.kind == .bar ? "l" : "b" }
    private var valueAxisPosition: StaticString {
        switch (spec.kind == .bar, spec.reversedCategories) {
        case (true, false): "b"
        case (true, true): "t"
        case (false, false): "l"
        case (false, true): "r"
        }
    }

    private func writeCategoryAxis() throws {
        try out.append("<c:catAx>")
        try writeAxisStart(id: axisIDs.category, position: categoryAxisPosition, reversed: spec.reversedCategories)
        if let title = spec.categoryAxisTitle { try writeTitle(title, rotated: spec.kind == .bar) }
        if case .numbers = spec.categories?.labels { try writeNumberFormat(.general, sourceLinked: true) }
        try out.append(#"<c:tickLblPos val="nextTo"/>"#)
        try writeValue("c:crossAx", axisIDs.value)
        try out.append(
            #"<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>"#)
    }

    private func writeValueAxis() throws {
        try out.append("<c:valAx>")
        try writeAxisStart(id: axisIDs.value, position: valueAxisPosition, minimum: spec.valueMinimum)
        try out.append("<c:majorGridlines/>")
        if let title = spec.valueAxisTitle { try writeTitle(title, rotated: spec.kind != .bar) }
        // A format of our own is the axis's; General follows the cells.
        try writeNumberFormat(spec.valueFormat, sourceLinked: spec.valueFormat == .general)
        try out.append(#"<c:tickLblPos val="nextTo"/>"#)
        try writeValue("c:crossAx", axisIDs.category)
        try out.append(#"<c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>"#)
    }

    private func writeAxisStart(
        id: Int, position: StaticString, reversed: Bool = false, minimum: Double? = nil
    ) throws {
        try writeValue("c:axId", id)
        try out.append(
            reversed ? #"<c:scaling><c:orientation val="maxMin"/>"# : #"<c:scaling><c:orientation val="minMax"/>"#)
        if let minimum {
            try out.append(#"<c:min val=""#)
            try out.appendNumber(minimum)
            try out.append(#""/>"#)
        }
        try out.append(#"</c:scaling><c:axPos val=""#)
        try out.append(position)
        try out.append(#""/>"#)
    }

    // MARK: Pieces

    /// A chart or axis title as rich text; a vertical axis's reads bottom to top.
    private func writeTitle(_ text: String, rotated: Bool, size: Double? = nil) throws {
        try out.append("<c:title><c:tx><c:rich>")
        try out.append(rotated ? #"<a:bodyPr rot="-5400000" vert="horz"/>"# : "<a:bodyPr/>")
        try out.append("<a:lstStyle/><a:p><a:pPr><a:defRPr")
        try writeSize(size)
        try out.append(#"/></a:pPr><a:r><a:rPr lang=""#)
        try out.appendEscapedAttribute(spec.language)
        if spec.language != "en-US" { try out.append(#"" altLang="en-US"#) }
        try out.append(#"""#)
        try writeSize(size)
        try out.append("/><a:t>")
        try out.appendEscapedText(text)
        try out.append("</a:t></a:r></a:p></c:rich></c:tx><c:layout/></c:title>")
    }

    private func writeNumberFormat(_ format: NumberFormat, sourceLinked: Bool) throws {
        try out.append(#"<c:numFmt formatCode=""#)
        try out.appendEscapedAttribute(format.code)
        try out.append(sourceLinked ? #"" sourceLinked="1"/>"# : #"" sourceLinked="0"/>"#)
    }

    /// ` sz="1400"`: DrawingML sizes are in hundredths of a point.
    private func writeSize(_ points: Double?) throws {
        guard let points else { return }
        try out.append(#" sz=""#)
        try out.appendDecimal(Int((points * 100).rounded()))
        try out.append(#"""#)
    }

    /// `<name val="value"/>`
    private func writeValue(_ name: StaticString, _ value: Int) throws {
        try out.append("<")
        try out.append(name)
        try out.append(#" val=""#)
        try out.appendDecimal(value)
        try out.append(#""/>"#)
    }
}
