import CalSyncHTTP
import Foundation
import Testing

/// `JSONValue.parse` reads JSON as RFC 8259 defines it and refuses the rest, saying where (line and column).
@Suite struct JSONParserTests {
    /// The error's text, or nil when `text` parsed.
    func refusal(_ text: String) -> String? { refusal(Data(text.utf8)) }

    func refusal(_ data: Data) -> String? {
        do {
            _ = try JSONValue.parse(data)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func wellFormedDocumentsReadAsBefore() throws {
        let text = #" { "a": [1, -2.5e3, 0, true, false, null], "b": {"c": "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"}, "": [] } "#
        let value = try JSONValue.parse(Data(text.utf8))
        #expect(value["a"] == [1, -2500, 0, true, false, nil])
        #expect(value["b"]?["c"] == "x\"\\/\u{8}\u{c}\n\r\té😀")
        #expect(value[""] == [])
        #expect(try JSONValue.parse(Data("\u{FEFF}{}".utf8)) == [:])  // a byte order mark is ignored
        #expect(try JSONValue.parse(Data(#""é""#.utf8)) == "é")
        #expect(try JSONValue.parse(Data("12345678901234".utf8)) == 12_345_678_901_234)
        #expect(try JSONValue.parse(Data("[1E2, 1e-2, -0]".utf8)) == [100, .number(0.01), 0])
    }

    @Test(arguments: [
        (#"{"a": 1,}"#, "line 1, column 8: a trailing comma before } (JSON allows none)"),
        ("[1, 2,\n]", "line 1, column 6: a trailing comma before ] (JSON allows none)"),
        ("{\n  \"a\": 1 // one\n}", "line 2, column 10: a comment (JSON allows none)"),
        ("/* c */ {}", "line 1, column 1: a comment (JSON allows none)"),
        (#"{'a': 1}"#, "line 1, column 2: a key in single quotes (JSON needs double quotes)"),
        (#"{a: 1}"#, "line 1, column 2: a key without quotes (JSON needs double quotes)"),
        (#"["a', 1]"#, "line 1, column 2: a string that does not end"),
        (#"{"a": 'b'}"#, "line 1, column 7: a string in single quotes (JSON needs double quotes)"),
        (#"{"a" 1}"#, "line 1, column 6: expected : after the key"),
        (#"{"a": 1 "b": 2}"#, "line 1, column 9: expected , or } after a value"),
        (#"[1 2]"#, "line 1, column 4: expected , or ] after a value"),
        (#"{"a": }"#, "line 1, column 7: expected a value, found }"),
        (#"{"a": NaN}"#, "line 1, column 7: expected a value, found NaN"),
        (#"{"a": tru}"#, "line 1, column 7: expected a value, found tru"),
        (#"[01]"#, "line 1, column 2: a number JSON does not allow (no leading zeros, no + sign, digits on both sides of .)"),
        (#"[+1]"#, "line 1, column 2: a number JSON does not allow (no leading zeros, no + sign, digits on both sides of .)"),
        (#"[.5]"#, "line 1, column 2: a number JSON does not allow (no leading zeros, no + sign, digits on both sides of .)"),
        (#"[1.]"#, "line 1, column 2: a number JSON does not allow (no leading zeros, no + sign, digits on both sides of .)"),
        (#"[1e]"#, "line 1, column 2: a number JSON does not allow (no leading zeros, no + sign, digits on both sides of .)"),
        (#"[0x10]"#, "line 1, column 3: expected , or ] after a value"),
        (#"[1e999]"#, "line 1, column 2: a number too large"),
        ("[\"a\tb\"]", "line 1, column 4: a control character in a string (write it as \\n, \\t or \\u00XX)"),
        (#"["\q"]"#, "line 1, column 3: an escape JSON does not have: \\q"),
        (#"["\u12G4"]"#, "line 1, column 3: \\u needs four hexadecimal digits"),
        (#"["\ud800"]"#, "line 1, column 3: a \\u escape for half a character (an unpaired surrogate)"),
        (#"["\udc00\ud800"]"#, "line 1, column 3: a \\u escape for half a character (an unpaired surrogate)"),
        (#"{"a": 1} {"b": 2}"#, "line 1, column 10: more text after the JSON value"),
        (#"{"a": 1, "a": 2}"#, #"line 1, column 10: the key "a" appears twice in this object"#),
        ("", "line 1, column 1: the text is empty"),
        ("  \n ", "line 2, column 2: the text is empty"),
        (#"{"a": [1, 2"#, "line 1, column 12: the text ends inside a list"),
        (#"{"a": 1"#, "line 1, column 8: the text ends inside an object"),
        ("[\"é\", x]", "line 1, column 7: expected a value, found x"),
        ("[\u{01}]", "line 1, column 2: expected a value, found U+0001"),
        ("[é]", "line 1, column 2: expected a value, found é"),
    ])
    func whatJSONRefusesIsRefusedWithItsPlace(text: String, message: String) {
        #expect(refusal(text) == message, "\(text)")
    }

    @Test func invalidUTF8AndDeepNestingAreRefusedNotCrashedOn() throws {
        let invalid = Data([0x5B, 0x22, 0xC3, 0x28, 0x22, 0x5D])  // ["\xC3("]
        #expect(refusal(invalid) == "line 1, column 2: a string that is not valid UTF-8")
        #expect(refusal(String(repeating: "[", count: 100_000)) == "line 1, column 513: more than 512 nested lists and objects")
        let nested = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(refusal(nested) == nil)
    }
}
