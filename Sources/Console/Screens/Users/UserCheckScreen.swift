import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome
import UserStores

/// One user checked end to end, off the input loop: the password against the store, the user's roles, and
/// each UsernameToken service's allowed roles, every refusal with its reason.
final class UserCheckScreen: View {
    private let job = BackgroundJob<Never, UserCheckReport>()
    private let user: String
    private let home: Home
    private var text = TextView(lines: [])
    private var width = 0

    init(home: Home, credentials: UsernameTokenCredentials, mode: WorkMode) {
        user = credentials.user
        self.home = home
        job.start(mode) { _ in home.checkUser(credentials) }
    }

    var title: String { "Check \(user)" }
    var keyHelp: [KeyHelp] { TextView.keyHelp() }

    var status: StatusText? {
        guard let report = job.snapshot.value else { return StatusText("Checking \(user)...") }
        return StatusText((report.passed ? "ok: " : "FAILED: ") + report.verdict, isError: !report.passed)
    }

    func poll() -> Bool {
        guard job.takeChanges() else { return false }
        width = 0
        return true
    }

    func handle(_ key: Key) -> HandlerResult { text.handle(key) ? .redraw : .ignored }

    func render(into canvas: inout Canvas, frame: Rect) {
        canvas.box(frame, title: "Check \(user) as Micro Integrator would")
        let inner = frame.inset(dx: 2, dy: 1)
        if width != inner.width {
            text = TextView(lines: job.snapshot.value.map { Self.lines($0, width: inner.width, home: home) } ?? [StyledLine("Checking...", .dim)])
            width = inner.width
        }
        text.render(into: &canvas, frame: inner)
        canvas.scrollMarkers(box: frame, above: text.hasMoreAbove, below: text.hasMoreBelow)
    }

    static func lines(_ report: UserCheckReport, width: Int, home: Home) -> [StyledLine] {
        var lines = row("store", report.store, .normal, width)
        if let connection = report.connection {
            lines.append(StyledLine("The store could not be asked. Connection test:", .error))
            lines += connection.stages.flatMap { StageLines.lines($0, width: width, home: home) }
        }
        switch report.authentication {
        case .authenticated(let name, let roles)?:
            lines += row("password", "right" + (name == report.user ? "" : " (the store calls the user \(name))"), .ok, width)
            lines += row("roles", NameSummary.text(roles), .normal, width)
        case .rejected?:
            lines += row("REJECTED", report.rejection ?? "", .error, width)
        case nil:
            lines += row("NOT ASKED", report.storeError ?? "", .error, width)
        }
        if !report.roleChecks.isEmpty { lines.append(StyledLine("")) }
        for check in report.roleChecks {
            lines += row(check.service, check.decision.explanation, check.decision.permits ? .ok : .error, width, label: 22)
        }
        if report.authentication?.isAuthenticated == true && report.roleChecks.isEmpty {
            lines.append(StyledLine("No service is secured with a UsernameToken scenario yet.", .dim))
        }
        lines.append(StyledLine(""))
        lines += row("verdict", (report.passed ? "ok: " : "FAILED: ") + report.verdict, report.passed ? .ok : .error, width)
        return lines
    }

    /// A label column and a value wrapped beside it.
    private static func row(_ label: String, _ value: String, _ style: Style, _ width: Int, label labelWidth: Int = 11) -> [StyledLine] {
        let wrapped = TextLayout.wrap(value, width: max(10, width - labelWidth))
        return wrapped.enumerated().map { index, text in
            StyledLine((index == 0 ? TextLayout.pad(label, to: labelWidth - 1) + " " : String(repeating: " ", count: labelWidth)) + text, style)
        }
    }
}

extension UserStoreScreen {
    /// Name, hidden password, then PasswordText or PasswordDigest (a digest is made the way a client does).
    func checkUser() -> HandlerResult {
        .push(Prompt.text(title: "Check a user", label: "User name, as a client sends it", initial: showingRoles ? "" : (selectedName ?? "")) { [self] name in
            guard !name.isEmpty else { return .handled }
            return .push(Prompt.secret(title: "Check \(name)", label: "Password") { [self] password in
                let text = Dialog.Button("PasswordText") { [self] in .push(UserCheckScreen(home: home, credentials: .text(name, password), mode: mode)) }
                let digest = Dialog.Button("PasswordDigest") { [self] in
                    let token = PasswordDigest.make(password: password, nonce: (try? SecureRandom.bytes(16)) ?? Data(count: 16),
                                                    created: Date().formatted(.iso8601))
                    return .push(UserCheckScreen(home: home, credentials: .digest(name, token), mode: mode))
                }
                return .push(Dialog(title: "How does the client send it?",
                                    message: [StyledLine("PasswordText sends the password (inside HTTPS or an encrypted message);"),
                                              StyledLine("PasswordDigest sends SHA-1(nonce + time + password).")],
                                    buttons: [text, digest], defaultButton: 0))
            })
        })
    }
}
