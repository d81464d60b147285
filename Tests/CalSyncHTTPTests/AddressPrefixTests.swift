import Testing

@testable import CalSyncHTTP

@Suite struct AddressPrefixTests {
    @Test(arguments: [
        ("127.0.0.0/8", "127.0.0.1", true),
        ("127.0.0.0/8", "127.255.3.4", true),
        ("127.0.0.0/8", "128.0.0.1", false),
        ("127.0.0.0/8", "::ffff:127.0.0.1", true),  // an IPv4 client on a dual-stack socket
        ("::1", "::1", true),
        ("::1", "::2", false),
        ("::1", "127.0.0.1", false),
        ("10.0.0.5", "10.0.0.5", true),
        ("10.0.0.5", "10.0.0.6", false),
        ("10.1.2.3/16", "10.1.200.7", true),  // host bits in the prefix are ignored
        ("10.1.2.3/16", "10.2.0.1", false),
        ("172.16.0.0/12", "172.31.255.255", true),
        ("172.16.0.0/12", "172.32.0.0", false),
        ("fd00::/8", "fd12:3456::1", true),
        ("fd00::/8", "fe80::1", false),
        ("2001:db8::/32", "2001:db8:ffff::9", true),
        ("0.0.0.0/0", "203.0.113.9", true),
        ("0.0.0.0/0", "2001:db8::1", false),
        ("10.0.0.0/8", "not an address", false),
    ])
    func matching(prefix: String, address: String, expected: Bool) throws {
        let parsed = try #require(AddressPrefix(prefix))
        #expect(parsed.contains(address) == expected)
    }

    @Test(arguments: [
        "", "proxy.local", "10.0.0.1/33", "::1/129", "10.0.0.1/", "10.0.0.1/x", "10.0.0.1/8/8", "1.2.3", "10.0.0.1/+8",
    ])
    func refusesWhatIsNotAnAddressOrPrefix(text: String) {
        #expect(AddressPrefix(text) == nil)
    }

    @Test func describesItselfInCanonicalForm() {
        #expect(AddressPrefix("10.1.2.3/16")?.description == "10.1.0.0/16")
        #expect(AddressPrefix("0:0:0:0:0:0:0:1")?.description == "::1")
        #expect(AddressPrefix.loopback.map(\.description) == ["127.0.0.0/8", "::1"])
    }

    @Test func countsIPv4MappedClientsAsIPv4() {
        #expect(AddressPrefix.canonical("::ffff:203.0.113.9") == "203.0.113.9")
        #expect(AddressPrefix.canonical("2001:db8::1") == "2001:db8::1")
    }
}
