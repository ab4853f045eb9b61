import ConsoleUI
import ServerHome
@testable import Console

/// Drives the console's screens key by key against a home, rendering into an in-memory canvas.
final class ConsoleDriver {
    let testHome: TestHome
    let app: ScreenManager

    /// - Parameter diskCheckInterval: how often `app.poll()` looks for changes on disk (`.zero`: at every poll).
    init(_ testHome: TestHome, diskCheckInterval: Duration = HomeWatch.interval) {
        self.testHome = testHome
        app = ConsoleApp.screenManager(home: testHome.home, validation: .inline, diskCheckInterval: diskCheckInterval)
    }

    /// Each key, then what a "Preparing the changes…" it opened leads to (``settle()``).
    func press(_ keys: Key...) {
        for key in keys {
            app.handle(key)
            settle()
        }
    }

    /// Waits for the work a "Preparing the changes…" dialog runs off the input loop, and shows what follows as the
    /// main loop does between keys.
    func settle() {
        while let preparing = app.stack.top as? PreparingDialog {
            preparing.waitUntilDone()
            _ = app.poll()
        }
    }

    /// Moves the service list's selection to the service called `name`.
    func select(service name: String) {
        press(.home)
        let names = testHome.home.services().map(\.name)
        guard let index = names.firstIndex(of: name) else { return }
        for _ in 0..<index { press(.down) }
    }

    /// The screen as text (temp path normalised).
    func screen(width: Int = 80, height: Int = 24, glyphs: Glyphs = .unicode) -> String {
        testHome.normalise(app.render(size: Size(width: width, height: height), glyphs: glyphs).text())
    }
}
