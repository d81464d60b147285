import CalSyncCore
import CalSyncHTTP
import Foundation

// MARK: - Integrations: list, create, one integration's page

extension AdminRoutes {
    /// `GET /admin/integrations`: the list and the create form.
    /// `?type=exchange` chooses the create form's type.
    static func integrationsPage(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        let type = IntegrationsPage.formType(request.query("type"))
        return AdminResponse.page(
            200,
            IntegrationsPage.render(
                try await integrationRows(deps), form: createForm(deps, type: type), type: type,
                session: request.signedIn, flash: flash(request, deps), draft: nil))
    }

    /// `POST /admin/integrations`: creates one (the rules of `POST /v1/integrations`; its first sync starts at once). A
    /// refused form comes back
    /// filled in as it was sent (but the secret), with the reason, so nothing typed is lost.
    static func createIntegration(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        let context = deps.context
        let type = IntegrationsPage.formType(try? request.form.text("type"))
        do {
            let body = try IntegrationForm.create(request.form, connection: createForm(deps, type: type))
            let integration = try IntegrationInput.created(
                from: body, id: IntegrationRoutes.newId(), now: IntegrationRoutes.now(context))
            try ConnectionValidation.check(integration, context)
            try await context.store.saveIntegration(integration)
            context.sync.catchUp(integrationId: integration.id, instructorId: nil)
            return done("Integration \(integration.name) created.", then: AdminPaths.integration(integration.id), request, deps)
        } catch let error as APIError where error.status == 422 {
            return try await refusedCreate(request, deps, type: type, error.message)
        } catch let error as AdminError where error.status == 422 {
            return try await refusedCreate(request, deps, type: type, error.message)
        }
    }

    /// The create form again, as it was sent (but the credential), with the reason it was refused.
    static func refusedCreate(_ request: AdminRequest, _ deps: Dependencies, type: String, _ reason: String)
        async throws -> HTTPResponse
    {
        let draft = IntegrationsPage.Draft(form: request.form, error: reason)
        return AdminResponse.page(
            422,
            IntegrationsPage.render(
                try await integrationRows(deps), form: createForm(deps, type: type), type: type,
                session: request.signedIn, flash: nil, draft: draft))
    }

    /// How the create form's calendar system asks for its connection.
    static func createForm(_ deps: Dependencies, type: String) -> ConnectionForm {
        deps.context.vocabularies.vocabulary(forType: type).connectionForm
    }

    static func integrationRows(_ deps: Dependencies) async throws -> [IntegrationsPage.Row] {
        let purges = try await deps.context.store.purgeRequests()
        return try await deps.context.store.integrations()
            .sorted { IntegrationRepresentation.pagingKey($0) < IntegrationRepresentation.pagingKey($1) }
            .map { IntegrationsPage.Row(integration: $0, beingRemoved: purges[$0.id] != nil) }
    }

    /// `GET /admin/integrations/{id}`: everything about one integration, with its forms.
    static func integrationPage(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        AdminResponse.page(200, try await integrationView(request, deps))
    }

    /// The page, with a refused form's reason and, for the settings form, what was typed.
    static func integrationView(
        _ request: AdminRequest, _ deps: Dependencies, error: String? = nil,
        settingsDraft: FormBody? = nil, connection: ConnectionSection.Result? = nil
    ) async throws
        -> HTML
    {
        let store = deps.context.store
        let id = request.param("id")
        // After a refused form, the page's own address (not the form's) is where a change of zone comes back to.
        let zone = try DisplayZone.of(request, here: AdminPaths.integration(id))
        guard let integration = try await store.integration(id: id) else { throw AdminError.notFound("This integration") }
        let known = Set(try await store.instructors().compactMap(\.establishment))
        let choices = integration.establishments.isEmpty ? known.sorted() : integration.establishments
        return IntegrationPage.render(
            integration, beingRemoved: try await store.purgeRequestedAt(integrationId: id) != nil,
            establishmentChoices: choices, today: LocalDate(deps.context.clock.now(), in: zone.zone),
            session: request.signedIn, flash: flash(request, deps), error: error, settingsDraft: settingsDraft, zone: zone,
            connection: connection, canTest: deps.context.doctor != nil,
            vocabulary: deps.context.vocabularies.vocabulary(for: integration))
    }
}
