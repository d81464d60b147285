import Testing

@testable import CalSyncCore

/// Establishment scope (docs/product-rules.md, "Scope"): an integration covers a set of establishments, empty meaning every one;
/// only people of covered establishments are synced.
@Suite struct IntegrationTests {
    func integration(covering establishments: [String]) -> Integration {
        Integration(
            id: "int", name: "Int", tenantId: "t", clientId: "c", clientSecret: Secret("s"),
            establishments: establishments)
    }

    @Test(arguments: [
        // (covered establishments, the person's establishment) → covered?
        ([String](), "paris" as String?, true),
        ([], "anywhere", true),
        ([], nil, true),  // every establishment: a person with none is covered too
        (["paris"], "paris", true),
        (["paris", "lyon"], "lyon", true),
        (["paris", "lyon"], "berlin", false),
        (["paris"], nil, false),  // a set is named: a person with no establishment is in none of it
        (["paris"], "Paris", false),  // establishments are ids: compared exactly
        (["paris"], "", false),
    ])
    func coversEstablishment(covered: [String], establishment: String?, expected: Bool) {
        #expect(integration(covering: covered).covers(establishment: establishment) == expected)
    }
}
