import Foundation

/// The keys a configuration object may have, with the keys of the objects (or lists of objects) nested in it, so a
/// misspelt key such as "databse" is refused instead of silently ignored (`UnknownConfigurationKey`).
struct KnownKeys: Sendable {
    /// Each key, with the keys of its value when that value is an object, or a list of objects, checked too.
    private(set) var keys: [String: KnownKeys?]
    /// For objects whose keys depend on one of their values (an integration's keys on its `type`): that key, the value
    /// it has when left out, and the keys for each value. An object whose value is none of these is left to decoding,
    /// which says what is wrong with it.
    private(set) var variants: (key: String, absent: String, byValue: [String: KnownKeys])?

    /// The cases of a `CodingKeys` enum; `nested` gives the keys of the values that are objects or lists of objects.
    init<Key: CodingKey & CaseIterable & Hashable>(_: Key.Type, nested: [Key: KnownKeys] = [:]) {
        keys = Dictionary(uniqueKeysWithValues: Key.allCases.map { ($0.stringValue, nested[$0]) })
    }

    /// The keys of `value` encoded as JSON, nested objects included: for a type of another module whose properties
    /// are all encoded (`SyncSettings`), so its keys are known from the type itself.
    init(encoding value: some Encodable) {
        let data = try? JSONEncoder().encode(value)
        self.init(json: data.flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any] ?? [:])
    }

    /// Keys chosen by the value of `key` (`absent` when the object leaves it out).
    init(chosenBy key: String, absent: String, _ byValue: [String: KnownKeys]) {
        keys = [:]
        variants = (key, absent, byValue)
    }

    /// These keys and those of another `CodingKeys` enum (an integration's shared keys and its type's own).
    func adding<Key: CodingKey & CaseIterable & Hashable>(_: Key.Type) -> KnownKeys {
        var merged = self
        for key in Key.allCases where merged.keys.index(forKey: key.stringValue) == nil {
            merged.keys.updateValue(nil, forKey: key.stringValue)
        }
        return merged
    }

    private init(json: [String: Any]) {
        keys = json.mapValues { ($0 as? [String: Any]).map(KnownKeys.init(json:)) }
    }

    /// Throws `UnknownConfigurationKey` for the first unknown key (in sorted order) in the value `decoder` holds, at
    /// any depth. A value of an unexpected type is left to decoding, whose error names it.
    func check(_ decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            while !list.isAtEnd { try check(list.superDecoder()) }
            return
        }
        guard let object = try? decoder.container(keyedBy: AnyKey.self) else { return }
        if let variants {
            let value: String?
            do {
                value = try object.decodeIfPresent(String.self, forKey: AnyKey(stringValue: variants.key))
            } catch {
                return
            }
            guard let chosen = variants.byValue[value ?? variants.absent] else { return }
            return try chosen.check(decoder)
        }
        for key in object.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
            guard let nested = keys[key.stringValue] else {
                throw UnknownConfigurationKey(codingPath: decoder.codingPath + [key], known: keys.keys)
            }
            if let nested { try nested.check(object.superDecoder(forKey: key)) }
        }
    }

    /// Any key of a JSON object.
    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
