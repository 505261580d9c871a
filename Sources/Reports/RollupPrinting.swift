import Sheets

/// How a roll-up sheet prints: A4 landscape, narrow margins, the header
/// row on every page, the region, period and sheet in the page header and
/// the page number in the footer. A table that fits a page wide at a
/// readable scale is shrunk to one page wide; a wider one (月度趋势, a
/// province's 分区县) runs over as many pages across as it needs, its
/// leading columns repeated on each.
enum RollupPrinting {
    /// Width units (one `0`) across a landscape A4 page with narrow margins:
    /// 11.19 in at 96 pixels an inch, 7 pixels a unit.
    static let pageWidth = 150.0
    /// Smallest scale a table is shrunk to before it goes over more pages across.
    static let smallestScale = 0.6

    /// `title` names the workbook in the page header, e.g. `聊城市 2025-03 设备更新和消费品以旧换新汇总`.
    static func pageSetup(title: String, columnWidths: [Double], repeatedColumns: Int) -> PageSetup {
        // Excel adds 5 pixels of padding to each column, about 0.7 units.
        let width = columnWidths.reduce(0) { $0 + $1 + 0.7 }
        let across = width <= pageWidth / smallestScale ? 1 : Int((width * smallestScale / pageWidth).rounded(.up))
        return PageSetup(
            orientation: .landscape, fit: .init(width: across, height: 0), margins: .narrow,
            header: "&L" + PageSetup.headerFooterText(title) + "&R&A", footer: PageSetup.pageNumberFooter,
            centeredHorizontally: across == 1, printsGridlines: true, titleRows: 1...1,
            titleColumns: across > 1 && repeatedColumns > 0 ? 1...repeatedColumns : nil)
    }
}
