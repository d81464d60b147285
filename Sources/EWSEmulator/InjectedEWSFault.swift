/// A fault chosen for one request.
enum InjectedEWSFault: Sendable, Equatable {
    case connectionReset
    case unavailable503
    /// ErrorServerBusy, with BackOffMilliseconds or without.
    case serverBusy(Int?)
    /// More requests in flight for the account than EWSMaxConcurrency.
    case exceededConnectionCount
    case createCommitThen500

    var name: String {
        switch self {
        case .connectionReset: return "connectionReset"
        case .unavailable503: return "unavailable503"
        case .serverBusy: return "serverBusy"
        case .exceededConnectionCount: return "exceededConnectionCount"
        case .createCommitThen500: return "createCommitThen500"
        }
    }
}
