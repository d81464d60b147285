/// The `/users` `$filter` forms the emulator understands (docs/microsoft-365.md §2): `mail eq '…'`,
/// `userPrincipalName eq '…'`, `proxyAddresses/any(x:x eq '…')` (any lambda variable name), each
/// also `eq null` where it makes sense, combined with `or`. Anything else is a 400
/// `Request_UnsupportedQuery`, as real Graph answers filters it does not support in default mode.
struct UserFilter: Sendable {
    enum Clause: Sendable, Hashable {
        case mail(String?)
        case userPrincipalName(String)
        case proxyAddress(String)
    }

    let clauses: [Clause]
    let prefixCaseSensitive: Bool

    init(_ text: String, prefixCaseSensitive: Bool) throws(GraphError) {
        self.prefixCaseSensitive = prefixCaseSensitive
        guard let tokens = ODataLexer.tokenize(text), !tokens.isEmpty else {
            throw Self.unsupported("Invalid filter clause: syntax error.")
        }
        var clauses: [Clause] = []
        for part in ODataLexer.split(tokens, on: "or") {
            clauses.append(try Self.clause(part))
        }
        self.clauses = clauses
    }

    private static func clause(_ t: [ODataToken]) throws(GraphError) -> Clause {
        if t.contains(where: { $0.lowerWord == "and" }) {
            throw unsupported("Unsupported query: only 'or' combinations of 'eq' clauses are supported.")
        }
        // property eq 'value' | property eq null
        if t.count == 3, let property = t[0].lowerWord, t[1].lowerWord == "eq" {
            switch (property, t[2]) {
            case ("mail", .string(let v)): return .mail(v)
            case ("mail", .word(let w)) where w.lowercased() == "null": return .mail(nil)
            case ("userprincipalname", .string(let v)): return .userPrincipalName(v)
            default: throw unsupportedProperty(t[0])
            }
        }
        // proxyAddresses/any(x:x eq 'value')
        if t.count == 8, t[0].lowerWord == "proxyaddresses/any", t[1] == .punct("("), case .word(let v1) = t[2],
            t[3] == .punct(":"), case .word(let v2) = t[4], v1 == v2, t[5].lowerWord == "eq", case .string(let value) = t[6],
            t[7] == .punct(")")
        {
            return .proxyAddress(value)
        }
        throw unsupportedProperty(t.first ?? .word("?"))
    }

    private static func unsupportedProperty(_ token: ODataToken) -> GraphError {
        let name: String
        if case .word(let w) = token { name = w.split(separator: "/").first.map(String.init) ?? w } else { name = "?" }
        return unsupported("Unsupported or invalid query filter clause specified for property '\(name)' of resource 'User'.")
    }

    static func unsupported(_ message: String) -> GraphError {
        GraphError(status: 400, code: "Request_UnsupportedQuery", message: message)
    }

    /// Directory string comparisons are case-insensitive (OBS); the `SMTP:`/`smtp:` prefix optionally not.
    func matches(_ user: EmulatorTenant.User) -> Bool {
        clauses.contains { clause in
            switch clause {
            case .mail(let value):
                guard let value else { return user.mail == nil }
                return user.mail?.lowercased() == value.lowercased()
            case .userPrincipalName(let value):
                return user.userPrincipalName.lowercased() == value.lowercased()
            case .proxyAddress(let value):
                return user.proxyAddresses.contains { proxyMatches($0, value) }
            }
        }
    }

    private func proxyMatches(_ stored: String, _ wanted: String) -> Bool {
        guard stored.lowercased() == wanted.lowercased() else { return false }
        guard prefixCaseSensitive, let colon = stored.firstIndex(of: ":"), let wantedColon = wanted.firstIndex(of: ":")
        else { return true }
        return stored[..<colon] == wanted[..<wantedColon]
    }
}
