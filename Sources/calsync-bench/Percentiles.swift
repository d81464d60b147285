/// Nearest-rank percentiles of a sample, in the sample's unit.
struct Percentiles {
    let sorted: [Double]

    init(_ values: [Double]) { sorted = values.sorted() }

    func value(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(sorted.count - 1, Swift.max(0, rank - 1))]
    }

    var p50: Double { value(50) }
    var p99: Double { value(99) }
    var max: Double { sorted.last ?? .nan }
}
