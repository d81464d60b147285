import CalSyncCore
import CalSyncHTTP
import Foundation

/// A JSON object from a request body, read field by field with precise errors (field paths in 422s).
public struct JSONInput: Sendable {
    public let fields: [String: JSONValue]
    /// The path of this object inside the body, e.g. `settings.workday` ("" at the top).
    public let path: String

    public init(fields: [String: JSONValue], path: String = "") {
        self.fields = fields
        self.path = path
    }

    /// Reads a request's body: `application/json` (415 otherwise), well-formed as RFC 8259 defines it (400 naming the
    /// line and column: no trailing comma, no comment, no key twice in an object), an object (422).
    public static func body(of request: HTTPRequest) throws -> JSONInput {
        let type = request.headers["Content-Type"]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/json" else { throw APIError.unsupportedMediaType() }
        guard !request.body.isEmpty else { throw APIError.malformed("The request needs a JSON body.") }
        let value: JSONValue
        do {
            value = try JSONValue.parse(request.body)
        } catch let error as JSONSyntaxError {
            throw APIError.malformed("The body is not well-formed JSON at \(error.place): \(error.reason).")
        } catch {
            throw APIError.malformed("The body is not well-formed JSON.")
        }
        guard case .object(let fields) = value else {
            throw APIError(422, "invalid_body", "The body must be a JSON object, not \(value.kind).")
        }
        return JSONInput(fields: fields)
    }

    public func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Rejects any field not listed (the contract: unknown JSON fields are rejected with 422).
    public func allowOnly(_ keys: Set<String>) throws {
        if let unknown = fields.keys.sorted().first(where: { !keys.contains($0) }) {
            throw APIError.unknownField(name(unknown))
        }
    }

    public func has(_ key: String) -> Bool { fields[key] != nil }

    /// True when the field is present with the value `null`.
    public func isNull(_ key: String) -> Bool { fields[key] == .null }

    func value(_ key: String) -> JSONValue? {
        guard let v = fields[key], v != .null else { return nil }
        return v
    }

    func required<T>(_ key: String, _ read: (String) throws -> T?) throws -> T {
        guard let v = try read(key) else { throw APIError.invalid(name(key), "`\(name(key))` is required.") }
        return v
    }

    public func string(_ key: String, maxLength: Int = 10_000, allowEmpty: Bool = false) throws -> String? {
        guard let v = value(key) else { return nil }
        guard case .string(let s) = v else {
            throw APIError.invalid(name(key), "`\(name(key))` must be a string, not \(v.kind).")
        }
        guard allowEmpty || !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError.invalid(name(key), "`\(name(key))` must not be empty.")
        }
        guard s.count <= maxLength else {
            throw APIError.invalid(name(key), "`\(name(key))` must be at most \(maxLength) characters.")
        }
        guard !s.unicodeScalars.contains(where: { $0.value == 0 }) else {
            throw APIError.invalid(name(key), "`\(name(key))` must not contain NUL characters.")
        }
        return s
    }

    public func requiredString(_ key: String, maxLength: Int = 10_000) throws -> String {
        try required(key) { try string($0, maxLength: maxLength) }
    }

    public func bool(_ key: String) throws -> Bool? {
        guard let v = value(key) else { return nil }
        guard case .bool(let b) = v else {
            throw APIError.invalid(name(key), "`\(name(key))` must be true or false, not \(v.kind).")
        }
        return b
    }

    public func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let v = value(key) else { return nil }
        guard case .number(let n) = v, n.rounded() == n, n >= Double(range.lowerBound), n <= Double(range.upperBound) else {
            throw APIError.invalid(
                name(key), "`\(name(key))` must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return Int(n)
    }

    /// An RFC 3339 instant with an offset (the contract's input rule).
    public func instant(_ key: String) throws -> Date? {
        guard let s = try string(key, maxLength: 64) else { return nil }
        guard let date = Timestamp.parse(s) else {
            throw APIError.invalid(
                name(key), "`\(name(key))` must be an RFC 3339 time with an offset, e.g. 2026-03-02T09:00:00+01:00.")
        }
        return date
    }

    public func date(_ key: String) throws -> LocalDate? {
        guard let s = try string(key, maxLength: 16) else { return nil }
        guard let date = LocalDate(s) else { throw APIError.invalid(name(key), "`\(name(key))` must be a date, YYYY-MM-DD.") }
        return date
    }

    public func time(_ key: String) throws -> LocalTime? {
        guard let s = try string(key, maxLength: 8) else { return nil }
        guard let time = LocalTime(s) else { throw APIError.invalid(name(key), "`\(name(key))` must be a time of day, HH:MM.") }
        return time
    }

    /// An IANA time-zone name.
    public func timeZone(_ key: String) throws -> String? {
        guard let s = try string(key, maxLength: 64) else { return nil }
        guard s.contains("/") || s == "UTC", TimeZone(identifier: s) != nil else {
            throw APIError.invalid(name(key), "`\(name(key))` must be an IANA time zone such as Europe/Paris.")
        }
        return s
    }

    public func stringArray(_ key: String, maxCount: Int = 1_000, maxLength: Int = 256) throws -> [String]? {
        guard let v = value(key) else { return nil }
        guard case .array(let items) = v, items.count <= maxCount else {
            throw APIError.invalid(name(key), "`\(name(key))` must be an array of at most \(maxCount) strings.")
        }
        return try items.enumerated().map { index, item in
            guard case .string(let s) = item, !s.isEmpty, s.count <= maxLength else {
                throw APIError.invalid("\(name(key))[\(index)]", "`\(name(key))[\(index)]` must be a non-empty string.")
            }
            return s
        }
    }

    public func object(_ key: String) throws -> JSONInput? {
        guard let v = value(key) else { return nil }
        guard case .object(let fields) = v else {
            throw APIError.invalid(name(key), "`\(name(key))` must be an object, not \(v.kind).")
        }
        return JSONInput(fields: fields, path: name(key))
    }

    /// One of a fixed set of strings.
    public func choice<T: RawRepresentable>(_ key: String, _ type: T.Type) throws -> T?
    where T.RawValue == String, T: CaseIterable {
        guard let s = try string(key, maxLength: 64) else { return nil }
        guard let v = T(rawValue: s) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.invalid(name(key), "`\(name(key))` must be one of: \(allowed).")
        }
        return v
    }
}
