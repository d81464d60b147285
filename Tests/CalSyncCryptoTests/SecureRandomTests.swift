import CalSyncCrypto
import Testing

@Suite struct SecureRandomTests {
    @Test func givesTheBytesAskedForAndNotTheSameTwice() throws {
        let first = try SecureRandom.bytes(32)
        let second = try SecureRandom.bytes(32)
        #expect(first.count == 32)
        #expect(first != second)
        #expect(try SecureRandom.bytes(0).isEmpty)
    }
}
