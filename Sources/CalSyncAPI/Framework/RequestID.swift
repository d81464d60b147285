/// New request ids: random UUIDs (version 4) in lower case, like `UUID().uuidString.lowercased()`, without
/// Foundation's `UUID()`, which opens `/dev/urandom` for every id on Linux (a system call per request).
enum RequestID {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return format(high: generator.next(), low: generator.next())
    }

    /// The 128 bits as `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx` (version 4, variant 10).
    static func format(high: UInt64, low: UInt64) -> String {
        let high = (high & ~0xF000) | 0x4000
        let low = (low & ~(0xC << 60)) | (0x8 << 60)
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        for (word, dashes) in [(high, [8, 12]), (low, [0, 4])] {
            for index in 0..<16 {
                if dashes.contains(index) { bytes.append(UInt8(ascii: "-")) }
                bytes.append(digits[Int(word >> (60 - 4 * UInt64(index)) & 0xF)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
