import CalSyncCore
import CalSyncStore
import Foundation
import GraphEmulator
import Testing

@testable import calsync

@Suite struct DemoStoryTests {
    /// The demo's world in a store, its integration's settings as an admin left them.
    func story(settings: SyncSettings) async throws -> DemoStory {
        let demo = DemoTenant(today: LocalDate(Date(), in: TimeZone(identifier: "UTC")!))
        let emulator = GraphEmulator(tenant: demo.tenant, configuration: EmulatorConfiguration(), zones: .bundled)
        let store = try CalSyncStore(path: ":memory:")
        try await store.saveIntegration(
            Integration(
                id: "contoso", name: "Contoso", tenantId: DemoTenant.tenantId, clientId: DemoTenant.clientId,
                clientSecret: demo.clientSecret, graphBaseURL: "http://127.0.0.1:9/v1.0", authorityHost: "http://127.0.0.1:9",
                settings: settings, createdAt: Date()))
        for instructor in demo.instructors { _ = try await store.saveInstructor(instructor) }
        for event in demo.trainingEvents { try await store.saveTrainingEvent(event) }
        for absence in demo.absences { try await store.saveAbsence(absence) }
        return DemoStory(calendars: GraphDemoCalendars(emulator: emulator, ana: demo.tenant.users[0].id), store: store)
    }

    @Test func theStoryHasAStepAfterEachCycleTheHelpLists() async throws {
        let story = try await story(settings: SyncSettings())
        var steps: [String?] = []
        for cycle in 1...DemoStory.cyclesForTheWholeStory { steps.append(await story.step(after: cycle)) }
        #expect(steps.count == 8)
        #expect(steps.dropLast().allSatisfy { $0 != nil && $0?.hasPrefix("story step failed") == false })
        #expect(steps.last == .some(nil))
        #expect(steps[5] == "HR approves Ben's leave next week (the same calendar event becomes busy)")
        #expect(DemoCommand.help.contains("The whole story takes 8 cycles (--interval 3 tells it in about half a minute)"))
        #expect(DemoCommand.help.contains("  6. HR approves Ben's pending leave\n  7. Ben cancels his leave"))
    }

    @Test func anAbsenceShowsAsTheIntegrationsCurrentSettingSay() async throws {
        var settings = SyncSettings()
        settings.absenceShowAs = "oof"
        let story = try await story(settings: settings)
        let leave = PushKey(integrationId: "contoso", itemKind: .absence, itemId: "a-ben-leave~days", instructorId: "i-ben")
        #expect(await story.absenceDetail(leave).hasSuffix(", tentative)"))  // pending: tentative, whatever the setting
        for cycle in 1...5 { _ = await story.step(after: cycle) }
        #expect(await story.step(after: 6) == "HR approves Ben's leave next week (the same calendar event becomes oof)")
        #expect(await story.absenceDetail(leave).hasSuffix(", oof)"))
        let afternoon = PushKey(integrationId: "contoso", itemKind: .absence, itemId: "a-ana-pm~pm", instructorId: "i-ana")
        #expect(await story.absenceDetail(afternoon).hasSuffix(", oof)"))
    }
}
