import CalSyncCore

/// Makes the calendar provider of an integration (Graph in production, a test double in tests).
public protocol CalendarProviderFactory: Sendable {
    func provider(for integration: Integration) throws -> any CalendarProvider
}
