import CalSyncHTTP

/// The admin pages (`/admin`), each on top of the services the /v1 routes use:
///
/// | page | who | what |
/// |---|---|---|
/// | `GET /admin/sign-in`, `POST /admin/sign-in`, `POST /admin/sign-out` | anyone | a session from an API token |
/// | `GET/POST /admin/time-zone` | signed in | the zone the pages' times are shown in |
/// | `GET /admin/status`, `POST /admin/sync` | admin | last and next run, diagnosis per integration, sync now |
/// | `GET /admin/instructors`, `POST /admin/instructors/{id}/sync` | signed in; the switch: admin | people and their sync |
/// | `GET/POST /admin/integrations…` | admin | list, create, test the connection, activate, settings, establishments, initialize, delete |
/// | `GET /admin/operations…`, retry, mark processed (one or several) | admin | the operations log |
/// | `GET /admin/availability`, `GET /admin/availability/team` | signed in | week views |
enum AdminRoutes {
    struct Dependencies: Sendable {
        let context: APIContext
        let sessions: AdminSessionStore
        let authenticator: Authenticator
    }

    static func register(on router: inout AdminRouter, _ deps: Dependencies) {
        router.add(.get, AdminPaths.stylesheet, .anyone) { _ in
            AdminResponse.asset(AdminStylesheet.css, contentType: "text/css; charset=utf-8")
        }
        router.add(.get, AdminPaths.script, .anyone) { _ in
            AdminResponse.asset(AdminScript.javascript, contentType: "text/javascript; charset=utf-8")
        }
        router.add(.get, AdminPaths.home, .signedIn) { request in
            AdminResponse.redirect(request.signedIn.canAdminister ? AdminPaths.status : AdminPaths.instructors)
        }
        router.add(.get, AdminPaths.signIn, .anyone) { try signInPage($0, deps) }
        router.add(.post, AdminPaths.signIn, .anyone) { try signIn($0, deps) }
        router.add(.post, AdminPaths.signOut, .signedIn) { try signOut($0, deps) }
        router.add(.get, AdminPaths.timeZone, .signedIn) { timeZonePage($0, deps) }
        router.add(.post, AdminPaths.timeZone, .signedIn) { try setTimeZone($0, deps) }

        router.add(.get, AdminPaths.status, .admin) { try await statusPage($0, deps) }
        router.add(.post, AdminPaths.syncNow, .admin) { try await syncNow($0, deps) }

        router.add(.get, AdminPaths.instructors, .signedIn) { try await instructorsPage($0, deps) }
        router.add(.post, "/admin/instructors/{id}/sync", .admin) { try await setSync($0, deps) }

        router.add(.get, AdminPaths.integrations, .admin) { try await integrationsPage($0, deps) }
        router.add(.post, AdminPaths.integrations, .admin) { try await createIntegration($0, deps) }
        router.add(.get, "/admin/integrations/{id}", .admin) { try await integrationPage($0, deps) }
        router.add(.post, "/admin/integrations/{id}/test", .admin) { try await testConnection($0, deps) }
        router.add(.post, "/admin/integrations/{id}/status", .admin) { try await setIntegrationStatus($0, deps) }
        router.add(.post, "/admin/integrations/{id}/settings", .admin) { try await saveSettings($0, deps) }
        router.add(.post, "/admin/integrations/{id}/establishments", .admin) { try await saveEstablishments($0, deps) }
        router.add(.post, "/admin/integrations/{id}/secret", .admin) { try await replaceSecret($0, deps) }
        router.add(.post, "/admin/integrations/{id}/initialize", .admin) { try await initialize($0, deps) }
        router.add(.post, "/admin/integrations/{id}/delete", .admin) { try await deleteIntegration($0, deps) }

        router.add(.get, AdminPaths.operations, .admin) { try await operationsPage($0, deps) }
        router.add(.post, AdminPaths.operationsBulk, .admin) { try await bulkOperations($0, deps) }
        router.add(.get, "/admin/operations/{id}", .admin) { try await operationPage($0, deps) }
        router.add(.post, "/admin/operations/{id}/retry", .admin) { try await retry($0, deps) }
        router.add(.post, "/admin/operations/{id}/mark-processed", .admin) { try await markProcessed($0, deps) }

        router.add(.get, AdminPaths.availability, .signedIn) { try await weekPage($0, deps) }
        router.add(.get, AdminPaths.team, .signedIn) { try await teamPage($0, deps) }

    }

    /// After a form: the outcome as the next page's one-time message, and a redirect to that page.
    static func done(_ message: String, then location: String, _ request: AdminRequest, _ deps: Dependencies) -> HTTPResponse {
        deps.sessions.setFlash(message, selector: request.signedIn.selector)
        return AdminResponse.redirect(location)
    }

    /// The one-time message left by the last form, if any.
    static func flash(_ request: AdminRequest, _ deps: Dependencies) -> String? {
        request.session.flatMap { deps.sessions.takeFlash(selector: $0.selector) }
    }
}
