import CalSyncHTTP
import Foundation
import Testing

@testable import EWSEmulator

/// Injected faults and what the emulator counts per service account (docs/exchange.md, "Throttling" and "Faults").
@Suite struct FaultTests {
    let getCalendar =
        #"<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="calendar"/></m:FolderIds></m:GetFolder>"#

    func faults(_ change: (inout EWSFaults) -> Void) -> EWSConfiguration {
        var configuration = EWSConfiguration()
        change(&configuration.faults)
        return configuration
    }

    @Test func serverBusyCarriesBackOffMillisecondsAndEarlyRequestsAreCounted() async throws {
        let h = try EWSHarness(
            configuration: faults {
                $0.serverBusyNextRequests = 1
                $0.backOffMilliseconds = 400...400
            })
        let busy = await h.soap(getCalendar)
        #expect(busy.status == 500)
        #expect(busy.faultCode == "ErrorServerBusy")
        #expect(busy.first("faultcode")?.value == "a:ErrorServerBusy")
        #expect(busy.first("MessageXml")?.namespace == EWSNamespace.types)
        #expect(busy.messageValue("BackOffMilliseconds") == "400")
        // Too early: counted, and (as a server still over budget would) busy again with what is left.
        let early = await h.soap(getCalendar)
        #expect(early.faultCode == "ErrorServerBusy")
        #expect(Int(early.messageValue("BackOffMilliseconds") ?? "") ?? 0 <= 400)
        try await Task.sleep(for: .milliseconds(450))
        #expect(await h.soap(getCalendar).codes == ["NoError"])
        let stats = try #require(h.emulator.stats().accounts["svc-calsync"])
        #expect(stats.serverBusyGiven == 2 && stats.earlyRequests == 1 && stats.requests == 3)
        #expect(stats.maxEarlyByMilliseconds > 0 && stats.maxEarlyByMilliseconds <= 400)
    }

    @Test func busyWithoutTheHintAndOtherTransientFaults() async throws {
        let noHint = try EWSHarness(
            configuration: faults {
                $0.serverBusy = 1
                $0.serverBusyWithoutBackOff = 1
            })
        let busy = await noHint.soap(getCalendar)
        #expect(busy.faultCode == "ErrorServerBusy" && busy.messageValue("BackOffMilliseconds") == nil)
        let unavailable = try EWSHarness(configuration: faults { $0.unavailable503 = 1 })
        let reply = await unavailable.soap(getCalendar)
        #expect(reply.status == 503 && reply.first("Envelope") == nil)
        #expect(reply.response.headers["Content-Type"]?.hasPrefix("text/html") == true)
        let reset = try EWSHarness(configuration: faults { $0.connectionReset = 1 })
        #expect(await reset.soap(getCalendar).response.dropsConnection)
        #expect(reset.emulator.stats().accounts["svc-calsync"]?.faultsInjected["connectionReset"] == 1)
    }

    @Test func createCommitThen500SavesTheItem() async throws {
        let h = try EWSHarness(configuration: faults { $0.createCommitThen500 = 1 })
        let reply = await h.soap(ItemWriteTests.create(ItemWriteTests.training))
        #expect(reply.status == 500)
        #expect(reply.text.contains("Server Error in '/EWS' Application."))
        #expect(h.stored()["Training: Swift 101"] != nil)
        // Other operations are untouched by this fault.
        #expect(await h.soap(getCalendar).codes == ["NoError"])
        #expect(h.emulator.stats().accounts["svc-calsync"]?.faultsInjected["createCommitThen500"] == 1)
    }

    @Test func invalidatedSyncStates() async throws {
        let h = try EWSHarness()
        let first = await h.soap(SyncFolderItemsTests.sync(nil))
        h.emulator.setFaults(faults { $0.invalidateSyncState = 1 }.faults)
        let state = SyncFolderItemsTests.state(first)
        #expect(await h.soap(SyncFolderItemsTests.sync(state)).codes == ["ErrorInvalidSyncStateData"])
        h.emulator.setFaults(EWSFaults())
        // The state stays invalid once the server lost it.
        #expect(await h.soap(SyncFolderItemsTests.sync(state)).codes == ["ErrorInvalidSyncStateData"])
    }

    @Test func theAccountsConcurrencyLimitAndItsHighestConcurrency() async throws {
        var configuration = faults { $0.addedLatencyMs = 200 }
        configuration.maxConcurrencyPerAccount = 2
        let h = try EWSHarness(configuration: configuration)
        let replies = await withTaskGroup(of: EWSReply.self) { group in
            for _ in 0..<3 { group.addTask { await h.soap(getCalendar) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(replies.filter { $0.faultCode == "ErrorExceededConnectionCount" }.count == 1)
        #expect(replies.filter { $0.status == 200 }.count == 2)
        let stats = try #require(h.emulator.stats().accounts["svc-calsync"])
        #expect(stats.maxInFlight == 3 && stats.inFlight == 0)
        // Different mailboxes, one budget: the service account's.
        #expect(stats.requests == 3)
    }

    @Test func faultsAreSetThroughTheSideDoorAndUnknownOnesRefused() async throws {
        let h = try EWSHarness()
        let set = await h.side(.post, "faults", #"{"serverBusyNextRequests": 1, "backOffMilliseconds": [100, 100]}"#)
        #expect(set.status == 200 && set.json["serverBusyNextRequests"] == 1)
        #expect(await h.soap(getCalendar).faultCode == "ErrorServerBusy")
        let typo = await h.side(.post, "faults", #"{"serverBusyy": 1}"#)
        #expect(typo.status == 400 && typo.json["error"]?["message"]?.stringValue?.contains("serverBusyy") == true)
        #expect(await h.side(.post, "faults", #"{"serverBusy": 2}"#).status == 400)
        #expect(await h.side(.get, "faults").json["serverBusy"] == 0)
    }
}
