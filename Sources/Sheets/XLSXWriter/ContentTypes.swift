/// `[Content_Types].xml`: the media type of every part of the package.
enum ContentTypes {
    static func write(
        sheetCount: Int, hasSharedStrings: Bool, drawingCount: Int = 0, chartCount: Int = 0,
        to out: ByteStream
    ) throws {
        try out.appendXMLDeclaration()
        try out.append(#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#)
        try out.append(
            #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#)
        try out.append(#"<Default Extension="xml" ContentType="application/xml"/>"#)
        try out.append(
            #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
        )
        try out.append(
            #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
        )
        try out.append(
            #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        )
        try out.append(
            #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        )
        for number in 1...max(1, sheetCount) {
            try out.append(#"<Override PartName="/xl/worksheets/sheet"#)
            try out.appendDecimal(number)
            try out.append(
                #".xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#)
        }
        try out.append(
            #"<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>"#
        )
        for number in stride(from: 1, through: drawingCount, by: 1) {
            try out.append(#"<Override PartName="/xl/drawings/drawing"#)
            try out.appendDecimal(number)
            try out.append(#".xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>"#)
        }
        for number in stride(from: 1, through: chartCount, by: 1) {
            try out.append(#"<Override PartName="/xl/charts/chart"#)
            try out.appendDecimal(number)
            try out.append(#".xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>"#)
        }
        if hasSharedStrings {
            try out.append(
                #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
            )
        }
        try out.append("</Types>")
    }
}
