import CalSyncHTTP
import Foundation

@testable import EWSEmulator

/// An emulator answer, with its XML parsed namespace-aware.
struct EWSReply {
    let response: HTTPResponse

    var status: Int { response.status }
    var text: String { String(decoding: response.body, as: UTF8.self) }
    var xml: XMLNode? { try? XMLTreeParser.parse(response.body) }
    var json: JSONValue { (try? JSONValue.parse(response.body)) ?? .null }

    /// Every element with this local name, depth first.
    func all(_ name: String) -> [XMLNode] {
        guard let root = xml else { return [] }
        var found: [XMLNode] = []
        func walk(_ node: XMLNode) {
            if node.name == name { found.append(node) }
            node.children.forEach(walk)
        }
        walk(root)
        return found
    }

    func first(_ name: String) -> XMLNode? { all(name).first }

    /// The ResponseMessages, in order.
    var messages: [XMLNode] { all("ResponseMessages").first?.children ?? [] }

    /// Each message's ResponseCode.
    var codes: [String] { messages.map { $0.message("ResponseCode")?.value ?? "" } }

    /// The SOAP fault's `e:ResponseCode`, if the answer is a fault.
    var faultCode: String? { first("Fault").flatMap { _ in first("ResponseCode")?.value } }

    /// The BackOffMilliseconds of a busy fault.
    func messageValue(_ name: String) -> String? {
        all("Value").first { $0.attributes["Name"] == name }?.value
    }
}
