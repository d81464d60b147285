import Foundation

/// Graph's error envelope (docs/microsoft-365.md §10):
/// `{"error":{"code","message","innerError":{"code"?, "innerError"?, "request-id", "date", …}}}`.
/// Parsed leniently: any field may be missing, and a body that is not this shape yields nil.
struct GraphErrorBody: Sendable, Hashable {
    /// `error.code` (may be empty: some workloads send `""`).
    var code: String
    var message: String
    /// Codes found while walking nested `innerError`s, outermost first (numeric ones included).
    var innerCodes: [String]
    var requestId: String?

    init(code: String, message: String, innerCodes: [String] = [], requestId: String? = nil) {
        self.code = code
        self.message = message
        self.innerCodes = innerCodes
        self.requestId = requestId
    }

    init?(data: Data) {
        guard !data.isEmpty,
            let root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any]
        else { return nil }
        self.init(object: root)
    }

    init?(object root: [String: Any]) {
        guard let error = root["error"] as? [String: Any] else { return nil }
        code = error["code"] as? String ?? ""
        message = error["message"] as? String ?? ""
        var codes: [String] = []
        var requestId: String?
        var inner = (error["innerError"] ?? error["innererror"]) as? [String: Any]
        var depth = 0
        while let current = inner, depth < 16 {
            if let innerCode = current["code"] as? String, !innerCode.isEmpty { codes.append(innerCode) }
            if requestId == nil { requestId = (current["request-id"] ?? current["requestId"]) as? String }
            inner = (current["innerError"] ?? current["innererror"]) as? [String: Any]
            depth += 1
        }
        innerCodes = codes
        self.requestId = requestId
    }

    /// Every code, outermost first.
    var allCodes: [String] { (code.isEmpty ? [] : [code]) + innerCodes }

    /// The deepest inner code that says more than the outer one (non-numeric, different): Graph
    /// puts status echoes like `"429"` in inner errors, which are not more specific.
    var specificInnerCode: String? {
        innerCodes.last { inner in
            !inner.allSatisfy(\.isNumber) && inner.caseInsensitiveCompare(code) != .orderedSame
        }
    }

    /// The code to report: the outer one, or the most specific inner one when the outer is empty.
    var reportedCode: String? {
        if !code.isEmpty { return code }
        return specificInnerCode ?? innerCodes.first
    }
}
