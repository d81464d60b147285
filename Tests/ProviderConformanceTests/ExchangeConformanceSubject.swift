import CalSyncCore
import CalSyncExchange
import CalSyncHTTP
import CalSyncProviderKit
import CalSyncTesting
import EWSEmulator
import Foundation
import MicrosoftCalendarKit
import Synchronization

/// The Exchange Server adapter under the conformance suite: the provider the registry's maker builds (Basic logon as
/// a service account with the ApplicationImpersonation role over the organisation), talking to an EWSEmulator
/// in-process with no mailbox at first; the emulator's side door adds people and their items and injects faults. A
/// calendar's id is its owner's primary SMTP address.
final class ExchangeConformanceSubject: ConformanceSubject {
    static let password = "Conformance-2026!"

    let emulator: EWSEmulator
    let provider: any CalendarProvider
    /// Each calendar's IANA zone, as the person was seeded.
    let zones = Mutex<[CalendarID: String]>([:])

    init() throws {
        let tenant = EWSTenant(
            netbiosDomain: "CONFORMANCE", dnsDomain: "conformance.test",
            serviceAccounts: [
                .init(
                    samAccountName: "svc-conformance", userPrincipalName: "svc-conformance@conformance.test",
                    password: Self.password, impersonationScope: .organization)
            ],
            mailboxes: [])
        let clock = SystemWallClock()
        emulator = EWSEmulator(tenant: tenant, clock: clock)
        let integration = Integration(
            id: "conformance", name: "Conformance",
            connection: .exchange(
                ExchangeConnection(
                    ewsURL: "http://127.0.0.1:8091/EWS/Exchange.asmx", username: #"CONFORMANCE\svc-conformance"#,
                    password: Secret(Self.password), authScheme: .basic)),
            createdAt: Date())
        provider = try ExchangeProviderMaker().makeProvider(
            for: integration,
            in: ProviderEnvironment(transport: InProcessTransport(emulator), clock: clock, coalescesRequests: false))
    }

    func addPerson(_ person: SeededPerson) async throws -> DirectoryUser {
        let proxies = ["SMTP:\(person.mail)"] + person.aliases.map { "smtp:\($0)" }
        try emulator.addMailbox(
            EWSTenant.Mailbox(
                primarySmtpAddress: person.mail, displayName: person.displayName, proxyAddresses: proxies,
                timeZone: WindowsZones.bundled.windowsName(for: person.zone)))
        zones.withLock { $0[person.mail] = person.zone }
        return DirectoryUser(
            id: person.mail, displayName: person.displayName, mail: person.mail, userPrincipalName: person.mail,
            proxyAddresses: proxies)
    }

    func add(_ event: PersonEvent, to calendar: CalendarID) async throws -> String {
        try emulator.addItem(mailbox: calendar, item(event, calendar: calendar))
    }

    func change(_ id: String, in calendar: CalendarID, to event: PersonEvent) async throws {
        let item = item(event, calendar: calendar)
        try emulator.updateItem(
            mailbox: calendar, id: id,
            EWSItemChange(
                subject: item.subject, start: item.start, end: item.end, legacyFreeBusyStatus: item.legacyFreeBusyStatus,
                location: item.location, isCancelled: item.isCancelled, myResponseType: item.myResponseType))
    }

    func remove(_ id: String, from calendar: CalendarID) async throws {
        try emulator.removeItem(mailbox: calendar, id: id)
    }

    func itemCount(tag: String, in calendar: CalendarID) async throws -> Int {
        emulator.items(mailbox: calendar).count { item in
            guard case .array(let properties)? = item["extendedProperties"] else { return false }
            return properties.contains { $0["value"]?.stringValue == tag }
        }
    }

    func expireCursors() async throws { emulator.expireSyncStates() }

    func throttle(retryAfter: Double) async throws {
        var faults = EWSFaults()
        faults.serverBusy = 1
        let milliseconds = Int((retryAfter * 1000).rounded())
        faults.backOffMilliseconds = milliseconds...milliseconds
        emulator.setFaults(faults)
    }

    func failCreatesAfterCommit() async throws {
        var faults = EWSFaults()
        faults.createCommitThen500 = 1
        emulator.setFaults(faults)
    }

    func clearFaults() async throws { emulator.setFaults(EWSFaults()) }

    func shutDown() async {}

    /// The event as the person's Outlook saves it: a timed one in its own zone, an all-day one in the mailbox's, a
    /// numbered series.
    func item(_ event: PersonEvent, calendar: CalendarID) -> EWSTenantItem {
        let status: [ShowAs: String] = [
            .free: "Free", .tentative: "Tentative", .busy: "Busy", .oof: "OOF", .workingElsewhere: "WorkingElsewhere",
            .unknown: "NoData",
        ]
        var item: EWSTenantItem
        let startDate: LocalDate
        switch event.time {
        case .timed(let range, let zone):
            item = EWSTenantItem(
                subject: event.subject, start: Timestamp.format(range.start), end: Timestamp.format(range.end))
            item.timeZone = WindowsZones.bundled.windowsName(for: zone)
            startDate = LocalDate(range.start, in: TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!)
        case .allDay(let first, let end):
            item = EWSTenantItem(subject: event.subject, start: "\(first)T00:00:00", end: "\(end)T00:00:00")
            item.isAllDay = true
            let zone = zones.withLock { $0[calendar] } ?? "UTC"
            item.timeZone = WindowsZones.bundled.windowsName(for: zone)
            startDate = first
        }
        item.legacyFreeBusyStatus = status[event.showAs]
        item.location = event.location
        item.categories = event.categories.isEmpty ? nil : event.categories
        if event.isCancelled || event.declinedByOwner {
            item.isMeeting = true
            item.organizer = .init(name: "Organizer", emailAddress: "organizer@conformance.test")
        }
        if event.isCancelled { item.isCancelled = true }
        if event.declinedByOwner { item.myResponseType = "Decline" }
        if let recurrence = event.recurrence {
            var pattern = EWSTenantItem.Recurrence(type: recurrence.frequency == .daily ? "Daily" : "Weekly")
            pattern.interval = recurrence.interval
            pattern.numberOfOccurrences = recurrence.count
            if recurrence.frequency == .weekly { pattern.daysOfWeek = [Self.weekdays[startDate.isoWeekday - 1]] }
            item.recurrence = pattern
        }
        return item
    }

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
}
