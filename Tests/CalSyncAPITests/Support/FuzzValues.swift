import Foundation

/// Odd JSON values a client may send in any field: wrong types, extremes, control characters, huge
/// strings, instants at the edges of what a calendar can show. No field may answer 500 to any of them.
enum FuzzValues {
    static var all: [Any] {
        [
            NSNull(), true, false, 0, -1, 1.5, 1e308, -1e308, Int64.max,
            "", " ", "\t\n", "\u{0}", "a\u{0}b", "\u{202E}evil", "😀", String(repeating: "😀", count: 5_000),
            String(repeating: "x", count: 200_000), "../../etc/passwd", "%00", "<script>", "Europe/../UTC",
            "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-23:59", "9999-12-31T23:00:00Z",
            "2026-03-02T09:00:00+99:99", "2026-13-45T25:61:61Z", "1969-12-31T23:59:59Z",
            "2026-03-02T09:00:00.999999999+01:00",
            [Any](), [NSNull()], ["a"], Array(repeating: "i-1", count: 1_000), [1, 2], [[String: Any]()],
            [String: Any](), ["a": 1], nested(depth: 64),
        ]
    }

    static func nested(depth: Int) -> Any {
        (0..<depth).reduce(["x"] as Any) { inner, _ in [inner] }
    }

    /// The statuses a well-behaved API may answer to a PUT with odd input.
    static let acceptable: Set<Int> = [200, 201, 400, 404, 413, 415, 422]
}
