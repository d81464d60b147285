import CalSyncAPI
import CalSyncCore

extension ConfigurationLoader {
    /// API tokens from the file and from CALSYNC_{ADMIN,SCHEDULER,READER}_TOKEN. A token given to two roles is refused
    /// (which role would it carry?), as is a token written twice in the file; the same token for the same role in the
    /// file and in the environment counts once. Messages name where the tokens come from, never the tokens.
    static func tokens(_ configuration: CalSyncConfiguration, environment: [String: String]) throws -> [Authenticator.Token] {
        var given: [(source: String, value: String, role: Role, inFile: Bool)] = []
        for (index, item) in configuration.tokens.enumerated() {
            guard let role = Role(rawValue: item.role) else {
                throw Failure(description: "tokens[\(index)]: role must be reader, scheduler or admin")
            }
            var value = item.token
            if let name = item.tokenEnv {
                guard let fromEnvironment = environment[name], !fromEnvironment.isEmpty else {
                    throw Failure(description: "tokens[\(index)]: environment variable \(name) is not set")
                }
                value = fromEnvironment
            }
            guard let value, value.count >= 16 else {
                throw Failure(description: "tokens[\(index)]: a token must have at least 16 characters")
            }
            given.append(("tokens[\(index)]", value, role, true))
        }
        for role in Role.allCases {
            let name = "CALSYNC_\(role.rawValue.uppercased())_TOKEN"
            guard let value = environment[name], !value.isEmpty else { continue }
            guard value.count >= 16 else { throw Failure(description: "\(name) must have at least 16 characters") }
            given.append((name, value, role, false))
        }
        var first: [String: (source: String, role: Role, inFile: Bool)] = [:]
        var tokens: [Authenticator.Token] = []
        for token in given {
            if let earlier = first[token.value] {
                guard earlier.role == token.role else {
                    throw Failure(
                        description: "the same token is given to two roles: \(earlier.source) (\(earlier.role.rawValue)) and "
                            + "\(token.source) (\(token.role.rawValue)); give each role its own token")
                }
                guard !(earlier.inFile && token.inFile) else {
                    throw Failure(
                        description: "\(token.source) repeats the token of \(earlier.source) (each token may appear once)")
                }
                continue
            }
            first[token.value] = (token.source, token.role, token.inFile)
            tokens.append(.init(Secret(token.value), role: token.role))
        }
        return tokens
    }
}
