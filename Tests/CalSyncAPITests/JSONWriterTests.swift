import CalSyncCore
import Foundation
import Testing

@testable import CalSyncAPI

@Suite struct JSONWriterTests {
    @Test func writesNestedContainersWithCommasInTheRightPlaces() {
        var json = JSONWriter()
        json.beginObject()
        json.key("a")
        json.beginArray()
        json.int(1)
        json.int(-2)
        json.beginObject()
        json.endObject()
        json.beginArray()
        json.endArray()
        json.endArray()
        json.key("b")
        json.bool(true)
        json.key("c")
        json.null()
        json.key("d")
        json.string(nil as String?)
        json.key("e")
        json.instant(Timestamp.parse("2026-03-02T09:00:00+01:00")!)
        json.endObject()
        #expect(
            String(decoding: json.bytes, as: UTF8.self)
                == #"{"a":[1,-2,{},[]],"b":true,"c":null,"d":null,"e":"2026-03-02T08:00:00Z"}"#)
    }

    @Test func escapesLikeRFC8259AndRoundTrips() throws {
        let nasty = "quote \" backslash \\ slash / newline \n tab \t nul \u{0} bell \u{7} é 日本 🎉 \u{2028}"
        var json = JSONWriter()
        json.beginObject()
        json.key(nasty)
        json.string(nasty)
        json.endObject()
        let text = String(decoding: json.bytes, as: UTF8.self)
        #expect(text.contains(#"\"#) && text.contains(#"\u0000"#) && text.contains(#"\u0007"#) && text.contains("/"))
        let parsed = try JSONSerialization.jsonObject(with: json.data) as? [String: String]
        #expect(parsed == [nasty: nasty])
    }

    @Test func matchesJSONOutputForTheSameValues() throws {
        var json = JSONWriter()
        json.beginObject()
        json.key("items")
        json.beginArray()
        json.beginObject()
        json.key("allDay")
        json.bool(false)
        json.key("end")
        json.string("2026-03-02T10:00:00Z")
        json.key("ref")
        json.null()
        json.endObject()
        json.endArray()
        json.key("next")
        json.string("a/b")
        json.endObject()
        let expected = JSONOutput.data([
            "items": [["allDay": false, "end": "2026-03-02T10:00:00Z", "ref": jsonNull]], "next": "a/b",
        ])
        #expect(json.data == expected)
    }
}
