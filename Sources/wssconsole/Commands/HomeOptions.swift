import ArgumentParser
import KerberosConfig
import ServerHome
import Synchronization

/// `--home DIR`, shared by every command; without it, the demo home's working copy.
struct HomeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The home to work on: a wssconsole home or a Micro Integrator home.", valueName: "DIR"))
    var home: String?

    @Flag(name: .customLong("read-only"), help: "Open the home read-only: nothing is written and no lock is taken.")
    var readOnly = false

    /// `--home "$MI_HOME"` with the variable unset or empty would otherwise open the current directory (and
    /// `--home=$MI_HOME`, which `WSSConsole.main` refuses before parsing, the next argument).
    static let emptyValue = "--home needs a directory, and it was given an empty value (an unset shell variable?)."

    func validate() throws {
        if let home, home.allSatisfy(\.isWhitespace) { throw ValidationError(Self.emptyValue) }
    }

    /// Opens the home, and makes its krb5.conf the one every Kerberos token is accepted with, as Micro Integrator does.
    /// A change an interrupted run left half written is said on standard error (`warns`; the console says it itself).
    func open(warns: Bool = true) throws(HomeError) -> Home {
        let opened: Home
        if let home {
            opened = try Home.open(home, readOnly: readOnly)
        } else {
            let demo = try DemoHome.prepare()
            opened = readOnly ? try Home.open(demo.root, readOnly: true) : demo
        }
        if let krb5Conf = try? opened.krb5ConfPath() { AcceptorConfiguration.use(krb5Conf) }
        Self.opened.withLock { $0 = opened }
        if warns {
            for change in opened.halfWrittenChanges() { printError("wssconsole: warning: \(change)") }
        }
        return opened
    }

    /// The home the command opened: `WSSConsole.main` prints a failure's fix, whose commands must name it.
    static let opened = Mutex<Home?>(nil)

    /// `text` with its commands naming the opened home (as it is when none was opened yet).
    static func commandsNamingHome(_ text: String) -> String {
        opened.withLock { $0 }?.commandsNamingHome(text) ?? text
    }
}
