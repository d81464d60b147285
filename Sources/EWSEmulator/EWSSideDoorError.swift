/// A refused side-door request: the HTTP status and why, answered as `{"error": {"message": …}}`.
public struct EWSSideDoorError: Error, Sendable, CustomStringConvertible {
    public var status: Int
    public var message: String

    public init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { message }
}
