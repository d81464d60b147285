import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses a request body into an `XMLNode` tree with FoundationXML's `XMLParser` (namespace-aware). A document
/// type declaration is refused outright (no entity expansion), as EWS refuses one.
enum XMLTreeParser {
    struct Failure: Error, Sendable {
        var message: String
        var line: Int
        var column: Int
    }

    static func parse(_ data: Data) throws(Failure) -> XMLNode {
        if let position = doctypePosition(data) {
            throw Failure(message: "DTD is prohibited in this XML document.", line: position.line, column: position.column)
        }
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let ok = parser.parse()
        guard ok, builder.failure == nil, let root = builder.root else {
            let message =
                builder.failure ?? parser.parserError.map { "\($0.localizedDescription)" } ?? "The XML is not well-formed."
            throw Failure(message: message, line: parser.lineNumber, column: parser.columnNumber)
        }
        return root
    }

    /// Where `<!DOCTYPE` starts, if anywhere.
    static func doctypePosition(_ data: Data) -> (line: Int, column: Int)? {
        let needle = Array("<!DOCTYPE".utf8)
        let bytes = [UInt8](data)
        guard bytes.count >= needle.count else { return nil }
        var line = 1
        var column = 1
        for index in 0...(bytes.count - needle.count) {
            if bytes[index] == UInt8(ascii: "<"),
                zip(bytes[index..<index + needle.count], needle).allSatisfy({ $0 | 0x20 == $1 | 0x20 })
            {
                return (line, column)
            }
            if bytes[index] == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return nil
    }

    /// Builds the tree from the parser's callbacks. Confined to the parsing call.
    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLNode] = []
        var root: XMLNode?
        var failure: String?
        /// Deep nesting is refused before it costs anything (an EWS request is a few levels deep).
        let maximumDepth = 64

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            guard stack.count < maximumDepth else {
                failure = "The XML is nested deeper than \(maximumDepth) levels."
                parser.abortParsing()
                return
            }
            var attributes: [String: String] = [:]
            for (name, value) in attributeDict {
                let local = name.split(separator: ":").last.map(String.init) ?? name
                attributes[local] = value
            }
            stack.append(
                XMLNode(
                    namespace: namespaceURI ?? "", name: elementName, attributes: attributes, children: [], text: "",
                    line: parser.lineNumber, column: parser.columnNumber))
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
