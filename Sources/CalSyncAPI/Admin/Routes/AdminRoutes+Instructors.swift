import CalSyncCore
import CalSyncHTTP
import Foundation

// MARK: - Instructors (the Administrate tab)

extension AdminRoutes {
    /// `GET /admin/instructors?show=all|unmatched|sync-off|errors&q=&sort=name|status|last-sync&dir=asc|desc&page=`.
    static func instructorsPage(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        let query = try InstructorsQuery(request)
        let zone = try DisplayZone.of(request)
        let store = deps.context.store
        let people = try await PersonContext.loadAll(try await store.instructors(), store: store, now: deps.context.clock.now())
        let matching = query.sorted(people.filter { query.show.includes($0) && query.matches($0) })
        let page = matching.dropFirst((query.page - 1) * InstructorsQuery.pageSize).prefix(InstructorsQuery.pageSize)
        return AdminResponse.page(
            200,
            InstructorsPage.render(
                Array(page), matching: matching.count, total: people.count, query: query, session: request.signedIn,
                flash: flash(request, deps), zone: zone, vocabularies: deps.context.vocabularies))
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
        // Back to the list as it was (its filter, search, order and page); a bare filter name is understood too.
        let back = try request.form.text("return")
        let path =
            back.flatMap(InstructorsPage.Filter.init(rawValue:))?.path ?? AdminPaths.back(to: back ?? AdminPaths.instructors)
        return done("Sync \(word) for \(instructor.name).", then: path, request, deps)
    }
}
