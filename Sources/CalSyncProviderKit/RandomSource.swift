/// A source of uniform random numbers for backoff jitter; injectable so tests are deterministic.
public protocol RandomSource: Sendable {
    /// A value uniformly distributed in `0..<1`.
    func nextUnit() -> Double
}
