import Foundation

/// Column reads for the store's conventions (instants in milliseconds, enums as raw strings).
extension Statement {
    func date(at index: Int32) -> Date { Date(millisecondsSince1970: int64(at: index)) }

    func optionalDate(at index: Int32) -> Date? { isNull(at: index) ? nil : date(at: index) }

    func enumValue<T: RawRepresentable>(_ type: T.Type, at index: Int32) throws -> T where T.RawValue == String {
        let raw = string(at: index)
        guard let value = T(rawValue: raw) else {
            throw StoreError.corruptValue("\(columnName(at: index)) has unknown value \"\(raw)\"")
        }
        return value
    }
}

/// JSON columns: sorted keys so equal values store equal text.
enum JSONColumn {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String, column: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.corruptValue("\(column) is not valid \(T.self) JSON")
        }
    }
}
