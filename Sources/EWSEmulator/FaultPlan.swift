/// What the throttling step decided for one request.
struct FaultPlan: Sendable {
    var fault: InjectedEWSFault?
    var latency: Duration = .zero
    /// The BackOffMilliseconds the answer carries, which starts once it is delivered.
    var backOffGiven: Int?
}
