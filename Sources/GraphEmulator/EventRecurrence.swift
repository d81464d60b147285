import CalSyncCore

/// A `patternedRecurrence` (docs/microsoft-365.md §4; resources/patternedrecurrence): which dates a series
/// occupies. Times of day come from the series master's start and end.
struct EventRecurrence: Sendable, Hashable {
    enum PatternType: String, Sendable, CaseIterable {
        case daily, weekly, absoluteMonthly, relativeMonthly, absoluteYearly, relativeYearly
    }

    enum RangeType: String, Sendable, CaseIterable {
        case endDate, noEnd, numbered
    }

    static let dayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let indexNames = ["first", "second", "third", "fourth", "last"]

    var type: PatternType
    var interval: Int
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    var daysOfWeek: [Int]
    var firstDayOfWeek: Int
    var dayOfMonth: Int
    var month: Int
    var index: String
    var rangeType: RangeType
    var startDate: LocalDate
    var endDate: LocalDate?
    var numberOfOccurrences: Int
    var recurrenceTimeZone: String

    static func parse(_ json: EmulatorJSON, defaultTimeZone: String) throws(GraphError) -> EventRecurrence {
        func bad(_ detail: String) -> GraphError { GraphError.invalidRequest("Recurrence: \(detail)") }
        guard let pattern = json["pattern"]?.objectValue, let range = json["range"]?.objectValue else {
            throw bad("'pattern' and 'range' are required.")
        }
        guard let typeName = pattern["type"]?.stringValue,
            let type = PatternType.allCases.first(where: { $0.rawValue.lowercased() == typeName.lowercased() })
        else { throw bad("unsupported pattern type.") }
        let interval = pattern["interval"]?.intValue ?? 1
        guard interval >= 1 else { throw bad("the interval must be at least 1.") }
        var days: [Int] = []
        for name in pattern["daysOfWeek"]?.arrayValue ?? [] {
            guard let n = name.stringValue, let i = dayNames.firstIndex(of: n.lowercased()) else { throw bad("bad day name.") }
            days.append(i + 1)
        }
        let firstName = pattern["firstDayOfWeek"]?.stringValue?.lowercased() ?? "sunday"
        guard let first = dayNames.firstIndex(of: firstName) else { throw bad("bad firstDayOfWeek.") }
        let dayOfMonth = pattern["dayOfMonth"]?.intValue ?? 0
        let month = pattern["month"]?.intValue ?? 0
        let index = pattern["index"]?.stringValue?.lowercased() ?? "first"
        guard indexNames.contains(index) else { throw bad("bad index.") }
        switch type {
        case .weekly, .relativeMonthly, .relativeYearly:
            guard !days.isEmpty else { throw bad("daysOfWeek is required for \(type.rawValue).") }
        case .absoluteMonthly:
            guard (1...31).contains(dayOfMonth) else { throw bad("dayOfMonth must be 1-31.") }
        case .absoluteYearly:
            guard (1...31).contains(dayOfMonth), (1...12).contains(month) else { throw bad("dayOfMonth and month are required.") }
        case .daily:
            break
        }
        if type == .relativeYearly, !(1...12).contains(month) { throw bad("month is required.") }
        guard let rangeName = range["type"]?.stringValue,
            let rangeType = RangeType.allCases.first(where: { $0.rawValue.lowercased() == rangeName.lowercased() })
        else { throw bad("unsupported range type.") }
        guard let startText = range["startDate"]?.stringValue, let startDate = LocalDate(startText) else {
            throw bad("range.startDate is required (YYYY-MM-DD).")
        }
        var endDate: LocalDate?
        if rangeType == .endDate {
            guard let text = range["endDate"]?.stringValue, let end = LocalDate(text), end >= startDate else {
                throw bad("range.endDate is required and must not be before startDate.")
            }
            endDate = end
        }
        let count = range["numberOfOccurrences"]?.intValue ?? 0
        if rangeType == .numbered, count < 1 { throw bad("numberOfOccurrences must be at least 1.") }
        return EventRecurrence(
            type: type, interval: interval, daysOfWeek: days.sorted(), firstDayOfWeek: first + 1, dayOfMonth: dayOfMonth,
            month: month, index: index, rangeType: rangeType, startDate: startDate, endDate: endDate,
            numberOfOccurrences: count, recurrenceTimeZone: range["recurrenceTimeZone"]?.stringValue ?? defaultTimeZone)
    }

    /// The full representation Graph returns (every pattern and range field present).
    var json: EmulatorJSON {
        [
            "pattern": [
                "type": .string(type.rawValue),
                "interval": .number(Double(interval)),
                "month": .number(Double(month)),
                "dayOfMonth": .number(Double(dayOfMonth)),
                "daysOfWeek": .array(daysOfWeek.map { .string(Self.dayNames[$0 - 1]) }),
                "firstDayOfWeek": .string(Self.dayNames[firstDayOfWeek - 1]),
                "index": .string(index),
            ],
            "range": [
                "type": .string(rangeType.rawValue),
                "startDate": .string(startDate.description),
                "endDate": .string(endDate?.description ?? "0001-01-01"),
                "recurrenceTimeZone": .string(recurrenceTimeZone),
                "numberOfOccurrences": .number(Double(numberOfOccurrences)),
            ],
        ]
    }
}
