import CalSyncCore
import Foundation
import Synchronization

/// A calendar system held in memory, for tests of the engine (no sockets, no emulator) and as the reference the
/// provider conformance suite is checked against. It honours its `capabilities`: changes are tracked windowed,
/// unbounded or detect-then-relist with opaque cursors that can expire; recurring series are listed as occurrences
/// or as masters; a create is made idempotent by its key (or its id), else only the tag finds it.
///
/// A test seeds people and their own events through the side door (`addPerson`, `add(_:to:)`…), installs faults
/// (`install(_:)`: throttling with a Retry-After, a create that commits then fails, any error), expires cursors,
/// and inspects what was called (`calls`, `writeRequests`) and what is stored (`items(in:)`).
public final class InMemoryCalendarProvider: CalendarProvider, Sendable {
    /// Like Microsoft 365's: windowed change tracking, occurrences listed, a key then a tag lookup, 4 requests at
    /// a time per calendar.
    public static let standardCapabilities = ProviderCapabilities(
        changeTracking: .windowed, expandsRecurrences: true, idempotentCreate: .keyThenTagLookup, inFlightLimit: 4,
        inFlightScope: .calendar)

    public let capabilities: ProviderCapabilities
    /// Changes per page of a listing.
    public let pageSize: Int
    /// How long each call takes (requests overlap meanwhile, and count against the in-flight limit).
    public let latency: Duration
    let state = Mutex(InMemoryState())

    public init(capabilities: ProviderCapabilities = standardCapabilities, pageSize: Int = 50, latency: Duration = .zero) {
        self.capabilities = capabilities
        self.pageSize = max(1, pageSize)
        self.latency = latency
    }

    // MARK: - Inspection

    /// Every call made so far, in order.
    public var calls: [ProviderCall] { state.withLock { $0.calls } }

    /// Create, update and delete calls made so far, whatever their outcome (what a server would count as writes).
    public var writeRequests: Int { state.withLock { $0.calls.count { $0.operation.isWrite } } }

    /// The most requests that were in flight at once in one in-flight scope.
    public var maxInFlight: Int { state.withLock { $0.maxInFlight } }

    /// Forgets the calls recorded so far.
    public func resetCalls() { state.withLock { $0.calls.removeAll() } }

    /// The calendar's items as stored (a series once), in creation order; empty for an unknown calendar.
    public func items(in calendar: CalendarID) -> [InMemoryItem] {
        state.withLock { $0.calendars[calendar]?.items ?? [] }
    }

    // MARK: - Faults

    /// Installs a fault after those already installed (the first that applies answers).
    public func install(_ fault: InMemoryFault) { state.withLock { $0.faults.append(fault) } }

    /// Removes every installed fault.
    public func clearFaults() { state.withLock { $0.faults.removeAll() } }

    /// Every cursor handed out so far can no longer be followed: the next use throws `.cursorExpired`.
    public func expireCursors() { state.withLock { $0.cursors.removeAll() } }

    // MARK: - Calls

    /// Runs one call: counts it in flight (over the limit it is throttled, as Microsoft 365 does), waits `latency`,
    /// answers an installed fault or does `body`, then answers an after-commit fault for a write, and records it.
    func perform<Result: Sendable>(
        _ operation: ProviderCall.Operation, calendar: CalendarID?,
        _ body: (inout InMemoryState) throws -> Result
    ) async throws -> Result {
        let scope = capabilities.inFlightScope == .calendar ? "calendar:\(calendar ?? "")" : "account"
        let limit = capabilities.inFlightLimit
        let admitted = state.withLock { state -> Bool in
            let count = state.inFlight[scope, default: 0] + 1
            state.inFlight[scope] = count
            state.maxInFlight = max(state.maxInFlight, count)
            return count <= limit
        }
        defer { state.withLock { $0.inFlight[scope, default: 1] -= 1 } }
        if !admitted {
            let error = CalendarError(
                .throttled, httpStatus: 429, providerCode: "tooManyConcurrentRequests",
                message: "more than \(limit) requests in flight", retryAfter: 1)
            state.withLock { $0.calls.append(ProviderCall(operation, calendar: calendar, failure: error.kind)) }
            throw error
        }
        if latency > .zero { try? await Task.sleep(for: latency) }
        return try state.withLock { state throws -> Result in
            do {
                if let fault = state.takeFault(operation, calendar: calendar, afterCommit: false) { throw fault }
                let result = try body(&state)
                if operation.isWrite, let fault = state.takeFault(operation, calendar: calendar, afterCommit: true) {
                    throw fault
                }
                state.calls.append(ProviderCall(operation, calendar: calendar))
                return result
            } catch let error as CalendarError {
                state.calls.append(ProviderCall(operation, calendar: calendar, failure: error.kind))
                throw error
            }
        }
    }
}
