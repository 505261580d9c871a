import Catalog
import Foundation
import Sheets
import Vocabulary

/// Reads one cell as the text, number or month a department meant.
///
/// Cells from CSV are all text; cells from workbooks are typed. Either way
/// a region code typed as a number (`370829`) reads as its digits, and a
/// number typed as text (`1,234`, `１２３`) reads as a number.
enum CellReading {
    /// `text` without the white space around it; looked at only at its two
    /// ends, and left as it is when neither is white space (almost every cell).
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            isSpace(first) || isSpace(last)
        else { return text }
        return text.trimmingCharacters(in: space)
    }

    /// What `trimmed` removes. Made once: `CharacterSet.whitespacesAndNewlines`
    /// makes a new set each time it is asked for, a tenth of reading a file
    /// whose every row goes the full way.
    private static let space = CharacterSet.whitespacesAndNewlines

    /// Whether `scalar` is in `space`; ASCII answered directly (tab, the
    /// line breaks U+000A–U+000D and the space are its only ASCII members).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return space.contains(scalar) }
        return scalar == " " || (0x09...0x0D).contains(scalar.value)
    }

    /// What a cell holds when a number is expected.
    enum NumberReading: Equatable {
        case number(Double)
        /// Not a number; the text as written, for the message.
        case notANumber(String)
    }

    /// The cell's text as written, trimmed; numbers in their shortest form
    /// (`370829`, not `370829.0`); nil when the cell is blank.
    static func text(_ cell: SheetCell, in row: SheetRow) -> String? {
        let text: String
        switch cell.kind {
        case .empty: return nil
        case .text, .error: text = trimmed(row.text(of: cell))
        case .number: text = cell.isPercent ? format(percentFigure(cell.number)) + "%" : format(cell.number)
        case .dateTime: text = period(cell, in: row)?.description ?? format(cell.number)
        case .boolean: text = cell.number != 0 ? "TRUE" : "FALSE"
        }
        return text.isEmpty ? nil : text
    }

    /// The cell as a number. A percentage — `35%` written as text, or 0.35 in
    /// a cell formatted as a percentage, which is what Excel stores when
    /// people type 35% — reads as 35 only when the indicator's unit is %
    /// (`percentUnit`); elsewhere a percentage is an error.
    static func number(_ cell: SheetCell, in row: SheetRow, percentUnit: Bool) -> NumberReading {
        switch cell.kind {
        case .number where cell.isPercent:
            return percentUnit ? .number(percentFigure(cell.number)) : .notANumber(text(cell, in: row) ?? "")
        case .number:
            return .number(cell.number)
        case .text:
            let text = row.text(of: cell)
            guard let reading = NumberText.parse(text), !reading.isPercent || percentUnit else {
                return .notANumber(text)
            }
            return .number(reading.value)
        default:
            return .notANumber(text(cell, in: row) ?? "")
        }
    }

    /// The percentage a fraction shows: 0.29 reads as 29.
    static func percentFigure(_ fraction: Double) -> Double { fraction.shiftedDecimal(by: 2) }

    /// The month a cell names: text `2025-03`, `2025年3月`, `202503`, a
    /// number `202503`, or a date cell (its month).
    static func period(_ cell: SheetCell, in row: SheetRow) -> Period? {
        switch cell.kind {
        case .dateTime:
            guard let date = ExcelDate.components(serial: cell.number) else { return nil }
            return Period(year: date.year, month: date.month)
        case .number:
            guard cell.number == cell.number.rounded() else { return nil }
            return serialPeriod(cell.number) ?? Period(format(cell.number))
        case .text:
            if let month = plainMonth(cell, in: row) { return month }
            let text = row.text(of: cell)
            return Period(text) ?? Double(text).flatMap(serialPeriod)
        default:
            return nil
        }
    }

    /// A text cell of exactly `YYYY-MM`, read off its bytes: the form almost
    /// every period cell has, which `Period`'s parser (forms people type,
    /// white space) takes some microseconds for. nil: parse it in full.
    private static func plainMonth(_ cell: SheetCell, in row: SheetRow) -> Period? {
        guard cell.textCount == 7 else { return nil }
        return row.textBytes.withUnsafeBufferPointer { bytes -> Period? in
            let start = Int(cell.textStart)
            func digits(_ range: Range<Int>) -> Int? {
                var number = 0
                for index in range {
                    let digit = bytes[start + index] &- UInt8(ascii: "0")
                    guard digit < 10 else { return nil }
                    number = number * 10 + Int(digit)
                }
                return number
            }
            guard bytes[start + 4] == UInt8(ascii: "-"), let year = digits(0..<4), let month = digits(5..<7)
            else { return nil }
            return Period(year: year, month: month)
        }
    }

    /// Serials of the days 2000-01-01 to 2099-12-31: five digits, never a
    /// `202611`-style month.
    static let dateSerials = 36_526.0...73_050.0

    /// The month of a date serial in a cell not formatted as a date (Excel's
    /// 46327 for 2026-11-01, as a CSV or a plain number cell keeps it).
    private static func serialPeriod(_ number: Double) -> Period? {
        guard dateSerials.contains(number), number == number.rounded(),
            let date = ExcelDate.components(serial: number)
        else { return nil }
        return Period(year: date.year, month: date.month)
    }

    /// `3.5`, `12000`, `0.125`: a number as people write it (a figure
    /// computed from one is printed by `Catalog.figureText(_:of:)`).
    static func format(_ value: Double) -> String { FigureText.shortest(value) }
}
