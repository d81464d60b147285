import Foundation

/// SplitMix64: a small deterministic generator, so ids, change keys and fault draws repeat from a seed.
struct EWSRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// An ItemId shaped like a store id (`AAMkAD…`, base64, case-sensitive).
    mutating func itemId() -> String {
        "AAMkAD" + Data(bytes(48)).base64EncodedString()
    }

    /// A ChangeKey (`DwAAABYAAA…`).
    mutating func changeKey() -> String {
        "DwAAABYAAA" + Data(bytes(18)).base64EncodedString()
    }

    /// A calendar UID shaped like Exchange's global object ids.
    mutating func uid() -> String {
        "040000008200E00074C5B7101A82E00800000000" + bytes(16).map { String(format: "%02X", $0) }.joined()
    }
}
