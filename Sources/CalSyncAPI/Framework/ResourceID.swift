/// The scheduler's own ids: 1–128 characters of `[A-Za-z0-9._:-]` (docs/api.md, conventions).
public enum ResourceID {
    public static func isValid(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count)
            && id.utf8.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2E || b == 0x5F
                    || b == 0x3A || b == 0x2D
            }
    }

    /// Validates an id from the path of a write (`PUT /v1/…/{id}`): 422 naming the field.
    public static func require(_ id: String, field: String = "id") throws -> String {
        guard isValid(id) else {
            throw APIError.invalid(field, "`\(field)` must be 1–128 characters of letters, digits, '.', '_', ':' or '-'.")
        }
        return id
    }
}
