/// A deterministic, platform-independent 128-bit hash (two FNV-1a 64 lanes). Not cryptographic:
/// used for fingerprints and deterministic transaction ids, never for secrets.
public enum StableHash {
    public static func hex(_ text: String) -> String {
        let (a, b) = lanes(text)
        return hex64(a) + hex64(b)
    }

    /// Formats the hash as a UUID-shaped string (version nibble 5, RFC 4122 variant).
    public static func uuid(_ text: String) -> String {
        let (a, b) = lanes(text)
        let v = (a & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_5000
        let w = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let h = hex64(v) + hex64(w)
        let c = Array(h)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-"
            + String(c[20..<32])
    }

    static func lanes(_ text: String) -> (UInt64, UInt64) {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte ^ 0x5A)) &* 0x0000_0100_0000_01B3
        }
        return (a, b)
    }

    static func hex64(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
