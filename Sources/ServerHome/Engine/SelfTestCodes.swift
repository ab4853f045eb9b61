/// The codes of the self-test's findings, for screens that show the outcome apart from the steps.
public enum SelfTestCodes {
    /// One step that went through (information).
    public static let step = "selftest.step"
    /// The whole exchange went through (information).
    public static let passed = "selftest.passed"
    /// A step failed (error; the message carries the fault).
    public static let failed = "selftest.failed"
    /// The self-test did not run: the checks found errors (information), or the engine refuses the policy (warning).
    public static let skipped = "selftest.skipped"
    /// Elements the policy chooses by XPath that the self-test's messages do not have: that protection was not tried
    /// (warning; the exchange does not run when they are required).
    public static let untried = "selftest.untried"
}
