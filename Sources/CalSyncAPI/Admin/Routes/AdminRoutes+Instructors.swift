import CalSyncCore
import CalSyncHTTP
import Foundation

// MARK: - Instructors (the Administrate tab)

extension AdminRoutes {
    /// `GET /admin/instructors?show=all|unmatched|sync-off|errors`.
    static func instructorsPage(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        let filter = try InstructorsPage.Filter(query: request.query("show"))
        let store = deps.context.store
        let people = try await PersonContext.loadAll(try await store.instructors(), store: store, now: deps.context.clock.now())
        return AdminResponse.page(
            200,
            InstructorsPage.render(
                people.filter(filter.includes), filter: filter, total: people.count, session: request.signedIn,
                flash: flash(request, deps)))
    }

    /// `POST /admin/instructors/{id}/sync` `enabled=true|false`: the switch of `PUT /v1/instructors/{id}/sync`.
    static func setSync(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        try request.form.allowOnly(["enabled", "return"])
        let enabled: Bool
        switch try request.form.value("enabled") {
        case "true": enabled = true
        case "false": enabled = false
        default: throw AdminError(400, "`enabled` must be true or false.", field: "enabled")
        }
        let instructor = try await SyncSwitch.set(
            instructorId: request.param("id"), enabled: enabled, removeEvents: false, deps.context)
        let word = enabled ? "started" : "stopped"
        let back = try InstructorsPage.Filter(query: request.form.text("return"))
        return done("Sync \(word) for \(instructor.name).", then: back.path, request, deps)
    }
}
