import Foundation

/// Reads JSON text as RFC 8259 defines it, and nothing more (`JSONValue.parse`).
///
/// Foundation's readers accept more than JSON (a trailing comma, a raw tab in a string) and say neither what was
/// wrong nor where. This one refuses whatever RFC 8259 refuses, and a key repeated in one object (which RFC 8259
/// leaves to the reader, and which would make a configuration file or a request mean two things at once); its
/// `JSONSyntaxError` names the line and column. A leading byte order mark is ignored (RFC 8259 §8.1 allows it).
/// Lists and objects nest at most `maximumDepth` deep, so no input can exhaust the stack.
struct JSONParser {
    static let maximumDepth = 512

    private let bytes: [UInt8]
    private var index = 0
    /// The lists and objects the reader is inside, innermost last: true for an object.
    private var open: [Bool] = []

    static func parse(_ data: Data) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(data)
        return try parser.document()
    }

    private init(_ data: Data) {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes = data.starts(with: bom) ? Array(data.dropFirst(bom.count)) : Array(data)
    }

    private mutating func document() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        let value = try value()
        skipWhitespace()
        guard index == bytes.count else { throw unexpected("more text after the JSON value") }
        return value
    }

    // MARK: - Values

    private mutating func value() throws(JSONSyntaxError) -> JSONValue {
        guard let byte = peek else { throw unexpected("") }
        switch byte {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try number())
        case UInt8(ascii: "t") where matches("true"): return .bool(true)
        case UInt8(ascii: "f") where matches("false"): return .bool(false)
        case UInt8(ascii: "n") where matches("null"): return .null
        case UInt8(ascii: "'"): throw failure("a string in single quotes (JSON needs double quotes)")
        default: throw unexpected("expected a value, found \(found())")
        }
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONValue {
        try enter(object: true)
        var fields: [String: JSONValue] = [:]
        skipWhitespace()
        if peek == UInt8(ascii: "}") { return .object(leave(fields)) }
        while true {
            switch peek {
            case UInt8(ascii: "\"")?: break
            case UInt8(ascii: "'")?: throw failure("a key in single quotes (JSON needs double quotes)")
            case let byte? where Self.isWord(byte): throw failure("a key without quotes (JSON needs double quotes)")
            default: throw unexpected("expected a key in double quotes, found \(found())")
            }
            let keyStart = index
            let key = try string()
            guard fields[key] == nil else { throw failure("the key \"\(key)\" appears twice in this object", at: keyStart) }
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw unexpected("expected : after the key") }
            index += 1
            skipWhitespace()
            fields[key] = try value()
            skipWhitespace()
            if peek == UInt8(ascii: "}") { return .object(leave(fields)) }
            guard peek == UInt8(ascii: ",") else { throw unexpected("expected , or } after a value") }
            try comma(before: "}")
        }
    }

    private mutating func array() throws(JSONSyntaxError) -> JSONValue {
        try enter(object: false)
        var items: [JSONValue] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") { return .array(leave(items)) }
        while true {
            items.append(try value())
            skipWhitespace()
            if peek == UInt8(ascii: "]") { return .array(leave(items)) }
            guard peek == UInt8(ascii: ",") else { throw unexpected("expected , or ] after a value") }
            try comma(before: "]")
        }
    }

    /// Steps over a comma and the whitespace after it; a closing `bracket` next is a trailing comma.
    private mutating func comma(before bracket: Unicode.Scalar) throws(JSONSyntaxError) {
        let comma = index
        index += 1
        skipWhitespace()
        if peek == UInt8(ascii: bracket) { throw failure("a trailing comma before \(bracket) (JSON allows none)", at: comma) }
    }

    private mutating func enter(object: Bool) throws(JSONSyntaxError) {
        guard open.count < Self.maximumDepth else { throw failure("more than \(Self.maximumDepth) nested lists and objects") }
        open.append(object)
        index += 1
    }

    /// Steps over the closing bracket; returns `value`.
    private mutating func leave<T>(_ value: T) -> T {
        open.removeLast()
        index += 1
        return value
    }

    private mutating func matches(_ word: String) -> Bool {
        let word = Array(word.utf8)
        guard bytes.count - index >= word.count, bytes[index..<index + word.count].elementsEqual(word) else { return false }
        index += word.count
        return true
    }

    // MARK: - Numbers

    private static let numberRules = "a number JSON does not allow (no leading zeros, no + sign, digits on both sides of .)"

    private mutating func number() throws(JSONSyntaxError) -> Double {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        guard let first = peek, Self.isDigit(first) else { throw failure(Self.numberRules, at: start) }
        index += 1
        if first == UInt8(ascii: "0"), let next = peek, Self.isDigit(next) { throw failure(Self.numberRules, at: start) }
        skipDigits()
        if peek == UInt8(ascii: ".") {
            index += 1
            guard let next = peek, Self.isDigit(next) else { throw failure(Self.numberRules, at: start) }
            skipDigits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard let next = peek, Self.isDigit(next) else { throw failure(Self.numberRules, at: start) }
            skipDigits()
        }
        guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)), value.isFinite else {
            throw failure("a number too large", at: start)
        }
        return value
    }

    private mutating func skipDigits() {
        while let byte = peek, Self.isDigit(byte) { index += 1 }
    }

    // MARK: - Strings

    private mutating func string() throws(JSONSyntaxError) -> String {
        let start = index
        index += 1
        var decoded: [UInt8] = []
        var run = index
        while true {
            guard let byte = peek else { throw failure("a string that does not end", at: start) }
            switch byte {
            case UInt8(ascii: "\""):
                decoded += bytes[run..<index]
                index += 1
                guard let text = String(validating: decoded, as: UTF8.self) else {
                    throw failure("a string that is not valid UTF-8", at: start)
                }
                return text
            case UInt8(ascii: "\\"):
                decoded += bytes[run..<index]
                try escape(into: &decoded)
                run = index
            case 0..<0x20:
                throw failure("a control character in a string (write it as \\n, \\t or \\u00XX)")
            default:
                index += 1
            }
        }
    }

    /// The one-character escapes and the byte each stands for.
    private static let escapes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
        UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]

    /// Reads the escape at `index` (its backslash), appending what it stands for as UTF-8.
    private mutating func escape(into decoded: inout [UInt8]) throws(JSONSyntaxError) {
        let start = index
        index += 1
        guard let kind = peek else { throw failure("a string that does not end", at: start) }
        index += 1
        if let byte = Self.escapes[kind] {
            decoded.append(byte)
            return
        }
        guard kind == UInt8(ascii: "u") else {
            index -= 1
            let shown = Self.isWord(kind) ? String(UnicodeScalar(kind)) : found()
            throw failure("an escape JSON does not have: \\\(shown)", at: start)
        }
        var code = try hexadecimal(escapeAt: start)
        let unpaired = "a \\u escape for half a character (an unpaired surrogate)"
        if (0xDC00...0xDFFF).contains(code) { throw failure(unpaired, at: start) }
        if (0xD800...0xDBFF).contains(code) {
            guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw failure(unpaired, at: start)
            }
            let second = index
            index += 2
            let low = try hexadecimal(escapeAt: second)
            guard (0xDC00...0xDFFF).contains(low) else { throw failure(unpaired, at: start) }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        decoded += Array(String(Unicode.Scalar(code)!).utf8)
    }

    /// The four hexadecimal digits of a `\u` escape (whose backslash is at `escape`).
    private mutating func hexadecimal(escapeAt escape: Int) throws(JSONSyntaxError) -> UInt32 {
        guard bytes.count - index >= 4,
            let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16),
            bytes[index..<index + 4].allSatisfy({ Self.isHexadecimal($0) })
        else { throw failure("\\u needs four hexadecimal digits", at: escape) }
        index += 4
        return code
    }

    // MARK: - Bytes and places

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isHexadecimal(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }

    /// Letters, digits and `_`: the bytes of a bare word such as `NaN` or an unquoted key.
    private static func isWord(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || byte == UInt8(ascii: "_")
    }

    /// What is at `index`, for a message: a bare word whole (`NaN`), a character, or U+XXXX for a control character.
    private func found() -> String {
        guard let byte = peek else { return "the end of the text" }
        if Self.isWord(byte) {
            var end = index
            while end < bytes.count, end - index < 32, Self.isWord(bytes[end]) { end += 1 }
            return String(decoding: bytes[index..<end], as: UTF8.self)
        }
        var end = index + 1
        while end < bytes.count, end - index < 4, bytes[end] & 0xC0 == 0x80 { end += 1 }
        guard let scalar = String(decoding: bytes[index..<end], as: UTF8.self).unicodeScalars.first,
            scalar.value >= 0x20, scalar.value != 0x7F, scalar != "\u{FFFD}"
        else { return String(format: "U+%04X", byte) }
        return String(scalar)
    }

    /// An error at `index` for something other than what `expectation` says was expected: the end of the text, or a
    /// comment, is named as such.
    private func unexpected(_ expectation: String) -> JSONSyntaxError {
        guard let byte = peek else {
            switch open.last {
            case true?: return failure("the text ends inside an object")
            case false?: return failure("the text ends inside a list")
            case nil: return failure("the text is empty")
            }
        }
        if byte == UInt8(ascii: "/"), index + 1 < bytes.count,
            bytes[index + 1] == UInt8(ascii: "/") || bytes[index + 1] == UInt8(ascii: "*")
        {
            return failure("a comment (JSON allows none)")
        }
        return failure(expectation)
    }

    /// `reason` at byte `offset` (`index` by default), as a line and a column of characters.
    private func failure(_ reason: String, at offset: Int? = nil) -> JSONSyntaxError {
        let offset = min(offset ?? index, bytes.count)
        var line = 1
        var lineStart = 0
        for position in 0..<offset where bytes[position] == 0x0A {
            line += 1
            lineStart = position + 1
        }
        let column = bytes[lineStart..<offset].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return JSONSyntaxError(line: line, column: column, reason: reason)
    }
}
