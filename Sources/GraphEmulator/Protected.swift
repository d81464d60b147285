import Foundation

/// A value guarded by a lock. The emulator keeps all of its mutable state in one of these so that
/// `GraphEmulator` itself can be a `Sendable` final class with only `let` properties.
final class Protected<Value>: @unchecked Sendable {
    // @unchecked Sendable: `value` is only read or written while `lock` is held (see `withLock`).
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
