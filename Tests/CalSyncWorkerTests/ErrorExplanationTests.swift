import CalSyncCore
import Testing

@testable import CalSyncWorker

/// One table explains errors: the doctor's token advice, the diagnosis's likely causes and the admin pages'
/// explanations all read `ErrorExplanation`.
@Suite struct ErrorExplanationTests {
    @Test func theDiagnosisAndTheDoctorReadTheSameTable() {
        for (code, status) in [
            ("MailboxNotEnabledForRESTAPI", 404), ("ErrorAccessDenied", 403), ("ErrorInvalidUser", 404),
            ("transient", 503), ("throttled", 429),
        ] {
            let explained = ErrorExplanation.of(code: code, httpStatus: status)
            #expect(explained != nil, "\(code)")
            #expect(SyncDiagnosis.personalCause(code: code, httpStatus: status) == explained?.cause)
        }
        let integration = Integration(
            id: "contoso", name: "Contoso", tenantId: "contoso.example", clientId: "app-1", clientSecret: Secret("s"))
        let error = CalendarError(
            .authentication, httpStatus: 401, code: "invalid_client AADSTS7000215", message: "Invalid secret.")
        let (summary, details) = Doctor.tokenAdvice(error, integration: integration, secretSource: "the variable X")
        let explained = ErrorExplanation.of(
            code: error.code, httpStatus: 401, context: ErrorExplanation.Context(integration, secretPlace: "the variable X"))
        #expect(summary == explained?.cause)
        #expect(details == ["Invalid secret.", explained?.fix].compactMap { $0 })
        #expect(explained?.fix == "put the secret's value (not its secret id) of app app-1 in the variable X")
    }

    @Test func eachKindOfErrorSaysWhatItMeans() {
        #expect(
            ErrorExplanation.of(code: "invalid_client AADSTS7000215", httpStatus: 401)?.cause
                == "wrong client secret (AADSTS7000215)")
        #expect(
            ErrorExplanation.of(code: "invalid_request AADSTS90002", httpStatus: 400)?.fix
                == "the tenant was not found: use the Directory (tenant) ID or a verified domain")
        #expect(
            ErrorExplanation.of(code: "transient", httpStatus: nil)?.cause.contains("an outage, not a mailbox problem") == true)
        #expect(ErrorExplanation.of(code: nil, httpStatus: 502)?.cause.contains("an outage") == true)
        #expect(ErrorExplanation.of(code: "mass_deletion_held", httpStatus: nil)?.fix?.contains("acceptDeletions") == true)
        #expect(ErrorExplanation.of(code: "SomethingNew", httpStatus: 400) == nil)
        #expect(SyncDiagnosis.personalCause(code: "SomethingNew", httpStatus: 400) == "its sync fails")
    }
}
