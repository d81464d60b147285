/// Which part of the world a sync run covers: some integrations (nil: all) × some people (nil: everyone they cover).
public struct SyncScope: Sendable, Hashable {
    public var integrationIds: Set<String>?
    public var instructorIds: Set<String>?

    public init(integrationIds: Set<String>? = nil, instructorIds: Set<String>? = nil) {
        self.integrationIds = integrationIds
        self.instructorIds = instructorIds
    }

    /// One integration, one person, both or (nil, nil) everything.
    public init(integrationId: String?, instructorId: String?) {
        self.init(integrationIds: integrationId.map { [$0] }, instructorIds: instructorId.map { [$0] })
    }

    public static let everything = SyncScope()

    /// A scope covering both (it may cover more: integrations × people, not pairs of them).
    public func union(_ other: SyncScope) -> SyncScope {
        SyncScope(
            integrationIds: integrationIds.flatMap { mine in other.integrationIds.map { mine.union($0) } },
            instructorIds: instructorIds.flatMap { mine in other.instructorIds.map { mine.union($0) } })
    }

    public func includes(integrationId: String) -> Bool { integrationIds?.contains(integrationId) ?? true }

    public func includes(instructorId: String) -> Bool { instructorIds?.contains(instructorId) ?? true }
}
