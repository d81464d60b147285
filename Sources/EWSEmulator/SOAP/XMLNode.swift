import Foundation

/// An element of a parsed request: namespace URI, local name, attributes (by local name), children, the text it
/// holds directly, and where it started (for ErrorSchemaValidation's Line and Position).
struct XMLNode: Sendable {
    var namespace: String
    var name: String
    var attributes: [String: String]
    var children: [XMLNode]
    var text: String
    var line: Int
    var column: Int

    /// The first child with this local name in the types namespace (`t:`).
    func type(_ name: String) -> XMLNode? {
        children.first { $0.name == name && $0.namespace == EWSNamespace.types }
    }

    /// The first child with this local name in the messages namespace (`m:`).
    func message(_ name: String) -> XMLNode? {
        children.first { $0.name == name && $0.namespace == EWSNamespace.messages }
    }

    /// Every child with this local name in the types namespace.
    func types(_ name: String) -> [XMLNode] {
        children.filter { $0.name == name && $0.namespace == EWSNamespace.types }
    }

    /// The text, trimmed of the whitespace pretty-printing adds.
    var value: String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `ns:name` for messages, using the usual prefixes.
    var qualifiedName: String {
        switch namespace {
        case EWSNamespace.messages: return "m:" + name
        case EWSNamespace.types: return "t:" + name
        case EWSNamespace.soap: return "s:" + name
        default: return name
        }
    }
}
