import CalSyncCore
import CalSyncHTTP
import CalSyncProviderKit
import Foundation
import MicrosoftCalendarKit

/// Exchange Server through EWS, as a `CalendarProvider`: one service account with the ApplicationImpersonation role
/// acts as each person (`docs/exchange.md`). A calendar's id is its owner's primary SMTP address.
///
/// Changes are detected with SyncFolderItems (its SyncState is the cursor) and, when something changed or the
/// window moved, the window is listed again with CalendarView, month by month (recurrences expanded). Creates are
/// made safe to repeat by looking CalSync's tag up. Every request of the account shares one back-off and one
/// refused-password latch.
public final class ExchangeCalendarProvider: CalendarProvider {
    public let settings: ExchangeSettings
    let client: EWSClient
    let zones: WindowsZones
    let changeKeys = EWSChangeKeys()
    let ambiguousCreates = EWSAmbiguousCreates()
    let ownWrites = EWSOwnWrites()
    /// MaxEntriesReturned of one CalendarView request (EWSFindCountLimit is 1000 by default).
    let calendarViewLimit: Int

    /// - Parameter transport: nil makes the account's own libcurl transport (its connections are the ones NTLM
    ///   logged on, so they are never shared with another account).
    /// - Parameter sleeper: how the account's back-offs are waited out (tests record them).
    public convenience init(
        settings: ExchangeSettings, transport: (any HTTPTransport)? = nil, zones: WindowsZones = .bundled,
        clock: any WallClock = SystemWallClock(), sleeper: any Sleeper = TaskSleeper()
    ) {
        self.init(
            settings: settings, transport: transport, zones: zones, clock: clock, calendarViewLimit: 1000,
            sleeper: sleeper)
    }

    init(
        settings: ExchangeSettings, transport: (any HTTPTransport)?, zones: WindowsZones, clock: any WallClock,
        calendarViewLimit: Int, sleeper: any Sleeper = TaskSleeper()
    ) {
        self.settings = settings
        self.zones = zones
        self.calendarViewLimit = calendarViewLimit
        let transport = transport ?? CurlTransport(maxConnections: max(1, settings.inFlightLimit))
        client = EWSClient(settings: settings, transport: transport, clock: clock, sleeper: sleeper)
    }

    public var capabilities: ProviderCapabilities {
        ProviderCapabilities(
            changeTracking: .detectThenRelist, expandsRecurrences: true, idempotentCreate: .tagLookup,
            inFlightLimit: settings.inFlightLimit, inFlightScope: .account)
    }

    /// Logons Exchange refused since this provider was made (each one counts towards Active Directory's lockout).
    public var failedLogons: Int { client.hold.failedLogons }

    /// Tries the password again after Exchange refused it (an administrator's explicit retry). A changed password
    /// comes with a new provider.
    public func retryRefusedLogon() {
        client.hold.forgiveRefusal()
    }

    /// The only message of a single-item answer, or the error it stands for.
    func single(_ messages: [EWSResponseMessage], _ operation: String) throws -> EWSResponseMessage {
        guard let message = messages.first else {
            throw CalendarError(.transient, message: "Exchange's answer to \(operation) holds no response message")
        }
        guard message.isSuccess else { throw message.error() }
        return message
    }
}
