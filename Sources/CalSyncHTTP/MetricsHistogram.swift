/// One histogram series of a `MetricsRegistry`: cumulative bucket counts, sum and count.
struct MetricsHistogram: Sendable {
    let buckets: [Double]
    private(set) var counts: [Int]
    private(set) var sum: Double = 0
    private(set) var count = 0

    init(buckets: [Double]) {
        self.buckets = buckets
        counts = Array(repeating: 0, count: buckets.count)
    }

    /// Counts `value` in every bucket whose upper bound it does not exceed (Prometheus buckets are cumulative).
    mutating func record(_ value: Double) {
        for index in buckets.indices where value <= buckets[index] { counts[index] += 1 }
        sum += value
        count += 1
    }
}
