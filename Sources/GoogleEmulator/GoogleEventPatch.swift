import CalSyncHTTP

/// Patch semantics (DOC, Google's "patch" methods): the fields sent replace the stored ones, objects are merged field
/// by field, arrays are replaced whole and `null` removes a field. A time (`start`, `end`) switching between `date`
/// and `dateTime` drops the other form.
enum GoogleEventPatch {
    static func merge(_ base: [String: JSONValue], _ patch: [String: JSONValue]) -> [String: JSONValue] {
        var result = base
        for (key, value) in patch {
            if value.isNull {
                result[key] = nil
            } else if let object = value.objectValue, let existing = result[key]?.objectValue {
                var existing = existing
                if key == "start" || key == "end" || key == "originalStartTime" {
                    if object["dateTime"] != nil { existing["date"] = nil }
                    if object["date"] != nil { existing["dateTime"] = nil }
                }
                result[key] = .object(merge(existing, object))
            } else {
                result[key] = value
            }
        }
        return result
    }
}
