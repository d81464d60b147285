import CalSyncCore
import CalSyncHTTP
import Foundation
import MicrosoftCalendarKit
import Synchronization

/// A local Exchange Server's EWS endpoint (`POST /EWS/Exchange.asmx`), held to Microsoft's documentation as
/// `docs/exchange.md` records it: NTLM (NTLMv2 checked against the password) and Basic logons, ApplicationImpersonation
/// with its scope, the calendar operations a sync worker uses, SOAP faults and per-item errors, throttling.
/// It is an `HTTPResponder`: serve it with `HTTPServer` (NTLM needs real connections) or call `respond(to:)`.
///
/// A side door under `/_emulator/` (no logon) lets tests and demos act as the people would (add, move, delete items),
/// change accounts (password, role, lockout), expire sync states, set faults and read statistics.
public final class EWSEmulator: HTTPResponder, Sendable {
    public let tenant: EWSTenant
    public let configuration: EWSConfiguration
    let zones: WindowsZones
    let zoneNames: [String: String]
    let clock: any WallClock
    let state: Mutex<EWSState>
    /// Signs sync states, so a forged or altered one is refused.
    let syncStateKey: [UInt8]
    /// Tenant-file items that could not be loaded (mailbox, index and reason); empty for a valid file.
    public let tenantIssues: [String]

    public init(
        tenant: EWSTenant, configuration: EWSConfiguration = EWSConfiguration(), zones: WindowsZones = .bundled,
        clock: any WallClock = SystemWallClock()
    ) {
        self.tenant = tenant
        self.configuration = configuration
        self.zones = zones
        self.zoneNames = Self.bundledDisplayNames
        self.clock = clock
        var initial = EWSState(tenant: tenant, configuration: configuration)
        syncStateKey = initial.rng.bytes(32)
        var issues: [String] = []
        let now = clock.now()
        for mailbox in tenant.mailboxes {
            for (index, item) in (mailbox.items ?? []).enumerated() {
                do {
                    try Self.addTenantItem(item, to: mailbox, in: &initial, now: now, zones: zones)
                } catch {
                    issues.append("\(mailbox.primarySmtpAddress) item #\(index): \(error)")
                }
            }
        }
        state = Mutex(initial)
        tenantIssues = issues
    }

    // MARK: - HTTPResponder

    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        let path = request.path
        if path.hasPrefix("/_emulator/") || path == "/_emulator" {
            return handleSideDoor(request)
        }
        guard path.lowercased() == "/ews/exchange.asmx" else {
            return .text(404, "The resource cannot be found.", contentType: "text/html; charset=utf-8")
        }
        return await handleEWS(request)
    }

    // MARK: - Time zones

    /// A Windows zone id as EWS accepts it (CLDR's Windows names and `UTC`); nil for anything else, IANA included.
    func timeZone(windowsId id: String) -> TimeZone? {
        guard id == "UTC" || zones.windowsToIANA[id] != nil else { return nil }
        return zones.timeZone(named: id)
    }

    /// The zone for a stored id (always valid once stored; UTC as a last resort).
    func storedZone(_ id: String) -> TimeZone {
        timeZone(windowsId: id) ?? TimeZone(identifier: "UTC")!
    }

    static let bundledDisplayNames = displayNames(WindowsZones.bundledXML)

    /// Windows zone display names, from the comments CLDR's windowsZones.xml puts before each zone's rows
    /// (`<!-- (UTC+01:00) Brussels, Copenhagen, Madrid, Paris -->`).
    static func displayNames(_ xml: String) -> [String: String] {
        var names: [String: String] = [:]
        var comment: String?
        for line in xml.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->") {
                comment = String(trimmed.dropFirst(4).dropLast(3)).trimmingCharacters(in: .whitespaces)
            } else if trimmed.hasPrefix("<mapZone"), let comment, let start = trimmed.range(of: "other=\""),
                let end = trimmed[start.upperBound...].firstIndex(of: "\"")
            {
                let id = String(trimmed[start.upperBound..<end])
                if names[id] == nil, comment.hasPrefix("(UTC") { names[id] = comment }
            }
        }
        names["UTC"] = names["UTC"] ?? "(UTC) Coordinated Universal Time"
        return names
    }
}
