/// A tiny argument parser: `calsync COMMAND [--flag value | --switch]...`. Unknown flags are errors.
struct Arguments {
    struct Failure: Error, CustomStringConvertible { var description: String }

    var command: String?
    var values: [String: String] = [:]
    var switches: Set<String> = []

    /// - Parameters:
    ///   - valueFlags: flags that take a value (`--port 8090`, `--port=8090`).
    ///   - switchFlags: flags without a value (`--once`).
    init(_ raw: [String], valueFlags: Set<String>, switchFlags: Set<String>) throws {
        var rest = raw[...]
        if let first = rest.first, !first.hasPrefix("-") {
            command = first
            rest = rest.dropFirst()
        }
        while let arg = rest.popFirst() {
            guard arg.hasPrefix("--") else { throw Failure(description: "unexpected argument \(arg)") }
            var name = String(arg.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if switchFlags.contains(name) {
                guard inline == nil else { throw Failure(description: "--\(name) takes no value") }
                switches.insert(name)
            } else if valueFlags.contains(name) {
                guard let value = inline ?? rest.popFirst() else { throw Failure(description: "--\(name) needs a value") }
                values[name] = value
            } else {
                throw Failure(description: "unknown option --\(name)")
            }
        }
    }

    func int(_ name: String) throws -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text) else { throw Failure(description: "--\(name) must be a whole number, not \(text)") }
        return value
    }
}
