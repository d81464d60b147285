/// The fields of an AUTHENTICATE_MESSAGE (MS-NLMP §2.2.1.3) the server needs to verify it.
struct NTLMAuthenticateMessage: Sendable, Equatable {
    var lmResponse: [UInt8]
    var ntResponse: [UInt8]
    var domain: String
    var user: String
    var workstation: String
    var flags: NTLMFlags

    /// Parses a type 3 message (signature and type already checked by `NTLMMessage`); nil when a field points
    /// outside the message or a name is not valid text.
    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 64, let rawFlags = NTLMBytes.uint32(bytes, at: 60),
            let lm = NTLMBytes.field(bytes, at: 12), let nt = NTLMBytes.field(bytes, at: 20),
            let domainBytes = NTLMBytes.field(bytes, at: 28), let userBytes = NTLMBytes.field(bytes, at: 36),
            let workstationBytes = NTLMBytes.field(bytes, at: 44)
        else { return nil }
        let flags = NTLMFlags(rawValue: rawFlags)
        let unicode = flags.contains(.unicode)
        guard let domain = NTLMBytes.string(domainBytes, unicode: unicode),
            let user = NTLMBytes.string(userBytes, unicode: unicode),
            let workstation = NTLMBytes.string(workstationBytes, unicode: unicode)
        else { return nil }
        self.init(lmResponse: lm, ntResponse: nt, domain: domain, user: user, workstation: workstation, flags: flags)
    }

    init(lmResponse: [UInt8], ntResponse: [UInt8], domain: String, user: String, workstation: String, flags: NTLMFlags) {
        self.lmResponse = lmResponse
        self.ntResponse = ntResponse
        self.domain = domain
        self.user = user
        self.workstation = workstation
        self.flags = flags
    }

    /// Anonymous authentication (MS-NLMP §3.2.5.1.2): no user and an empty (or single zero byte) response.
    var isAnonymous: Bool {
        user.isEmpty && ntResponse.isEmpty && (lmResponse.isEmpty || lmResponse == [0])
    }
}
