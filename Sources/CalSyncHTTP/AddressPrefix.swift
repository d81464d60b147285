import Glibc

/// An IP address or a CIDR prefix (`10.0.0.5`, `10.0.0.0/8`, `::1`, `fd00::/8`), matched against client
/// addresses. An IPv4 client reaching an IPv6 socket (`::ffff:10.0.0.5`) matches as the IPv4 address it is.
public struct AddressPrefix: Sendable, Equatable, CustomStringConvertible {
    /// 4 bytes (IPv4) or 16 (IPv6), the bits past `length` zeroed.
    let bytes: [UInt8]
    let length: Int

    /// Loopback: `127.0.0.0/8` and `::1`.
    public static let loopback = ["127.0.0.0/8", "::1"].compactMap(AddressPrefix.init)

    /// Parses `address` or `address/length`; nil for anything else (names are not resolved).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let bytes = Self.bytes(of: String(parts[0])) else { return nil }
        let length: Int
        if parts.count == 2 {
            guard parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let given = Int(parts[1]),
                (0...bytes.count * 8).contains(given)
            else { return nil }
            length = given
        } else {
            length = bytes.count * 8
        }
        self.bytes = Self.masked(bytes, to: length)
        self.length = length
    }

    public var description: String {
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        _ = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &text, socklen_t(text.count)) }
        let address = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return length == bytes.count * 8 ? address : "\(address)/\(length)"
    }

    /// Whether the client address `address` (as text) falls in this prefix.
    public func contains(_ address: String) -> Bool {
        guard let other = Self.bytes(of: address), other.count == bytes.count else { return false }
        return Self.masked(other, to: length) == bytes
    }

    /// The client address as it is counted: an IPv4-mapped IPv6 address as plain IPv4, others unchanged.
    static func canonical(_ address: String) -> String {
        address.hasPrefix("::ffff:") && address.contains(".") ? String(address.dropFirst(7)) : address
    }

    /// The address's bytes: 4 for IPv4 (an IPv4-mapped IPv6 address included), 16 for IPv6.
    private static func bytes(of text: String) -> [UInt8]? {
        let text = canonical(text)
        if !text.contains(":") {
            var address = in_addr()
            guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
            return withUnsafeBytes(of: &address) { Array($0) }
        }
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    private static func masked(_ bytes: [UInt8], to length: Int) -> [UInt8] {
        bytes.indices.map { index in
            let kept = min(max(length - index * 8, 0), 8)
            return kept == 8 ? bytes[index] : bytes[index] & ~(UInt8.max >> kept)
        }
    }
}
