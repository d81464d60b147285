import CalSyncCore
import CalSyncHTTP
import Foundation

/// Builds JSON responses from plain values (`String`, `Int`, `Double`, `Bool`, `Date` → UTC `Z`,
/// `nil`/`NSNull` → null, arrays, dictionaries). Keys are sorted so output is stable.
public enum JSONOutput {
    public static func response(_ status: Int, _ object: Any, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        headers["Content-Type"] = "application/json; charset=utf-8"
        return HTTPResponse(status: status, headers: headers, body: data(object))
    }

    public static func data(_ object: Any) -> Data {
        let prepared = prepare(object)
        return (try? JSONSerialization.data(withJSONObject: prepared, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
    }

    /// Turns Swift values JSONSerialization does not know (Date, Optional, Bool on Linux) into ones it does.
    static func prepare(_ value: Any) -> Any {
        switch value {
        case let d as Date: return Timestamp.format(d)
        case let b as Bool: return NSNumber(value: b)
        case let s as String: return s
        case let i as Int: return i
        case let i as Int64: return i
        case let x as Double: return x
        case let dict as [String: Any]: return dict.mapValues(prepare)
        case let list as [Any]: return list.map(prepare)
        case is NSNull: return NSNull()
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional {
                guard let wrapped = mirror.children.first?.value else { return NSNull() }
                return prepare(wrapped)
            }
            return "\(value)"
        }
    }
}

/// `nil` as a JSON null inside `[String: Any]` literals.
public let jsonNull = NSNull()
