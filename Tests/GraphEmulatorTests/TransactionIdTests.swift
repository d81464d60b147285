import Foundation
import GraphEmulator
import Testing

@Suite struct TransactionIdTests {
    @Test func sameIdAndBodyReturnsTheExistingEvent() async throws {
        let h = try EmulatorHarness()
        let body = EventsTests.body(transactionId: "tx-dup")
        let first = await h.send(.post, EventsTests.events, body: body)
        let retry = await h.send(.post, EventsTests.events, body: body)
        #expect(first.status == 201)
        #expect(retry.status == 201)
        #expect(retry.json["id"] == first.json["id"])
        #expect(h.emulator.storedEvents(userId: EmulatorHarness.bob).filter { $0.transactionId == "tx-dup" }.count == 1)
    }

    @Test func sameIdDifferentBodyIsErrorDuplicateTransactionId() async throws {
        let h = try EmulatorHarness()
        _ = await h.send(.post, EventsTests.events, body: EventsTests.body(transactionId: "tx-dup"))
        let other = await h.send(
            .post, EventsTests.events, body: EventsTests.body(subject: "Something else", transactionId: "tx-dup"))
        #expect(other.status == 400)
        #expect(other.errorCode == "ErrorDuplicateTransactionId")
        var configuration = EmulatorConfiguration()
        configuration.duplicateTransactionIdStatus = 409
        let h409 = try EmulatorHarness(configuration: configuration)
        _ = await h409.send(.post, EventsTests.events, body: EventsTests.body(transactionId: "tx-dup"))
        let conflict = await h409.send(
            .post, EventsTests.events, body: EventsTests.body(subject: "Else", transactionId: "tx-dup"))
        #expect(conflict.status == 409)
    }

    @Test func error400BehaviourRejectsEvenAnIdenticalRetry() async throws {
        var configuration = EmulatorConfiguration()
        configuration.duplicateTransactionIdBehavior = .error400
        let h = try EmulatorHarness(configuration: configuration)
        let body = EventsTests.body(transactionId: "tx-strict")
        #expect(await h.send(.post, EventsTests.events, body: body).status == 201)
        let retry = await h.send(.post, EventsTests.events, body: body)
        #expect(retry.status == 400)
        #expect(retry.errorCode == "ErrorDuplicateTransactionId")
        #expect(h.emulator.storedEvents(userId: EmulatorHarness.bob).filter { $0.transactionId == "tx-strict" }.count == 1)
    }
}
