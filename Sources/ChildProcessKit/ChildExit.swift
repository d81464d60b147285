import Glibc

/// How a child ended: the code it exited with, or the signal that stopped it.
public enum ChildExit: Sendable, Equatable {
    case exited(Int32)
    case signalled(Int32)

    /// Another waiter reaped it first (never happens through `ChildProcess` alone).
    static let unknown = ChildExit.signalled(0)

    /// From the status `waitpid` fills in (the C macros WIFEXITED, WEXITSTATUS and WTERMSIG, which Swift cannot import).
    init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    /// The exit code, or the signal's number, as `Process.terminationStatus` gives them.
    public var status: Int32 {
        switch self {
        case .exited(let code): code
        case .signalled(let signal): signal
        }
    }
}
