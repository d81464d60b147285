import CalSyncCore
import CalSyncStore

/// The scheduler-side facts push planning needs for one integration: people, their matches.
struct World {
    let integration: Integration
    let instructors: [String: Instructor]
    let matches: [String: InstructorMatch]

    static func load(_ db: isolated CalSyncStore, integration: Integration, instructorIds: Set<String>?) throws -> World {
        var instructors: [String: Instructor] = [:]
        if let ids = instructorIds {
            for id in ids { if let i = try db.instructor(id: id) { instructors[id] = i } }
        } else {
            for i in try db.instructors() { instructors[i.id] = i }
        }
        var matches: [String: InstructorMatch] = [:]
        if instructorIds != nil {
            // A few people (one push, one item): their own rows, not the whole integration's (10,000 at scale).
            for id in instructors.keys {
                if let m = try db.match(instructorId: id, integrationId: integration.id) { matches[id] = m }
            }
        } else {
            for m in try db.matches(integrationId: integration.id) where instructors[m.instructorId] != nil {
                matches[m.instructorId] = m
            }
        }
        return World(integration: integration, instructors: instructors, matches: matches)
    }

    /// The events CalSync wants in this integration's calendars for these training events.
    func desired(_ events: [TrainingEvent], vocabularies: ProviderVocabularies) -> [DesiredEvent] {
        let vocabulary = vocabularies.vocabulary(for: integration)
        var desired: [DesiredEvent] = []
        for event in events where event.status == .scheduled {
            for instructorId in event.instructorIds {
                guard let instructor = instructors[instructorId], instructor.syncEnabled,
                    integration.covers(establishment: instructor.establishment),
                    let match = matches[instructorId], match.status == .matched, let calendarId = match.calendarId
                else { continue }
                let key = PushKey(integrationId: integration.id, itemKind: .event, itemId: event.id, instructorId: instructorId)
                let outgoing = PushRules.outgoing(for: event, key: key, settings: integration.settings)
                desired.append(
                    DesiredEvent(
                        key: key, calendarId: calendarId, event: outgoing, fingerprint: vocabulary.fingerprint(of: outgoing)))
            }
        }
        return desired
    }

    /// The events CalSync wants in this integration's calendars for these absences: one per segment (a run of
    /// whole days, a half day), in the person's calendar zone (the calendar's own, else the person's, else UTC).
    func desired(absences: [Absence], vocabularies: ProviderVocabularies) -> [DesiredEvent] {
        let vocabulary = vocabularies.vocabulary(for: integration)
        var desired: [DesiredEvent] = []
        for absence in absences where absence.isActive {
            guard let instructor = instructors[absence.personId], instructor.syncEnabled,
                integration.covers(establishment: instructor.establishment),
                let match = matches[absence.personId], match.status == .matched, let calendarId = match.calendarId
            else { continue }
            let zone = AbsenceRules.calendarZone(calendarTimeZone: match.calendarTimeZone, personTimeZone: instructor.timeZone)
            for (key, event) in AbsenceRules.outgoing(
                for: absence, integrationId: integration.id, settings: integration.settings,
                calendarZone: zone)
            {
                desired.append(
                    DesiredEvent(key: key, calendarId: calendarId, event: event, fingerprint: vocabulary.fingerprint(of: event)))
            }
        }
        return desired
    }

    /// People whose pushed events may be deleted: everyone but those with sync off or without a
    /// current match (their events stay, the contract's rule for the sync toggle).
    func managed(_ mappings: [EventMapping]) -> Set<String> {
        var managed = Set<String>()
        for mapping in mappings {
            let id = mapping.key.instructorId
            guard let instructor = instructors[id] else {
                managed.insert(id)  // deleted from the scheduler: their events go
                continue
            }
            if !integration.covers(establishment: instructor.establishment) {
                managed.insert(id)
            } else if instructor.syncEnabled, matches[id]?.status == .matched {
                managed.insert(id)
            }
        }
        return managed
    }
}
