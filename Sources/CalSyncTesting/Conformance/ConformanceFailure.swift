/// A provider did not do what the `CalendarProvider` contract says, in one check of the conformance suite.
public struct ConformanceFailure: Error, CustomStringConvertible {
    public var check: ConformanceCheck
    public var message: String

    public init(_ check: ConformanceCheck, _ message: String) {
        self.check = check
        self.message = message
    }

    public var description: String { "conformance check \(check.rawValue): \(message)" }
}
