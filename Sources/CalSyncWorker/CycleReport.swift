import CalSyncCore
import Foundation

/// What one sync cycle did, per integration, for logs, the CLI and the status API.
public struct CycleReport: Sendable {
    public struct IntegrationReport: Sendable {
        public var integrationId: String
        public var integrationName: String
        public var matched: [String] = []
        public var unmatched: [(instructorId: String, reason: String)] = []
        public var ambiguous: [(instructorId: String, reason: String)] = []
        public var pulledInstructors = 0
        public var blocksUpserted = 0
        public var blocksRemoved = 0
        public var fullRounds = 0
        public var created = 0
        public var updated = 0
        public var deleted = 0
        /// Pushed events changed in the calendar and put back / deleted there and recreated.
        public var driftPutBack = 0
        public var driftRecreated = 0
        public var errors: [String] = []

        public init(integrationId: String, integrationName: String) {
            self.integrationId = integrationId
            self.integrationName = integrationName
        }

        public var pushed: Int { created + updated + deleted }
    }

    public var startedAt: Date
    public var finishedAt: Date
    public var integrations: [IntegrationReport]

    public var pulled: Int { integrations.reduce(0) { $0 + $1.blocksUpserted + $1.blocksRemoved } }
    public var pushed: Int { integrations.reduce(0) { $0 + $1.pushed } }
    public var errorCount: Int { integrations.reduce(0) { $0 + $1.errors.count } }
    public var instructorCount: Int { integrations.reduce(0) { $0 + $1.pulledInstructors } }
}
