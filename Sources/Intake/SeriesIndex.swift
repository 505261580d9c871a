import Vocabulary

/// A file's figures in the order of their series (region and indicator)
/// and month, for the consistency checks' questions about other figures of
/// the file: the same region's figure of another indicator in the same
/// month (`at-most`), and the months before a figure in its own series
/// (last month's figure, the outlier check's history). Twenty-eight bytes
/// a figure beside the table, where a dictionary keyed by the texts took
/// some hundred. Of two figures with the same key (a repeated row, already an
/// error) the later in the file answers.
struct SeriesIndex {
    typealias Key = ObservationTable.FigureKey

    let table: ObservationTable
    /// A figure's key as sorted: its series (region and indicator numbers)
    /// in one number, its month, then its index, so that sorting and
    /// walking compare numbers side by side rather than reading the table.
    private struct Entry: Comparable {
        var series: UInt64
        var period: Int32
        var index: Int32

        init(_ key: Key, index: Int32) {
            // Text numbers are never negative: their order is their bits'.
            series = UInt64(UInt32(bitPattern: key.region)) << 32 | UInt64(UInt32(bitPattern: key.indicator))
            period = key.period
            self.index = index
        }

        static func < (left: Entry, right: Entry) -> Bool {
            (left.series, left.period, left.index) < (right.series, right.period, right.index)
        }
    }
    /// The figures by key, and by index where keys are equal.
    private let order: [Entry]
    /// Where each figure stands in `order`.
    private let rank: [Int32]
    /// The figures' values in `order`: a series' months are read side by
    /// side, not from wherever the file put them in the table.
    private let values: [Double]

    init(_ table: ObservationTable) {
        self.table = table
        let order = Self.sorted(table)
        var rank = [Int32](repeating: 0, count: order.count)
        for (position, entry) in order.enumerated() { rank[Int(entry.index)] = Int32(position) }
        self.order = order
        self.rank = rank
        values = order.map { table.value(at: Int($0.index)) }
    }

    /// The table's entries in order: three stable counting sorts of the
    /// entries in file order, by month, then indicator, then region number,
    /// each over a small range (the file's months, the table's text
    /// numbers). Sorting by comparison took a tenth of a clean file's time.
    private static func sorted(_ table: ObservationTable) -> [Entry] {
        var entries = table.indices.map { Entry(table.key(at: $0), index: Int32($0)) }
        guard entries.count > 1 else { return entries }
        var sorted = entries
        func pass(by key: (Entry) -> Int) {
            var low = Int.max
            var high = Int.min
            for entry in entries {
                low = min(low, key(entry))
                high = max(high, key(entry))
            }
            // Where each key's entries start in `sorted`, then where its next goes.
            var next = [Int](repeating: 0, count: high - low + 2)
            for entry in entries { next[key(entry) - low + 1] += 1 }
            for bucket in 1..<next.count { next[bucket] += next[bucket - 1] }
            for entry in entries {
                let bucket = key(entry) - low
                sorted[next[bucket]] = entry
                next[bucket] += 1
            }
            swap(&entries, &sorted)
        }
        pass { Int($0.period) }
        pass { Int($0.series & 0xffff_ffff) }
        pass { Int($0.series >> 32) }
        return entries
    }

    /// The figure of `key`, if the file has one.
    func figure(_ key: Key) -> Int? {
        // The first position past `key`; the figure before it is the key's last.
        let probe = Entry(key, index: .max)
        var low = 0
        var high = order.count
        while low < high {
            let middle = (low + high) / 2
            if order[middle] <= probe { low = middle + 1 } else { high = middle }
        }
        guard low > 0, order[low - 1].series == probe.series, order[low - 1].period == probe.period else { return nil }
        return Int(order[low - 1].index)
    }

    /// The months and values of figure `index`'s series in the `months`
    /// months before its own, one a month, oldest first, in `found` (its
    /// old contents replaced: one array serves a file's million figures).
    func earlier(than index: Int, months: Int, into found: inout [(period: Period, value: Double)]) {
        found.removeAll(keepingCapacity: true)
        let position = Int(rank[index])
        let entry = order[position]
        var start = position
        while start > 0, order[start - 1].series == entry.series,
            order[start - 1].period >= entry.period - Int32(months)
        {
            start -= 1
        }
        // Of a month's figures the last in `order` is the latest in the file.
        for other in start..<position
        where order[other].period < entry.period && order[other + 1].period != order[other].period {
            found.append((ObservationTable.month(order[other].period), values[other]))
        }
    }
}
