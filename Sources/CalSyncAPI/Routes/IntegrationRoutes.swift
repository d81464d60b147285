/// Integrations (admin): see api-contract.md. Written by the integrations work.
enum IntegrationRoutes {
    static func register(on router: inout Router, _ context: APIContext) {}
}
