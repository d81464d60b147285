import CalSyncCore

extension Doctor {
    /// Why the integration's connection is refused before anything is sent (a key file that does not read, a base
    /// URL its adapter does not accept), or nil: what its adapter says when asked for a provider. Sends nothing.
    public func refusal(of integration: Integration) -> CalendarError? {
        do {
            _ = try providers.provider(for: integration)
            return nil
        } catch let error as CalendarError where error.kind == .configuration {
            return error
        } catch {
            return nil
        }
    }
}
