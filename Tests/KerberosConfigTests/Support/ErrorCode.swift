import KerberosConfig

/// The code of the `KerberosConfigError` that `body` throws, or nil when it throws nothing (tests compare codes only).
func errorCode(_ body: () throws -> Void) -> KerberosConfigError.Code? {
    do {
        try body()
        return nil
    } catch let error as KerberosConfigError {
        return error.code
    } catch {
        return nil
    }
}
