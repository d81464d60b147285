extension OperationRecord {
    /// What the operation is doing now (`OperationState`): its status, or `retrying` for a pending one already tried.
    public var state: OperationState { OperationState(self) }

    /// Tried, failed, and waiting for its next try.
    public var isRetrying: Bool { state == .retrying }
}
