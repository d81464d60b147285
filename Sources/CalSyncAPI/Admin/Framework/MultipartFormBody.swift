import Foundation

/// A `multipart/form-data` body (RFC 7578, as browsers send a form with a file input) read into the same
/// `FormBody` fields as a url-encoded one: each part's `name` with its content as UTF-8 text. A file input left
/// empty (no file name, no content) is left out, as if it had not been sent.
///
/// The same limits as the url-encoded form hold, and every refusal is an `AdminError` with a sentence for a person
/// (400): no boundary, a part without `Content-Disposition: form-data; name=…`, a body that does not end with the
/// closing delimiter, content that is not UTF-8 text.
enum MultipartFormBody {
    /// The boundary from a `Content-Type: multipart/form-data; boundary=…` header (quoted or not).
    static func boundary(of contentType: String) throws -> String {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value =
                pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2
                ? String(pair[1].dropFirst().dropLast()) : pair[1]
            // RFC 2046: 1 to 70 characters.
            guard (1...70).contains(value.utf8.count) else { break }
            return value
        }
        throw AdminError(400, "The form is malformed: its multipart/form-data type names no boundary.")
    }

    static func parse(_ body: Data, boundary: String) throws -> FormBody {
        guard body.count <= FormBody.maxBytes else {
            throw AdminError(413, "The form is larger than \(FormBody.maxBytes / 1024) KiB.")
        }
        let bytes = [UInt8](body)
        let delimiter = Array("--\(boundary)".utf8)
        let crlf = Array("\r\n".utf8)
        guard var position = find(delimiter, in: bytes, from: 0) else { throw malformed("it has no part") }
        var fields: [FormBody.Field] = []
        while true {
            position += delimiter.count
            if bytes[position...].starts(with: Array("--".utf8)) { break }  // the closing delimiter
            guard bytes[position...].starts(with: crlf) else { throw malformed("a delimiter is not followed by a new line") }
            position += crlf.count
            guard let next = find(crlf + delimiter, in: bytes, from: position) else {
                throw malformed("it does not end with its closing delimiter")
            }
            guard fields.count < FormBody.maxFields else {
                throw AdminError(400, "The form has more than \(FormBody.maxFields) fields.")
            }
            if let field = try part(bytes[position..<next]) { fields.append(field) }
            position = next + crlf.count
        }
        return FormBody(fields: fields)
    }

    /// One part: its headers, a blank line, its content. Nil for a file input left empty.
    static func part(_ bytes: ArraySlice<UInt8>) throws -> FormBody.Field? {
        let separator = Array("\r\n\r\n".utf8)
        let headerEnd: Int
        let contentStart: Int
        if bytes.starts(with: Array("\r\n".utf8)) {
            (headerEnd, contentStart) = (bytes.startIndex, bytes.startIndex + 2)  // no headers at all
        } else if let end = find(separator, in: Array(bytes), from: 0) {
            (headerEnd, contentStart) = (bytes.startIndex + end, bytes.startIndex + end + separator.count)
        } else {
            throw malformed("a part has no blank line after its headers")
        }
        guard let head = String(validating: bytes[bytes.startIndex..<headerEnd], as: UTF8.self) else {
            throw malformed("a part's headers are not text")
        }
        var disposition: String?
        for line in head.components(separatedBy: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" {
                disposition = pair[1].trimmingCharacters(in: .whitespaces)
            }
        }
        guard let disposition, disposition.lowercased().hasPrefix("form-data"),
            let name = parameter("name", in: disposition), !name.isEmpty, name.count <= FormBody.maxNameLength
        else { throw malformed("a part has no Content-Disposition: form-data with a name") }
        let content = bytes[contentStart...]
        let fileName = parameter("filename", in: disposition)
        if let fileName, fileName.isEmpty, content.isEmpty { return nil }
        let what = fileName == nil ? "the value of `\(name)`" : "the file sent as `\(name)`"
        guard let value = String(validating: content, as: UTF8.self) else {
            throw AdminError(400, "The form is malformed: \(what) is not UTF-8 text.", field: name)
        }
        guard value.count <= FormBody.maxValueLength else {
            throw AdminError(400, "`\(name)` is longer than \(FormBody.maxValueLength) characters.", field: name)
        }
        guard !FormBody.holdsControlCharacters(value) else {
            throw AdminError(400, "The form is malformed: \(what) holds control characters.", field: name)
        }
        return FormBody.Field(name: name, value: value)
    }

    /// A `key="value"` (or unquoted) parameter of a Content-Disposition; browsers escape `"` as `%22` in names.
    static func parameter(_ key: String, in disposition: String) -> String? {
        var rest = Substring(disposition)
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...].drop(while: { $0 == " " || $0 == "\t" })
            guard let eq = rest.firstIndex(of: "=") else { return nil }
            let name = rest[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            var value = rest[rest.index(after: eq)...]
            if value.first == "\"" {
                value = value.dropFirst()
                guard let close = value.firstIndex(of: "\"") else { return nil }
                if name == key { return String(value[..<close]) }
                rest = value[value.index(after: close)...]
            } else {
                let end = value.firstIndex(of: ";") ?? value.endIndex
                if name == key { return value[..<end].trimmingCharacters(in: .whitespaces) }
                rest = value[end...]
            }
        }
        return nil
    }

    /// The index of `needle`'s first occurrence in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    static func malformed(_ reason: String) -> AdminError {
        AdminError(400, "The form is malformed: \(reason).")
    }
}
