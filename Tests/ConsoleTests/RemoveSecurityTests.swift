import ConsoleUI
import Foundation
import ServerHome
import Testing
@testable import Console

/// Removing security is a change like any other: confirmed (Cancel by default), written, undoable.
@Suite struct RemoveSecurityTests {
    @Test func xRemovesAfterConfirmationWithCancelAsDefault() throws {
        let home = try TestHome()
        let original = home.read("conf/services/EchoProxy.xml")
        try home.home.commit(try home.home.planApply(scenario: 3, to: "EchoProxy"))
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.enter)
        driver.press(.char("x"))
        #expect(driver.screen().contains("Remove security?"))
        #expect(driver.screen().contains("> Cancel <"))
        driver.press(.enter)   // Cancel: nothing changes
        #expect(try home.home.service(named: "EchoProxy").security != .unsecured)
        driver.press(.char("x"))
        driver.press(.left, .enter)   // Cancel -> Remove
        #expect(try home.home.service(named: "EchoProxy").security == .unsecured)
        #expect(home.read("conf/services/EchoProxy.xml") == original)
        #expect(driver.app.stack.breadcrumb == ["Services"])
    }

    @Test func unsecuredServicesSayWhyXIsUnavailable() throws {
        let home = try TestHome()
        let driver = ConsoleDriver(home)
        driver.select(service: "EchoProxy")
        driver.press(.enter)
        driver.press(.char("x"))
        #expect(driver.screen().contains("EchoProxy is not secured"))
    }
}
