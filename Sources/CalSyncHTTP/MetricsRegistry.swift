import Foundation
import Synchronization

/// Counters, gauges and histograms rendered in the Prometheus text exposition format (version 0.0.4).
public final class MetricsRegistry: Sendable {
    struct Series: Hashable {
        let name: String
        let labels: [String: String]
    }

    private struct State {
        var help: [String: (type: String, text: String)] = [:]
        var counters: [Series: Double] = [:]
        var gauges: [Series: Double] = [:]
        var histograms: [Series: MetricsHistogram] = [:]
    }

    private let state = Mutex(State())

    public static let durationBuckets: [Double] = [
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
    ]

    public init() {}

    /// Declares a metric's type and help text (rendered once, before its samples).
    public func describe(_ name: String, type: String, help: String) {
        state.withLock { $0.help[name] = (type, help) }
    }

    public func increment(_ name: String, _ labels: [String: String] = [:], by amount: Double = 1) {
        state.withLock { $0.counters[Series(name: name, labels: labels), default: 0] += amount }
    }

    public func set(_ name: String, _ labels: [String: String] = [:], _ value: Double) {
        state.withLock { $0.gauges[Series(name: name, labels: labels)] = value }
    }

    public func observe(
        _ name: String, _ labels: [String: String] = [:], _ value: Double,
        buckets: [Double] = MetricsRegistry.durationBuckets
    ) {
        // Updated in place: one lookup, no copy of the bucket counts.
        state.withLock {
            $0.histograms[Series(name: name, labels: labels), default: MetricsHistogram(buckets: buckets)].record(value)
        }
    }

    /// A counter summed over all its label sets (e.g. every request whatever its status).
    public func counterTotal(_ name: String) -> Double {
        state.withLock { $0.counters.filter { $0.key.name == name }.values.reduce(0, +) }
    }

    /// The current value of a counter (tests and status pages).
    public func counter(_ name: String, _ labels: [String: String] = [:]) -> Double {
        state.withLock { $0.counters[Series(name: name, labels: labels)] ?? 0 }
    }

    public func render() -> String {
        let s = state.withLock { $0 }
        var out = ""
        var names = Set(s.counters.keys.map(\.name)).union(s.gauges.keys.map(\.name)).union(s.histograms.keys.map(\.name))
        names.formUnion(s.help.keys)
        for name in names.sorted() {
            if let help = s.help[name] {
                out += "# HELP \(name) \(help.text)\n# TYPE \(name) \(help.type)\n"
            }
            for (series, value) in s.counters.filter({ $0.key.name == name }).sorted(by: { Self.order($0.key, $1.key) }) {
                out += "\(name)\(Self.labels(series.labels)) \(Self.number(value))\n"
            }
            for (series, value) in s.gauges.filter({ $0.key.name == name }).sorted(by: { Self.order($0.key, $1.key) }) {
                out += "\(name)\(Self.labels(series.labels)) \(Self.number(value))\n"
            }
            for (series, h) in s.histograms.filter({ $0.key.name == name }).sorted(by: { Self.order($0.key, $1.key) }) {
                for (bound, count) in zip(h.buckets, h.counts) {
                    out += "\(name)_bucket\(Self.labels(series.labels, le: Self.number(bound))) \(count)\n"
                }
                out += "\(name)_bucket\(Self.labels(series.labels, le: "+Inf")) \(h.count)\n"
                out += "\(name)_sum\(Self.labels(series.labels)) \(Self.number(h.sum))\n"
                out += "\(name)_count\(Self.labels(series.labels)) \(h.count)\n"
            }
        }
        return out
    }

    static func order(_ a: Series, _ b: Series) -> Bool { labels(a.labels) < labels(b.labels) }

    static func labels(_ labels: [String: String], le: String? = nil) -> String {
        var pairs = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\(escape($0.value))\"" }
        if let le { pairs.append("le=\"\(le)\"") }
        return pairs.isEmpty ? "" : "{" + pairs.joined(separator: ",") + "}"
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
