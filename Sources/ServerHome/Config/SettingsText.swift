/// One TOML settings file edited as text: each key set changes one line (a missing key goes after its table's last
/// entry), every other byte stays; a value is checked by reading it back, so nothing is written in a form that
/// Micro Integrator or wssconsole would read otherwise.
struct SettingsText {
    let path: String
    let before: [UInt8]?
    var text: String
    /// The text as read (or started), so that a file nothing was set in is not written.
    private let initial: String

    /// The file at `path` in `home`; a missing one starts as wssconsole's own settings file would.
    init(_ home: Home, _ path: String) throws(HomeError) {
        self.path = path
        before = FileSystem.read(FileSystem.join(home.root, path))
        text = before.map { String(decoding: $0, as: UTF8.self) }
            ?? "# wssconsole's own settings for this Micro Integrator home: what conf/deployment.toml has no key for.\n"
        initial = text
        _ = try TOMLDocument(text: text)
    }

    /// Sets `key` of `table` to `value`, or removes it when `value` is nil.
    mutating func set(_ table: String, _ key: String, _ value: TOMLValue?) throws(HomeError) {
        let document = try TOMLDocument(text: text)
        guard let value else {
            text = document.removing(table, key)
            return
        }
        let result = document.setting(table, key, to: value)
        guard (try? TOMLDocument(text: result))?.value(table, key) == value else {
            throw HomeError(.writeFailed, "\(key) would not read back from \(path) as given", fix: "Edit \(path) by hand for this value.")
        }
        text = result
    }

    /// Removes every key of `table`, its header staying.
    mutating func removeKeys(of table: String) throws(HomeError) {
        for key in try TOMLDocument(text: text).entries.filter({ $0.table == table }).map(\.key) { try set(table, key, nil) }
    }

    /// Removes the header of `table` (and its own comments) when no key is left in it: an empty table left by
    /// removing its keys reads as a setting still there. The caller knows nothing else names the table.
    mutating func removeIfEmpty(_ table: String) throws(HomeError) {
        text = try TOMLDocument(text: text).removingEmptyTable(table)
    }

    /// The edit that writes the text, or nil when it is unchanged (a missing file given no setting stays missing).
    func edit(secret: Bool) -> FileEdit? {
        text == initial ? nil : FileEdit(path: path, before: before, after: Array(text.utf8), secret: secret)
    }
}
