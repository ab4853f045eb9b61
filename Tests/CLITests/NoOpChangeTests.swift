import Foundation
import Testing

/// A change that would write what the files already hold writes nothing and says so.
@Suite struct NoOpChangeTests {
    @Test func applyingTheSameScenarioAgainWritesNothing() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "2"]).status == 0)
        let history = try CLI.run(["history", "--home", home.root]).stdout
        let again = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "2"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("Nothing to change"))
        #expect(!again.stdout.contains("updated"))
        #expect(try CLI.run(["history", "--home", home.root]).stdout == history, "no change recorded")
    }

    @Test func reapplyingWithAnotherScenarioStillWritesOnlyWhatDiffers() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "2"]).status == 0)
        let other = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "5"])
        #expect(other.stdout.contains("updated conf/policies/OrderProxy.policy.xml"))
        #expect(!other.stdout.contains("conf/services/OrderProxy.xml"), "the definition already references the policy")
    }
}
