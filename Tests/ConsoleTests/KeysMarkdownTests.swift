import ConsoleUI
import Testing
@testable import Console

@Suite struct KeysMarkdownTests {
    @Test func everyBindingOfEveryTableIsDocumented() {
        let markdown = ConsoleKeys.keysMarkdown()
        let tables = [GlobalKeys.table.help(), ServiceListScreen.keys.help(), ServiceScreen.keys.help()]
        for entry in tables.joined() {
            #expect(markdown.contains(entry.description), "README keys miss \(entry.description)")
        }
        #expect(markdown.contains("| `Q` `F10` | Quit |"))
        #expect(markdown.contains("### Service list"))
    }

    @Test func keyBarsComeFromTheTables() throws {
        let driver = ConsoleDriver(try TestHome())
        let bar = driver.screen().split(separator: "\n").last.map(String.init) ?? ""
        #expect(bar == "Enter Open  p Policy  u Undo  H History  r Reload  / Search  ? Help  Q Quit")
        // A wider terminal also shows the keys of the other screens, which a narrow one drops first.
        let wide = driver.screen(width: 120).split(separator: "\n").last.map(String.init) ?? ""
        #expect(wide.hasSuffix("/ Search  U Users  K Kerberos  S Keystores  C Client  ? Help  Q Quit"), "\(wide)")
        driver.press(.enter)
        let pickerBar = driver.screen().split(separator: "\n").last.map(String.init) ?? ""
        #expect(pickerBar == "Enter Apply  p Policy  x Remove  v Report  / Search  Esc Back  ? Help  Q Quit")
    }

    @Test func noColorComesFromTheEnvironment() {
        #expect(ConsoleOptions.environmentSaysNoColor(["NO_COLOR": "1"]))
        #expect(!ConsoleOptions.environmentSaysNoColor(["NO_COLOR": ""]))
        #expect(!ConsoleOptions.environmentSaysNoColor([:]))
        #expect(ConsoleOptions(noColor: true).noColor)
    }
}
