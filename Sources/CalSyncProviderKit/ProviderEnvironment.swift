import CalSyncCore
import CalSyncHTTP

/// What every adapter is made with: the process's HTTP transport and clock, and whether requests made at about
/// the same time may be coalesced into batches where the calendar system offers it.
public struct ProviderEnvironment: Sendable {
    public var transport: any HTTPTransport
    public var clock: any WallClock
    /// Coalesce concurrent requests into batches (production: on).
    public var coalescesRequests: Bool

    public init(transport: any HTTPTransport, clock: any WallClock = SystemWallClock(), coalescesRequests: Bool = true) {
        self.transport = transport
        self.clock = clock
        self.coalescesRequests = coalescesRequests
    }
}
