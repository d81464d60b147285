import CalSyncCore

/// Reads an integration's `settings` object (docs/api.md, "Settings") key by key onto a base: the defaults
/// on create, the current settings on `PATCH` (so a PATCH changes only the keys it names, `workday` and `halfDay`
/// included). Every error is a 422 naming the key's path, e.g. `settings.workday.start`.
enum SettingsInput {
    static let keys: Set<String> = [
        "syncIntervalSeconds", "pastDays", "futureDays", "tentativeCountsAsBusy", "repairDeletedEvents", "remindersOn",
        "eventSubjectTemplate", "hideLabels", "absenceShowAs", "wholeDaysAsTimedEntries", "workday", "halfDay",
        "massDeletionPercent",
    ]
    static let absenceShowAsValues = ["busy", "oof"]

    static func merged(_ input: JSONInput, onto base: SyncSettings) throws -> SyncSettings {
        try input.allowOnly(keys)
        try rejectNulls(input)
        var s = base
        if let v = try input.int("syncIntervalSeconds", in: 60...86_400) { s.syncIntervalSeconds = v }
        if let v = try input.int("pastDays", in: 0...31) { s.pastDays = v }
        if let v = try input.int("futureDays", in: 1...730) { s.futureDays = v }
        if let v = try input.bool("tentativeCountsAsBusy") { s.tentativeCountsAsBusy = v }
        if let v = try input.bool("repairDeletedEvents") { s.repairDeletedEvents = v }
        if let v = try input.bool("remindersOn") { s.remindersOn = v }
        if let v = try input.bool("hideLabels") { s.hideLabels = v }
        if let v = try input.bool("wholeDaysAsTimedEntries") { s.wholeDaysAsTimedEntries = v }
        if let v = try input.int("massDeletionPercent", in: 1...100) { s.massDeletionPercent = v }
        // Calendar systems cap a subject at 255 characters; the template's placeholders only make it longer.
        if let v = try input.string("eventSubjectTemplate", maxLength: 255) { s.eventSubjectTemplate = v }
        if let v = try input.string("absenceShowAs", maxLength: 16) {
            guard absenceShowAsValues.contains(v) else {
                throw APIError.invalid(input.name("absenceShowAs"), "`\(input.name("absenceShowAs"))` must be busy or oof.")
            }
            s.absenceShowAs = v
        }
        if let workday = try input.object("workday") {
            try workday.allowOnly(["start", "end"])
            try rejectNulls(workday)
            if let v = try workday.time("start") { s.workday.start = v }
            if let v = try workday.time("end") { s.workday.end = v }
        }
        if let halfDay = try input.object("halfDay") {
            try halfDay.allowOnly(["amEnd", "pmStart"])
            try rejectNulls(halfDay)
            if let v = try halfDay.time("amEnd") { s.halfDay.amEnd = v }
            if let v = try halfDay.time("pmStart") { s.halfDay.pmStart = v }
        }
        try checkDay(s, path: input.path)
        return s
    }

    /// The workday is a non-empty span, and the half days split it: start < amEnd ≤ pmStart < end.
    static func checkDay(_ s: SyncSettings, path: String) throws {
        let prefix = path.isEmpty ? "" : path + "."
        let (start, end) = (s.workday.start, s.workday.end)
        guard start < end else {
            throw APIError.invalid(
                "\(prefix)workday.start", "`\(prefix)workday.start` (\(start)) must be before `\(prefix)workday.end` (\(end)).")
        }
        guard s.halfDay.amEnd <= s.halfDay.pmStart else {
            throw APIError.invalid(
                "\(prefix)halfDay.amEnd",
                "`\(prefix)halfDay.amEnd` (\(s.halfDay.amEnd)) must not be after `\(prefix)halfDay.pmStart` (\(s.halfDay.pmStart))."
            )
        }
        guard start < s.halfDay.amEnd, s.halfDay.amEnd < end else {
            throw APIError.invalid(
                "\(prefix)halfDay.amEnd",
                "`\(prefix)halfDay.amEnd` (\(s.halfDay.amEnd)) must fall within the workday (\(start)–\(end)).")
        }
        guard start < s.halfDay.pmStart, s.halfDay.pmStart < end else {
            throw APIError.invalid(
                "\(prefix)halfDay.pmStart",
                "`\(prefix)halfDay.pmStart` (\(s.halfDay.pmStart)) must fall within the workday (\(start)–\(end)).")
        }
    }

    /// A setting given as `null` is refused: leave it out to keep its value.
    static func rejectNulls(_ input: JSONInput) throws {
        if let key = input.fields.keys.sorted().first(where: input.isNull) {
            throw APIError.invalid(input.name(key), "`\(input.name(key))` cannot be null; leave it out to keep its value.")
        }
    }

    /// The settings as the API shows them (every key, times as `HH:MM`).
    static func json(_ s: SyncSettings) -> [String: Any] {
        [
            "syncIntervalSeconds": s.syncIntervalSeconds, "pastDays": s.pastDays, "futureDays": s.futureDays,
            "tentativeCountsAsBusy": s.tentativeCountsAsBusy, "repairDeletedEvents": s.repairDeletedEvents,
            "remindersOn": s.remindersOn, "eventSubjectTemplate": s.eventSubjectTemplate, "hideLabels": s.hideLabels,
            "absenceShowAs": s.absenceShowAs, "wholeDaysAsTimedEntries": s.wholeDaysAsTimedEntries,
            "massDeletionPercent": s.massDeletionPercent,
            "workday": ["start": s.workday.start.description, "end": s.workday.end.description],
            "halfDay": ["amEnd": s.halfDay.amEnd.description, "pmStart": s.halfDay.pmStart.description],
        ]
    }
}
