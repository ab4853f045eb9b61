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

    func press(_ keys: Key...) {
        for key in keys { app.handle(key) }
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
