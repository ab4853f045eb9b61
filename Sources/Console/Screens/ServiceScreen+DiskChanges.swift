import ConsoleUI
import ServerHome

/// The service screen follows its service on disk: edited from another shell or by hand, it is read again (the
/// "now" row, the custom policy's row, the confirmations) and the status line says so; removed, nothing more is
/// applied to it.
extension ServiceScreen {
    /// Reads the service again when its files changed on disk, and validates afresh when a change was recorded in the
    /// home's history (a keystore's, the settings'). True when something on the screen changed.
    @discardableResult
    func noticeChangesOnDisk() -> Bool {
        guard let changes = watch.changes() else { return false }
        let fresh = home.services().first { $0.name == service.name }
        // Gone, its old file is still watched: should it come back, it is read again.
        watch.restamp([fresh ?? service])
        onChangedOnDisk()
        guard let fresh else {
            defer { isGone = true }
            message = nil
            return !isGone
        }
        if fresh != service || isGone || changes.policyChanged.contains(fresh.name) {
            isGone = false
            let summary = HomeWatch.summary(before: [service], after: [fresh], policyChanged: changes.policyChanged)
            show(fresh)
            message = HomeWatch.reloaded(summary ?? "\(fresh.name) changed on disk")
            return true
        }
        guard changes.history else { return false }
        validation.invalidate()
        validation.request(validationKey)
        return true
    }

    /// Writes `change`: the files it writes are this screen's own doing, not changes made on disk to report.
    func write(_ change: Change) throws(HomeError) {
        try home.commit(change)
        watch.restamp([service])
    }

    /// Before a confirmation is built: the service as it is on disk now; false (the status line says why) when it is gone.
    func isCurrentOnDisk() -> Bool {
        noticeChangesOnDisk()
        return !isGone
    }

    /// Shows `fresh`, the service as just read: its custom policy's row, the description and the validation afresh.
    private func show(_ fresh: Service) {
        service = fresh
        (customPolicyID, customPolicy) = Self.customRow(of: fresh, home: home)
        list.setCount(scenarios.count + (customPolicyID == nil ? 0 : 1))
        descriptionWidth = 0
        validation = ScenarioValidation(home: home, service: fresh, mode: validationMode)
        validation.request(validationKey)
    }
}
