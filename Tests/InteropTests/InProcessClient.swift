import Foundation
import ServerHome
import WSSecurity

/// The demo client of an interop home, in this process: the engine keeps what a request carried (its session key,
/// its signature values) for the response, as a real client does between sending and receiving.
struct InProcessClient {
    let home: Home
    let fixture: PeerFixture

    init(home: InteropHome, fixture: PeerFixture) throws {
        self.home = try Home.open(home.root, readOnly: true)
        self.fixture = fixture
    }

    /// Secures the plain request as the home's `[client]`: the file it went to, and what its response needs.
    func request() throws -> (file: String, context: RequestContext) {
        let setup = try home.messageSetup(service: InteropHome.service, role: .client, direction: .request, transport: .https)
        let secured = try setup.engine.secured(try Data(contentsOf: URL(fileURLWithPath: fixture.path("plain11.xml"))), context: setup.context)
        let file = fixture.scratch("in-process-request")
        try secured.envelope.write(to: URL(fileURLWithPath: file))
        return (file, secured.requestContext)
    }

    /// Verifies a response as the client that sent the request `context` describes.
    func verifyResponse(_ file: String, for context: RequestContext) throws -> VerifiedMessage {
        var setup = try home.messageSetup(service: InteropHome.service, role: .client, direction: .response, transport: .https)
        setup.context.requestContext = context
        return try setup.engine.verify(try Data(contentsOf: URL(fileURLWithPath: file)), context: setup.context)
    }
}
