import CalSyncHTTP
import Foundation

extension DecodingError {
    /// The error in words a user reads, naming the value by its path in the file (`instructors[0].id must be a string,
    /// not a number`); `document` is the file as read, for what the value actually is. Never Swift's type names.
    func plainDescription(in document: JSONValue) -> String {
        switch self {
        case .typeMismatch(let type, let context):
            let wanted = Self.kind(of: type)
            guard !context.codingPath.isEmpty else {
                return "it must hold a JSON object ({…}), not \(Self.actual(Self.value(at: [], in: document), wanted: wanted))"
            }
            let value = Self.value(at: context.codingPath, in: document)
            return
                "\(UnknownConfigurationKey.keyPath(context.codingPath)) must be \(wanted), not \(Self.actual(value, wanted: wanted))"
        case .valueNotFound(let type, let context):
            return "\(UnknownConfigurationKey.keyPath(context.codingPath)) must be \(Self.kind(of: type)), not null"
        case .keyNotFound(let key, let context):
            return "\(UnknownConfigurationKey.keyPath(context.codingPath + [key])) is required"
        case .dataCorrupted(let context):
            // A value of our own types (`LocalTime`) says what it must be; Foundation's number errors lose the path.
            if !context.codingPath.isEmpty, context.debugDescription.hasPrefix("must ") {
                return "\(UnknownConfigurationKey.keyPath(context.codingPath)) \(context.debugDescription)"
            }
            if let (path, number) = Self.firstFraction(in: document, path: "") {
                return "\(path) must be a whole number, not \(number)"
            }
            let place = UnknownConfigurationKey.keyPath(context.codingPath)
            return place.isEmpty ? "a value cannot be read" : "\(place) has a value that is not allowed here"
        @unknown default:
            return "a value cannot be read"
        }
    }

    /// What a value of `type` is called: "a string", "a whole number", "a list ([…])".
    static func kind(of type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type: return "a whole number"
        case is Double.Type, is Float.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array<") || name.hasPrefix("[") && !name.contains(":") { return "a list ([…])" }
            return "an object ({…})"
        }
    }

    /// What `value` is, for "…, not a number": a number's own text where a whole number was wanted.
    static func actual(_ value: JSONValue?, wanted: String) -> String {
        switch value {
        case .number(let number)? where wanted == "a whole number": return JSONValue.number(number).serialized
        case .number?: return "a number"
        case .string?: return "a string"
        case .bool(let flag)?: return "\(flag)"
        case .array?: return "a list"
        case .object?: return "an object"
        case .null?, nil: return "null"
        }
    }

    /// The value at `codingPath` in `document`, if there is one.
    static func value(at codingPath: [any CodingKey], in document: JSONValue) -> JSONValue? {
        var current: JSONValue? = document
        for key in codingPath {
            if let index = key.intValue, case .array(let items)? = current {
                current = items.indices.contains(index) ? items[index] : nil
            } else {
                current = current?[key.stringValue]
            }
        }
        return current
    }

    /// The first number (keys in sorted order) that is not a whole number an `Int` holds: no setting takes one.
    static func firstFraction(in value: JSONValue, path: String) -> (String, String)? {
        switch value {
        case .number(let number) where number.rounded() != number || abs(number) >= 9e15:
            return (path, JSONValue.number(number).serialized)
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = firstFraction(in: item, path: "\(path)[\(index)]") { return found }
            }
        case .object(let fields):
            for key in fields.keys.sorted() {
                if let found = firstFraction(in: fields[key]!, path: path.isEmpty ? key : "\(path).\(key)") { return found }
            }
        default: break
        }
        return nil
    }
}
