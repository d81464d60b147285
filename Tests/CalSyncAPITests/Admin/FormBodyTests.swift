import Foundation
import Testing

@testable import CalSyncAPI

@Suite struct FormBodyTests {
    func parse(_ text: String) throws -> FormBody { try FormBody.parse(Data(text.utf8)) }

    @Test func decodesAsBrowsersEncode() throws {
        let form = try parse("name=Zo%C3%AB+Martin&empty=&establishments=paris&establishments=lyon&sym=%26%3D%2B")
        #expect(try form.value("name") == "Zoë Martin")
        #expect(try form.value("empty") == "")
        #expect(try form.text("empty") == nil)
        #expect(form.values("establishments") == ["paris", "lyon"])
        #expect(try form.value("sym") == "&=+")
        #expect(try form.value("missing") == nil)
        #expect(try parse("").fields.isEmpty)
    }

    @Test(arguments: [
        "novalue", "a=1&&b=2", "a=%4", "a=%zz", "a=%FF%FE", "=x", "a=1%00", "a=\u{7F}",
        String(repeating: "n", count: 65) + "=1",
    ])
    func refusesMalformedBodies(_ body: String) {
        #expect(throws: AdminError.self) { try parse(body) }
        do { _ = try parse(body) } catch let error as AdminError { #expect(error.status == 400) } catch {}
    }

    @Test func enforcesItsLimits() throws {
        let many = (0...FormBody.maxFields).map { "f\($0)=1" }.joined(separator: "&")
        #expect(throws: AdminError(400, "The form has more than \(FormBody.maxFields) fields.")) { try parse(many) }
        let long = "a=" + String(repeating: "x", count: FormBody.maxValueLength + 1)
        #expect(throws: AdminError.self) { try parse(long) }
        let huge = Data(repeating: UInt8(ascii: "x"), count: FormBody.maxBytes + 1)
        #expect(throws: AdminError(413, "The form is larger than 64 KiB.")) { try FormBody.parse(huge) }
    }

    @Test func repeatedSingleFieldsAndUnknownFieldsAreRefused() throws {
        let form = try parse("token=a&token=b&_csrf=x")
        #expect(throws: AdminError.self) { try form.value("token") }
        #expect(throws: AdminError.self) { try form.allowOnly(["other"]) }
        try form.allowOnly(["token"])
    }
}
