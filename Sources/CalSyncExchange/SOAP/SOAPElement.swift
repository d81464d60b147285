import Foundation

/// One element of a parsed EWS answer: namespace URI, local name, attributes (by local name), children and the text
/// it holds directly.
struct SOAPElement: Sendable {
    var namespace: String
    var name: String
    var attributes: [String: String]
    var children: [SOAPElement]
    var text: String

    /// The first child with this local name in the types namespace (`t:`).
    func type(_ name: String) -> SOAPElement? {
        children.first { $0.name == name && $0.namespace == SOAPNamespace.types }
    }

    /// Every child with this local name in the types namespace.
    func types(_ name: String) -> [SOAPElement] {
        children.filter { $0.name == name && $0.namespace == SOAPNamespace.types }
    }

    /// The first child with this local name in the messages namespace (`m:`).
    func message(_ name: String) -> SOAPElement? {
        children.first { $0.name == name && $0.namespace == SOAPNamespace.messages }
    }

    /// The first child with this local name and namespace.
    func child(_ name: String, in namespace: String) -> SOAPElement? {
        children.first { $0.name == name && $0.namespace == namespace }
    }

    /// The first child with this local name, whatever its namespace (SOAP fault parts are unqualified).
    func anyChild(_ name: String) -> SOAPElement? {
        children.first { $0.name == name }
    }

    /// The text without the whitespace pretty-printing adds.
    var value: String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `true`/`1` and `false`/`0` (xs:boolean); nil for anything else.
    var boolValue: Bool? {
        switch value.lowercased() {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }
}
