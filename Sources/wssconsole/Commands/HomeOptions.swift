import ArgumentParser
import ServerHome

/// `--home DIR`, shared by every command; without it, the demo home's working copy.
struct HomeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The home to work on: a wssconsole home or a Micro Integrator home.", valueName: "DIR"))
    var home: String?

    func open() throws(HomeError) -> Home {
        if let home { return try Home.open(home) }
        return try DemoHome.prepare()
    }
}
