import Foundation

extension OutputLimits {
    /// `bundle` within ``bytesPerOutput``: a `text/plain` over the limit is cut (at a line end
    /// when one is near); any other text representation over it (HTML, SVG) is left out, so front
    /// ends show the `text/plain`; and the `text/plain` then ends with a notice saying what was cut
    /// and how to see all of it. A bundle within the limit is returned as it is.
    public func capped(_ bundle: MIMEBundle) -> MIMEBundle {
        guard let limit = bytesPerOutput else { return bundle }
        var result = bundle
        var oversized: [(type: String, bytes: Int)] = []
        for (type, data) in bundle.data.sorted(by: { $0.key < $1.key }) {
            guard case .text(let text) = data, text.utf8.count > limit else { continue }
            oversized.append((type, text.utf8.count))
            if type != "text/plain" { result.data[type] = nil }
        }
        guard !oversized.isEmpty else { return bundle }
        let plain = bundle.plainText
        let shown = plain.utf8.count > limit ? String(Self.prefix(plain, bytes: limit)) : plain
        let sizes = oversized.map { "its \($0.type) is \(Self.sizeText($0.bytes))" }.joined(separator: " and ")
        let notice = "[output cut: \(sizes), over the notebook's limit of \(Self.sizeText(limit)) per output"
            + (oversized.contains { $0.type != "text/plain" } ? ", so only its text is shown" : "")
            + ". show(x, rows: N) shows part of a table; export(r, \"cases.jsonl\") or save(x, \"report.html\") writes all of it to a file; "
            + "\(Self.bytesVariable) in the kernel's environment (e.g. 20M, or 0 for none) changes the limit.]"
        result.data["text/plain"] = .text(shown + (shown.hasSuffix("\n") || shown.isEmpty ? "" : "\n") + notice)
        return result
    }

    /// The notice that ends a stream cut at the limit.
    ///
    /// - Parameters:
    ///   - stream: `stdout` or `stderr`.
    ///   - written: The bytes the cell had written to it when it was cut (this piece included).
    public func streamNotice(_ stream: String, written: Int) -> String {
        let limit = bytesPerOutput.map(Self.sizeText) ?? "?"
        return "\n[output cut: \(limit) of the \(Self.sizeText(written)) written to \(stream) shown, the notebook's limit per output; "
            + "the rest of this cell's \(stream) is not shown. Run the code in the shell or as a script (assay FILE.assay) to see all of it, "
            + "or set \(Self.bytesVariable) in the kernel's environment (e.g. 20M, or 0 for none).]\n"
    }

    /// The first `bytes` UTF-8 bytes of `text` or fewer: up to its last line end when that is in
    /// the second half, else up to a character boundary.
    public static func prefix(_ text: String, bytes: Int) -> Substring {
        let utf8 = text.utf8
        guard utf8.count > bytes else { return text[...] }
        var end = utf8.index(utf8.startIndex, offsetBy: max(0, bytes))
        while end > text.startIndex, end.samePosition(in: text) == nil {
            end = utf8.index(before: end)
        }
        let head = text[..<end]
        if let newline = head.utf8.lastIndex(of: UInt8(ascii: "\n")), utf8.distance(from: utf8.startIndex, to: newline) >= bytes / 2 {
            return text[...newline]
        }
        return head
    }

    /// A size as people read it: `812 bytes`, `3.9 kB`, `500 kB`, `10 MB` (decimal units).
    public static func sizeText(_ bytes: Int) -> String {
        func scaled(_ value: Double, _ unit: String) -> String {
            value < 9.95 ? "\((value * 10).rounded() / 10) \(unit)".replacingOccurrences(of: ".0 ", with: " ") : "\(Int(value.rounded())) \(unit)"
        }
        if bytes < 1_000 { return "\(bytes) bytes" }
        if bytes < 999_500 { return scaled(Double(bytes) / 1_000, "kB") }
        return scaled(Double(bytes) / 1_000_000, "MB")
    }
}
