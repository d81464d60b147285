/// Writes request XML: elements opened and closed explicitly, every text and attribute value escaped, so no
/// subject, address or id can break the document. Characters XML 1.0 cannot carry are dropped.
struct SOAPWriter: Sendable {
    private(set) var text = ""

    init() {}

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
    mutating func element(_ name: String, _ attributes: [(String, String)] = [], _ body: (inout SOAPWriter) -> Void) {
        open(name, attributes)
        body(&self)
        close(name)
    }

    private mutating func appendAttributes(_ attributes: [(String, String)]) {
        for (name, value) in attributes {
            text += " " + name + "=\"" + Self.escape(value) + "\""
        }
    }

    static func escape(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
