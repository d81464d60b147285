import Foundation

/// The `Prefer` request header(s): `outlook.timezone="…"`, `odata.maxpagesize=N`,
/// `outlook.body-content-type="text"`, `IdType="ImmutableId"` (docs/microsoft-365.md §3–§4).
struct PreferHeader: Sendable {
    var timeZone: String?
    var maxPageSize: Int?
    var bodyContentType: String?
    var idType: String?

    init(values: [String]) {
        for value in values {
            for part in Self.splitOutsideQuotes(value) {
                let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2 else { continue }
                let name = kv[0].lowercased()
                var raw = kv[1]
                if raw.hasPrefix("\""), raw.hasSuffix("\""), raw.count >= 2 { raw = String(raw.dropFirst().dropLast()) }
                switch name {
                case "outlook.timezone": timeZone = raw
                case "odata.maxpagesize": maxPageSize = Int(raw)
                case "outlook.body-content-type": bodyContentType = raw.lowercased()
                case "idtype": idType = raw
                default: break
                }
            }
        }
    }

    static func splitOutsideQuotes(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        for c in text {
            if c == "\"" { quoted.toggle() }
            if c == ",", !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
