import AssayLanguage

/// A domain object that also renders as HTML (tables) or SVG (charts).
protocol RichDisplayable {
    var mimeBundle: MIMEBundle { get }
}

/// Turns values into MIME bundles.
enum ValueRenderer {
    /// The bundle a value is shown as.
    static func bundle(for value: Value) -> MIMEBundle {
        if case .object(let object) = value, let rich = object as? any RichDisplayable {
            return rich.mimeBundle
        }
        if case .list(let items) = value, items.contains(where: isCaseResult), let table = try? CaseTable.make(items) {
            return MIMEBundle(["text/plain": table.plainText(width: TextWidth.current), "text/html": table.html])
        }
        if case .list(let items) = value, items.count >= 2, let table = try? CaseTable.make(items) {
            return MIMEBundle(["text/plain": value.plainText, "text/html": table.html])
        }
        return MIMEBundle(plainText: value.plainText)
    }

    private static func isCaseResult(_ value: Value) -> Bool {
        if case .object(let object) = value { return object is CaseResultObject }
        return false
    }

    /// A value as one table cell.
    static func cellText(_ value: Value) -> String {
        if case .string(let text) = value { return text }
        return value.literalText
    }
}
