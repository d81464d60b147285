/// A tiny argument parser for one command's options: `[--flag value | --flag=value | --switch]...`. Anything else is
/// refused, a word without `--` included: `calsync serve calsync.json` must not run on defaults as if the file had
/// been read.
struct Arguments {
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// The one word without `--` a command takes (`calsync backup FILE`), when it takes one.
    var operand: String?
    var values: [String: String] = [:]
    var switches: Set<String> = []

    /// - Parameters:
    ///   - command: the command's name, for messages (`calsync serve --help lists what serve takes`).
    ///   - operand: whether the command takes one word without `--` (before or after its flags), kept in `operand`.
    ///   - valueFlags: flags that take a value (`--port 8090`, `--port=8090`).
    ///   - switchFlags: flags without a value (`--once`).
    init(_ raw: [String], command: String, operand takesOperand: Bool = false, valueFlags: Set<String>, switchFlags: Set<String>)
        throws
    {
        let help = "(`calsync \(command) --help` lists what \(command) takes)"
        var rest = raw[...]
        while let arg = rest.popFirst() {
            guard arg.hasPrefix("--") else {
                if takesOperand, operand == nil, arg != "-" {
                    operand = arg
                    continue
                }
                throw Failure(description: "unexpected argument \(arg) " + (Self.fileFlag(for: arg, among: valueFlags) ?? help))
            }
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
                throw Failure(description: "unknown option --\(name) \(help)")
            }
        }
    }

    /// "(did you mean --config calsync.json?)" for a file name given without the flag that takes it.
    static func fileFlag(for arg: String, among valueFlags: Set<String>) -> String? {
        guard arg.lowercased().hasSuffix(".json"), let flag = ["config", "tenant"].first(where: valueFlags.contains) else {
            return nil
        }
        return "(did you mean --\(flag) \(arg)?)"
    }

    func int(_ name: String) throws -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text) else { throw Failure(description: "--\(name) must be a whole number, not \(text)") }
        return value
    }
}
