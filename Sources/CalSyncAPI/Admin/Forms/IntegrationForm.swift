import CalSyncCore
import CalSyncHTTP
import Foundation

/// The admin pages' integration forms turned into the JSON bodies of `POST` / `PATCH /v1/integrations`, so the very
/// same `IntegrationInput` and `SettingsInput` rules judge them. Blank fields are left out (as an omitted JSON field).
enum IntegrationForm {
    /// The fields every type's create form has.
    static let sharedCreateFields: Set<String> = ["type", "name", "establishments"]
    /// Every connection field of every type: a field of another type than the chosen one is judged (and named) by
    /// `IntegrationInput`.
    static let createFields: Set<String> = sharedCreateFields.union(IntegrationType.fields.values.joined())
        .union(uploadFields)
    /// Write-only fields: never filled in again, never shown.
    static let secretFields: Set<String> = ["clientSecret", "password", "serviceAccountKey"]
    /// Write-only fields holding a whole file (a key file): pasted into the field, or uploaded as `<name>Upload`.
    static let documentFields: Set<String> = ["serviceAccountKey"]
    static let uploadSuffix = "Upload"
    static let uploadFields: Set<String> = Set(documentFields.map { $0 + uploadSuffix })
    static let integerSettings = ["syncIntervalSeconds", "pastDays", "futureDays"]
    static let booleanSettings = [
        "tentativeCountsAsBusy", "repairDeletedEvents", "remindersOn", "hideLabels", "wholeDaysAsTimedEntries",
    ]
    static let settingsFields: Set<String> = Set(
        integerSettings + booleanSettings + [
            "eventSubjectTemplate", "absenceShowAs", "workdayStart", "workdayEnd",
            "amEnd", "pmStart",
        ])

    /// The create form as a `POST /v1/integrations` body; `connection` (the chosen type's) says how each of its
    /// fields is sent.
    static func create(_ form: FormBody, connection: ConnectionForm) throws -> JSONInput {
        try form.allowOnly(createFields)
        var fields: [String: JSONValue] = [:]
        for name in ["type", "name"] {
            if let value = try form.text(name) { fields[name] = .string(value) }
        }
        let controls = Dictionary(connection.fields.map { ($0.name, $0.control) }, uniquingKeysWith: { first, _ in first })
        for name in createFields.subtracting(sharedCreateFields).sorted() {
            if uploadFields.contains(name) {
                continue  // read with its document field
            } else if controls[name] == .document {
                // A key file, pasted whole or uploaded: sent as the JSON object it is; never shown again.
                if let text = try document(form, name) { fields[name] = try keyFile(text) }
            } else if secretFields.contains(name) {
                // A secret is taken as typed (spaces included); it is never shown again.
                if let secret = try form.value(name), !secret.isEmpty { fields[name] = .string(secret) }
            } else if let text = try form.text(name) {
                guard controls[name] == .number else {
                    fields[name] = .string(text)
                    continue
                }
                guard let number = Int(text) else { throw APIError.invalid(name, "`\(name)` must be a whole number.") }
                fields[name] = .number(Double(number))
            }
        }
        if let list = try form.value("establishments") { fields["establishments"] = establishments(list) }
        return JSONInput(fields: fields)
    }

    /// A file pasted into `name` or uploaded as `<name>Upload` (a form may offer both; one is used); nil when neither.
    static func document(_ form: FormBody, _ name: String) throws -> String? {
        func given(_ text: String?) -> String? {
            text.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        }
        let pasted = given(try form.value(name))
        let uploaded = given(try form.value(name + uploadSuffix))
        if pasted != nil, uploaded != nil {
            throw AdminError(422, "Paste the key file or upload it, not both.", field: name)
        }
        return pasted ?? uploaded
    }

    /// A pasted key file as the JSON object the API takes (422 when it is not one; the text is never quoted).
    static func keyFile(_ text: String) throws -> JSONValue {
        guard let value = try? JSONValue.parse(Data(text.utf8)), case .object = value else {
            throw AdminError(
                422,
                "`serviceAccountKey` must be the JSON key file Google made, pasted whole or uploaded "
                    + "({ \"type\": \"service_account\", … }).", field: "serviceAccountKey")
        }
        return value
    }

    /// `paris, lyon` (commas or new lines) as a JSON array; blank = every establishment.
    static func establishments(_ text: String) -> JSONValue {
        let names = text.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return .array(names.map(JSONValue.string))
    }

    /// The settings form as a `PATCH` body's `settings`: every key of the form is sent (an unticked box is false).
    static func settings(_ form: FormBody) throws -> JSONInput {
        try form.allowOnly(settingsFields)
        var settings: [String: JSONValue] = [:]
        for name in integerSettings {
            guard let text = try form.text(name) else { continue }
            guard let number = Int(text) else {
                throw AdminError(422, "`\(name)` must be a whole number.", field: name)
            }
            settings[name] = .number(Double(number))
        }
        for name in booleanSettings {
            let value = try form.value(name)
            guard value == nil || value == "on" else { throw AdminError(400, "`\(name)` is a checkbox.", field: name) }
            settings[name] = .bool(value == "on")
        }
        for name in ["eventSubjectTemplate", "absenceShowAs"] {
            if let value = try form.text(name) { settings[name] = .string(value) }
        }
        var workday: [String: JSONValue] = [:]
        if let start = try form.text("workdayStart") { workday["start"] = .string(start) }
        if let end = try form.text("workdayEnd") { workday["end"] = .string(end) }
        if !workday.isEmpty { settings["workday"] = .object(workday) }
        var halfDay: [String: JSONValue] = [:]
        if let amEnd = try form.text("amEnd") { halfDay["amEnd"] = .string(amEnd) }
        if let pmStart = try form.text("pmStart") { halfDay["pmStart"] = .string(pmStart) }
        if !halfDay.isEmpty { settings["halfDay"] = .object(halfDay) }
        return JSONInput(fields: ["settings": .object(settings)])
    }
}
