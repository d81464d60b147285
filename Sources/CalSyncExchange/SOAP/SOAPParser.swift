import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses an EWS answer into a `SOAPElement` tree with FoundationXML's namespace-aware `XMLParser`. External
/// entities are never resolved, a document type declaration is refused (no entity expansion), and nesting is
/// bounded, so a hostile or broken server cannot make the parse expensive.
enum SOAPParser {
    struct Failure: Error, Sendable, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static let maximumDepth = 64

    static func parse(_ data: Data) throws(Failure) -> SOAPElement {
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!doctype".utf8)) != nil {
            throw Failure(message: "the answer carries a document type declaration")
        }
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let ok = parser.parse()
        guard ok, builder.failure == nil, let root = builder.root else {
            let reason = builder.failure ?? parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed"
            throw Failure(message: "the answer is not XML: \(reason) (line \(parser.lineNumber))")
        }
        return root
    }

    /// Builds the tree from the parser's callbacks. Confined to one parse.
    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [SOAPElement] = []
        var root: SOAPElement?
        var failure: String?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            guard stack.count < SOAPParser.maximumDepth else {
                failure = "nested deeper than \(SOAPParser.maximumDepth) levels"
                parser.abortParsing()
                return
            }
            var attributes: [String: String] = [:]
            for (name, value) in attributeDict {
                attributes[name.split(separator: ":").last.map(String.init) ?? name] = value
            }
            stack.append(
                SOAPElement(namespace: namespaceURI ?? "", name: elementName, attributes: attributes, children: [], text: ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += String(decoding: block, as: UTF8.self)
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
        ) {
            guard let node = stack.popLast() else { return }
            if stack.isEmpty {
                root = node
            } else {
                stack[stack.count - 1].children.append(node)
            }
        }
    }
}
