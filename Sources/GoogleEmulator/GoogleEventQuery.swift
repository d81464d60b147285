import CalSyncCore
import Foundation

/// The parameters of an `events.list` call, checked as the discovery document describes them (docs/google.md,
/// "Reading events").
struct GoogleEventQuery: Sendable {
    var singleEvents = false
    var showDeleted: Bool?
    var timeMin: Date?
    var timeMax: Date?
    var updatedMin: Date?
    var maxResults: Int
    var pageToken: String?
    var syncToken: String?
    var orderBy: String?
    var privateProperties: [(key: String, value: String)] = []
    var sharedProperties: [(key: String, value: String)] = []
    var eventTypes: Set<String>?
    var iCalUID: String?
    var text: String?

    /// DOC: these cannot go with `syncToken`.
    static let notWithSyncToken = [
        "iCalUID", "orderBy", "privateExtendedProperty", "q", "sharedExtendedProperty", "timeMin", "timeMax", "updatedMin",
    ]

    init(_ context: GoogleRequestContext, configuration: GoogleEmulatorConfiguration) throws(GoogleError) {
        func flag(_ name: String) throws(GoogleError) -> Bool? {
            guard let text = context.query(name) else { return nil }
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: throw GoogleError.invalid("Invalid boolean value: '\(text)'.", parameter: name)
            }
        }
        func instant(_ name: String) throws(GoogleError) -> Date? {
            guard let text = context.query(name) else { return nil }
            guard let value = Timestamp.parse(text) else {
                throw GoogleError.invalid("Invalid value for: \(name)", parameter: name)
            }
            return value
        }
        func properties(_ name: String) throws(GoogleError) -> [(key: String, value: String)] {
            try context.queryValues(name).map { (text: String) throws(GoogleError) -> (key: String, value: String) in
                guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                    throw GoogleError.invalid("Invalid extended property constraint: \(text)", parameter: name)
                }
                return (String(text[..<equals]), String(text[text.index(after: equals)...]))
            }
        }
        syncToken = context.query("syncToken")
        if syncToken != nil, let clash = Self.notWithSyncToken.first(where: { context.query($0) != nil }) {
            throw GoogleError.syncTokenWithRestrictions(clash)
        }
        singleEvents = try flag("singleEvents") ?? false
        showDeleted = try flag("showDeleted")
        if syncToken != nil, showDeleted == false {
            throw GoogleError.invalid("showDeleted cannot be false with a sync token.", parameter: "showDeleted")
        }
        timeMin = try instant("timeMin")
        timeMax = try instant("timeMax")
        updatedMin = try instant("updatedMin")
        if let timeMin, let timeMax, timeMin >= timeMax { throw GoogleError.timeRangeEmpty(location: "timeMax") }
        if let text = context.query("maxResults") {
            guard let n = Int(text), n >= 1 else {
                throw GoogleError.invalid("Invalid value for: maxResults", parameter: "maxResults")
            }
            maxResults = min(n, configuration.eventsMaximumPageSize)  // DOC: a page never holds more than 2500
        } else {
            maxResults = configuration.eventsDefaultPageSize
        }
        pageToken = context.query("pageToken")
        orderBy = context.query("orderBy")
        if let orderBy {
            guard orderBy == "startTime" || orderBy == "updated" else {
                throw GoogleError.invalid("Invalid value for: orderBy", parameter: "orderBy")
            }
            if orderBy == "startTime", !singleEvents {
                throw GoogleError.invalid(
                    "The requested ordering is not available for the particular query.", parameter: "orderBy")
            }
        }
        privateProperties = try properties("privateExtendedProperty")
        sharedProperties = try properties("sharedExtendedProperty")
        let types = context.queryValues("eventTypes")
        if !types.isEmpty {
            guard types.allSatisfy(GoogleEventRules.eventTypes.contains) else {
                throw GoogleError.invalid("Invalid value for: eventTypes", parameter: "eventTypes")
            }
            eventTypes = Set(types)
        }
        iCalUID = context.query("iCalUID")
        text = context.query("q")
    }

    /// Whether an item passes the filters of a full list (deleted items: see `includesDeleted`).
    func matches(_ item: GoogleEventView, zone: TimeZone, checkingWindow: Bool = true) -> Bool {
        if checkingWindow, !item.overlaps(timeMin: timeMin, timeMax: timeMax, zone: zone) { return false }
        if let updatedMin, item.updated < updatedMin { return false }
        if let eventTypes, !eventTypes.contains(item.eventType) { return false }
        if let iCalUID, (item.recurringEventId ?? item.id) + "@google.com" != iCalUID { return false }
        for (key, value) in privateProperties where item.fields["extendedProperties"]?["private"]?[key]?.stringValue != value {
            return false
        }
        for (key, value) in sharedProperties where item.fields["extendedProperties"]?["shared"]?[key]?.stringValue != value {
            return false
        }
        if let text, !text.isEmpty {
            let haystack = ["summary", "description", "location"].compactMap { item.fields[$0]?.stringValue }.joined(
                separator: " ")
            if !haystack.localizedCaseInsensitiveContains(text) { return false }
        }
        return true
    }

    /// Whether deleted items are listed: always with `updatedMin` (DOC), else with `showDeleted`. Without
    /// `singleEvents`, cancelled occurrences of a live series are listed anyway (DOC).
    func includesDeleted(_ item: GoogleEventView) -> Bool {
        if updatedMin != nil || showDeleted == true { return true }
        return !singleEvents && item.recurringEventId != nil
    }
}
