import WSSecurity

/// The self-test: an in-process client and service, built from the home's configuration, exchange a request and a
/// response under the service's policy. Each step is an information finding; a failure is an error with the fault.
struct SelfTest {
    let home: Home
    let service: Service
    let policy: SecurityPolicy
    let scenario: Scenario

    func findings(after checks: [Finding]) -> [Finding] {
        [Finding(.info, "selftest.unavailable", "The self-test needs the message engine, which this build does not have yet")]
    }
}
