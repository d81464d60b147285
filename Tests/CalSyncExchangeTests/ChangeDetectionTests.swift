import Foundation
import Testing

@testable import CalSyncExchange

/// SyncFolderItems answers as change detection.
@Suite struct ChangeDetectionTests {
    @Test func microsoftsSyncAnswersSayThatSomethingChanged() async throws {
        for fixture in ["08-syncfolderitems-response.xml", "10-syncfolderitems-changes-response.xml"] {
            let transport = try RecordingTransport(fixture: fixture)
            let provider = WireFormatTests.provider(transport)
            let (state, changed) = try await provider.detect(in: "alice@contoso.com", from: "H4sIAAA=")
            #expect(changed, "\(fixture)")
            #expect(!state.isEmpty)
            let body = try #require(transport.bodies.first)
            #expect(body.contains("<m:SyncState>H4sIAAA=</m:SyncState><m:MaxChangesReturned>512</m:MaxChangesReturned>"))
        }
    }
}
