import Foundation
@testable import WSSecurity
import XCTest

/// The hand-written xsd:dateTime reader and writer against Foundation's ISO 8601 implementation, and message IDs.
final class DateTimeTextTests: XCTestCase {
    func testFormatMatchesFoundationOverRandomInstants() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            // Whole seconds plus eighths: exact in binary, so Foundation's truncation of the fraction is exact too.
            let seconds = Int64.random(in: -2_000_000_000...8_000_000_000, using: &generator)
            let date = Date(timeIntervalSince1970: Double(seconds) + Double(Int.random(in: 0..<8, using: &generator)) / 8)
            for milliseconds in [false, true] {
                let expected = date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: milliseconds))
                XCTAssertEqual(DateTimeText.format(date, milliseconds: milliseconds), expected)
                let parsed = DateTimeText.parse(expected)
                let foundation = try? Date(expected, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: milliseconds))
                XCTAssertNotNil(parsed, expected)
                XCTAssertEqual(parsed?.timeIntervalSince1970 ?? 0, foundation?.timeIntervalSince1970 ?? 1, accuracy: 0.0005, expected)
            }
        }
    }

    func testOffsetsFractionsAndWhitespace() {
        XCTAssertEqual(DateTimeText.parse(" 2026-11-25T22:14:00+01:00\n"), DateTimeText.parse("2026-11-25T21:14:00Z"))
        XCTAssertEqual(DateTimeText.parse("2026-11-25T18:44:00-02:30"), DateTimeText.parse("2026-11-25T21:14:00Z"))
        XCTAssertEqual(DateTimeText.parse("2026-11-25T21:14:00.123456789Z")!.timeIntervalSince1970,
                       DateTimeText.parse("2026-11-25T21:14:00Z")!.timeIntervalSince1970 + 0.123456789, accuracy: 1e-6)
        XCTAssertEqual(DateTimeText.parse("2024-02-29T00:00:00Z")?.timeIntervalSince1970, 1_709_164_800)
    }

    func testYearsBeyondFourDigitsKeepTheirDigits() {
        // 10000-01-01T00:00:00Z: a Timestamp whose Expires lies beyond year 9999 (a huge timestampTTL) still formats.
        XCTAssertEqual(DateTimeText.format(Date(timeIntervalSince1970: 253_402_300_800), milliseconds: true), "10000-01-01T00:00:00.000Z")
        XCTAssertEqual(DateTimeText.format(Date(timeIntervalSince1970: 253_402_300_799.5), milliseconds: true), "9999-12-31T23:59:59.500Z")
    }

    func testMessageIDsAreFreshLowercaseHex() {
        let ids = (0..<100).map { _ in SOAPEnvelope.newID("TS") }
        XCTAssertEqual(Set(ids).count, ids.count)
        for id in ids {
            XCTAssertTrue(id.hasPrefix("TS-"), id)
            XCTAssertEqual(id.utf8.count, 19, id)
            XCTAssertTrue(id.utf8.dropFirst(3).allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }, id)
        }
    }

    func testRejectsMalformedText() {
        for text in ["2026-11-25T21:14:00", "2026-11-25 21:14:00Z", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
                     "2026-11-25T24:00:00Z", "2026-11-25T21:60:00Z", "2026-11-25T21:14:00.Z", "2026-11-25T21:14:00Zjunk",
                     "2026-11-25T21:14:00+1:00", "26-11-25T21:14:00Z", "", "２０２６-11-25T21:14:00Z",
                     "2026-11-25T21:14:00." + String(repeating: "1", count: 30) + "Z"] {
            XCTAssertNil(DateTimeText.parse(text), text)
        }
    }
}
