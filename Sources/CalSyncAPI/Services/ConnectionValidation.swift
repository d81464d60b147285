import CalSyncCore

/// A created or changed connection checked by its calendar system's adapter before it is stored (through the
/// doctor's providers, without sending anything), so a credential the adapter cannot use (a key file whose private
/// key does not read) is a 422 at once rather than a failing sync later. Without a doctor (some tests) nothing is
/// checked beyond the input rules.
enum ConnectionValidation {
    /// The field a refusal is about when its message names none of the type's fields: the credential.
    static let credentialFields = ["microsoft365": "clientSecret", "exchange": "password", "google": "serviceAccountKey"]

    static func check(_ integration: Integration, _ context: APIContext) throws {
        guard let refusal = context.doctor?.refusal(of: integration) else { return }
        let fields = IntegrationType.fields[integration.type] ?? []
        let field =
            fields.sorted().first { refusal.message.contains($0) } ?? credentialFields[integration.type] ?? "type"
        throw APIError.invalid(field, refusal.message)
    }
}
