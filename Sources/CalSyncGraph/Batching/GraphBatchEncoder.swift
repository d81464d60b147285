import Foundation

/// Writes `{"requests":[…]}` for a `$batch` POST. Bodies are embedded as JSON (they are JSON
/// documents already); a body that is not valid JSON is sent base64-encoded, as the doc allows.
public enum GraphBatchEncoder {
    public static func encode(_ items: [GraphBatchItem]) -> Data {
        var out = Data(#"{"requests":["#.utf8)
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            var object =
                #"{"id":"# + quoted(item.id) + #","method":"# + quoted(item.method.rawValue) + #","url":"#
                + quoted(item.url)
            if !item.headers.isEmpty {
                let fields = item.headers.sorted { $0.key < $1.key }.map { quoted($0.key) + ":" + quoted($0.value) }
                object += #","headers":{"# + fields.joined(separator: ",") + "}"
            }
            out.append(contentsOf: object.utf8)
            if let body = item.body {
                out.append(contentsOf: #","body":"#.utf8)
                if (try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])) != nil {
                    out.append(body)
                } else {
                    out.append(contentsOf: quoted(body.base64EncodedString()).utf8)
                }
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }

    static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [])) ?? Data("[\"\"]".utf8)
        // ["…"] → "…"
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
}
