import Foundation
import Testing
import KeyMaterial

/// The one format people read dates in: minutes and the zone for an instant, the day alone where that is what counts.
@Suite struct DisplayDateTests {
    @Test func anInstantInUTCToTheMinute() {
        let date = Date(timeIntervalSince1970: 1_795_788_239.9)    // 2026-11-27T14:03:59.9Z
        #expect(DisplayDate.time(date) == "2026-11-27 14:03 UTC")
        #expect(DisplayDate.day(date) == "2026-11-27")
    }

    @Test func yearsOfFourDigitsOnBothSidesOfTheCertificateRange() {
        #expect(DisplayDate.day(Date(timeIntervalSince1970: -631_152_000)) == "1950-01-01")
        #expect(DisplayDate.time(Date(timeIntervalSince1970: 253_402_300_799)) == "9999-12-31 23:59 UTC")
    }
}
