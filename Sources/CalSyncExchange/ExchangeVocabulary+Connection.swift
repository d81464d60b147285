import CalSyncCore

// MARK: - The connection in an administrator's words (reports, the doctor, the admin pages)

extension ExchangeVocabulary {
    public func describe(_ connection: Connection) -> String {
        guard let exchange = connection.exchange else { return connection.type }
        return "EWS \(exchange.ewsURL), \(exchange.authScheme.rawValue) logon as \(exchange.username)"
    }

    public func advice(for connection: Connection) -> ConnectionAdvice {
        let url = connection.exchange?.ewsURL ?? "the EWS URL"
        return ConnectionAdvice(
            directoryRefused:
                "the service account may not look people up (ResolveNames) or act as them (the ApplicationImpersonation "
                + "role)",
            serviceAddress: "check the EWS URL (\(url)): it should end in /EWS/Exchange.asmx",
            authenticationFailing:
                "all operations fail on authentication: check the service account's user name and password (a refused "
                + "password is not tried again until it changes)",
            notAnswering: "Exchange is not answering. Check the EWS URL, the firewall and the CA file.",
            calendarsRefused: "the ApplicationImpersonation role is missing or its scope excludes")
    }

    public var connectionForm: ConnectionForm {
        ConnectionForm(
            typeLabel: "Exchange Server",
            fields: [
                .init(
                    name: "ewsURL", controlId: "ews", label: "EWS URL", control: .url,
                    placeholder: "https://mail.example.com/EWS/Exchange.asmx"),
                .init(
                    name: "username", controlId: "username", label: #"Service account (DOMAIN\user or user@domain)"#,
                    shortLabel: "Service account"),
                .init(name: "password", controlId: "password", label: "Password", control: .secret),
                .init(
                    name: "authScheme", controlId: "auth", label: "Logon", control: .choice, isRequired: false,
                    choices: ExchangeConnection.AuthScheme.allCases.map(\.rawValue)),
                .init(
                    name: "caFile", controlId: "ca", label: "CA file (absolute path of a PEM file)", shortLabel: "CA file",
                    isRequired: false, placeholder: "the system's certificate authorities"),
                .init(
                    name: "serverVersion", controlId: "version", label: "EWS schema version", isRequired: false,
                    placeholder: ExchangeConnection.defaultServerVersion),
                .init(
                    name: "inFlightLimit", controlId: "inflight", label: "Requests in flight for the account",
                    shortLabel: "In-flight limit", control: .number, isRequired: false,
                    placeholder: String(ExchangeConnection.defaultInFlightLimit)),
            ])
    }

    public func shownSettings(of connection: Connection) -> [String: String] {
        guard let exchange = connection.exchange else { return [:] }
        return [
            "ewsURL": exchange.ewsURL, "username": exchange.username, "authScheme": exchange.authScheme.rawValue,
            "caFile": exchange.caFile ?? "none (the system's certificate authorities)",
            "serverVersion": exchange.serverVersion, "inFlightLimit": String(exchange.inFlightLimit),
        ]
    }
}
