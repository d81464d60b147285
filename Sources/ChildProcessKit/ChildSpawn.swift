import Foundation
import Glibc

/// The `posix_spawn` arguments of one child: what its descriptors become, and its signals reset to their defaults
/// (the caller may ignore SIGPIPE or block others; a child must not inherit that).
struct ChildSpawn {
    private var actions = posix_spawn_file_actions_t()
    private var attributes = posix_spawnattr_t()
    private var pipeRead: Int32 = -1
    private var pipeWrite: Int32 = -1

    init(standardOutput: ChildOutput, standardError: ChildOutput) throws {
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        if standardOutput == .pipe {
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else { throw ChildProcessError("pipe: \(Self.lastError())") }
            // Other children close it anyway (they keep nothing above standard error); this is for any other exec.
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            (pipeRead, pipeWrite) = (fds[0], fds[1])
        }
        try direct(standardOutput, to: STDOUT_FILENO)
        try direct(standardError, to: STDERR_FILENO)
        try Self.closeFrom(&actions, STDERR_FILENO + 1)
    }

    mutating func start(_ executable: String, arguments: [String], environment: [String]) throws -> pid_t {
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw ChildProcessError("cannot start \(executable): \(String(cString: strerror(result)))") }
        return pid
    }

    /// The parent's read end of the pipe, once the child holds the write end.
    mutating func takeOutput() -> FileHandle? {
        if pipeWrite >= 0 { close(pipeWrite) }
        pipeWrite = -1
        defer { pipeRead = -1 }
        return pipeRead >= 0 ? FileHandle(fileDescriptor: pipeRead, closeOnDealloc: true) : nil
    }

    mutating func release() {
        posix_spawn_file_actions_destroy(&actions)
        posix_spawnattr_destroy(&attributes)
        if pipeWrite >= 0 { close(pipeWrite) }
        if pipeRead >= 0 { close(pipeRead) }
    }

    private mutating func direct(_ output: ChildOutput, to descriptor: Int32) throws {
        switch output {
        case .inherit:
            break
        case .discard:
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_WRONLY, 0)
        case .file(let path):
            posix_spawn_file_actions_addopen(&actions, descriptor, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        case .pipe:
            guard descriptor == STDOUT_FILENO else { throw ChildProcessError("only standard output can be a pipe") }
            posix_spawn_file_actions_adddup2(&actions, pipeWrite, descriptor)
        case .standardOutput:
            guard descriptor == STDERR_FILENO else { throw ChildProcessError("standard output cannot follow itself") }
            posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, descriptor)
        }
    }

    /// glibc 2.34's `posix_spawn_file_actions_addclosefrom_np`, looked up at run time (Swift's Glibc module leaves out
    /// the GNU extensions).
    private static func closeFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) throws {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
        else { throw ChildProcessError("this C library cannot close a child's inherited descriptors (glibc 2.34 can)") }
        let result = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, lowest)
        guard result == 0 else { throw ChildProcessError("posix_spawn_file_actions_addclosefrom_np: \(result)") }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
