import CalSyncCore
import CalSyncStore
import Foundation

/// Everything the API says about one person's sync: the integration covering them, their match,
/// pull state and the fail-closed status.
public struct PersonContext: Sendable {
    public var instructor: Instructor
    public var integration: Integration?
    public var match: InstructorMatch?
    public var state: DeltaState?
    public var status: PersonSyncStatus

    /// The first active integration covering the person's establishment (else the first covering one).
    public static func load(_ instructor: Instructor, store: CalSyncStore, now: Date) async throws -> PersonContext {
        let integrations = try await store.integrations().filter { $0.covers(establishment: instructor.establishment) }
        let integration = integrations.first { $0.status == .active } ?? integrations.first
        var match: InstructorMatch? = nil
        var state: DeltaState? = nil
        if let integration {
            match = try await store.match(instructorId: instructor.id, integrationId: integration.id)
            state = try await store.deltaState(integrationId: integration.id, instructorId: instructor.id)
        }
        let status = PersonSyncStatus.resolve(instructor: instructor, integration: integration, match: match, state: state, now: now)
        return PersonContext(instructor: instructor, integration: integration, match: match, state: state, status: status)
    }

    public var lastSyncAt: Date? { state?.lastSuccessAt }
}
