import CalSyncCore

/// What a person's sync status rests on, read together: the person, every integration (one of them covers
/// the person), and the person's matches and pull states in every integration.
public struct PersonSyncFacts: Sendable, Hashable {
    public var instructor: Instructor
    /// Every integration, oldest first.
    public var integrations: [Integration]
    /// The person's matches, by integration id.
    public var matches: [InstructorMatch]
    /// The person's pull states, by integration id.
    public var syncStates: [SyncState]

    public init(instructor: Instructor, integrations: [Integration], matches: [InstructorMatch], syncStates: [SyncState]) {
        self.instructor = instructor
        self.integrations = integrations
        self.matches = matches
        self.syncStates = syncStates
    }

    public func match(integrationId: String) -> InstructorMatch? { matches.first { $0.integrationId == integrationId } }

    public func syncState(integrationId: String) -> SyncState? { syncStates.first { $0.integrationId == integrationId } }
}
