import Testing

@testable import CalSyncHTTP

@Suite struct HTTPHeadersTests {
    @Test func namesMatchCaseInsensitivelyOnLettersOnly() {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "X-Request-Id": "abc", "x-ms-a": "1"]
        headers.add("X-MS-A", "2")
        #expect(headers["content-type"] == "application/json")
        #expect(headers["CONTENT-TYPE"] == "application/json")
        #expect(headers["x-request-id"] == "abc")
        #expect(headers.values("X-Ms-A") == ["1", "2"])
        // Only letters fold: `-` (0x2D) and `\r` (0x0D) differ by 0x20 but are different names.
        #expect(headers["Content\rType"] == nil)
        #expect(headers["Content-Typ"] == nil)
        #expect(headers["Content-Types"] == nil)
        #expect(HTTPHeaders.sameName("[", "{") == false)
        #expect(HTTPHeaders.sameName("@", "`") == false)
        headers.remove("X-MS-A")
        #expect(headers.values("x-ms-a").isEmpty)
        #expect(headers["content-type"] == "application/json")
    }
}
