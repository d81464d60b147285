import CalSyncCore

extension Doctor {
    /// The checks of an integration's connection, without the operations log: the adapter's own (e.g. the token and
    /// the permissions it carries), the directory and the matching of the integration's people, and a read of their
    /// calendars (at most
    /// `mailboxes`, else `maxMailboxProbes`). The admin pages' "Test connection" runs this; `examine` runs it first.
    /// Read-only, as every check of the doctor; the secret is never part of the report.
    /// - Parameter instructors: everyone known (those of the integration's establishments with sync enabled count).
    public func checkConnection(
        _ integration: Integration, instructors all: [Instructor], secretSource: String? = nil,
        mailboxes: Int? = nil
    ) async -> DoctorReport.IntegrationReport {
        var doctor = self
        doctor.maxMailboxProbes = mailboxes ?? maxMailboxProbes
        var report = DoctorReport.IntegrationReport(
            integrationId: integration.id, name: integration.name,
            connection: providers.vocabularies.vocabulary(for: integration).describe(integration.connection))
        let instructors = all.filter { $0.syncEnabled && integration.covers(establishment: $0.establishment) }
        if integration.status == .inactive {
            report.add(.configuration, .info, "the integration is inactive: nothing is pulled or pushed (checked anyway)")
        }
        await doctor.checkCalendars(integration, instructors: instructors, secretSource: secretSource, into: &report)
        return report
    }
}
