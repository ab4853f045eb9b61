import Foundation
import ServerHome
import Testing
@testable import Console

/// How the console notices changes on disk without reading files: stamps (time, size, inode), and a look every few
/// seconds at most while idle.
@Suite struct HomeWatchTests {
    @Test func anIdleConsoleLooksEveryIntervalAtMost() throws {
        let home = try TestHome()
        let start = ContinuousClock.now
        var watch = HomeWatch(home: home.home, services: home.home.services(), interval: .seconds(2), now: start)
        let looks = [Duration.milliseconds(100), .milliseconds(1_999), .seconds(2), .seconds(3), .seconds(4)].map {
            watch.isDue(now: start + $0)
        }
        #expect(looks == [false, false, true, false, true], "every 2 s, counted from the last look")
    }

    /// What changes a definition is seen, whichever way it was written: in place, replaced by a rename with the same
    /// size (as wssconsole and many editors write), removed; a file added to the folder; a change recorded elsewhere.
    @Test func changesAreSeenFromStampsAlone() throws {
        let home = try TestHome()
        var watch = HomeWatch(home: home.home, services: home.home.services())
        #expect(watch.changes() == nil)
        let echo = home.path("conf/services/EchoProxy.xml")
        let text = try #require(home.read("conf/services/EchoProxy.xml"))
        // Same bytes, same size, written beside and renamed over it: only the inode tells.
        try text.write(toFile: echo + ".tmp", atomically: false, encoding: .utf8)
        var before = stat()
        stat(echo, &before)
        #expect(rename(echo + ".tmp", echo) == 0)
        var times = [before.st_atim, before.st_mtim]
        utimensat(AT_FDCWD, echo, &times, 0)
        #expect(watch.changes() == HomeWatch.Changes(history: false))
        watch.restamp(home.home.services())
        #expect(watch.changes() == nil)
        try home.write("conf/services/NewProxy.xml", text.replacingOccurrences(of: "EchoProxy", with: "NewProxy"))
        #expect(watch.changes() == HomeWatch.Changes(history: false), "a file added to the folder")
        watch.restamp(home.home.services())
        try home.home.commit(home.home.planApply(scenario: 2, to: "PaymentProxy"))
        #expect(watch.changes()?.history == true, "a change recorded in the history")
        watch.restamp(home.home.services())
        try home.write("conf/policies/PaymentProxy.policy.xml", "<!-- edited by hand -->")
        #expect(watch.changes() == HomeWatch.Changes(history: false, policyChanged: ["PaymentProxy"]), "its policy file")
        watch.restamp(home.home.services())
        try FileManager.default.removeItem(atPath: echo)
        #expect(watch.changes() != nil)
    }

    @Test func theStatusLineNamesWhatChanged() {
        func service(_ name: String, _ security: ServiceSecurity = .unsecured) -> Service {
            Service(name: name, kind: .proxy, path: "conf/services/\(name).xml", security: security)
        }
        let a = service("A"), b = service("B"), c = service("C")
        let securedA = service("A", .scenario(3, policyKey: "conf:policies/A.policy.xml"))
        #expect(HomeWatch.summary(before: [a, b], after: [a, b]) == nil)
        #expect(HomeWatch.summary(before: [a, b], after: [securedA, b]) == "A changed on disk")
        #expect(HomeWatch.summary(before: [a, b], after: [a, b, c]) == "C was added on disk")
        #expect(HomeWatch.summary(before: [a, b], after: [a]) == "B was removed on disk")
        #expect(HomeWatch.summary(before: [a, b], after: [securedA, c]) == "3 services changed on disk")
        #expect(HomeWatch.summary(before: [securedA, b], after: [securedA, b], policyChanged: ["A"]) == "The policy of A changed on disk")
        #expect(HomeWatch.reloaded("A changed on disk").text == "A changed on disk; reloaded.")
    }
}
