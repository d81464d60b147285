import CalSyncCore

/// A connection's settings on the admin pages, as its calendar system describes them (`ConnectionForm`): the create
/// form's controls and the integration page's facts. A secret is never filled in again and never shown.
enum ConnectionFields {
    /// The create form's control for one setting, filled in with what was typed (never the secret).
    /// - Parameter required: whether the browser asks for a required field (not where each type's fields share a form).
    static func input(_ field: ConnectionForm.Field, value: String, required asked: Bool = true) -> HTML {
        let id = "new-" + field.controlId
        let required: HTML = field.isRequired && asked ? " required" : .empty
        switch field.control {
        case .shown:
            return .empty
        case .document:
            return document(field, id: id)
        case .secret:
            return """
                <div><label for="\(id)">\(field.label) <span class="muted">(write-only)</span></label>\
                <input id="\(id)" name="\(field.name)" type="password" autocomplete="new-password"\(required)></div>
                """
        case .choice:
            let options = HTML.joined(
                field.choices.map { choice in
                    let picked: HTML = choice == value ? " selected" : .empty
                    return "<option value=\"\(choice)\"\(picked)>\(choice)</option>"
                }, separator: "")
            return """
                <div><label for="\(id)">\(field.label)</label><select id="\(id)" name="\(field.name)">\(options)</select></div>
                """
        case .text, .url, .number:
            let note: HTML = field.isRequired ? .empty : " <span class=\"muted\">(optional)</span>"
            let placeholder: HTML = field.placeholder.map { " placeholder=\"\($0)\"" } ?? .empty
            let type: HTML = field.control == .url ? "url" : field.control == .number ? "number" : "text"
            let minimum: HTML = field.control == .number ? " min=\"1\" step=\"1\"" : .empty
            return """
                <div><label for="\(id)">\(field.label)\(note)</label><input id="\(id)" name="\(field.name)" \
                type="\(type)"\(required)\(minimum)\(placeholder) value="\(value)"></div>
                """
        }
    }

    /// A whole file (a key file): pasted into the text area, or uploaded (`<name>Upload`); the form carrying it is sent
    /// as multipart/form-data. Neither control is required by the browser: the server says when both or neither came.
    static func document(_ field: ConnectionForm.Field, id: String, label: HTML? = nil) -> HTML {
        let upload = field.name + IntegrationForm.uploadSuffix
        return """
            <div class="wide"><label for="\(id)">\(label ?? "\(field.label)") <span class="muted">(write-only: paste the whole file…)</span></label>\
            <textarea id="\(id)" name="\(field.name)" rows="6" spellcheck="false" autocomplete="off"></textarea></div>
            <div class="wide"><label for="\(id)-upload">…or upload it</label>\
            <input id="\(id)-upload" name="\(upload)" type="file" accept=".json,application/json"></div>
            """
    }

    /// ` enctype="multipart/form-data"` for a form carrying a file input, else nothing.
    static func encoding(_ fields: [ConnectionForm.Field]) -> HTML {
        fields.contains { $0.control == .document } ? " enctype=\"multipart/form-data\"" : .empty
    }

    /// The stored settings beside their short labels (a secret only says that it is set).
    static func facts(_ form: ConnectionForm, values: [String: String]) -> HTML {
        HTML.joined(
            form.fields.map { field in
                let value =
                    field.control == .secret || field.control == .document
                    ? "set (write-only: never shown)" : values[field.name] ?? ""
                return "<dt>\(field.shortLabel)</dt><dd>\(value)</dd>"
            }, separator: "\n")
    }
}
