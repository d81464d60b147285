/// Why a text is not JSON, and where: `line 2, column 31: a trailing comma before } (JSON allows none)`.
///
/// Lines and columns count from 1; a column counts characters (Unicode scalars), not bytes, so it matches what an
/// editor shows.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    /// What is wrong, in words a person reads: `a trailing comma before } (JSON allows none)`.
    public let reason: String

    public init(line: Int, column: Int, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `line 2, column 31`.
    public var place: String { "line \(line), column \(column)" }

    public var description: String { "\(place): \(reason)" }
}
