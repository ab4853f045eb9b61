/// The codes of the self-test's findings, for screens that show the outcome apart from the steps.
public enum SelfTestCodes {
    /// One step that went through (information).
    public static let step = "selftest.step"
    /// The whole exchange went through (information).
    public static let passed = "selftest.passed"
    /// A step failed (error; the message carries the fault).
    public static let failed = "selftest.failed"
    /// The self-test did not run (the checks found errors, or the scenario is not supported yet).
    public static let skipped = "selftest.skipped"
}
