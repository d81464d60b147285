import Synchronization

/// A value guarded by a lock. The emulator keeps all of its mutable state in one of these so that
/// `GraphEmulator` itself can be a `Sendable` final class with only `let` properties.
final class Protected<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    init(_ value: Value) {
        self.value = Mutex(value)
    }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try value.withLock { try body(&$0) }
    }
}
