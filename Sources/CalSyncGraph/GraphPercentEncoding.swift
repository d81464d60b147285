/// Strict percent-encoding for the pieces CalSync puts into Graph URLs and form bodies.
///
/// Graph ids contain `/`, `+` and `=`; OData filters contain spaces, quotes, colons and braces.
/// Everything except RFC 3986 *unreserved* characters (`A–Z a–z 0–9 - . _ ~`) is encoded, as UTF-8.
public enum GraphPercentEncoding {
    /// One path segment (a user id, an event id, a tenant id).
    public static func pathSegment(_ value: String) -> String { encode(value) }

    /// One query parameter value (an OData `$filter` or `$expand` expression).
    public static func queryValue(_ value: String) -> String { encode(value) }

    /// An `application/x-www-form-urlencoded` body from ordered pairs. Spaces become `%20`, which
    /// every form decoder accepts.
    public static func formBody(_ pairs: [(String, String)]) -> String {
        pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    /// An OData string literal: wrapped in single quotes, with embedded quotes doubled.
    public static func odataString(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func encode(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            if isUnreserved(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%"
                out.unicodeScalars.append(hexDigit(byte >> 4))
                out.unicodeScalars.append(hexDigit(byte & 0x0F))
            }
        }
        return out
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> Unicode.Scalar {
        Unicode.Scalar(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10)
    }
}
