import CalSyncCore
import Foundation

// MARK: - People, zones, calendars

extension ProviderConformance {
    static let ada = SeededPerson(
        "Ada Lovelace", mail: "ada.lovelace@conformance.test", aliases: ["ada@conformance.test"], zone: "Europe/Paris")
    static let grace = SeededPerson("Grace Hopper", mail: "grace.hopper@conformance.test", zone: "America/New_York")

    @Sendable static func directory(_ probe: ConformanceProbe) async throws {
        let ada = try await probe.subject.addPerson(Self.ada)
        let grace = try await probe.subject.addPerson(Self.grace)
        let asked = [
            "ADA.Lovelace@Conformance.test", "ada@conformance.test", "grace.hopper@conformance.test", "nobody@conformance.test",
        ]
        let users = try await probe.provider.directory(for: asked)
        let matcher = EmailMatcher(users: users)
        for (address, person) in [(asked[0], ada), (asked[1], ada), (asked[2], grace)] {
            guard case .matched(let user, _) = matcher.match(email: address) else {
                throw probe.fail("\(address) should match \(person.id), got \(matcher.match(email: address))")
            }
            try probe.expect(user.id == person.id, "\(address) matched \(user.id), not \(person.id)")
        }
        if case .matched(let user, _) = matcher.match(email: asked[3]) {
            throw probe.fail("nobody@conformance.test matched \(user.id)")
        }
    }

    @Sendable static func zone(_ probe: ConformanceProbe) async throws {
        let kolkata = SeededPerson("Ramanujan", mail: "ramanujan@conformance.test", zone: "Asia/Kolkata")
        for person in [Self.ada, Self.grace, kolkata] {
            let user = try await probe.subject.addPerson(person)
            let answer = try await probe.provider.timeZone(of: user.id)
            try probe.expect(
                sameZone(answer, person.zone), "the zone of \(person.displayName) is \(person.zone), the provider said \(answer)")
        }
        try await probe.expectError([.notFound, .noCalendar], "the zone of an unknown calendar") {
            try await probe.provider.timeZone(of: "no-such-calendar-4f0e")
        }
    }

    @Sendable static func noCalendar(_ probe: ConformanceProbe) async throws {
        var person = SeededPerson("Without Mailbox", mail: "nomailbox@conformance.test")
        person.hasCalendar = false
        let user = try await probe.subject.addPerson(person)
        let users = try await probe.provider.directory(for: [person.mail])
        guard case .matched(let found, _) = EmailMatcher(users: users).match(email: person.mail), found.id == user.id else {
            throw probe.fail("a person without a calendar is still in the directory")
        }
        try await probe.expectError([.noCalendar], "the zone of a person without a calendar") {
            try await probe.provider.timeZone(of: user.id)
        }
        try await probe.expectError([.noCalendar], "the changes of a person without a calendar") {
            try await probe.provider.changes(in: user.id, window: window, from: nil)
        }
    }

    /// Two IANA names for the same zone (an alias such as Asia/Calcutta for Asia/Kolkata is fine): the same offsets
    /// through a year, across both DST changes of either hemisphere.
    static func sameZone(_ a: String, _ b: String) -> Bool {
        guard let x = TimeZone(identifier: a), let y = TimeZone(identifier: b) else { return false }
        return stride(from: 0, to: 366, by: 5).allSatisfy { day in
            let instant = Date(timeIntervalSince1970: 1_767_225_600 + Double(day) * 86_400)  // from 2026-01-01
            return x.secondsFromGMT(for: instant) == y.secondsFromGMT(for: instant)
        }
    }
}
