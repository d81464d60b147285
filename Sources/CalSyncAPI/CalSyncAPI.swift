import CalSyncHTTP
import CalSyncWorker

/// The /v1 API of docs/api.md plus health, metrics and the OpenAPI document, and the admin pages at `/admin`,
/// as one responder.
public enum CalSyncAPI {
    public static func router(_ context: APIContext) -> Router {
        var router = Router()
        HealthRoutes.register(on: &router, context)
        IntegrationRoutes.register(on: &router, context)
        InstructorRoutes.register(on: &router, context)
        EventRoutes.register(on: &router, context)
        AbsenceRoutes.register(on: &router, context)
        AvailabilityRoutes.register(on: &router, context)
        SyncRoutes.register(on: &router, context)
        return router
    }

    public static func server(_ context: APIContext, authenticator: Authenticator, logger: Logger) -> APIServer {
        let admin = AdminSite(context: context, authenticator: authenticator, logger: logger)
        return APIServer(
            router: router(context), authenticator: authenticator, metrics: context.metrics, logger: logger, admin: admin)
    }
}
