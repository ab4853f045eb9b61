import ConsoleUI
import KeyMaterial
import ServerHome
import UserStores

/// The staged LDAP test, run off the input loop: each step appears as it ends (DNS, TCP, TLS with the
/// server's certificate, bind, user search, group search), the failing one with its reason and a fix.
final class ConnectionTestScreen: View {
    private let home: Home
    private let edit: UserStoreProfileEdit?
    private let mode: WorkMode
    private let job = BackgroundJob<ConnectionTestStage, Result<ConnectionTestReport, HomeError>>()
    private var text = TextView(lines: [])
    private var width = 0

    /// Tests the saved profile, or the saved profile changed by `edit`, its password included (before saving).
    init(home: Home, edit: UserStoreProfileEdit?, mode: WorkMode) {
        self.home = home
        self.edit = edit
        self.mode = mode
        run()
    }

    var title: String { "Connection test" }

    static let keys: [KeyHelp] = [KeyHelp(keys: [.char("r"), .function(5)], description: "Run the test again", group: "Test", barLabel: "Again")]
    var keyHelp: [KeyHelp] { Self.keys + TextView.keyHelp() }

    /// Why the test failed, once it has; nil while it runs or when it passed.
    var failure: String? {
        switch job.snapshot.1 {
        case .failure(let error)?: error.message
        case .success(let report)? where !report.passed: "\(report.failure!.kind.title): \(report.failure!.summary)"
        default: nil
        }
    }

    var status: StatusText? {
        let (_, value) = job.snapshot
        switch value {
        case nil: return StatusText("Testing... (each step gives up after the profile's timeout)")
        case .failure(let error)?: return StatusText(error.message, isError: true)
        case .success(let report)?:
            return report.passed ? StatusText("The LDAP user store answers.")
                : StatusText("FAILED at \(report.failure!.kind.title): \(report.failure!.summary)", isError: true)
        }
    }

    private func run() {
        let (home, edit) = (self.home, self.edit)
        job.start(mode) { report in
            do throws(HomeError) { return .success(try home.testLDAP(edit) { report($0) }) } catch { return .failure(error) }
        }
        width = 0
    }

    func poll() -> Bool {
        guard job.takeChanges() else { return false }
        width = 0
        return true
    }

    func handle(_ key: Key) -> HandlerResult {
        if key == .char("r") || key == .function(5) {
            run()
            return .redraw
        }
        return text.handle(key) ? .redraw : .ignored
    }

    func render(into canvas: inout Canvas, frame: Rect) {
        let url = edit?.url ?? (try? home.settings().ldap?.profile.url) ?? "LDAP"
        canvas.box(frame, title: "Connection test: \(url)")
        let inner = frame.inset(dx: 2, dy: 1)
        if width != inner.width {
            let (stages, value) = job.snapshot
            var lines = stages.flatMap { StageLines.lines($0, width: inner.width, home: home) }
            if case .failure(let error)? = value { lines += [StyledLine(error.message, .error), StyledLine("Fix: " + home.commandsNamingHome(error.fix))] }
            if value == nil { lines.append(StyledLine("...", .dim)) }
            text = TextView(lines: lines)
            width = inner.width
        }
        text.render(into: &canvas, frame: inner)
        canvas.scrollMarkers(box: frame, above: text.hasMoreAbove, below: text.hasMoreBelow)
    }
}

/// A test step as screen lines: an outcome word that reads without colour, the summary, details and fix.
enum StageLines {
    /// Width of "FAIL  name resolution  ": where summaries start.
    static let summaryColumn = 24
    /// Where details, warnings and fixes start.
    static let detailColumn = 6

    static func lines(_ stage: ConnectionTestStage, width: Int, home: Home) -> [StyledLine] {
        let (word, style): (String, Style) = switch stage.outcome {
        case .passed: ("ok", .ok)
        case .failed: ("FAIL", .error)
        case .skipped: ("skip", .dim)
        }
        let head = TextLayout.pad(word, to: 4) + "  " + TextLayout.pad(stage.kind.title, to: summaryColumn - 7) + " "
        var out = hanging(head, stage.summary, width: width, style: style)
        let indent = String(repeating: " ", count: detailColumn)
        for detail in stage.details { out += hanging(indent, detail, width: width, style: .normal) }
        if let warning = stage.warning { out += hanging(indent, "warning: " + warning, width: width, style: .warning) }
        if let fix = stage.fix { out += hanging(indent, "fix: " + home.commandsNamingHome(fix), width: width, style: .strong) }
        return out
    }

    /// `text` wrapped to the room after `prefix`; continuation lines are indented to the same column.
    private static func hanging(_ prefix: String, _ text: String, width: Int, style: Style) -> [StyledLine] {
        let room = max(10, width - prefix.count)
        return TextLayout.wrap(text, width: room).enumerated().map { index, line in
            StyledLine((index == 0 ? prefix : String(repeating: " ", count: prefix.count)) + line, style)
        }
    }
}
