extension PushKey {
    /// The scheduler's id of the item: an absence's id without the part of the key (`a-1` for `a-1~days`), a training
    /// event's id as it is.
    public var schedulerItemId: String {
        itemKind == .absence ? AbsenceRules.absenceId(ofItem: itemId) : itemId
    }

    /// Which calendar entry of an absence the key is (`days`, `am`, `pm` or `day`); nil for a training event.
    public var part: String? {
        itemKind == .absence ? AbsenceRules.part(ofItem: itemId) : nil
    }
}
