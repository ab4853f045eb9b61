import ArgumentParser
import WSSecurity

/// `wssconsole scenarios`: the 16 scenarios with what they protect and what clients need.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scenarios", abstract: "List the 16 WS-Security scenarios (--json adds what each protects and what clients need).")

    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        let number: Int, wsuId: String, name: String, protects: String, clientNeeds: String, requirements: [String]
    }

    func run() throws {
        let rows = ScenarioCatalogue.all.map {
            Row(number: $0.number, wsuId: $0.wsuId, name: $0.name, protects: $0.protects, clientNeeds: $0.clientNeeds,
                requirements: $0.requirements.map(\.rawValue).sorted())
        }
        if json { return try printJSON(rows) }
        for row in rows { print(String(format: "%2d  %@", row.number, row.name)) }
    }
}
