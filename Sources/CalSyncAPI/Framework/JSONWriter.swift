import CalSyncCore
import CalSyncHTTP
import Foundation

/// Writes JSON straight into bytes, for hot or large answers (availability) where `JSONOutput`'s trip through
/// `JSONSerialization` (bridging every value, sorting keys with locale-aware compares) costs most of the request.
///
/// Keys are written in the order given: write them sorted, so the bytes match what `JSONOutput` sends.
/// Strings are escaped per RFC 8259 (quote, backslash, control characters; `/` is left alone, as `JSONOutput`
/// does); instants are written as UTC `Z` like everywhere in the API.
///
///     var json = JSONWriter()
///     json.beginObject()
///     json.key("items"); json.beginArray(); json.string("a"); json.endArray()
///     json.key("nextCursor"); json.null()
///     json.endObject()
///     return json.response(200)
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// One flag per open container: whether it already holds an element (a comma is due before the next).
    private var filled: [Bool] = []

    public init(capacity: Int = 1_024) { bytes.reserveCapacity(capacity) }

    // MARK: - Containers

    public mutating func beginObject() { open(0x7B) }
    public mutating func endObject() { close(0x7D) }
    public mutating func beginArray() { open(0x5B) }
    public mutating func endArray() { close(0x5D) }

    /// An object member's key; the value written next belongs to it.
    public mutating func key(_ name: String) {
        separate()
        quoted(name)
        bytes.append(0x3A)
        pendingValue = true  // the value that follows adds no comma of its own
    }

    // MARK: - Values

    public mutating func string(_ value: String) {
        separate()
        quoted(value)
    }

    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func instant(_ value: Date) {
        separate()
        bytes.append(0x22)
        Timestamp.append(value, to: &bytes)
        bytes.append(0x22)
    }

    public mutating func instant(_ value: Date?) {
        if let value { instant(value) } else { null() }
    }

    public mutating func int(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    }

    // MARK: - Output

    public var data: Data { Data(bytes) }

    /// The written JSON as a response with the API's JSON content type.
    public func response(_ status: Int, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        HTTPResponse.json(status, data, headers: headers)
    }

    // MARK: - Internals

    /// True between a key and its value.
    private var pendingValue = false

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        filled.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        precondition(!filled.isEmpty, "JSONWriter: closing a container that is not open")
        bytes.append(bracket)
        filled.removeLast()
    }

    /// Before a key or a value: a comma when the container already holds something, unless this value
    /// follows its key.
    private mutating func separate() {
        if pendingValue {
            pendingValue = false
            return
        }
        guard let last = filled.indices.last else { return }
        if filled[last] { bytes.append(0x2C) }
        filled[last] = true
    }

    private mutating func quoted(_ text: String) {
        bytes.append(0x22)
        // Most strings (ids, enum values) need no escape: copy them whole.
        let copied = text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if copied == true {
            bytes.append(0x22)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
            case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
            case 0x00..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }
}
