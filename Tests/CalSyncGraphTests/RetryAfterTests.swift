import CalSyncGraph
import CalSyncProviderKit
import Foundation
import Testing

@Suite struct RetryAfterTests {
    let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT

    @Test(arguments: [("10", 10.0), ("2.128", 2.128), ("0.249", 0.249), (" 7 ", 7.0), ("0", 0.0), (".5", 0.5)])
    func decimalSeconds(value: String, expected: Double) {
        #expect(RetryAfter.seconds(from: value, now: now) == expected)
    }

    @Test(arguments: ["", "soon", "-1", "1e3", "0x10", "inf", "nan", "1.2.3", "+5"])
    func garbageIsIgnored(value: String) {
        #expect(RetryAfter.seconds(from: value, now: now) == nil)
    }

    @Test func httpDatesAreRelativeToTheClock() {
        #expect(RetryAfter.seconds(from: "Sun, 06 Nov 1994 08:50:07 GMT", now: now) == 30)
        #expect(RetryAfter.seconds(from: "Sunday, 06-Nov-94 08:50:37 GMT", now: now) == 60)
        #expect(RetryAfter.seconds(from: "Sun Nov  6 08:49:47 1994", now: now) == 10)
    }

    @Test func aDateInThePastMeansNoWait() {
        #expect(RetryAfter.seconds(from: "Sun, 06 Nov 1994 08:00:00 GMT", now: now) == 0)
    }
}
