import Testing

@testable import CalSyncHTTP

/// `ConnectionAdmission`'s decisions, as scripts: connections arrive (from an address, nil when exempt), report what
/// they do, close; each arrival's decision is checked.
@Suite struct ConnectionAdmissionTests {
    typealias Decision = ConnectionAdmission.Decision

    enum Step: Sendable {
        /// A connection `id` arrives from `address` (nil: exempt); the decision expected.
        case arrive(Int, String?, Decision)
        case set(Int, ConnectionAdmission.Activity)
        case close(Int)
    }

    struct Script: Sendable, CustomTestStringConvertible {
        var name: String
        var limits: ConnectionAdmission.Limits
        var steps: [Step]
        var testDescription: String { name }
    }

    static func limits(_ max: Int, perAddress: Int = 0, refusing: Int = 64, shedding: Int = 64) -> ConnectionAdmission.Limits {
        ConnectionAdmission.Limits(maxConnections: max, maxPerAddress: perAddress, maxRefusing: refusing, maxShedding: shedding)
    }

    static let scripts: [Script] = [
        Script(
            name: "below the cap, everyone is accepted", limits: limits(2),
            steps: [
                .arrive(1, "10.0.0.1", .accept), .arrive(2, "10.0.0.2", .accept),
            ]),
        Script(
            name: "at the cap, the oldest waiting connection is shed, not the newcomer", limits: limits(2),
            steps: [
                .arrive(1, nil, .accept), .arrive(2, nil, .accept),
                .arrive(3, nil, .acceptShedding(victim: 1, reason: .idle)),
                .arrive(4, nil, .acceptShedding(victim: 2, reason: .idle)),
                .arrive(5, nil, .acceptShedding(victim: 3, reason: .idle)),
            ]),
        Script(
            name: "a slow request head is shed by how long it has waited, labelled slow_request", limits: limits(2),
            steps: [
                .arrive(1, nil, .accept), .set(1, .receiving), .arrive(2, nil, .accept),
                .arrive(3, nil, .acceptShedding(victim: 1, reason: .slowRequest)),
            ]),
        Script(
            name: "turning from idle to receiving keeps the connection's place", limits: limits(2),
            steps: [
                .arrive(1, nil, .accept), .arrive(2, nil, .accept), .set(2, .receiving), .set(1, .receiving), .set(1, .idle),
                .arrive(3, nil, .acceptShedding(victim: 1, reason: .idle)),
            ]),
        Script(
            name: "a busy connection is never shed; a keep-alive one waits again from its response", limits: limits(3),
            steps: [
                .arrive(1, nil, .accept), .arrive(2, nil, .accept), .arrive(3, nil, .accept),
                .set(1, .working), .set(1, .idle),  // 1 answered a request: now the youngest waiting
                .set(2, .working),  // 2 is being answered
                .arrive(4, nil, .acceptShedding(victim: 3, reason: .idle)),
                .arrive(5, nil, .acceptShedding(victim: 1, reason: .idle)),
                .arrive(6, nil, .acceptShedding(victim: 4, reason: .idle)),
            ]),
        Script(
            name: "when every connection works, the newcomer is refused with an answer, then without",
            limits: limits(2, refusing: 1),
            steps: [
                .arrive(1, nil, .accept), .arrive(2, nil, .accept), .set(1, .working), .set(2, .working),
                .arrive(3, nil, .refuse(.full, answer: true)),
                .arrive(4, nil, .refuse(.full, answer: false)),
                .close(3),
                .arrive(5, nil, .refuse(.full, answer: true)),
                .close(1),
                .arrive(6, nil, .accept),
            ]),
        Script(
            name: "the per-address cap refuses the newcomer; exempt addresses are not counted", limits: limits(10, perAddress: 2),
            steps: [
                .arrive(1, "10.0.0.1", .accept), .arrive(2, "10.0.0.1", .accept),
                .arrive(3, "10.0.0.1", .refuse(.perAddress, answer: true)),
                .arrive(4, "10.0.0.2", .accept),
                .arrive(5, nil, .accept), .arrive(6, nil, .accept), .arrive(7, nil, .accept),
                .close(1),
                .arrive(8, "10.0.0.1", .accept),
            ]),
        Script(
            name: "a shed connection no longer counts for its address", limits: limits(2, perAddress: 2),
            steps: [
                .arrive(1, "10.0.0.1", .accept), .arrive(2, "10.0.0.1", .accept),
                .arrive(3, "10.0.0.2", .acceptShedding(victim: 1, reason: .idle)),
                .arrive(4, "10.0.0.1", .acceptShedding(victim: 2, reason: .idle)),
                .arrive(5, "10.0.0.1", .acceptShedding(victim: 3, reason: .idle)),
                .arrive(6, "10.0.0.1", .refuse(.perAddress, answer: true)),
            ]),
        Script(
            name: "while shed connections are still closing, no more are shed", limits: limits(2, shedding: 1),
            steps: [
                .arrive(1, nil, .accept), .arrive(2, nil, .accept),
                .arrive(3, nil, .acceptShedding(victim: 1, reason: .idle)),
                .arrive(4, nil, .refuse(.full, answer: true)),
                .close(1),
                .arrive(5, nil, .acceptShedding(victim: 2, reason: .idle)),
            ]),
        Script(
            name: "closed and working connections leave no stale victim behind", limits: limits(2),
            steps: [
                .arrive(1, nil, .accept), .arrive(2, nil, .accept), .close(1), .set(2, .working), .set(2, .idle),
                .set(2, .working),
                .arrive(3, nil, .accept),
                .arrive(4, nil, .acceptShedding(victim: 3, reason: .idle)), .set(4, .working),
                .arrive(5, nil, .refuse(.full, answer: true)),
            ]),
    ]

