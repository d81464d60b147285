/// A `t:Value Name="…"` entry of a MessageXml.
struct EWSMessageValue: Sendable, Equatable {
    var name: String
    var value: String
}
