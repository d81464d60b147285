import CalSyncCore
import CalSyncCrypto
import CalSyncHTTP
import Foundation
import Synchronization

/// A local Google Workspace for CalSync's Google provider, held to Google's documents and discovery documents
/// (`docs/google.md`): the OAuth token endpoint for service accounts with domain-wide delegation (the JWT bearer
/// grant, RS256 signatures verified with the account's public keys), Calendar v3 (calendars.get, events
/// list/get/insert/patch/delete with sync tokens, settings.get), Directory users.list, the multipart batch endpoint,
/// Google's error bodies, injected faults and the real per-minute quotas. It is an `HTTPResponder`: serve it over
/// sockets or call `respond(to:)` in-process.
///
/// A side door under `/_emulator/` (no token) lets tests and demos change calendars as the people would, expire sync
/// and access tokens, revoke delegation, set faults and read statistics.
public final class GoogleEmulator: HTTPResponder, Sendable {
    public let tenant: GoogleTenant
    public let configuration: GoogleEmulatorConfiguration
    let clock: any WallClock
    /// Service accounts by lower-cased client e-mail, with their public keys read once.
    let accounts: [String: (account: GoogleTenant.ServiceAccount, keys: [(keyId: String, key: PublicKey)])]
    /// Every mutable thing the emulator holds, behind one lock (`withState`).
    private let state: Mutex<GoogleState>
    /// Tenant-file problems (a key that does not read, an event that does not load), each saying where; empty when
    /// the file is valid.
    public let tenantIssues: [String]

    public init(
        tenant: GoogleTenant, configuration: GoogleEmulatorConfiguration = .init(), clock: any WallClock = SystemWallClock()
    ) {
        self.tenant = tenant
        self.configuration = configuration
        self.clock = clock
        var issues: [String] = []
        var accounts: [String: (account: GoogleTenant.ServiceAccount, keys: [(keyId: String, key: PublicKey)])] = [:]
        for account in tenant.serviceAccounts {
            var keys: [(keyId: String, key: PublicKey)] = []
            for key in account.keys {
                do {
                    keys.append((key.keyId, try PublicKey(pem: key.publicKey)))
                } catch {
                    issues.append("service account \(account.clientEmail) key \(key.keyId): \(error)")
                }
            }
            accounts[account.clientEmail.lowercased()] = (account, keys)
        }
        self.accounts = accounts
        var seen: Set<String> = []
        var duplicates: Set<Int> = []
        for (index, user) in tenant.users.enumerated() {
            if TimeZone(identifier: user.timeZone) == nil {
                issues.append("\(user.primaryEmail): unknown time zone \(user.timeZone); the calendar uses UTC")
            }
            for key in [user.id, user.primaryEmail.lowercased()] where !seen.insert(key).inserted {
                issues.append("\(user.primaryEmail): \(key) is used by another user too; the first one wins")
                duplicates.insert(index)
            }
        }
        var initial = GoogleState(tenant: tenant, configuration: configuration)
        let now = clock.now()
        for (index, user) in tenant.users.enumerated() where !duplicates.contains(index) {
            for (index, json) in (user.events ?? []).enumerated() {
                do {
                    _ = try Self.insertStoredEvent(
                        in: &initial, userId: user.id, body: json, as: .person, creator: user.primaryEmail, now: now,
                        configuration: configuration)
                } catch {
                    issues.append("\(user.primaryEmail) event #\(index): \(error.message)")
                }
            }
        }
        self.state = Mutex(initial)
        self.tenantIssues = issues
    }

    /// Runs `body` with exclusive access to the mutable state. `body` must not call back into the emulator.
    func withState<R, E: Error>(_ body: (inout GoogleState) throws(E) -> R) throws(E) -> R {
        try state.withLock { (state) throws(E) -> R in try body(&state) }
    }

    // MARK: - HTTPResponder

    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        let context = GoogleRequestContext(request: request, now: clock.now(), arrival: request.receivedAt)
        let route = GoogleRoute.parse(request.path)
        let response: HTTPResponse
        switch route {
        case .token:
            response = await handleTokenWithFaults(context)
        case .sideDoor(let parts):
            response = handleSideDoor(parts, context)
        case .batch:
            response = await handleBatch(context)
        case .unknown:
            response = GoogleError.notFound.response()
        case .calendar, .events, .event, .setting, .users:
            response = await handleCall(route, context)
        }
        let status = response.dropsConnection ? 0 : response.status
        withState { $0.stats.record(route: "\(request.method.rawValue) \(route.template)", status: status) }
        return response
    }

    /// A handler's answer as HTTP: JSON bodies as Google sends them (`application/json; charset=UTF-8`).
    func render(_ reply: GoogleReply) -> HTTPResponse {
        var headers = HTTPHeaders()
        for (name, value) in reply.headers.sorted(by: { $0.key < $1.key }) { headers[name] = value }
        guard let body = reply.body else { return HTTPResponse(status: reply.status, headers: headers) }
        headers["Content-Type"] = "application/json; charset=UTF-8"
        return HTTPResponse(status: reply.status, headers: headers, body: body.data)
    }
}
