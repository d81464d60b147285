import Foundation

extension JSONValue {
    /// Compact JSON text with keys sorted (so `@odata.*` annotations come first, and output is
    /// deterministic). Integral numbers are written without a fraction.
    public var serialized: String {
        var out = ""
        write(to: &out)
        return out
    }

    public var data: Data { Data(serialized.utf8) }

    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d): out += Self.format(d)
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                v.write(to: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, key) in o.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                Self.writeString(key, to: &out)
                out += ":"
                o[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d.rounded() == d && abs(d) < 9e15 { return String(Int(d)) }
        return String(d)
    }

    /// Appends `s` as a JSON string literal (RFC 8259 escapes; control characters and DEL as \\u00XX).
    public static func writeString(_ s: String, to out: inout String) {
        out += "\""
        // Most strings need no escape at all: append them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += String(format: "\\u%04x", scalar.value)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// A canonical form used to compare request bodies (transactionId dedupe): sorted keys, no
    /// whitespace, `@odata.*` annotations dropped.
    public var canonicalBody: String {
        guard case .object(let o) = self else { return serialized }
        return JSONValue.object(o.filter { !$0.key.hasPrefix("@odata.") }).serialized
    }
}
