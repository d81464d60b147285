import CalSyncCore
import CalSyncHTTP
import Foundation

// MARK: - The per-person sync switch (admin)

extension InstructorRoutes {
    /// `PUT /v1/instructors/{id}/sync` `{ "enabled": bool }`, `?removeEvents=true|false` → 200 with the person
    /// (the rules are `SyncSwitch`'s).
    static func setSync(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery(["removeEvents"])
        let removeEvents = try request.queryBool("removeEvents") ?? false
        let body = try request.body()
        try body.allowOnly(["enabled"])
        let enabled = try body.required("enabled") { try body.bool($0) }
        if enabled && removeEvents {
            throw APIError(
                400, "invalid_parameter", "`removeEvents=true` only applies when sync is turned off.",
                field: "removeEvents")
        }
        let instructor = try await SyncSwitch.set(
            instructorId: request.param("id"), enabled: enabled, removeEvents: removeEvents, context)
        return JSONOutput.response(200, try await representation(of: instructor, context))
    }
}
