import Vocabulary

/// A file's figures in the order of their series (region and indicator)
/// and month, for the consistency checks' questions about other figures of
/// the file: the same region's figure of another indicator in the same
/// month (`at-most`), and the months before a figure in its own series
/// (last month's figure, the outlier check's history). Eight bytes a figure
/// beside the table, where a dictionary keyed by the texts took some
/// hundred. Of two figures with the same key (a repeated row, already an
/// error) the later in the file answers.
struct SeriesIndex {
    typealias Key = ObservationTable.FigureKey

    let table: ObservationTable
    /// The figures' indices by key, and by index where keys are equal.
    private let order: [Int32]
    /// Where each figure stands in `order`.
    private let rank: [Int32]

    init(_ table: ObservationTable) {
        self.table = table
        var order = Array(0..<Int32(table.count))
        order.sort { left, right in
            let (l, r) = (table.key(at: Int(left)), table.key(at: Int(right)))
            return l < r || (l == r && left < right)
        }
        var rank = [Int32](repeating: 0, count: order.count)
        for (position, index) in order.enumerated() { rank[Int(index)] = Int32(position) }
        self.order = order
        self.rank = rank
    }

    /// The figure of `key`, if the file has one.
    func figure(_ key: Key) -> Int? {
        // The first position past `key`; the figure before it is the key's last.
        var low = 0
        var high = order.count
        while low < high {
            let middle = (low + high) / 2
            if table.key(at: Int(order[middle])) <= key { low = middle + 1 } else { high = middle }
        }
        guard low > 0, table.key(at: Int(order[low - 1])) == key else { return nil }
        return Int(order[low - 1])
    }

    /// The months and values of figure `index`'s series in the `months`
    /// months before its own, one a month, oldest first, in `found` (its
    /// old contents replaced: one array serves a file's million figures).
    func earlier(than index: Int, months: Int, into found: inout [(period: Period, value: Double)]) {
        found.removeAll(keepingCapacity: true)
        let key = table.key(at: index)
        var month = key.period
        var position = Int(rank[index]) - 1
        while position >= 0 {
            let other = Int(order[position])
            let otherKey = table.key(at: other)
            guard otherKey.region == key.region, otherKey.indicator == key.indicator,
                otherKey.period >= key.period - Int32(months)
            else { break }
            // Walking back, the first figure of a month is its latest in the file.
            if otherKey.period < month {
                found.append((table.period(at: other), table.value(at: other)))
                month = otherKey.period
            }
            position -= 1
        }
        found.reverse()
    }
}
