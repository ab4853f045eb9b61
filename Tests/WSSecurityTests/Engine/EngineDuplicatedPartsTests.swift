import Foundation
import SecureXML
import Testing
@testable import WSSecurity

/// A token or an EncryptedKey that says a thing twice is refused: reading the first and passing the second on would let
/// the two readers of a message (this engine and the service behind it) see different users or keys.
@Suite struct EngineDuplicatedPartsTests {
    typealias F = EngineFixture

    static func token(_ inside: String) -> String {
        #"<wsse:UsernameToken xmlns:wsse="\#(WSS.wsse)" xmlns:wsu="\#(WSS.wsu)">\#(inside)</wsse:UsernameToken>"#
    }

    @Test(arguments: [
        ("<wsse:Username>alice</wsse:Username><wsse:Username>bob</wsse:Username><wsse:Password>x</wsse:Password>", "2 Username elements"),
        ("<wsse:Username>alice</wsse:Username><wsse:Password>x</wsse:Password><wsse:Password>y</wsse:Password>", "2 Password elements"),
        ("<wsse:Username>ali<b/>ce</wsse:Username><wsse:Password>x</wsse:Password>", "Username holds an element"),
        ("<wsse:Username>alice</wsse:Username><wsse:Password>x<b/></wsse:Password>", "Password holds an element"),
    ])
    func aUsernameTokenSayingAThingTwiceIsRefused(inside: String, says: String) throws {
        let element = try #require(try XMLDocument.parse(Array(Self.token(inside).utf8)).root)
        do {
            _ = try UsernameTokenElement(element)
            Issue.record("read; expected a refusal saying \(says)")
        } catch {
            #expect(error.code == .invalidSecurityToken && error.message.contains(says), "\(error)")
        }
        _ = try UsernameTokenElement(try #require(try XMLDocument.parse(Array(Self.token("<wsse:Username>alice</wsse:Username><wsse:Password>x</wsse:Password>").utf8)).root))
    }

    @Test func aBinarySecurityTokenInAnotherEncodingIsRefused() throws {
        let base64 = F.clientCertificate.derBase64
        let token = { (encoding: String) in
            #"<wsse:BinarySecurityToken xmlns:wsse="\#(WSS.wsse)" ValueType="\#(WSS.x509v3)" \#(encoding)>\#(base64)</wsse:BinarySecurityToken>"#
        }
        for encoding in ["", #"EncodingType="\#(WSS.base64Binary)""#] {
            #expect(try BinarySecurityToken.read(try #require(try XMLDocument.parse(Array(token(encoding).utf8)).root)) == F.clientCertificate)
        }
        let hex = try #require(try XMLDocument.parse(Array(token(#"EncodingType="urn:example:hex""#).utf8)).root)
        #expect { _ = try BinarySecurityToken.read(hex) } throws: { ($0 as? SecurityFault)?.message.contains("is not Base64Binary") == true }
    }

    /// Scenario 8's EncryptedKey with its EncryptionMethod or CipherData written twice.
    @Test(arguments: ["EncryptionMethod", "CipherData"])
    func anEncryptedKeySayingAThingTwiceIsRefused(part: String) throws {
        let text = String(decoding: try SecurityEngine(policy: F.policy(8)).secure(F.envelope(), context: F.client()), as: UTF8.self)
        let key = try #require(text.range(of: "<xenc:EncryptedKey"))
        let start = try #require(text.range(of: "<xenc:\(part)", range: key.upperBound..<text.endIndex))
        let end = try #require(text.range(of: "</xenc:\(part)>", range: start.upperBound..<text.endIndex))
        let twice = text.replacingCharacters(in: end.upperBound..<end.upperBound, with: String(text[start.lowerBound..<end.upperBound]))
        do {
            _ = try SecurityEngine(policy: F.policy(8)).verify(Data(twice.utf8), context: F.service())
            Issue.record("accepted an EncryptedKey with two \(part)")
        } catch {
            #expect(error.message.contains("EncryptedKey has 2 \(part) elements"), "\(error)")
        }
    }
}
