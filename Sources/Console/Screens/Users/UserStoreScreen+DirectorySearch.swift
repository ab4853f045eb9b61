import ConsoleUI
import UserStores

/// A directory listing cut short (more names than `UserStoreListing.limit`, or the server's own limit) is searched in
/// the directory: `/` and Enter show the server's matches in the listing's place, Esc the listing again.
extension UserStoreScreen {
    /// True when `/` asks the directory: the list shown (users or roles) was cut short.
    var searchesDirectory: Bool {
        guard let whole = wholeListing ?? listing, whole.problem == nil else { return false }
        return showingRoles ? whole.moreRoles : whole.moreUsers
    }

    /// Asks the directory for the names containing `text` in the list shown, off the input loop; an empty query shows
    /// the listing again.
    func searchDirectory(for text: String) -> HandlerResult {
        guard !text.isEmpty else { return showWholeListing() }
        let home = self.home, roles = showingRoles
        directoryQuery = (text, roles)
        searching = true
        message = nil
        directoryJob.start(mode) { _ in UserStoreListing.search(text, roles: roles, home: home) }
        if case .inline = mode { _ = poll() }
        return .redraw
    }

    /// The directory's answer in place of the listing, the first name that contains the query selected.
    func showFound(_ result: Result<Listing, UserStoresError>) {
        guard let query = directoryQuery, let base = wholeListing ?? listing else { return }
        switch result {
        case .failure(let error):
            directoryQuery = nil
            message = StatusText("Searching the directory: \(error.reason)", isError: true)
        case .success(let found):
            var shown = base
            shown.show(found, roles: query.roles)
            shown.serverLimit = found.serverLimit
            wholeListing = base
            showingRoles = query.roles
            listing = shown
            list = ListState(count: rows.count)
            // n from the last row wraps to the first match, and clears "Nothing matches" of the rows searched before.
            list.select(rows.count - 1)
            _ = search.handle(.char("n"), in: rows, list: &list)
        }
    }

    /// The listing as read, in place of a directory search's answer (or of one still awaited).
    @discardableResult
    func showWholeListing() -> HandlerResult {
        searching = false
        directoryQuery = nil
        message = nil
        if let whole = wholeListing {
            wholeListing = nil
            listing = whole
            list = ListState(count: rows.count)
        }
        return .redraw
    }
}
