import Foundation

extension Date {
    /// The instant as whole milliseconds since 1970-01-01T00:00:00Z (how the store keeps instants).
    /// Sub-millisecond precision is rounded away.
    var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(millisecondsSince1970 ms: Int64) {
        self.init(timeIntervalSince1970: Double(ms) / 1000)
    }
}
