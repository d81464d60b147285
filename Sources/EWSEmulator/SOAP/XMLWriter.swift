/// Writes response XML with escaping: elements are opened and closed explicitly, text and attribute values are
/// escaped (`&`, `<`, `>`, `"`, `'`), so no request value can break the document.
struct XMLWriter: Sendable {
    private(set) var text = ""

    init() {}

    mutating func declaration() {
        text += #"<?xml version="1.0" encoding="utf-8"?>"#
    }

    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        text += "<" + name
        appendAttributes(attributes)
        text += ">"
    }

    mutating func close(_ name: String) {
        text += "</" + name + ">"
    }

    /// `<name attributes/>`
    mutating func empty(_ name: String, _ attributes: [(String, String)] = []) {
        text += "<" + name
        appendAttributes(attributes)
        text += "/>"
    }

    /// `<name>escaped value</name>`
    mutating func element(_ name: String, _ value: String, _ attributes: [(String, String)] = []) {
        open(name, attributes)
        text += Self.escape(value)
        close(name)
    }

    /// `<name>…</name>` around what `body` writes.
    mutating func element(_ name: String, _ attributes: [(String, String)] = [], _ body: (inout XMLWriter) -> Void) {
        open(name, attributes)
        body(&self)
        close(name)
    }

    /// `<name>true</name>` or `<name>false</name>` (`name` without its `t:` prefix).
    mutating func flag(_ name: String, _ value: Bool) {
        element("t:" + name, value ? "true" : "false")
    }

    /// Appends already-written XML (from another writer).
    mutating func append(_ other: XMLWriter) {
        text += other.text
    }

    private mutating func appendAttributes(_ attributes: [(String, String)]) {
        for (name, value) in attributes {
            text += " " + name + "=\"" + Self.escape(value) + "\""
        }
    }

    static func escape(_ value: String) -> String {
        guard
            value.contains(where: {
                "&<>\"'".contains($0) || $0.asciiValue.map { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D } == true
            })
        else { return value }
        var escaped = ""
        escaped.reserveCapacity(value.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            // XML 1.0 cannot carry other control characters at all: drop them rather than write an invalid document.
            case _ where scalar.value < 0x20: continue
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
