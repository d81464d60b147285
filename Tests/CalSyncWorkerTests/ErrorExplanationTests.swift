import CalSyncCore
import Testing

@testable import CalSyncGraph
@testable import CalSyncWorker

/// One table explains errors: the doctor's token advice, the diagnosis's likely causes and the admin pages'
/// explanations all read `ErrorExplanation`.
@Suite struct ErrorExplanationTests {
    @Test func theDiagnosisAndTheDoctorReadTheSameTable() {
        for (code, status) in [
            ("MailboxNotEnabledForRESTAPI", 404), ("ErrorAccessDenied", 403), ("ErrorInvalidUser", 404),
            ("transient", 503), ("throttled", 429),
        ] {
            let explained = ErrorExplanation.of(code: code, httpStatus: status, vocabulary: GraphVocabulary())
            #expect(explained != nil, "\(code)")
            #expect(
                SyncDiagnosis.personalCause(code: code, httpStatus: status, vocabulary: GraphVocabulary()) == explained?.cause)
        }
        let integration = Integration(
            id: "contoso", name: "Contoso", tenantId: "contoso.example", clientId: "app-1", clientSecret: Secret("s"))
        let error = CalendarError(
            .credentialsRejected, httpStatus: 401, providerCode: "invalid_client AADSTS7000215", message: "Invalid secret.")
        let (summary, details) = GraphConnectionDoctor.tokenAdvice(
            error, integration: integration, secretSource: "the variable X")
        let explained = ErrorExplanation.of(
            code: error.providerCode, httpStatus: 401,
            context: ErrorExplanation.Context(integration, secretPlace: "the variable X"), vocabulary: GraphVocabulary())
        #expect(summary == explained?.cause)
        #expect(details == ["Invalid secret.", explained?.fix].compactMap { $0 })
        #expect(explained?.fix == "put the secret's value (not its secret id) of app app-1 in the variable X")
    }

    @Test func eachKindOfErrorSaysWhatItMeans() {
        #expect(
            ErrorExplanation.of(code: "invalid_client AADSTS7000215", httpStatus: 401, vocabulary: GraphVocabulary())?.cause
                == "wrong client secret (AADSTS7000215)")
        #expect(
            ErrorExplanation.of(code: "invalid_request AADSTS90002", httpStatus: 400, vocabulary: GraphVocabulary())?.fix
                == "the tenant was not found: use the Directory (tenant) ID or a verified domain")
        #expect(
            ErrorExplanation.of(code: "transient", httpStatus: nil, vocabulary: GraphVocabulary())?.cause.contains(
                "an outage, not a mailbox problem") == true)
        #expect(
            ErrorExplanation.of(code: nil, httpStatus: 502, vocabulary: GraphVocabulary())?.cause.contains("an outage") == true)
        #expect(
            ErrorExplanation.of(code: "mass_deletion_held", httpStatus: nil, vocabulary: GraphVocabulary())?.fix?.contains(
                "acceptDeletions") == true)
        #expect(ErrorExplanation.of(code: "SomethingNew", httpStatus: 400, vocabulary: GraphVocabulary()) == nil)
        #expect(
            SyncDiagnosis.personalCause(code: "SomethingNew", httpStatus: 400, vocabulary: GraphVocabulary()) == "its sync fails")
    }
}
