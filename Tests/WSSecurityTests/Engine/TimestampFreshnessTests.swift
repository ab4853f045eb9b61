import Foundation
import SecureXML
import Testing
@testable import WSSecurity

/// A Timestamp is fresh where Micro Integrator 4.x finds it so (Rampart 1.7.0-wso2v1 over WSS4J 1.6.0-wso2v6; the rules
/// and their sources are on `Timestamp.checkFresh`), on a fixed clock, at the millisecond borders.
@Suite struct TimestampFreshnessTests {
    static let now = Date(timeIntervalSince1970: 1_750_000_000)

    /// A Timestamp created and expiring these many seconds from `now`.
    static func stamp(_ created: TimeInterval, _ expires: TimeInterval?) throws -> Timestamp {
        func text(_ name: String, _ offset: TimeInterval) -> String {
            "<wsu:\(name)>\(Timestamp.format(now.addingTimeInterval(offset), milliseconds: true))</wsu:\(name)>"
        }
        let xml = "<wsu:Timestamp xmlns:wsu=\"\(WSS.wsu)\">\(text("Created", created))\(expires.map { text("Expires", $0) } ?? "")</wsu:Timestamp>"
        return try Timestamp(try #require(try XMLDocument.parse(Array(xml.utf8)).root))
    }

    /// The fault's message, or nil when the Timestamp is fresh.
    static func refusal(_ created: TimeInterval, _ expires: TimeInterval?, _ rampart: RampartConfig = RampartConfig(),
                        ttlCheck: Bool = true) throws -> String? {
        let timestamp = try stamp(created, expires)
        do throws(SecurityFault) {
            try timestamp.checkFresh(now: now, rampart: rampart, ttlCheck: ttlCheck)
            return nil
        } catch {
            #expect(error.code == .messageExpired)
            return error.message
        }
    }

    @Test func createdInTheFutureIsAllowedUpToTheSkew() throws {
        #expect(try Self.refusal(300, 600) == nil)
        let message = try #require(try Self.refusal(300.001, 600))
        #expect(message.contains("created 300.001 s in the future, beyond rampart:timestampMaxSkew of 300 s"), "\(message)")
    }

    @Test func expiresIsAllowedTheSkewOnceItHasPassed() throws {
        #expect(try Self.refusal(-600, -300) == nil)
        let message = try #require(try Self.refusal(-600, -300.001))
        #expect(message.contains("300.001 s ago, beyond rampart:timestampMaxSkew of 300 s"), "\(message)")
    }

    /// Rampart never ages Created against timestampTTL (Apache WSS4J 1.6's TimestampValidator does; MI's fork has none).
    @Test func anOldCreatedIsFineWhileExpiresHolds() throws {
        #expect(try Self.refusal(-3_600, 60) == nil)
        #expect(try Self.refusal(-86_400, nil) == nil)
    }

    @Test func aNegativeSkewCountsAsNone() throws {
        let rampart = RampartConfig(timestampMaxSkew: -60)
        #expect(try Self.refusal(-30, 0, rampart) == nil)
        let message = try #require(try Self.refusal(0.001, 300, rampart))
        #expect(message.contains("beyond rampart:timestampMaxSkew of 0 s"), "\(message)")
    }

    /// timestampStrict: WSS4J refuses an Expires that has passed, with no skew.
    @Test func strictRefusesAnExpiresJustPassed() throws {
        let strict = RampartConfig(timestampStrict: true)
        #expect(try Self.refusal(-300, 0, strict) == nil)
        let message = try #require(try Self.refusal(-300, -0.5, strict))
        #expect(message.contains("0.5 s ago, and WSS4J allows no clock skew on Expires (rampart:timestampStrict is true)"), "\(message)")
        #expect(try Self.refusal(-300, -0.5) == nil)
    }

    /// timestampPrecisionInMilliseconds false leaves WSS4J's process-wide default, strict, in place.
    @Test func secondsPrecisionLeavesWSS4JStrict() throws {
        let message = try #require(try Self.refusal(-300, -1, RampartConfig(timestampPrecisionInMilliseconds: false)))
        #expect(message.contains("timestampPrecisionInMilliseconds is false"), "\(message)")
    }

    /// enableTTLCheck (strict, outside the symmetric binding): a lifetime longer than timestampTTL is refused, and
    /// Created is then taken as Created + timestampTTL for the future check.
    @Test func ttlCheckBoundsTheLifetimeAndShiftsCreated() throws {
        let rampart = RampartConfig(timestampStrict: true, enableTTLCheck: true)
        #expect(try Self.refusal(-10, 290, rampart) == nil)
        let long = try #require(try Self.refusal(-10, 290.001, rampart))
        #expect(long.contains("valid for 300.001 s (Created to Expires), longer than rampart:timestampTTL of 300 s"), "\(long)")
        #expect(try Self.refusal(-10, 3_590, rampart, ttlCheck: false) == nil)
        #expect(try Self.refusal(-10, 3_590, RampartConfig(enableTTLCheck: true)) == nil)

        let noSkew = RampartConfig(timestampMaxSkew: 0, timestampStrict: true, enableTTLCheck: true)
        let shifted = try #require(try Self.refusal(-10, 290, noSkew))
        #expect(shifted.contains("290 s in the future (Created plus timestampTTL"), "\(shifted)")
        #expect(try Self.refusal(-300, 0, noSkew) == nil)
    }

    /// Rampart reads its flags with Boolean.valueOf, so "TRUE" counts; enableTTLCheck is kept and written back.
    @Test func rampartFlagsReadAsRampartReadsThem() throws {
        let xml = """
        <wsp:Policy xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy" xmlns:sp="http://schemas.xmlsoap.org/ws/2005/07/securitypolicy">
          <sp:TransportBinding><wsp:Policy><sp:TransportToken><wsp:Policy><sp:HttpsToken RequireClientCertificate="false"/></wsp:Policy></sp:TransportToken>
            <sp:AlgorithmSuite><wsp:Policy><sp:Basic256/></wsp:Policy></sp:AlgorithmSuite><sp:IncludeTimestamp/></wsp:Policy></sp:TransportBinding>
          <rampart:RampartConfig xmlns:rampart="http://ws.apache.org/rampart/policy">
            <rampart:timestampPrecisionInMilliseconds>False</rampart:timestampPrecisionInMilliseconds>
            <rampart:timestampStrict>TRUE</rampart:timestampStrict>
            <rampart:enableTTLCheck> true </rampart:enableTTLCheck>
          </rampart:RampartConfig>
        </wsp:Policy>
        """
        let policy = try PolicyReader.read(Array(xml.utf8))
        let rampart = try #require(policy.rampart)
        #expect(rampart.timestampStrict && rampart.enableTTLCheck && !rampart.timestampPrecisionInMilliseconds)
        #expect(try PolicyReader.read(PolicyWriter.write(policy)) == policy)
        let written = String(decoding: PolicyWriter.write(try PolicyReader.read(Array(xml.replacingOccurrences(of: " true ", with: "false").utf8))), as: UTF8.self)
        #expect(!written.contains("enableTTLCheck"))
    }
    /// Rampart reads its numbers with Integer.parseInt: MI refuses every message under a policy whose number passes 32
    /// bits. Read as 64 bits, a timestampTTL that large crashed the self-test (an Expires past year 9999).
    @Test func rampartNumbersBeyond32BitsAreRefused() throws {
        func read(_ name: String, _ value: String) throws(PolicyError) -> RampartConfig? {
            let xml = """
            <wsp:Policy xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy" xmlns:sp="http://schemas.xmlsoap.org/ws/2005/07/securitypolicy">
              <sp:TransportBinding><wsp:Policy><sp:TransportToken><wsp:Policy><sp:HttpsToken RequireClientCertificate="false"/></wsp:Policy></sp:TransportToken>
                <sp:AlgorithmSuite><wsp:Policy><sp:Basic256/></wsp:Policy></sp:AlgorithmSuite><sp:IncludeTimestamp/></wsp:Policy></sp:TransportBinding>
              <rampart:RampartConfig xmlns:rampart="http://ws.apache.org/rampart/policy"><rampart:\(name)>\(value)</rampart:\(name)></rampart:RampartConfig>
            </wsp:Policy>
            """
            return try PolicyReader.read(Array(xml.utf8)).rampart
        }
        #expect(try read("timestampTTL", "2147483647")?.timestampTTL == 2_147_483_647)
        #expect(try read("timestampMaxSkew", "-2147483648")?.timestampMaxSkew == -2_147_483_648)
        for name in ["timestampTTL", "timestampMaxSkew", "nonceLifeTime"] {
            #expect(throws: PolicyError.self) { try read(name, "2147483648") }
            let error = #expect(throws: PolicyError.self) { try read(name, "9223372036854775807") }
            #expect(error?.message.contains("rampart:\(name) is out of range: 9223372036854775807 (Micro Integrator reads a 32-bit number") == true,
                    "\(String(describing: error))")
        }
        let error = #expect(throws: PolicyError.self) { try read("nonceLifeTime", "+-5") }
        #expect(error?.message.contains("is not a number: +-5") == true, "\(String(describing: error))")
    }
    /// The verified message's check line names the lifetime cap only where WSS4J applies it: not for a timestampTTL of 0.
    @Test func theCheckLineNamesTheLifetimeCapOnlyWhereItApplies() throws {
        func checks(ttl: Int) throws -> String {
            var policy = EngineFixture.policy(1)
            policy.rampart = RampartConfig(timestampTTL: ttl, timestampStrict: true, enableTTLCheck: true)
            let engine = SecurityEngine(policy: policy)
            let secured = try engine.secure(EngineFixture.envelope(), context: EngineFixture.client(now: { Self.now }))
            var service = EngineFixture.service()
            service.now = { Self.now }
            return try engine.verify(secured, context: service).checks.joined(separator: "\n")
        }
        #expect(try checks(ttl: 300).contains("lifetime within timestampTTL 300 s"))
        let unchecked = try checks(ttl: 0)
        #expect(unchecked.contains("Timestamp fresh") && !unchecked.contains("lifetime within"), "\(unchecked)")
    }
    /// The fault's fix, or nil when the Timestamp is fresh.
    static func fix(_ created: TimeInterval, _ expires: TimeInterval?, _ rampart: RampartConfig) throws -> String? {
        let timestamp = try stamp(created, expires)
        do throws(SecurityFault) {
            try timestamp.checkFresh(now: now, rampart: rampart, ttlCheck: true)
            return nil
        } catch { return error.fix }
    }

