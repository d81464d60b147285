/// The named property (MAPI) in which Exchange keeps CalSync's tag on each pushed event: Microsoft Graph calls it
/// a single-value extended property, EWS an extended field property. The same property serves both, so an event
/// pushed through one is found through the other.
public enum CalSyncNamedProperty {
    /// The property set GUID: CalSync's own, and it must never change.
    public static let propertySetId = "6B5C8D0F-2A1E-4C3B-9F7E-CA15C0DE5EC1"
    /// The property's name (matched case-sensitively by Exchange).
    public static let name = "CalSyncItem"
    /// Graph's id of the property: byte-identical in every request.
    public static let graphId = "String {\(propertySetId)} Name \(name)"
}
