import CalSyncWorker

/// The errors of one cycle as warning lines for the journal, one per error (a pull refused, an insecure URL, a push
/// that failed), the first `limit` of them and then how many more. The messages are CalSyncWorker's: operations,
/// people, Graph's codes and answers, never a secret.
enum CycleErrorLog {
    static let limit = 20

    static func log(_ report: CycleReport, to logger: Logger, limit: Int = limit) {
        let errors = report.integrations.flatMap { integration in integration.errors.map { (integration.integrationId, $0) } }
        for (integrationId, message) in errors.prefix(limit) {
            logger.warning("cycle error", ["integration": integrationId, "error": message])
        }
        if errors.count > limit {
            logger.warning("and \(errors.count - limit) more cycle errors", ["more": "\(errors.count - limit)"])
        }
    }
}
