// MARK: - Errors of the subscription calls

extension GraphError {
    static func subscriptionNotFound(_ id: String) -> GraphError {
        GraphError(status: 404, code: "ResourceNotFound", message: "The object was not found: subscription '\(id)'.")
    }

    /// 400 when the notification URL did not answer 200 (OBS wording).
    static let validationFailed = GraphError(
        status: 400, code: "ValidationError",
        message: "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.")

    /// 400 when the answer was not the token as plain text (OBS wording).
    static let validationMismatch = GraphError(
        status: 400, code: "ValidationError",
        message: "Subscription validation request failed. Response must exactly match validationToken query parameter.")

    /// 400 when no answer came within the time limit (OBS wording).
    static let validationTimedOut = GraphError(
        status: 400, code: "InvalidRequest", message: "Subscription validation request timed out.")
}
