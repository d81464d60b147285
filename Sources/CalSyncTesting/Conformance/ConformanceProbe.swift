import CalSyncCore
import Foundation

/// What one conformance check holds: its subject, and the assertions it makes (each throws `ConformanceFailure`).
struct ConformanceProbe: Sendable {
    let check: ConformanceCheck
    let subject: any ConformanceSubject

    var provider: any CalendarProvider { subject.provider }

    func fail(_ message: String) -> ConformanceFailure { ConformanceFailure(check, message) }

    func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw fail(message()) }
    }

    /// Runs `call` and expects a `CalendarError` of one of `kinds`; answers it.
    @discardableResult
    func expectError<T>(
        _ kinds: Set<CalendarError.Kind>, _ what: String, _ call: () async throws -> T
    ) async throws -> CalendarError {
        let expected = kinds.map(\.rawValue).sorted().joined(separator: " or ")
        do {
            let answer = try await call()
            throw fail("\(what): expected \(expected), got an answer: \(answer)")
        } catch let error as CalendarError {
            try expect(kinds.contains(error.kind), "\(what): expected \(expected), got \(error)")
            return error
        }
    }

    /// Reads one whole round (following `.more` cursors) from `cursor` (nil: a full listing of `window`).
    func round(_ calendar: CalendarID, window: TimeRange, from cursor: SyncCursor?) async throws -> ConformanceRound {
        var changes: [CalendarChange] = []
        var next = cursor
        var fullListing: Bool?
        for _ in 0..<1_000 {
            let page = try await provider.changes(in: calendar, window: window, from: next)
            changes += page.changes
            if cursor == nil { try expect(page.isFullListing, "a round started without a cursor is a full listing") }
            if let earlier = fullListing {
                try expect(earlier == page.isFullListing, "every page of a round says the same about being a full listing")
            }
            fullListing = page.isFullListing
            switch page.next {
            case .more(let more): next = more
            case .done(let done): return ConformanceRound(changes: changes, isFullListing: page.isFullListing, cursor: done)
            }
        }
        throw fail("a round did not end after 1,000 pages")
    }
}