    @Test(arguments: scripts)
    func decisions(script: Script) {
        var admission = ConnectionAdmission(limits: script.limits)
        for (index, step) in script.steps.enumerated() {
            switch step {
            case .arrive(let id, let address, let expected):
                let decision = admission.admit(id, address: address)
                #expect(decision == expected, "step \(index): connection \(id)")
            case .set(let id, let activity):
                admission.setActivity(id, activity)
            case .close(let id):
                admission.remove(id)
            }
        }
    }

    @Test func countsReturnToZeroWhenEveryConnectionCloses() {
        var admission = ConnectionAdmission(limits: Self.limits(3, perAddress: 2, refusing: 2))
        for id in 1...10 {
            _ = admission.admit(id, address: id.isMultiple(of: 2) ? "10.0.0.1" : nil)
            if id % 3 == 0 { admission.setActivity(id, .working) }
        }
        #expect(admission.holding == 3)
        for id in 1...10 { admission.remove(id) }
        #expect(admission.count == 0)
        #expect([admission.holding, admission.refusing, admission.shedding] == [0, 0, 0])
        #expect(admission.slots(of: "10.0.0.1") == 0)
    }

    /// A long-lived waiting connection at the front does not let stale items pile up behind it.
    @Test func staleItemsAreCompacted() {
        var admission = ConnectionAdmission(limits: Self.limits(100))
        _ = admission.admit(1, address: nil)  // waits for ever at the front
        _ = admission.admit(2, address: nil)
        for _ in 0..<100_000 {
            admission.setActivity(2, .working)
            admission.setActivity(2, .idle)
        }
        #expect(admission.queuedCount < 3_000)
        for id in 3...100 { #expect(admission.admit(id, address: nil) == .accept) }
        #expect(admission.admit(101, address: nil) == .acceptShedding(victim: 1, reason: .idle))
        #expect(admission.admit(102, address: nil) == .acceptShedding(victim: 2, reason: .idle))
        #expect(admission.admit(103, address: nil) == .acceptShedding(victim: 3, reason: .idle))
    }
}
