/// SplitMix64, a small deterministic generator: the emulator's ids, tokens and fault draws are reproducible from
/// `GoogleEmulatorConfiguration.seed` (the GraphEmulator keeps its own copy of the same algorithm).
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// `count` characters of lower-case base32hex (`0-9a-v`): the alphabet of Calendar event ids.
    mutating func base32hex(_ count: Int) -> String {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuv")
        return String((0..<count).map { _ in alphabet[Int(next() % 32)] })
    }

    /// `count` characters of URL-safe text for opaque tokens.
    mutating func tokenText(_ count: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return String((0..<count).map { _ in alphabet[Int(next() % 64)] })
    }
}
