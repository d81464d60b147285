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
            for name in IntegrationForm.createFields.subtracting(IntegrationForm.secretFields) {
                values[name] = (try? form.value(name)) ?? nil
            }
            self.values = values
            self.error = error
        }
    }

    /// - Parameters:
    ///   - form: how the calendar system of the create form's type asks for its connection.
    ///   - type: the create form's type.
    static func render(
        _ rows: [Row], form: ConnectionForm, type: String, session: AdminSession, flash: String?, draft: Draft?
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
            \(createForm(form, session: session, draft: draft, type: type))
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

    /// The type the create form is for: the one chosen (a supported one), else the default.
    static func formType(_ chosen: String?) -> String {
        guard let chosen, IntegrationType.supported.contains(chosen) else { return IntegrationType.absent }
        return chosen
    }

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

    /// A choice of type (it shows that type's fields: at once with the page's script, else with its button), then
    /// the create form of the chosen type.
    static func createForm(_ form: ConnectionForm, session: AdminSession, draft: Draft?, type: String) -> HTML {
        func value(_ name: String) -> String { draft?.values[name] ?? "" }
        func inputs(_ fields: [ConnectionForm.Field]) -> HTML {
            HTML.joined(fields.map { ConnectionFields.input($0, value: value($0.name)) }, separator: "\n")
        }
        let alert: HTML = draft.map { "<p class=\"error\" role=\"alert\">\($0.error)</p>" } ?? .empty
        return """
            \(alert)
            <form class="card row" method="get" action="\(AdminPaths.integrations)#create" data-autosubmit>
            <div><label for="new-type">Type</label>\(typeSelect(draft?.values["type"] ?? type))</div>
            <button type="submit">Show its fields</button>
            </form>
            <form class="card" method="post" action="\(AdminPaths.integrations)"\(ConnectionFields.encoding(form.fields))>\(Widgets.csrf(session))
            <input type="hidden" name="type" value="\(type)">
            <h3>\(form.typeLabel)</h3>
            <div class="grid-form">
            <div><label for="new-name">Name</label><input id="new-name" name="name" type="text" required maxlength="200" value="\(value("name"))"></div>
            \(inputs(form.requiredFields))
            <div><label for="new-establishments">Establishments <span class="muted">(comma-separated; blank = all)</span></label><input id="new-establishments" name="establishments" type="text" value="\(value("establishments"))"></div>
            \(inputs(form.optionalFields))
            </div>
            <p><button type="submit">Create integration</button></p>
            </form>
            """
    }
}
