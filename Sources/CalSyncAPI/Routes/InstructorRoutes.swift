/// Placeholder until this route group is written (removed before landing).
enum InstructorRoutes {
    static func register(on router: inout Router, _ context: APIContext) {}
}
