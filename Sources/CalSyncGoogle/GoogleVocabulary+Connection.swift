import CalSyncCore

// MARK: - The connection in reports, the doctor's advice and the admin pages

extension GoogleVocabulary {
    public func describe(_ connection: Connection) -> String {
        guard let google = connection.google else { return connection.type }
        return "service account \(google.serviceAccount.clientEmail), client id \(google.serviceAccount.clientId), "
            + "Google \(google.googleBaseURL)"
    }

    public func advice(for connection: Connection) -> ConnectionAdvice {
        let google = connection.google
        let clientId = google?.serviceAccount.clientId ?? "?"
        let scopes = GoogleConnectionDoctor.scopes(for: google).joined(separator: ",")
        return ConnectionAdvice(
            directoryRefused: "domain-wide delegation lacks \(GoogleScope.directory) for client id \(clientId), or "
                + "adminEmail is not an administrator",
            serviceAddress: "check googleBaseURL (\(google?.googleBaseURL ?? GoogleConnection.defaultServiceURL)): "
                + "it should be \(GoogleConnection.defaultServiceURL)",
            authenticationFailing: "all operations fail on authentication: check the key file, and that client id "
                + "\(clientId) is authorised for exactly \(scopes) (Manage domain-wide delegation)",
            notAnswering: "the Google token endpoint or Calendar API is not answering. Check the network, the key "
                + "file's token_uri and googleBaseURL.",
            calendarsRefused: "domain-wide delegation for client id \(clientId) and \(scopes) is missing, or the "
                + "Google Calendar API is disabled in the project; either excludes")
    }

    public var connectionForm: ConnectionForm {
        ConnectionForm(
            typeLabel: "Google Workspace",
            fields: [
                .init(
                    name: "serviceAccountKey", controlId: "key", label: "Service-account key file (JSON)",
                    shortLabel: "Key file", control: .document),
                .init(
                    name: "adminEmail", controlId: "admin", label: "Admin address for the directory",
                    shortLabel: "Directory admin", isRequired: false),
                .init(
                    name: "googleBaseURL", controlId: "google", label: "Google URL", control: .url, isRequired: false,
                    placeholder: GoogleConnection.defaultServiceURL),
                .init(name: "clientEmail", controlId: "email", label: "Service account", control: .shown, isRequired: false),
                .init(
                    name: "clientId", controlId: "clientid", label: "Client id (to authorise)", control: .shown,
                    isRequired: false),
                .init(name: "scopes", controlId: "scopes", label: "Scopes to authorise", control: .shown, isRequired: false),
                .init(name: "privateKeyId", controlId: "keyid", label: "Key id", control: .shown, isRequired: false),
                .init(name: "tokenURI", controlId: "token", label: "Token endpoint", control: .shown, isRequired: false),
            ])
    }

    public func shownSettings(of connection: Connection) -> [String: String] {
        guard let google = connection.google else { return [:] }
        return [
            "adminEmail": google.adminEmail ?? "none (each person's address is tried as their calendar)",
            "googleBaseURL": google.googleBaseURL, "clientEmail": google.serviceAccount.clientEmail,
            "clientId": google.serviceAccount.clientId,
            "scopes": GoogleConnectionDoctor.scopes(for: google).joined(separator: ","),
            "privateKeyId": google.serviceAccount.privateKeyId ?? "none", "tokenURI": google.serviceAccount.tokenURI,
        ]
    }
}
