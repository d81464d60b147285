import CalSyncCore
import CalSyncExchange
import Testing

/// EWS codes in the engine's words, and the admin's explanations.
@Suite struct ExchangeVocabularyTests {
    let vocabulary = ExchangeVocabulary()

    @Test func knownCodesHaveNeutralKinds() {
        #expect(vocabulary.kind(ofCode: "ErrorServerBusy") == .throttled)
        #expect(vocabulary.kind(ofCode: "ErrorInvalidSyncStateData") == .cursorExpired)
        #expect(vocabulary.kind(ofCode: "ErrorItemNotFound") == .notFound)
        #expect(vocabulary.kind(ofCode: "ErrorImpersonateUserDenied") == .permissionMissing)
        #expect(vocabulary.kind(ofCode: "ErrorNonExistentMailbox") == .noCalendar)
        #expect(vocabulary.kind(ofCode: "ErrorMailboxStoreUnavailable") == .transient)
        #expect(vocabulary.kind(ofCode: "AADSTS7000215") == nil)
        let vocabularies = ProviderVocabularies([vocabulary])
        #expect(vocabularies.kind(ofCode: "ErrorInvalidSyncStateData", integration: nil) == .cursorExpired)
    }

    @Test func impersonationRefusedNamesTheRoleAssignment() {
        let explanation = vocabulary.explain(
            code: "ErrorImpersonateUserDenied", httpStatus: 500, context: ErrorExplanation.Context())
        #expect(explanation?.fix?.contains("New-ManagementRoleAssignment") == true)
        #expect(explanation?.fix?.contains("ApplicationImpersonation") == true)
        let logon = vocabulary.explain(code: "authentication", httpStatus: 401, context: ErrorExplanation.Context())
        #expect(logon?.cause.contains("password") == true)
        #expect(
            vocabulary.explain(code: "tls", httpStatus: nil, context: ErrorExplanation.Context())?.fix?.contains("CA file")
                == true)
    }
}
