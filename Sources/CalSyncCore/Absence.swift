/// A leave / absence from the HR system (docs/api.md, "Absences").
public struct Absence: Sendable, Hashable, Codable {
    public enum Half: String, Sendable, Codable, CaseIterable { case am, pm }
    public enum Status: String, Sendable, Codable, CaseIterable { case pending, approved, cancelled, denied }

    /// The absence account (leave type) as the HR system describes it.
    public struct Account: Sendable, Hashable, Codable {
        public var name: String
        public var countsAsAbsence: Bool
        public var publicReason: Bool
        public var remoteWork: Bool

        public init(name: String, countsAsAbsence: Bool = true, publicReason: Bool = false, remoteWork: Bool = false) {
            self.name = name
            self.countsAsAbsence = countsAsAbsence
            self.publicReason = publicReason
            self.remoteWork = remoteWork
        }
    }

    /// A half-day boundary: the first (start) or last (end) half-day off, inclusive.
    public struct Boundary: Sendable, Hashable, Codable {
        public var date: LocalDate
        public var half: Half
        public init(date: LocalDate, half: Half) {
            self.date = date
            self.half = half
        }

        /// Half-days since the epoch (am = 2n, pm = 2n + 1), for ordering.
        public var ordinal: Int { date.daysSinceEpoch * 2 + (half == .am ? 0 : 1) }
    }

    public var id: String
    public var personId: String
    public var account: Account
    public var start: Boundary
    public var end: Boundary
    public var status: Status

    public init(id: String, personId: String, account: Account, start: Boundary, end: Boundary, status: Status) {
        self.id = id
        self.personId = personId
        self.account = account
        self.start = start
        self.end = end
        self.status = status
    }

    /// Whether the absence should be in the calendar at all (cancelled and denied ones go).
    public var isActive: Bool { status == .pending || status == .approved }
}
