/// NEGOTIATE flags of MS-NLMP §2.2.2.5 that the emulator reads or sets.
struct NTLMFlags: OptionSet, Sendable, Hashable {
    let rawValue: UInt32

    static let unicode = NTLMFlags(rawValue: 0x0000_0001)
    static let oem = NTLMFlags(rawValue: 0x0000_0002)
    static let requestTarget = NTLMFlags(rawValue: 0x0000_0004)
    static let sign = NTLMFlags(rawValue: 0x0000_0010)
    static let seal = NTLMFlags(rawValue: 0x0000_0020)
    static let ntlm = NTLMFlags(rawValue: 0x0000_0200)
    static let alwaysSign = NTLMFlags(rawValue: 0x0000_8000)
    static let targetTypeDomain = NTLMFlags(rawValue: 0x0001_0000)
    static let extendedSessionSecurity = NTLMFlags(rawValue: 0x0008_0000)
    static let targetInfo = NTLMFlags(rawValue: 0x0080_0000)
    static let version = NTLMFlags(rawValue: 0x0200_0000)
    static let negotiate128 = NTLMFlags(rawValue: 0x2000_0000)
    static let keyExchange = NTLMFlags(rawValue: 0x4000_0000)
    static let negotiate56 = NTLMFlags(rawValue: 0x8000_0000)

    /// What a server may grant when the client asks for it.
    static let grantable: NTLMFlags = [
        .unicode, .sign, .seal, .alwaysSign, .extendedSessionSecurity, .negotiate128, .keyExchange, .negotiate56,
    ]
    /// What the emulator's CHALLENGE_MESSAGE always carries (a domain member server answering with target info).
    static let always: NTLMFlags = [.requestTarget, .ntlm, .targetTypeDomain, .targetInfo, .version]

    /// The CHALLENGE_MESSAGE's flags for a NEGOTIATE_MESSAGE's: the requested ones the server supports, plus its own;
    /// OEM only for a client that cannot do Unicode.
    static func challenge(for requested: NTLMFlags) -> NTLMFlags {
        var flags = requested.intersection(.grantable).union(.always)
        if !requested.contains(.unicode) { flags.insert(.oem) }
        return flags
    }
}
