import WSSecurity

extension Home {
    /// Validates a service as its definition stands, or as scenario `scenario` would leave it (nothing is written);
    /// `selfTest` adds the in-process exchange of a request and a response under that policy.
    public func validate(_ service: Service, scenario: Int?, selfTest: Bool) -> ValidationReport {
        ServiceValidator(home: self).validate(service, proposing: scenario, selfTest: selfTest)
    }
}
