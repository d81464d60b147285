/// Per-integration settings (docs/api.md, "Settings"), with the contract's defaults.
public struct SyncSettings: Sendable, Hashable, Codable {
    public var syncIntervalSeconds: Int = 300
    public var pastDays: Int = 1
    public var futureDays: Int = 180
    public var tentativeCountsAsBusy: Bool = true
    public var repairDeletedEvents: Bool = true
    public var remindersOn: Bool = false
    public var eventSubjectTemplate: String = "{title}"
    public var hideLabels: Bool = true
    public var absenceShowAs: String = "busy"
    public var wholeDaysAsTimedEntries: Bool = false
    /// The largest share (percent) of a person's busy blocks one pull may delete before it is held for review
    /// (100 turns the share rule off; an emptied mailbox is held regardless).
    public var massDeletionPercent: Int = 50
    public var workday: Workday = Workday()
    public var halfDay: HalfDay = HalfDay()

    public struct Workday: Sendable, Hashable, Codable {
        public var start: LocalTime = LocalTime(hour: 9, minute: 0)!
        public var end: LocalTime = LocalTime(hour: 17, minute: 30)!
        public init() {}
    }

    public struct HalfDay: Sendable, Hashable, Codable {
        public var amEnd: LocalTime = LocalTime(hour: 12, minute: 30)!
        public var pmStart: LocalTime = LocalTime(hour: 13, minute: 30)!
        public init() {}
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SyncSettings()
        syncIntervalSeconds = try c.decodeIfPresent(Int.self, forKey: .syncIntervalSeconds) ?? d.syncIntervalSeconds
        pastDays = try c.decodeIfPresent(Int.self, forKey: .pastDays) ?? d.pastDays
        futureDays = try c.decodeIfPresent(Int.self, forKey: .futureDays) ?? d.futureDays
        tentativeCountsAsBusy = try c.decodeIfPresent(Bool.self, forKey: .tentativeCountsAsBusy) ?? d.tentativeCountsAsBusy
        repairDeletedEvents = try c.decodeIfPresent(Bool.self, forKey: .repairDeletedEvents) ?? d.repairDeletedEvents
        remindersOn = try c.decodeIfPresent(Bool.self, forKey: .remindersOn) ?? d.remindersOn
        eventSubjectTemplate = try c.decodeIfPresent(String.self, forKey: .eventSubjectTemplate) ?? d.eventSubjectTemplate
        hideLabels = try c.decodeIfPresent(Bool.self, forKey: .hideLabels) ?? d.hideLabels
        absenceShowAs = try c.decodeIfPresent(String.self, forKey: .absenceShowAs) ?? d.absenceShowAs
        wholeDaysAsTimedEntries =
            try c.decodeIfPresent(Bool.self, forKey: .wholeDaysAsTimedEntries) ?? d.wholeDaysAsTimedEntries
        massDeletionPercent = try c.decodeIfPresent(Int.self, forKey: .massDeletionPercent) ?? d.massDeletionPercent
        workday = try c.decodeIfPresent(Workday.self, forKey: .workday) ?? d.workday
        halfDay = try c.decodeIfPresent(HalfDay.self, forKey: .halfDay) ?? d.halfDay
    }
}
