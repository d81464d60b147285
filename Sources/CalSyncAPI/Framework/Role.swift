/// API roles (docs/api.md, "Auth"): each includes the ones before it.
public enum Role: String, Sendable, Comparable, CaseIterable, Codable {
    /// GET on availability, conflicts, instructors, events, absences, status; /metrics, /openapi.json.
    case reader
    /// reader + writes of instructors, events, absences.
    case scheduler
    /// everything.
    case admin

    var rank: Int {
        switch self {
        case .reader: 0
        case .scheduler: 1
        case .admin: 2
        }
    }

    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
}
