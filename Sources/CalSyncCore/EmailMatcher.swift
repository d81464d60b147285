import Foundation

/// Matches instructors to directory users by e-mail (docs/product-rules.md, "Identity and matching"):
/// compare lower-cased; `mail` first, then `proxyAddresses` (smtp:, any case), then
/// `userPrincipalName`. More than one distinct user at the first level that matches → ambiguous.
public struct EmailMatcher: Sendable {
    public enum Outcome: Sendable, Hashable {
        case matched(DirectoryUser, via: Field)
        case unmatched(reason: String)
        case ambiguous(candidates: [DirectoryUser], via: Field)
    }

    public enum Field: String, Sendable, Hashable { case mail, proxyAddress, userPrincipalName }

    private let byMail: [String: [DirectoryUser]]
    private let byProxy: [String: [DirectoryUser]]
    private let byUPN: [String: [DirectoryUser]]

    /// Indexes the directory once; matching is then a few dictionary look-ups per person.
    public init(users: [DirectoryUser]) {
        var mail: [String: [DirectoryUser]] = [:]
        var proxy: [String: [DirectoryUser]] = [:]
        var upn: [String: [DirectoryUser]] = [:]
        for user in users {
            if let m = user.mail.map(Self.normalise), !m.isEmpty { mail[m, default: []].append(user) }
            for address in Set(user.proxyAddresses.compactMap(Self.smtpAddress)) { proxy[address, default: []].append(user) }
            if let u = user.userPrincipalName.map(Self.normalise), !u.isEmpty { upn[u, default: []].append(user) }
        }
        byMail = mail
        byProxy = proxy
        byUPN = upn
    }

    public func match(email: String) -> Outcome {
        let wanted = Self.normalise(email)
        guard !wanted.isEmpty else { return .unmatched(reason: "the instructor has no e-mail address") }
        let levels: [(Field, [String: [DirectoryUser]])] = [
            (.mail, byMail), (.proxyAddress, byProxy), (.userPrincipalName, byUPN),
        ]
        for (field, index) in levels {
            guard let found = index[wanted] else { continue }
            var seen = Set<String>()
            let distinct = found.filter { seen.insert($0.id).inserted }
            if distinct.count == 1 { return .matched(distinct[0], via: field) }
            return .ambiguous(candidates: distinct.sorted { $0.id < $1.id }, via: field)
        }
        return .unmatched(reason: "no directory user has \(wanted) as mail, proxy address or user principal name")
    }

    static func normalise(_ address: String) -> String {
        address.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// `SMTP:a@x` / `smtp:a@x` → `a@x`; other address types (x500:, sip:) are not e-mail addresses.
    static func smtpAddress(_ proxy: String) -> String? {
        guard proxy.count > 5, proxy.prefix(5).lowercased() == "smtp:" else { return nil }
        return normalise(String(proxy.dropFirst(5)))
    }
}
