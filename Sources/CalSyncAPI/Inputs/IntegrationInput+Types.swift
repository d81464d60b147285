import CalSyncCore

// MARK: - One body per type (docs/api.md, "Integrations")

extension IntegrationInput {
    /// The type a create body names (microsoft365 when left out or null): 422 `unsupported_type` for a type the contract
    /// describes but CalSync does not support yet, 422 `invalid_field` naming the supported ones for any other.
    static func type(of body: JSONInput) throws -> String {
        let type = try body.string("type", maxLength: 64) ?? IntegrationType.absent
        switch IntegrationType.verdict(type) {
        case .supported: return type
        case .notSupportedYet(let type):
            throw APIError(422, "unsupported_type", IntegrationType.notSupportedYetMessage(type) + ".", field: "type")
        case .unknown:
            throw APIError.invalid("type", "`type` \(IntegrationType.mustBe).")
        }
    }

    /// A PATCH may repeat the integration's type, never change it.
    static func keepType(of current: Integration, in body: JSONInput) throws {
        guard body.has("type") else { return }
        if !body.isNull("type"), (try? body.string("type", maxLength: 64)) == current.type { return }
        throw APIError.invalid(
            "type", "An integration's type cannot change (this one is \(current.type)): create another integration.")
    }

    /// Refuses a field not in `allowed`, naming the type it belongs to when it is a field of another type.
    static func allowOnly(_ body: JSONInput, _ allowed: Set<String>, type: String) throws {
        for key in body.fields.keys.sorted() where !allowed.contains(key) {
            if let other = IntegrationType.otherType(owning: key, notOf: type) {
                throw APIError(
                    422, "unknown_field", "`\(key)` is a field of \(other) integrations, not of \(type) ones.", field: key)
            }
            throw APIError.unknownField(key)
        }
    }
}
