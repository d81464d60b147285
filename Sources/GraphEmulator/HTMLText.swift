import Foundation

/// The two body conversions Outlook performs: text stored as HTML, and HTML read back as text.
enum HTMLText {
    /// Outlook wraps a text body in a minimal HTML document.
    static func wrap(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\n", with: "<br>\r\n")
        return
            "<html>\r\n<head>\r\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\r\n</head>\r\n<body>\r\n"
            + escaped + "\r\n</body>\r\n</html>\r\n"
    }

    /// Tags dropped (line breaks kept), the common entities decoded, surrounding space trimmed.
    static func plain(_ html: String) -> String {
        var out = ""
        var inTag = false
        var tag = ""
        var skipping = false
        for c in html {
            if c == "<" {
                inTag = true
                tag = ""
            } else if c == ">", inTag {
                inTag = false
                let name = tag.lowercased().split(separator: " ").first.map(String.init) ?? ""
                if name == "head" || name == "style" { skipping = true }
                if name == "/head" || name == "/style" { skipping = false }
                if name == "br" || name == "br/" || name == "/p" || name == "/div" { out += "\n" }
            } else if inTag {
                tag.append(c)
            } else if !skipping {
                out.append(c)
            }
        }
        let decoded = out.replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&")
        return decoded.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
