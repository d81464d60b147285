/// Markup that is safe to send. Text interpolated into it is escaped; markup interpolated into it is kept:
///
///     let row: HTML = "<td>\(person.name)</td>"      // a name like `<script>` shows as text
///     let table: HTML = "<table>\(rows)</table>"      // rows: [HTML], kept as markup
///
/// Only string literals written in the code become markup as they are; there is no way to interpolate a
/// `String` without escaping it. Escaping covers text and quoted attribute values alike.
public struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var rendered: String

    public init(stringLiteral value: String) { rendered = value }

    public init(stringInterpolation: Interpolation) { rendered = stringInterpolation.rendered }

    public var description: String { rendered }

    public static let empty: HTML = ""

    /// Text as markup that shows it (`&`, `<`, `>`, `"` and `'` escaped).
    public static func text(_ text: String) -> HTML { HTML(escaped: escape(text)) }

    /// Markup pieces one after the other, with `separator` between them.
    public static func joined(_ parts: [HTML], separator: HTML = .empty) -> HTML {
        HTML(escaped: parts.map(\.rendered).joined(separator: separator.rendered))
    }

    private init(escaped: String) { rendered = escaped }

    public static func + (a: HTML, b: HTML) -> HTML { HTML(escaped: a.rendered + b.rendered) }

    /// Escapes the five characters that matter in text and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public struct Interpolation: StringInterpolationProtocol {
        var rendered = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            rendered.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) { rendered += literal }
        /// Text: escaped.
        public mutating func appendInterpolation(_ text: String) { rendered += HTML.escape(text) }
        public mutating func appendInterpolation(_ number: Int) { rendered += String(number) }
        /// Markup: kept.
        public mutating func appendInterpolation(_ html: HTML) { rendered += html.rendered }
        public mutating func appendInterpolation(_ html: HTML?) { rendered += html?.rendered ?? "" }
        public mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { rendered += part.rendered } }
    }
}
