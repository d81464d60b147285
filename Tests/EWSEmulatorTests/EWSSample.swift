import CalSyncTesting
import Foundation

@testable import EWSEmulator

/// A payload from `fixtures/ews/`, and the shape of an XML document: every element path (by namespace and local
/// name) and every attribute on it, values left out.
enum EWSSample {
    static let directory = Fixtures.url("ews")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static func shape(_ data: Data) throws -> Set<String> {
        var paths: Set<String> = []
        func prefix(_ namespace: String) -> String {
            switch namespace {
            case EWSNamespace.soap: return "s"
            case EWSNamespace.messages: return "m"
            case EWSNamespace.types: return "t"
            case EWSNamespace.errors: return "e"
            case "": return ""
            default: return namespace
            }
        }
        func walk(_ node: XMLNode, _ parent: String) {
            let path = parent + "/" + prefix(node.namespace) + ":" + node.name
            paths.insert(path)
            for name in node.attributes.keys where name != "xmlns" && !name.hasPrefix("xmlns") {
                paths.insert(path + "@" + name)
            }
            for child in node.children { walk(child, path) }
        }
        walk(try XMLTreeParser.parse(data), "")
        return paths
    }
}
