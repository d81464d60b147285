import CalSyncHTTP
import Foundation

/// A strict `application/x-www-form-urlencoded` body (the WHATWG URL standard's form encoding, as browsers send
/// it): `name=value` pairs joined by `&`, `+` for a space, `%XX` escapes that must form UTF-8.
///
/// Limits keep a hostile body cheap: at most `maxFields` pairs, names of at most `maxNameLength` characters, values
/// of at most `maxValueLength`. Control characters other than tab, CR and LF are refused. Every refusal is an
/// `AdminError` with a sentence for a person (400, or 415 for another content type).
public struct FormBody: Sendable, Equatable {
    public static let maxBytes = 64 * 1024
    public static let maxFields = 200
    public static let maxNameLength = 64
    public static let maxValueLength = 4_096

    public private(set) var fields: [Field]

    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    public init(fields: [Field] = []) { self.fields = fields }

    /// Reads a request's body; its `Content-Type` must be `application/x-www-form-urlencoded` or, for a form with a
    /// file input, `multipart/form-data` (`MultipartFormBody`).
    public static func of(_ request: HTTPRequest) throws -> FormBody {
        let contentType = request.headers["Content-Type"] ?? ""
        let type = contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        switch type {
        case "application/x-www-form-urlencoded":
            return try parse(request.body)
        case "multipart/form-data":
            return try MultipartFormBody.parse(request.body, boundary: MultipartFormBody.boundary(of: contentType))
        default:
            throw AdminError(
                415, "This form must be sent as application/x-www-form-urlencoded or multipart/form-data, as a browser sends it.")
        }
    }

    public static func parse(_ body: Data) throws -> FormBody {
        guard body.count <= maxBytes else { throw AdminError(413, "The form is larger than \(maxBytes / 1024) KiB.") }
        guard !body.isEmpty else { return FormBody() }
        var fields: [Field] = []
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false) {
            guard fields.count < maxFields else { throw AdminError(400, "The form has more than \(maxFields) fields.") }
            guard let eq = pair.firstIndex(of: UInt8(ascii: "=")) else {
                throw AdminError(400, "The form is malformed: every field must be written name=value.")
            }
            let name = try decode(pair[pair.startIndex..<eq], what: "a field name")
            let value = try decode(pair[pair.index(after: eq)...], what: "the value of `\(name)`")
            guard !name.isEmpty, name.count <= maxNameLength else {
                throw AdminError(400, "The form is malformed: a field name is empty or too long.")
            }
            guard value.count <= maxValueLength else {
                throw AdminError(400, "`\(name)` is longer than \(maxValueLength) characters.", field: name)
            }
            fields.append(Field(name: name, value: value))
        }
        return FormBody(fields: fields)
    }

    // MARK: - Reading fields

    /// The field's value; nil when absent. Sent twice → 400 (a form sends each of these once).
    public func value(_ name: String) throws -> String? {
        let found = values(name)
        guard found.count <= 1 else { throw AdminError(400, "`\(name)` was sent more than once.", field: name) }
        return found.first
    }

    /// The field's value trimmed of surrounding white space; nil when absent or blank.
    public func text(_ name: String) throws -> String? {
        guard let raw = try value(name) else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Every value of a repeated field (checkboxes), in order.
    public func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    /// Refuses fields the form does not have (the CSRF token is always allowed).
    public func allowOnly(_ names: Set<String>) throws {
        if let unknown = fields.first(where: { !names.contains($0.name) && $0.name != AdminCSRF.fieldName }) {
            throw AdminError(400, "`\(unknown.name)` is not a field of this form.", field: unknown.name)
        }
    }

    // MARK: - Decoding

    static func decode(_ bytes: Data.SubSequence, what: String) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%") {
                guard i + 2 < bytes.endIndex, let high = hex(bytes[i + 1]), let low = hex(bytes[i + 2])
                else { throw AdminError(400, "The form is malformed: \(what) has a broken %-escape.") }
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                i += 1
            }
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw AdminError(400, "The form is malformed: \(what) is not UTF-8 text.")
        }
        guard !holdsControlCharacters(text) else {
            throw AdminError(400, "The form is malformed: \(what) holds control characters.")
        }
        return text
    }

    /// Control characters other than tab, CR and LF (a form's text never needs them).
    static func holdsControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t" && $0 != "\r" && $0 != "\n") || $0.value == 0x7F }
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
