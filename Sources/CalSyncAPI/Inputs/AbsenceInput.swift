import CalSyncCore
import Foundation

/// The body of `PUT /v1/absences/{id}` (docs/api.md, "Absences"), validated field by field:
///
///     { "personId", "account": { "name", "countsAsAbsence"?, "publicReason"?, "remoteWork"? },
///       "start": { "date", "half" }, "end": { "date", "half" }, "status" }
///
/// `start` is the first half-day off, `end` the last (inclusive). Every rule broken answers 422 naming the
/// field: `end` before `start` or more than 366 days after it, a `half` other than am / pm, an unknown
/// person (`personId`, checked against the store when saving).
struct AbsenceInput: Sendable, Equatable {
    static let fields: Set<String> = ["personId", "account", "start", "end", "status"]
    static let accountFields: Set<String> = ["name", "countsAsAbsence", "publicReason", "remoteWork"]
    static let boundaryFields: Set<String> = ["date", "half"]
    /// Calendar systems keep at most 255 characters of an event's subject (the account's name may be one).
    static let maxAccountNameLength = 255
    /// An absence spans at most 366 days, first and last included.
    static let maxDays = 366

    var absence: Absence

    init(id: String, body: JSONInput) throws {
        let id = try ResourceID.require(id)
        try body.allowOnly(Self.fields)
        let personId = try ResourceID.require(body.requiredString("personId", maxLength: 1_000), field: body.name("personId"))
        let account = try Self.account(body)
        let start = try Self.boundary(body, "start")
        let end = try Self.boundary(body, "end")
        guard end.ordinal >= start.ordinal else {
            throw APIError.invalid(body.name("end"), "`end` must not be before `start` (it is the last half-day off, inclusive).")
        }
        guard end.date.daysSinceEpoch - start.date.daysSinceEpoch < Self.maxDays else {
            throw APIError.invalid(
                body.name("end"), "An absence spans at most \(Self.maxDays) days; `end` is too far after `start`.")
        }
        let status = try body.required("status") { try body.choice($0, Absence.Status.self) }
        absence = Absence(id: id, personId: personId, account: account, start: start, end: end, status: status)
    }

    static func account(_ body: JSONInput) throws -> Absence.Account {
        let account = try body.required("account") { try body.object($0) }
        try account.allowOnly(accountFields)
        return Absence.Account(
            name: try account.requiredString("name", maxLength: maxAccountNameLength),
            countsAsAbsence: try account.bool("countsAsAbsence") ?? true,
            publicReason: try account.bool("publicReason") ?? false,
            remoteWork: try account.bool("remoteWork") ?? false)
    }

    static func boundary(_ body: JSONInput, _ key: String) throws -> Absence.Boundary {
        let boundary = try body.required(key) { try body.object($0) }
        try boundary.allowOnly(boundaryFields)
        let date = try boundary.required("date") { try boundary.date($0) }
        let half = try boundary.required("half") { try boundary.choice($0, Absence.Half.self) }
        return Absence.Boundary(date: date, half: half)
    }
}
