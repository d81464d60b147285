/// Why `HTTPServer.start()` failed, with a stable kind and a message that names the address.
public struct HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Another socket already listens on the address (`EADDRINUSE`).
        case addressInUse = "address_in_use"
        /// The host could not be resolved or the port is out of range.
        case invalidAddress = "invalid_address"
        /// `socket`, `bind` or `listen` failed for another reason (e.g. `EACCES` on a low port).
        case bindFailed = "bind_failed"
        /// `start()` was called on a server that is already running or was shut down.
        case invalidState = "invalid_state"
    }

    public let kind: Kind
    public let message: String
    /// The `errno` of the failing call, when there was one.
    public let errno: Int32?

    public init(_ kind: Kind, _ message: String, errno: Int32? = nil) {
        self.kind = kind
        self.message = message
        self.errno = errno
    }

    public var description: String { "HTTPServerError.\(kind.rawValue): \(message)" }
}
