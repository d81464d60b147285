/// A client's NTLM message (MS-NLMP §2.2.1), as carried in `Authorization: NTLM <base64>`.
enum NTLMMessage: Sendable, Equatable {
    /// NEGOTIATE_MESSAGE (type 1): the client starts a handshake.
    case negotiate(NTLMFlags)
    /// AUTHENTICATE_MESSAGE (type 3): the client's answer to the server's challenge.
    case authenticate(NTLMAuthenticateMessage)

    /// Parses the decoded token; nil when it is not a well-formed type 1 or type 3 message.
    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 12, Array(bytes[0..<8]) == NTLMBytes.signature, let type = NTLMBytes.uint32(bytes, at: 8)
        else { return nil }
        switch type {
        case 1:
            guard let flags = NTLMBytes.uint32(bytes, at: 12) else { return nil }
            self = .negotiate(NTLMFlags(rawValue: flags))
        case 3:
            guard let message = NTLMAuthenticateMessage(bytes) else { return nil }
            self = .authenticate(message)
        default:
            return nil
        }
    }
}
