/// The viewer's choice of time zone for every time the admin pages show (kept in the session), or automatic: each
/// page's default (a person's mailbox zone on their week, else UTC).
enum TimeZonePage {
    static func render(chosen: String?, returnTo: String, session: AdminSession) -> HTML {
        let choices =
            [(value: "", label: "Automatic: a person's mailbox zone on their week, else UTC")]
            + DisplayZone.choices.map { (value: $0, label: $0) }
        return AdminLayout.page(
            "Time zone", session: session, current: nil,
            """
            <p>Every time on the admin pages is shown in this zone. A link may also name one for a single view \
            (<code>?tz=Europe/Paris</code>).</p>
            <form class="card row" method="post" action="\(AdminPaths.timeZone)">\(Widgets.csrf(session))
            <input type="hidden" name="return" value="\(returnTo)">
            <div><label for="tz">Show times in</label><select id="tz" name="tz">\(Widgets.options(choices, selected: chosen ?? ""))</select></div>
            <button type="submit">Use this zone</button>
            </form>
            <p><a href="\(returnTo)">Back</a></p>
            """)
    }
}
