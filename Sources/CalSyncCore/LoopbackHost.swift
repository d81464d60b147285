/// Which hosts count as loopback, where plain `http://` is accepted for calendar services and sign-in endpoints
/// (docs/product-rules.md: tests and the emulator only): 127.0.0.0/8, ::1 and localhost.
public enum LoopbackHost {
    /// Case-insensitive; a bracketed IPv6 literal and a trailing dot are allowed.
    public static func contains(_ rawHost: String) -> Bool {
        var host = rawHost.lowercased()
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.hasSuffix(".") { host.removeLast() }
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber } && (Int(part) ?? 256) <= 255
        }
    }
}
