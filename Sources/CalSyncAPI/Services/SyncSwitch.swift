import CalSyncCore
import CalSyncStore
import CalSyncWorker
import Foundation

/// The per-person sync switch (`PUT /v1/instructors/{id}/sync`, the admin pages' start / stop buttons).
///
/// - Disabling stops pull and push for the person. The events already pushed stay in their calendar (the planner
///   leaves the mappings of disabled people alone) unless `removeEvents`: then a delete operation is queued for
///   each of their mappings, in the same transaction as the switch.
/// - Enabling again catches up at once: their pushes are re-planned in the same transaction, the pusher is woken
///   and a sync of the person (match, pull) starts, right after the cycle in flight if one runs.
enum SyncSwitch {
    static func set(instructorId id: String, enabled: Bool, removeEvents: Bool, _ context: APIContext) async throws
        -> Instructor
    {
        let now = context.clock.now()
        let vocabularies = context.vocabularies
        let (instructor, catchUp, queued) = try await context.store.write { db in
            guard var instructor = try db.instructor(id: id) else { throw InstructorRoutes.notFound(id) }
            let catchUp = enabled && !instructor.syncEnabled
            try db.setSyncEnabled(instructorId: id, enabled: enabled)
            instructor.syncEnabled = enabled
            var queued = 0
            if catchUp {
                queued = try OutboxPlanner.enqueue(in: db, instructorId: id, now: now, vocabularies: vocabularies).count
            } else if !enabled && removeEvents {
                queued = try queueRemovals(in: db, instructorId: id, now: now)
            }
            return (instructor, catchUp, queued)
        }
        if catchUp || queued > 0 { context.sync.wakePusher() }
        if catchUp { context.sync.catchUp(integrationId: nil, instructorId: id) }
        return instructor
    }

    /// Queues a delete for every event pushed to the person's calendar (every integration, events and absences),
    /// unless one already waits: an operation waiting or failed for the key becomes that delete. Returns how many.
    static func queueRemovals(in db: isolated CalSyncStore, instructorId: String, now: Date) throws -> Int {
        var queued = 0
        for mapping in try db.mappings(instructorId: instructorId)
        where try db.queueOperation(mapping.key, action: .delete, now: now) != nil {
            queued += 1
        }
        return queued
    }
}
