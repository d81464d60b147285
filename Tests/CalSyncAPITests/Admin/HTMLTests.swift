import Testing

@testable import CalSyncAPI

@Suite struct HTMLTests {
    @Test func interpolatedTextIsEscapedAndMarkupIsKept() {
        let name = "<script>alert('x')</script> & \"friends\""
        let cell: HTML = "<td title=\"\(name)\">\(name)</td>"
        #expect(
            cell.rendered
                == "<td title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;\">"
                + "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;</td>")
        let rows: [HTML] = ["<tr>\(1)</tr>", "<tr>\(2)</tr>"]
        let table: HTML = "<table>\(rows)\(cell)</table>"
        #expect(table.rendered.hasPrefix("<table><tr>1</tr><tr>2</tr><td title="))
    }

    @Test func plainTextIsLeftAlone() {
        #expect(HTML.escape("Zoë Martin, Paris") == "Zoë Martin, Paris")
        #expect(HTML.text("a<b").rendered == "a&lt;b")
        #expect(HTML.joined(["<b>", "</b>"], separator: "x").rendered == "<b>x</b>")
        let absent: HTML? = nil
        #expect(("<p>\(absent)</p>" as HTML).rendered == "<p></p>")
    }
}
