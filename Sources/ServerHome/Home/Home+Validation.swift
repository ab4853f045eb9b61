import WSSecurity

extension Home {
    /// Validates a service as its definition stands, or as scenario `scenario` applied with `options` (roles,
    /// freshness numbers, scenario 16's principal) would leave it (nothing is written); `selfTest` adds the in-process
    /// exchange of a request and a response under that policy.
    public func validate(_ service: Service, scenario: Int?, options: ScenarioOptions = ScenarioOptions(), selfTest: Bool) -> ValidationReport {
        ServiceValidator(home: self).validate(service, proposing: scenario, options: options, selfTest: selfTest)
    }
}
