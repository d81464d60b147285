import CCrypto

/// A failure inside OpenSSL's libcrypto, with the library's own reason text. It never carries key material.
public struct CryptoError: Error, Sendable, Hashable, CustomStringConvertible {
    public var operation: String
    public var reason: String

    public init(_ operation: String, reason: String) {
        self.operation = operation
        self.reason = reason
    }

    /// The error for `operation`, with the reason of the most recent entry of OpenSSL's error queue (then cleared).
    public static func fromQueue(_ operation: String) -> CryptoError {
        var reason = "unknown reason"
        var code = ERR_get_error()
        while code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reason = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            code = ERR_get_error()
        }
        return CryptoError(operation, reason: reason)
    }

    public var description: String { "\(operation) failed: \(reason)" }
}
