import CalSyncHTTP

/// A successful answer of a handler, rendered by `GoogleEmulator.render(_:)`: a JSON body, or none (`events.delete`).
struct GoogleReply: Sendable {
    var status: Int
    var body: JSONValue?
    var headers: [String: String] = [:]

    static func ok(_ body: JSONValue) -> GoogleReply { GoogleReply(status: 200, body: body) }
    static func created(_ body: JSONValue) -> GoogleReply { GoogleReply(status: 201, body: body) }
    static func empty(_ status: Int) -> GoogleReply { GoogleReply(status: status, body: nil) }
}
