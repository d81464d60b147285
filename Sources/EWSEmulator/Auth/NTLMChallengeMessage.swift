/// A CHALLENGE_MESSAGE (MS-NLMP §2.2.1.2) as a domain member server sends it: the server challenge, the NetBIOS
/// domain as target name, and target info naming the domain and the server, with a timestamp (which makes NTLMv2
/// clients send a MIC).
struct NTLMChallengeMessage: Sendable {
    var flags: NTLMFlags
    var serverChallenge: [UInt8]
    var netbiosDomain: String
    var netbiosComputer: String
    var dnsDomain: String
    var dnsComputer: String
    /// Windows FILETIME: 100 ns intervals since 1601-01-01.
    var timestamp: UInt64

    /// The MsvAvPairs of the target info (MS-NLMP §2.2.2.1), ending with MsvAvEOL.
    var targetInfo: [UInt8] {
        var bytes: [UInt8] = []
        func pair(_ id: UInt16, _ value: [UInt8]) {
            NTLMBytes.append16(id, to: &bytes)
            NTLMBytes.append16(UInt16(value.count), to: &bytes)
            bytes += value
        }
        pair(2, NTLMBytes.utf16le(netbiosDomain))
        pair(1, NTLMBytes.utf16le(netbiosComputer))
        pair(4, NTLMBytes.utf16le(dnsDomain))
        pair(3, NTLMBytes.utf16le(dnsComputer))
        var time: [UInt8] = []
        NTLMBytes.append64(timestamp, to: &time)
        pair(7, time)
        pair(0, [])
        return bytes
    }

    var bytes: [UInt8] {
        let targetName = flags.contains(.unicode) ? NTLMBytes.utf16le(netbiosDomain) : Array(netbiosDomain.utf8)
        let info = targetInfo
        let headerSize = 56
        var bytes = NTLMBytes.signature
        NTLMBytes.append32(2, to: &bytes)
        NTLMBytes.append16(UInt16(targetName.count), to: &bytes)
        NTLMBytes.append16(UInt16(targetName.count), to: &bytes)
        NTLMBytes.append32(UInt32(headerSize), to: &bytes)
        NTLMBytes.append32(flags.rawValue, to: &bytes)
        bytes += serverChallenge
        bytes += [UInt8](repeating: 0, count: 8)
        NTLMBytes.append16(UInt16(info.count), to: &bytes)
        NTLMBytes.append16(UInt16(info.count), to: &bytes)
        NTLMBytes.append32(UInt32(headerSize + targetName.count), to: &bytes)
        // Version (MS-NLMP §2.2.2.10): Windows 10.0 build 17763 (Windows Server 2019), NTLMSSP revision 15.
        bytes += [10, 0]
        NTLMBytes.append16(17763, to: &bytes)
        bytes += [0, 0, 0, 15]
        return bytes + targetName + info
    }

    /// FILETIME of a Unix time in seconds.
    static func fileTime(unixSeconds: Double) -> UInt64 {
        UInt64(max(0, (unixSeconds + 11_644_473_600) * 10_000_000))
    }
}
