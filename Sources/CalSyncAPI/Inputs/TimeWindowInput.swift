import CalSyncCore
import Foundation

/// The `from` / `to` window of the availability and conflict reads (docs/api.md, "Availability and
/// conflicts"): RFC 3339 instants with an offset, `to` after `from`, at most 366 days apart.
///
/// In a query string an unparseable value is malformed (400 `invalid_parameter`); a window that parses but
/// breaks a rule (order, length, an offset carrying it outside years 1–9999) is 422 `invalid_field`. In a JSON body both are 422, like every other field.
struct TimeWindowInput: Sendable, Equatable {
    static let maxDays = 366
    static let maxDuration: TimeInterval = TimeInterval(maxDays) * 86_400

    var range: TimeRange

    /// From `?from=...&to=...`. A `+` of an offset sent unencoded arrives as a space; it is read as the `+` it was.
    init(query request: APIRequest) throws {
        let from = try Self.queryInstant(request, "from")
        let to = try Self.queryInstant(request, "to")
        range = try Self.checked(from: from, to: to, fromField: "from", toField: "to")
    }

    /// From the `from` and `to` fields of a JSON body.
    init(body: JSONInput) throws {
        let from = try body.required("from") { try body.instant($0) }
        let to = try body.required("to") { try body.instant($0) }
        range = try Self.checked(from: from, to: to, fromField: body.name("from"), toField: body.name("to"))
    }

    static func checked(from: Date, to: Date, fromField: String, toField: String) throws -> TimeRange {
        guard to > from else { throw APIError.invalid(toField, "`\(toField)` must be after `\(fromField)`.") }
        guard to.timeIntervalSince(from) <= maxDuration else {
            throw APIError.invalid(toField, "`\(toField)` must be at most \(maxDays) days after `\(fromField)`.")
        }
        return TimeRange(start: from, end: to)
    }

    static func queryInstant(_ request: APIRequest, _ name: String) throws -> Date {
        guard let text = request.query(name), !text.isEmpty else {
            throw APIError(
                400, "invalid_parameter",
                "`\(name)` is required: an RFC 3339 time with an offset, "
                    + "e.g. 2026-03-02T09:00:00+01:00.", field: name)
        }
        guard text.utf8.count <= 64, let instant = Timestamp.parseUnbounded(restoringPlus(text)) else {
            throw APIError(
                400, "invalid_parameter",
                "`\(name)` must be an RFC 3339 time with an offset, "
                    + "e.g. 2026-03-02T09:00:00+01:00 (send `+` as %2B).", field: name)
        }
        guard Timestamp.isWritable(instant) else { throw outOfRange(name) }
        return instant
    }

    /// A well-formed instant whose UTC date falls outside years 1–9999 breaks a rule (422), it is not malformed.
    static func outOfRange(_ name: String) -> APIError {
        APIError.invalid(name, "`\(name)` must fall between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z once read as UTC.")
    }

    /// `2026-03-02T09:00:00 01:00` → `2026-03-02T09:00:00+01:00` (form decoding turned an unencoded `+` into a space).
    static func restoringPlus(_ text: String) -> String {
        var bytes = Array(text.utf8)
        let sign = bytes.count - 6
        guard sign > 0, bytes[sign] == 0x20, bytes[bytes.count - 3] == 0x3A else { return text }
        bytes[sign] = 0x2B
        return String(decoding: bytes, as: UTF8.self)
    }
}
