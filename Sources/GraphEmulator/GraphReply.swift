/// A successful Graph answer before the common headers are added.
struct GraphReply: Sendable {
    var status: Int
    var body: EmulatorJSON?
    var headers: [String: String] = [:]

    static func ok(_ body: EmulatorJSON) -> GraphReply { GraphReply(status: 200, body: body) }
    static func created(_ body: EmulatorJSON) -> GraphReply { GraphReply(status: 201, body: body) }
    static let noContent = GraphReply(status: 204, body: nil)
}
