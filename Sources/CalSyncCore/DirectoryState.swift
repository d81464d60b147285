import Foundation

/// How the integration's last reads of the directory went (the token and `/users`, before any person is
/// matched). A token refused there means no person can be matched or pulled: the diagnosis needs it even
/// when nobody has a delta state yet.
public struct DirectoryState: Sendable, Hashable {
    public var integrationId: String
    public var lastSuccessAt: Date?
    public var lastErrorAt: Date?
    public var lastErrorCode: String?
    public var lastErrorHTTPStatus: Int?
    public var lastErrorMessage: String?

    public init(
        integrationId: String, lastSuccessAt: Date? = nil, lastErrorAt: Date? = nil, lastErrorCode: String? = nil,
        lastErrorHTTPStatus: Int? = nil, lastErrorMessage: String? = nil
    ) {
        self.integrationId = integrationId
        self.lastSuccessAt = lastSuccessAt
        self.lastErrorAt = lastErrorAt
        self.lastErrorCode = lastErrorCode
        self.lastErrorHTTPStatus = lastErrorHTTPStatus
        self.lastErrorMessage = lastErrorMessage
    }

    /// Whether the latest read failed (a failure newer than any success).
    public var isFailing: Bool {
        guard let failedAt = lastErrorAt else { return false }
        return lastSuccessAt.map { failedAt >= $0 } ?? true
    }
}
