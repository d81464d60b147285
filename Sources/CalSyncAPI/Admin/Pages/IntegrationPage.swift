import CalSyncCore

/// One integration: what it is (never its secret), a connection test, activate / deactivate, its settings, its
/// establishments, a new secret, the initialization form (date + establishments → "N items queued") and delete
/// (optionally purging).
enum IntegrationPage {
    static func render(
        _ integration: Integration, beingRemoved: Bool, establishmentChoices: [String], today: LocalDate,
        session: AdminSession, flash: String?, error: String?, settingsDraft: FormBody?,
        zone: DisplayZone, connection: ConnectionSection.Result? = nil, canTest: Bool, vocabulary: any ProviderVocabulary
    ) -> HTML {
        let alert: HTML = error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? .empty
        let forms: HTML =
            beingRemoved
            ? "<p class=\"error\">This integration is being removed: CalSync is deleting the events it pushed.</p>"
            : """
            \(ConnectionSection.render(
                integration.id, result: connection, available: canTest,
                advice: vocabulary.advice(for: integration.connection), session: session))
            \(statusForm(integration, session: session))
            \(SettingsForm.render(integration, session: session, draft: settingsDraft))
            \(establishmentsForm(integration, session: session))
            \(initializeForm(integration, choices: establishmentChoices, today: today, session: session))
            \(secretForm(integration, field: vocabulary.connectionForm.secretField, session: session))
            \(deleteForm(integration, session: session))
            """
        return AdminLayout.page(
            integration.name, session: session, current: .integrations, flash: flash, zone: zone,
            """
            <p><a href="\(AdminPaths.integrations)">All integrations</a></p>
            \(alert)
            <dl class="facts card">
            <dt>Id</dt><dd><code>\(integration.id)</code></dd>
            <dt>Type</dt><dd>\(integration.type)</dd>
            <dt>Status</dt><dd>\(Widgets.badge(integration.status.rawValue))</dd>
            \(ConnectionFields.facts(vocabulary.connectionForm, values: vocabulary.shownSettings(of: integration.connection)))
            <dt>Created</dt><dd>\(zone.instant(integration.createdAt))</dd>
            </dl>
            \(forms)
            """)
    }

    static func statusForm(_ integration: Integration, session: AdminSession) -> HTML {
        let active = integration.status == .active
        let button = Widgets.button(
            active ? "Deactivate" : "Activate", action: AdminPaths.integrationAction(integration.id, "status"),
            session: session, fields: [("status", active ? "inactive" : "active")], style: active ? "secondary" : "")
        let help = active ? "Active: CalSync pulls and pushes for it." : "Inactive: nothing is pulled or pushed."
        return "<section aria-labelledby=\"status-h\"><h2 id=\"status-h\">Status</h2><p>\(help) \(button)</p></section>"
    }

    static func establishmentsForm(_ integration: Integration, session: AdminSession) -> HTML {
        """
        <section aria-labelledby="est-h"><h2 id="est-h">Establishments</h2>
        <form class="card row" method="post" action="\(AdminPaths.integrationAction(integration.id, "establishments"))">\(Widgets.csrf(session))
        <div><label for="establishments">Covered establishments <span class="muted">(comma-separated; blank = all)</span></label>
        <input id="establishments" name="establishments" type="text" size="40" value="\(integration.establishments.joined(separator: ", "))"></div>
        <button type="submit">Save establishments</button>
        </form></section>
        """
    }

    static func initializeForm(_ integration: Integration, choices: [String], today: LocalDate, session: AdminSession) -> HTML {
        let boxes = choices.enumerated().map { index, name -> HTML in
            "<label><input type=\"checkbox\" name=\"establishments\" value=\"\(name)\" id=\"init-est-\(index)\"> \(name)</label>"
        }
        let fieldset: HTML =
            boxes.isEmpty
            ? .empty
            : "<fieldset><legend>Establishments (none ticked = all covered)</legend>\(HTML.joined(boxes, separator: " "))</fieldset>"
        let inactive: HTML = integration.status == .active ? .empty : "<p class=\"muted\">Activate the integration first.</p>"
        return """
            <section aria-labelledby="init-h"><h2 id="init-h">Initialization</h2>
            <p class="muted">Queues a push of every training event and absence ending on or after the date.</p>\(inactive)
            <form class="card row" method="post" action="\(AdminPaths.integrationAction(integration.id, "initialize"))">\(Widgets.csrf(session))
            <div><label for="since">From</label><input id="since" name="since" type="date" required value="\(today.description)"></div>
            \(fieldset)
            <button type="submit">Initialize</button>
            </form></section>
            """
    }

    /// The connection's credential replaced (write-only); none when its calendar system names no secret field.
    static func secretForm(_ integration: Integration, field: ConnectionForm.Field?, session: AdminSession) -> HTML {
        guard let field else { return .empty }
        if field.control == .document {
            return """
                <section aria-labelledby="secret-h"><h2 id="secret-h">\(field.shortLabel)</h2>
                <form class="card" method="post" action="\(AdminPaths.integrationAction(integration.id, "secret"))"\(ConnectionFields.encoding([field]))>\(Widgets.csrf(session))
                <div class="grid-form">\(ConnectionFields.document(field, id: "secret", label: "New \(field.label)"))</div>
                <p><button type="submit" class="secondary">Replace \(field.shortLabel)</button></p>
                </form></section>
                """
        }
        let what = field.label.lowercased()
        return """
            <section aria-labelledby="secret-h"><h2 id="secret-h">\(field.label)</h2>
            <form class="card row" method="post" action="\(AdminPaths.integrationAction(integration.id, "secret"))">\(Widgets.csrf(session))
            <div><label for="secret">New \(what) <span class="muted">(write-only)</span></label>
            <input id="secret" name="\(field.name)" type="password" autocomplete="new-password" required></div>
            <button type="submit" class="secondary">Replace \(what)</button>
            </form></section>
            """
    }

    static func deleteForm(_ integration: Integration, session: AdminSession) -> HTML {
        """
        <section aria-labelledby="delete-h"><h2 id="delete-h">Delete</h2>
        <form class="card row" method="post" action="\(AdminPaths.integrationAction(integration.id, "delete"))" data-confirm="Delete \(integration.name)?">\(Widgets.csrf(session))
        <label><input type="checkbox" name="purgeCalendars" id="purge"> Also delete the events CalSync pushed to the calendars</label>
        <button type="submit" class="danger">Delete integration</button>
        </form></section>
        """
    }
}
