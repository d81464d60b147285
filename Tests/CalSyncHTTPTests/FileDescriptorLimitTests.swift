import Testing

@testable import CalSyncHTTP

@Suite struct FileDescriptorLimitTests {
    @Test(arguments: [(256, 64), (1_024, 576), (4_096, 2_880), (20_000, 14_808), (65_536, 16_384), (1_048_576, 16_384)])
    func theDefaultCapFollowsTheLimit(descriptors: Int, expected: Int) {
        #expect(FileDescriptorLimit.defaultMaxConnections(descriptors: descriptors) == expected)
    }

    @Test func raisingTheSoftLimitReachesTheHardOne() {
        let soft = FileDescriptorLimit.raiseSoftLimit()
        #expect(soft == FileDescriptorLimit.current().hard)
        #expect(HTTPServerConfiguration().maxConnections == FileDescriptorLimit.defaultMaxConnections(descriptors: soft))
    }
}
