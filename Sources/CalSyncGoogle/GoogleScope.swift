/// The OAuth scopes CalSync asks for (docs/google.md, "Endpoints and scopes"): exactly these, since a JWT asking for
/// a scope the admin did not authorise for the client id fails as a whole.
public enum GoogleScope {
    /// Read and write every calendar the person owns.
    public static let calendar = "https://www.googleapis.com/auth/calendar"
    /// Read the directory's users (with an administrator as the subject).
    public static let directory = "https://www.googleapis.com/auth/admin.directory.user.readonly"
}
