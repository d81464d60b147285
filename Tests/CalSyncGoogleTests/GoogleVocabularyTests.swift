import CalSyncCore
import CalSyncGoogle
import Testing

/// The codes the adapter records, as the diagnosis reads them back.
@Suite struct GoogleVocabularyTests {
    @Test func everyRecordedCodeHasItsKind() {
        let vocabulary = GoogleVocabulary()
        let cases: [(String, CalendarError.Kind)] = [
            ("unauthorized_client", .permissionMissing), ("invalid_grant user", .noCalendar),
            ("invalid_request user", .noCalendar), ("invalid_grant signature", .credentialsRejected),
            ("invalid_grant clock", .credentialsRejected), ("invalid_grant account", .credentialsRejected),
            ("rateLimitExceeded", .throttled), ("quotaExceeded", .throttled), ("fullSyncRequired", .cursorExpired),
            ("deleted", .notFound), ("notFound", .notFound), ("forbidden", .permissionMissing),
            ("invalid_service_account_key", .configuration), ("backendError", .transient),
        ]
        for (code, kind) in cases { #expect(vocabulary.kind(ofCode: code) == kind, "\(code)") }
        #expect(vocabulary.kind(ofCode: "somethingElse") == nil)
        #expect(vocabulary.connectionType == "google")
    }

    @Test func theAdminIsToldWhatToFix() throws {
        let vocabulary = GoogleVocabulary()
        let context = ErrorExplanation.Context()
        let delegation = try #require(vocabulary.explain(code: "unauthorized_client", httpStatus: 401, context: context))
        #expect(delegation.fix?.contains("Manage domain-wide delegation") == true)
        #expect(delegation.fix?.contains(GoogleScope.calendar) == true)
        #expect(
            vocabulary.explain(code: "invalid_grant user", httpStatus: 400, context: context)?.cause
                == "not an active user of the Google Workspace domain")
        #expect(
            vocabulary.explain(code: "invalid_grant clock", httpStatus: 400, context: context)?.fix
                == "synchronise the clock (NTP)")
        #expect(vocabulary.explain(code: "fullSyncRequired", httpStatus: 410, context: context) == nil)
    }
}
