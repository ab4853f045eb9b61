import ConsoleUI
import Foundation
import ServerHome
import Testing
@testable import Console

/// The service screen's validation panel follows the scenario picker, with the work done off the input loop.
@Suite struct ValidationPanelTests {
    func render(_ screen: ServiceScreen) -> String {
        var canvas = Canvas(size: Size(width: 80, height: 22))
        screen.render(into: &canvas, frame: Rect(x: 0, y: 0, width: 80, height: 22))
        return canvas.text()
    }

    @Test func thePanelFollowsTheSelectedScenarioFromABackgroundQueue() throws {
        let home = try TestHome()
        let service = try home.home.service(named: "EchoProxy")
        let screen = ServiceScreen(home: home.home, service: service, validationMode: .background) { _ in }
        // Keys are answered at once, whatever the validation is doing.
        for _ in 0..<4 {
            guard case .redraw = screen.handle(.down) else { Issue.record("down was not answered"); return }
        }
        #expect(screen.selectedScenario?.number == 5)
        screen.validation.waitUntilIdle()
        #expect(screen.poll(), "new results make the loop redraw")
        #expect(!screen.poll(), "once")
        let five = render(screen)
        #expect(five.contains("Validation of 5: warn"), "\(five)")
        #expect(five.contains("warn  The service key is demo"), "\(five)")

        // Scenario 1 on a proxy that also accepts plain HTTP is an error, shown as such.
        for _ in 0..<4 { _ = screen.handle(.up) }
        screen.validation.waitUntilIdle()
        let one = render(screen)
        #expect(one.contains("Validation of 1: ERROR"), "\(one)")
        #expect(one.contains("ERROR EchoProxy accepts plain"), "\(one)")

        // The full report names codes and fixes.
        guard case .push(let page) = screen.handle(.char("v")) else { Issue.record("v shows no report"); return }
        var canvas = Canvas(size: Size(width: 100, height: 30))
        page.render(into: &canvas, frame: Rect(x: 0, y: 0, width: 100, height: 30))
        #expect(canvas.text().contains("transport.http"))
        #expect(canvas.text().contains("fix: Set transports=\"https\""))
        // On a narrow terminal every finding wraps rather than being cut (tall enough to hold them all).
        var narrow = Canvas(size: Size(width: 50, height: 90))
        page.render(into: &narrow, frame: Rect(x: 0, y: 0, width: 50, height: 90))
        #expect(!narrow.text().contains("…") && narrow.text().contains("transport.http"), "\(narrow.text())")
    }

    @Test func aChangedSettingIsPickedUpOnReturn() throws {
        let home = try TestHome()
        let service = try home.home.service(named: "OrderProxy")
        let screen = ServiceScreen(home: home.home, service: service, validationMode: .inline) { _ in }
        _ = screen.handle(.down)
        #expect(render(screen).contains("Validation of 2: warn"))
        let settings = try #require(home.read("conf/console.toml"))
        try Data(settings.replacingOccurrences(of: "password = \"demo-service-pass\"", with: "password = \"wrong\"").utf8)
            .write(to: URL(fileURLWithPath: home.root + "/conf/console.toml"))
        screen.didReappear()
        let screenText = render(screen)
        #expect(screenText.contains("Validation of 2: ERROR"), "\(screenText)")
        #expect(screenText.contains("password for keystores/wssdemo-service.p12 is wrong") || screenText.contains("The password for"), "\(screenText)")
    }
}
