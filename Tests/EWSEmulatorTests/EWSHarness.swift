import CalSyncCore
import CalSyncHTTP
import CalSyncTesting
import Foundation

@testable import EWSEmulator

/// One emulator loaded from the Exchange tenant file at a fixed date (Monday 2 March 2026, 08:00 in Paris), plus
/// helpers to send SOAP requests in process, logged on with Basic as `CONTOSO\svc-calsync` unless told otherwise.
struct EWSHarness {
    static let tenantPath = Fixtures.path("tenants/exchange-contoso.json")
    static let jane = "jane.doe@contoso.example"
    static let ben = "ben.smith@contoso.example"
    static let password = "Calsync-Demo-2026!"
    static let propertySet = "6b5c8d0f-2a1e-4c3b-9f7e-ca15c0de5ec1"

    let emulator: EWSEmulator
    let clock: ManualClock

    init(
        configuration: EWSConfiguration = EWSConfiguration(), now: String = "2026-03-02T07:00:00Z",
        edit: (inout EWSTenant) -> Void = { _ in }
    ) throws {
        var tenant = try EWSTenant(contentsOf: Self.tenantPath)
        edit(&tenant)
        clock = ManualClock(Timestamp.parse(now)!)
        emulator = EWSEmulator(tenant: tenant, configuration: configuration, clock: clock)
    }

    /// An envelope around `body` (the operation element, `m:` and `t:` prefixes bound).
    static func envelope(
        _ body: String, version: String? = "Exchange2013_SP1", impersonate: String? = jane,
        kind: String = "PrimarySmtpAddress", timeZone: String? = nil
    ) -> String {
        var header = ""
        if let version { header += #"<t:RequestServerVersion Version="\#(version)"/>"# }
        if let impersonate {
            header +=
                "<t:ExchangeImpersonation><t:ConnectingSID><t:\(kind)>\(impersonate)</t:\(kind)></t:ConnectingSID></t:ExchangeImpersonation>"
        }
        if let timeZone { header += #"<t:TimeZoneContext><t:TimeZoneDefinition Id="\#(timeZone)"/></t:TimeZoneContext>"# }
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" \
            xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" \
            xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
            <s:Header>\(header)</s:Header>
            <s:Body>\(body)</s:Body>
            </s:Envelope>
            """
    }

    static func basic(_ user: String = #"CONTOSO\svc-calsync"#, _ password: String = password) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// Sends a body (wrapped in an envelope unless it already is one) as an impersonating service account.
    func soap(
        _ body: String, version: String? = "Exchange2013_SP1", impersonate: String? = jane, kind: String = "PrimarySmtpAddress",
        timeZone: String? = nil, authorization: String? = basic(), anchor: String? = nil, connection: HTTPConnectionContext? = nil
    ) async -> EWSReply {
        let document =
            body.hasPrefix("<?xml") || body.hasPrefix("<s:Envelope")
            ? body : Self.envelope(body, version: version, impersonate: impersonate, kind: kind, timeZone: timeZone)
        var headers: HTTPHeaders = ["Content-Type": "text/xml; charset=utf-8"]
        if let authorization { headers["Authorization"] = authorization }
        if let target = anchor ?? impersonate { headers["X-AnchorMailbox"] = target }
        return await post(Data(document.utf8), headers: headers, connection: connection)
    }

    func post(_ body: Data, headers: HTTPHeaders, connection: HTTPConnectionContext? = nil, path: String = "/EWS/Exchange.asmx")
        async -> EWSReply
    {
        let request = HTTPRequest(method: .post, target: path, headers: headers, body: body, connection: connection)
        let response = await emulator.respond(to: request)
        response.onDelivered?()
        return EWSReply(response: response)
    }

    /// A side-door request with a JSON body.
    func side(_ method: HTTPMethod, _ path: String, _ json: String? = nil) async -> EWSReply {
        let request = HTTPRequest(method: method, target: "/_emulator/" + path, body: Data((json ?? "").utf8))
        return EWSReply(response: await emulator.respond(to: request))
    }

    /// Jane's stored items by subject (side door).
    func stored(_ mailbox: String = jane) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for item in emulator.items(mailbox: mailbox) { result[item["subject"]?.stringValue ?? ""] = item }
        return result
    }
}
