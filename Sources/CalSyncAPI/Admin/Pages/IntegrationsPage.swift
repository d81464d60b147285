import CalSyncCore

/// The integrations (Administrate's Settings tab): name, type, status, with a link to each; and the create form,
/// whose secret field is write-only (never filled in again, never shown).
enum IntegrationsPage {
    struct Row: Sendable {
        var integration: Integration
        var beingRemoved: Bool
    }

    /// A refused create form: what was typed (but the secret) and why it was refused.
    struct Draft: Sendable {
        var values: [String: String]
        var error: String

        init(form: FormBody, error: String) {
            var values: [String: String] = [:]
            for name in IntegrationForm.createFields where !IntegrationForm.credentialFields.contains(name) {
                values[name] = (try? form.value(name)) ?? nil
            }
            self.values = values
            self.error = error
        }
    }

    /// - Parameter forms: how each supported calendar system asks for its connection, by type.
    static func render(
        _ rows: [Row], forms: [String: ConnectionForm], session: AdminSession, flash: String?, draft: Draft?
    ) -> HTML {
        let table: HTML =
            rows.isEmpty
            ? "<p>No integration yet.</p>"
            : """
            <table><caption>Calendar integrations</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Status</th>
            <th scope="col">Establishments</th></tr></thead>
            <tbody>\(rows.map(row))</tbody></table>
            """
        return AdminLayout.page(
            "Integrations", session: session, current: .integrations, flash: flash,
            """
            \(table)
            <h2 id="create">New integration</h2>
            \(createForm(forms, session: session, draft: draft))
            """)
    }

    static func row(_ row: Row) -> HTML {
        let integration = row.integration
        let status: HTML = row.beingRemoved ? Widgets.badge("being removed") : Widgets.badge(integration.status.rawValue)
        let scope = integration.establishments.isEmpty ? "all" : integration.establishments.joined(separator: ", ")
        return """
            <tr><th scope="row"><a href="\(AdminPaths.integration(integration.id))">\(integration.name)</a></th>
            <td>\(integration.type)</td><td>\(status)</td><td>\(scope)</td></tr>
            """
    }

    /// The calendar systems: those supported, and those not supported yet (shown, not selectable).
    static let types: [(value: String, label: String)] = [
        ("microsoft365", "Microsoft 365"), ("exchange", "Exchange Server"), ("google", "Google Workspace"),
    ]

    static func typeSelect(_ chosen: String) -> HTML {
        let selected = chosen.isEmpty ? IntegrationType.absent : chosen
        let options: [HTML] = types.map { type in
            let supported = IntegrationType.supported.contains(type.value)
            let disabled: HTML = supported ? .empty : " disabled"
            let picked: HTML = type.value == selected ? " selected" : .empty
            let note: HTML = supported ? .empty : " (not supported yet)"
            return "<option value=\"\(type.value)\"\(disabled)\(picked)>\(type.label)\(note)</option>"
        }
        return "<select id=\"new-type\" name=\"type\">\(options)</select>"
    }

    /// One form: the shared fields, then each supported type's own fields in a fieldset of their own (the stylesheet
    /// shows the chosen type's only; the browser asks for required ones only where there is a single type).
    static func createForm(_ forms: [String: ConnectionForm], session: AdminSession, draft: Draft?) -> HTML {
        func value(_ name: String) -> String { draft?.values[name] ?? "" }
        let single = forms.count == 1
        func inputs(_ fields: [ConnectionForm.Field]) -> HTML {
            HTML.joined(fields.map { ConnectionFields.input($0, value: value($0.name), required: single) }, separator: "\n")
        }
        let typed = types.filter { forms[$0.value] != nil }
        let fieldsets: HTML = HTML.joined(
            typed.map { type -> HTML in
                let form = forms[type.value]!
                return """
                    <fieldset class="type-fields" data-type="\(type.value)"><legend>\(form.typeLabel)</legend>
                    <div class="grid-form">
                    \(inputs(form.requiredFields))
                    \(inputs(form.optionalFields))
                    </div></fieldset>
                    """
            }, separator: "\n")
        let alert: HTML = draft.map { "<p class=\"error\" role=\"alert\">\($0.error)</p>" } ?? .empty
        return """
            \(alert)
            <form class="card" method="post" action="\(AdminPaths.integrations)">\(Widgets.csrf(session))
            <div class="grid-form">
            <div><label for="new-name">Name</label><input id="new-name" name="name" type="text" required maxlength="200" value="\(value("name"))"></div>
            <div><label for="new-type">Type</label>\(typeSelect(value("type")))</div>
            <div><label for="new-establishments">Establishments <span class="muted">(comma-separated; blank = all)</span></label><input id="new-establishments" name="establishments" type="text" value="\(value("establishments"))"></div>
            </div>
            \(fieldsets)
            <p><button type="submit">Create integration</button></p>
            </form>
            """
    }
}
