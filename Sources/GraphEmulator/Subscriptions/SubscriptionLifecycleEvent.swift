/// The lifecycle notifications Outlook resources support, sent on demand through the side door.
public enum SubscriptionLifecycleEvent: String, Sendable, CaseIterable {
    /// The app must renew or reauthorize the subscription, or deliveries pause.
    case reauthorizationRequired
    /// Graph removed the subscription; the emulator removes it too, so the app must create a new one.
    case subscriptionRemoved
    /// Some change notifications were not delivered; the app should pull the mailbox again.
    case missed
}
