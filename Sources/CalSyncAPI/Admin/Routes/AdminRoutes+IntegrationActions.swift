import CalSyncCore
import CalSyncHTTP
import Foundation

// MARK: - Integrations: the forms of one integration's page

extension AdminRoutes {
    /// `POST /admin/integrations/{id}/status` `status=active|inactive`.
    static func setIntegrationStatus(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        try request.form.allowOnly(["status"])
        guard let status = try request.form.value("status"), ["active", "inactive"].contains(status) else {
            throw AdminError(400, "`status` must be active or inactive.", field: "status")
        }
        return try await change(request, deps, ["status": .string(status)]) { "\($0.name) is now \($0.status.rawValue)." }
    }

    /// `POST /admin/integrations/{id}/settings`: the settings form (a 422 shows the form again as typed).
    static func saveSettings(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        let id = request.param("id")
        let refusal: String
        do {
            let body = try IntegrationForm.settings(request.form)
            let integration = try await IntegrationChange.apply(id: id, body: body, deps.context)
            return done("Settings of \(integration.name) saved.", then: AdminPaths.integration(id), request, deps)
        } catch let error as APIError where error.status == 422 {
            refusal = error.message
        } catch let error as AdminError where error.status == 422 {
            refusal = error.message
        }
        return AdminResponse.page(422, try await integrationView(request, deps, error: refusal, settingsDraft: request.form))
    }

    /// `POST /admin/integrations/{id}/establishments` `establishments=paris, lyon` (blank = all).
    static func saveEstablishments(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        try request.form.allowOnly(["establishments"])
        let list = IntegrationForm.establishments(try request.form.value("establishments") ?? "")
        return try await change(request, deps, ["establishments": list]) { integration in
            integration.establishments.isEmpty
                ? "\(integration.name) now covers every establishment."
                : "\(integration.name) now covers: \(integration.establishments.joined(separator: ", "))."
        }
    }

    /// `POST /admin/integrations/{id}/secret` `clientSecret=…` (or `password=…`, or a key file pasted or uploaded):
    /// replaces the integration's credential (write-only, never shown).
    static func replaceSecret(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        try request.form.allowOnly(IntegrationForm.secretFields.union(IntegrationForm.uploadFields))
        for name in IntegrationForm.secretFields.sorted() {
            let value: JSONValue
            do {
                if IntegrationForm.documentFields.contains(name) {
                    // A key file is sent as the JSON object it is.
                    guard let text = try IntegrationForm.document(request.form, name) else { continue }
                    value = try IntegrationForm.keyFile(text)
                } else {
                    // A password or secret as typed.
                    guard let secret = try request.form.value(name),
                        !secret.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                    else { continue }
                    value = .string(secret)
                }
            } catch let error as AdminError {
                return AdminResponse.page(422, try await integrationView(request, deps, error: error.message))
            }
            return try await change(request, deps, [name: value]) { integration in
                let field = deps.context.vocabularies.vocabulary(for: integration).connectionForm.secretField
                return "The \(field?.shortLabel.lowercased() ?? "secret") of \(integration.name) was replaced."
            }
        }
        throw AdminError(400, "Enter the new secret.", field: "secret")
    }

    /// A `PATCH /v1/integrations/{id}` with `fields`; a refusal shows the page again with the reason.
    static func change(
        _ request: AdminRequest, _ deps: Dependencies, _ fields: [String: JSONValue],
        message: (Integration) -> String
    ) async throws -> HTTPResponse {
        let id = request.param("id")
        do {
            let integration = try await IntegrationChange.apply(id: id, body: JSONInput(fields: fields), deps.context)
            return done(message(integration), then: AdminPaths.integration(id), request, deps)
        } catch let error as APIError where error.status == 422 || error.status == 409 {
            return AdminResponse.page(error.status, try await integrationView(request, deps, error: error.message))
        }
    }

    /// `POST /admin/integrations/{id}/initialize` `since=YYYY-MM-DD&establishments=…` → "N items queued".
    static func initialize(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        try request.form.allowOnly(["since", "establishments"])
        guard let text = try request.form.text("since") else {
            throw AdminError(400, "Choose the date to initialize from.", field: "since")
        }
        guard let since = LocalDate(text) else {
            throw AdminError(400, "`since` must be a date written YYYY-MM-DD.", field: "since")
        }
        let id = request.param("id")
        do {
            let (items, operations) = try await IntegrationInitializer.run(
                integrationId: id, since: since, establishments: request.form.values("establishments"), deps.context)
            let noun = items == 1 ? "item" : "items"
            return done(
                "\(items) \(noun) queued for initialization since \(since) (\(operations) pushes planned).",
                then: AdminPaths.integration(id), request, deps)
        } catch let error as APIError where error.status == 422 || error.status == 409 {
            return AdminResponse.page(error.status, try await integrationView(request, deps, error: error.message))
        }
    }

    /// `POST /admin/integrations/{id}/delete` `purgeCalendars=on`: removes it (after deleting the pushed events).
    static func deleteIntegration(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        try request.form.allowOnly(["purgeCalendars"])
        let purge = try request.form.value("purgeCalendars")
        guard purge == nil || purge == "on" else {
            throw AdminError(400, "`purgeCalendars` is a checkbox.", field: "purgeCalendars")
        }
        let pending = try await IntegrationRemoval.remove(id: request.param("id"), purgeCalendars: purge == "on", deps.context)
        let message =
            pending == 0
            ? "The integration was removed."
            : "The integration will be removed once the \(pending) events CalSync pushed are deleted from the calendars."
        return done(message, then: AdminPaths.integrations, request, deps)
    }
}
