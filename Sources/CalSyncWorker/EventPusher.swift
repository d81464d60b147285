import CalSyncCore
import CalSyncStore
import Foundation

/// Brings mailboxes to the desired state of training events (design.md, "Push rules"): plans
/// create / update / delete from desired versus mapped state and carries the plan out, one mailbox
/// at a time per mailbox so an update never overtakes its create.
struct EventPusher: Sendable {
    let store: CalSyncStore
    let zones: WindowsZones
    let clock: any WallClock
    let logger: Logger
    /// Mailboxes written concurrently (each mailbox itself strictly serial).
    var mailboxConcurrency = 4

    struct Outcome: Sendable {
        var created = 0
        var updated = 0
        var deleted = 0
        var errors: [String] = []
    }

    /// The events CalSync wants in this integration's mailboxes right now.
    func desiredEvents(integration: Integration, instructors: [String: Instructor], matches: [String: InstructorMatch],
                       events: [TrainingEvent]) -> [DesiredEvent] {
        var desired: [DesiredEvent] = []
        for event in events where event.status == .scheduled {
            for instructorId in event.instructorIds {
                guard let instructor = instructors[instructorId], instructor.syncEnabled,
                    integration.covers(establishment: instructor.establishment),
                    let match = matches[instructorId], match.status == .matched, let userId = match.calendarUserId
                else { continue }
                let key = PushKey(integrationId: integration.id, itemKind: .event, itemId: event.id, instructorId: instructorId)
                let outgoing = PushRules.outgoing(for: event, key: key, settings: integration.settings, zones: zones)
                desired.append(DesiredEvent(key: key, calendarUserId: userId, event: outgoing))
            }
        }
        return desired
    }

    /// People whose pushed events may be deleted: everyone but those with sync off or without a
    /// current match (their events stay, design rule for the sync toggle).
    func managedInstructorIds(mappings: [EventMapping], instructors: [String: Instructor],
                              matches: [String: InstructorMatch], integration: Integration) -> Set<String> {
        var managed = Set<String>()
        for mapping in mappings {
            let id = mapping.key.instructorId
            guard let instructor = instructors[id] else {
                managed.insert(id)  // deleted from the scheduler: their events go
                continue
            }
            if !integration.covers(establishment: instructor.establishment) {
                managed.insert(id)  // no longer in scope
            } else if instructor.syncEnabled, matches[id]?.status == .matched {
                managed.insert(id)
            }
        }
        return managed
    }

    func push(integration: Integration, provider: any CalendarProvider, instructors: [String: Instructor],
              matches: [String: InstructorMatch], events: [TrainingEvent]) async throws -> Outcome {
        let mappings = try await store.mappings(integrationId: integration.id)
        let desired = desiredEvents(integration: integration, instructors: instructors, matches: matches, events: events)
        let managed = managedInstructorIds(mappings: mappings, instructors: instructors, matches: matches,
                                           integration: integration)
        let actions = PushPlanner.plan(desired: desired, mappings: mappings, managedInstructorIds: managed)
        return await execute(actions, integration: integration, provider: provider)
    }

    /// Runs the actions grouped by mailbox: mailboxes in parallel (bounded), each mailbox in order.
    func execute(_ actions: [PushAction], integration: Integration, provider: any CalendarProvider) async -> Outcome {
        var byMailbox: [String: [PushAction]] = [:]
        var order: [String] = []
        for action in actions {
            if byMailbox[action.calendarUserId] == nil { order.append(action.calendarUserId) }
            byMailbox[action.calendarUserId, default: []].append(action)
        }
        var total = Outcome()
        await withTaskGroup(of: Outcome.self) { group in
            var iterator = order.makeIterator()
            func next() -> Bool {
                guard let mailbox = iterator.next(), let list = byMailbox[mailbox] else { return false }
                group.addTask {
                    var outcome = Outcome()
                    for action in list {
                        await self.perform(action, integration: integration, provider: provider, into: &outcome)
                    }
                    return outcome
                }
                return true
            }
            for _ in 0..<max(1, mailboxConcurrency) where next() {}
            for await outcome in group {
                total.created += outcome.created
                total.updated += outcome.updated
                total.deleted += outcome.deleted
                total.errors += outcome.errors
                _ = next()
            }
        }
        return total
    }
}