    /// With both settings keeping WSS4J strict, the fix names both: setting timestampStrict false alone left seconds
    /// precision's strict default in place.
    @Test func theStrictFixNamesEverySettingThatKeepsItStrict() throws {
        let both = RampartConfig(timestampPrecisionInMilliseconds: false, timestampStrict: true)
        let message = try #require(try Self.refusal(-300, -1, both))
        #expect(message.contains("rampart:timestampStrict is true and rampart:timestampPrecisionInMilliseconds is false"), "\(message)")
        let fix = try #require(try Self.fix(-300, -1, both))
        #expect(fix.contains("set rampart:timestampStrict false and rampart:timestampPrecisionInMilliseconds true"), "\(fix)")
        #expect(try Self.fix(-300, -1, RampartConfig(timestampStrict: true))?.contains("set rampart:timestampStrict false so that") == true)
    }

    /// Under enableTTLCheck WSS4J moves Created to Created + timestampTTL: a Timestamp refused as from the future for
    /// that is no clock's fault, and raising timestampTTL past timestampMaxSkew refuses even a fresh one.
    @Test func theTTLCheckFixesSayTimestampTTLMustStayWithinTheSkew() throws {
        let rampart = RampartConfig(timestampMaxSkew: 0, timestampStrict: true, enableTTLCheck: true)
        let shifted = try #require(try Self.fix(-10, 290, rampart))
        #expect(!shifted.contains("Correct the sender's clock"), "\(shifted)")
        #expect(shifted.contains("timestampTTL (300 s) at most timestampMaxSkew (0 s)"), "\(shifted)")
        let long = try #require(try Self.fix(-10, 290.001, RampartConfig(timestampStrict: true, enableTTLCheck: true)))
        #expect(long.contains("timestampMaxSkew"), "\(long)")
        #expect(try Self.fix(30, 300, RampartConfig(timestampMaxSkew: 0))?.contains("Correct the sender's clock") == true)
        // timestampTTL within the skew: a Created ahead of now is the clock's fault again.
        #expect(try Self.fix(10, 290, RampartConfig(timestampStrict: true, enableTTLCheck: true))?.contains("Correct the sender's clock") == true)
    }
}
