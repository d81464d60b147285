import CalSyncCore

/// One call a test's code made to a provider, as `InMemoryCalendarProvider.calls` records it.
public struct ProviderCall: Sendable, Hashable, CustomStringConvertible {
    /// The `CalendarProvider` requirement called.
    public enum Operation: String, Sendable, Hashable, CaseIterable {
        case directory, timeZone, changes, event, create, update, delete, find

        /// Create, update and delete: the calls that write to a calendar.
        public var isWrite: Bool { self == .create || self == .update || self == .delete }
    }

    public var operation: Operation
    /// The calendar it was about; nil for `directory`.
    public var calendar: CalendarID?
    /// The kind of error it ended with; nil when it succeeded.
    public var failure: CalendarError.Kind?

    public init(_ operation: Operation, calendar: CalendarID?, failure: CalendarError.Kind? = nil) {
        self.operation = operation
        self.calendar = calendar
        self.failure = failure
    }

    public var description: String {
        "\(operation.rawValue)(\(calendar ?? ""))" + (failure.map { " → \($0.rawValue)" } ?? "")
    }
}
