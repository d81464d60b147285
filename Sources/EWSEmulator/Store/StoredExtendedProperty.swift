/// An extended property set on an item: how it was first addressed, and its value.
struct StoredExtendedProperty: Sendable, Hashable {
    var uri: ExtendedFieldURI
    var value: ExtendedPropertyValue
}
