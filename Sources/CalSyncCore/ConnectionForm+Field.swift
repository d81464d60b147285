extension ConnectionForm {
    /// One setting of a connection.
    public struct Field: Sendable, Hashable {
        /// What the form control takes.
        public enum Control: String, Sendable, Hashable {
            case text
            /// Write-only: never filled in again, never shown.
            case secret
            case url
            /// Write-only text of several lines (a key file), pasted: never filled in again, never shown.
            case document
            /// Shown on the integration's page, never asked for (what a credential reveals of itself).
            case shown
            /// A whole number (sent as a JSON number).
            case number
            /// One of `choices`.
            case choice
        }

        /// The field's name in the API's integration body (and in the form).
        public var name: String
        /// A short name for the form control's id (`new-<controlId>`).
        public var controlId: String
        /// The label on the create form ("Tenant id or domain").
        public var label: String
        /// The label beside the stored value on the integration's page ("Tenant").
        public var shortLabel: String
        public var control: Control
        public var isRequired: Bool
        /// What the field holds when left blank (an optional URL's default).
        public var placeholder: String?
        /// The values a `.choice` field offers (the first is its default).
        public var choices: [String]

        public init(
            name: String, controlId: String, label: String, shortLabel: String? = nil, control: Control = .text,
            isRequired: Bool = true, placeholder: String? = nil, choices: [String] = []
        ) {
            self.name = name
            self.controlId = controlId
            self.label = label
            self.shortLabel = shortLabel ?? label
            self.control = control
            self.isRequired = isRequired
            self.placeholder = placeholder
            self.choices = choices
        }
    }
}
