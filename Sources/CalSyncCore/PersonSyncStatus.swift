import Foundation

/// A person's sync status as availability answers report it (docs/product-rules.md, "Availability answers fail
/// closed"): free time is only claimed when the status is `ok`.
public enum PersonSyncStatus: String, Sendable, Codable, CaseIterable {
    case ok, stale, error, unmatched, disabled

    /// - Parameters:
    ///   - integration: the integration covering the person, if any.
    ///   - match: the person's match in that integration.
    ///   - state: their pull state (cursor, last success, last error).
    ///   - now: the current time; stale = no successful pull for more than 3 × the sync interval.
    public static func resolve(
        instructor: Instructor, integration: Integration?, match: InstructorMatch?,
        state: SyncState?, now: Date
    ) -> PersonSyncStatus {
        guard instructor.syncEnabled, let integration, integration.status == .active else { return .disabled }
        guard let match, match.status == .matched else { return .unmatched }
        guard let success = state?.lastSuccessAt else { return state?.lastErrorAt != nil ? .error : .stale }
        if let failed = state?.lastErrorAt, failed > success { return .error }
        let staleAfter = 3 * Double(max(1, integration.settings.syncIntervalSeconds))
        return now.timeIntervalSince(success) > staleAfter ? .stale : .ok
    }
}
