import CalSyncCore
import Foundation

/// The body of `PUT /v1/instructors/{id}` (docs/api.md, "Instructors"), validated field by field:
/// `{ "name", "email", "establishment", "timeZone"? }`. Every rule broken answers 422 naming the field.
struct InstructorInput: Sendable, Equatable {
    static let fields: Set<String> = ["name", "email", "establishment", "timeZone"]
    /// RFC 5321: a forward path holds at most 254 characters of address.
    static let maxEmailLength = 254
    /// RFC 5321: the local part holds at most 64 octets.
    static let maxLocalPartLength = 64
    static let maxNameLength = 256

    var id: String
    var name: String
    var email: String
    var establishment: String
    var timeZone: String?

    /// Reads and validates the body for the person with path id `id` (422 when the id is not a scheduler id).
    init(id: String, body: JSONInput) throws {
        self.id = try ResourceID.require(id)
        try body.allowOnly(Self.fields)
        name = try body.requiredString("name", maxLength: Self.maxNameLength)
        email = try Self.email(body.requiredString("email", maxLength: Self.maxEmailLength), field: body.name("email"))
        establishment = try ResourceID.require(
            body.requiredString("establishment", maxLength: 128), field: body.name("establishment"))
        timeZone = try body.timeZone("timeZone")
    }

    /// The person to save: a new one syncs by default, an existing one keeps their sync switch
    /// (only the admin's `PUT /v1/instructors/{id}/sync` changes it).
    func instructor(existing: Instructor?) -> Instructor {
        Instructor(
            id: id, name: name, email: email, establishment: establishment, timeZone: timeZone,
            syncEnabled: existing?.syncEnabled ?? true)
    }

    // MARK: - E-mail addresses

    /// Accepts what looks like `local@domain`: one `@`, a local part of 1–64 characters, a domain of
    /// dot-separated labels of letters, digits and hyphens (internationalised letters allowed), no
    /// spaces or control characters anywhere. Matching compares lower-cased, so the case is kept as given.
    static func email(_ text: String, field: String) throws -> String {
        guard isPlausibleEmail(text) else {
            throw APIError.invalid(field, "`\(field)` must be an e-mail address such as anna.meyer@contoso.com.")
        }
        return text
    }

    static func isPlausibleEmail(_ text: String) -> Bool {
        guard text.utf8.count <= maxEmailLength else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0]
        let domain = parts[1]
        guard (1...maxLocalPartLength).contains(local.utf8.count), !domain.isEmpty else { return false }
        let forbidden = CharacterSet.whitespacesAndNewlines.union(.controlCharacters)
            .union(CharacterSet(charactersIn: "<>()[]\\,;:\""))
        guard !text.unicodeScalars.contains(where: forbidden.contains) else { return false }
        guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            (1...63).contains(label.utf8.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" }
        }
    }
}
