import ConsoleUI
import ServerHome
@testable import Console

/// The users screen driven key by key with blocking work run inline, read back as the text of an 80x24 screen.
final class UsersScreenDriver {
    let manager: ScreenManager
    /// Every screen drawn so far, to check that no secret ever appeared.
    private(set) var history: [String] = []

    init(_ home: Home) {
        manager = ScreenManager(root: UserStoreScreen(home: home, mode: .inline), appName: "wssconsole")
        history.append(screen())
    }

    func press(_ keys: Key...) {
        for key in keys {
            manager.handle(key)
            // What a "Preparing the changes…" leads to once its work is done, as the main loop shows it between keys.
            while let preparing = manager.stack.top as? PreparingDialog {
                preparing.waitUntilDone()
                _ = manager.poll()
            }
            _ = manager.poll()
            history.append(screen())
        }
    }

    func type(_ text: String) {
        for character in text { press(.char(character)) }
    }

    func screen() -> String {
        manager.render(size: Size(width: 80, height: 24), glyphs: .unicode).text()
    }
}
