import CalSyncProviderKit

/// Always half way: the jitter is exactly half its range, so waits are known.
struct HalfRandom: RandomSource {
    func nextUnit() -> Double { 0.5 }
}
