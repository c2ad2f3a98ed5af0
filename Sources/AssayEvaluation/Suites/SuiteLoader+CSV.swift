import AssayCore

extension SuiteLoader {
    /// Reads a header row, then one case per row. `offset` is where `bytes` starts in the file
    /// (after a byte order mark), for the spans of cases that keep their text.
    static func readCSV(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int, into collector: inout CaseCollector) throws(SuiteLoadError) {
        var reader = CSVReader(bytes: bytes)
        let header = try readHeader(&reader, path: collector.path)
        collector.keepText(csvHeader: header)
        while let outcome = reader.next() {
            switch outcome {
            case .failure(let failure):
                try collector.reject(SuiteLoadError(
                    .malformedRecord, path: collector.path, line: failure.line, column: failure.column,
                    message: failure.message, hint: failure.hint
                ))
            case .record(let record):
                if record.isBlank { continue }
                guard record.fields.count == header.count else {
                    try collector.reject(columnCountError(record, header: header, reader: reader, path: collector.path))
                    continue
                }
                try collector.add(
                    .object(CSVReader.caseFields(header: header, cells: record.fields)), line: record.line, column: nil, hintForNonObject: "",
                    span: (offset + record.fieldOffsets[0])..<(offset + reader.position)
                )
            }
        }
    }

    private static func readHeader(_ reader: inout CSVReader, path: String) throws(SuiteLoadError) -> [String] {
        while let outcome = reader.next() {
            switch outcome {
            case .failure(let failure):
                throw SuiteLoadError(.malformedRecord, path: path, line: failure.line, column: failure.column,
                                     message: "in the header row: \(failure.message)", hint: failure.hint)
            case .record(let record):
                if record.isBlank { continue }
                let names = record.fields.map { $0.trimmingWhitespace() }
                var seen: Set<String> = []
                for (position, name) in names.enumerated() {
                    if name.isEmpty {
                        throw SuiteLoadError(.invalidLayout, path: path, line: record.line,
                                             message: "column \(position + 1) of the header row has no name",
                                             hint: "the first row names the fields, e.g. id,input,expected,tags")
                    }
                    if !seen.insert(name).inserted {
                        throw SuiteLoadError(.invalidLayout, path: path, line: record.line,
                                             message: "the header row names the column \"\(name)\" twice")
                    }
                }
                return names
            }
        }
        throw SuiteLoadError(.invalidLayout, path: path, message: "the file is empty",
                             hint: "a CSV suite starts with a header row naming the fields, e.g. id,input,expected,tags")
    }

    private static func columnCountError(
        _ record: CSVReader.Record, header: [String], reader: CSVReader, path: String
    ) -> SuiteLoadError {
        let found = record.fields.count
        let expected = header.count
        // Point at the first extra field when there is one; otherwise at the row.
        let extra = found > expected
            ? reader.position(of: record.fieldOffsets[expected], lineStart: record.lineStart, line: record.line) : nil
        return SuiteLoadError(
            .malformedRecord, path: path, line: extra?.line ?? record.line, column: extra?.column,
            message: "this row has \(found) field\(found == 1 ? "" : "s") but the header has \(expected) "
                + "(\(header.joined(separator: ", ")))",
            hint: found > expected ? "put quotes around fields that contain commas: \"a, b\"" : nil
        )
    }
}
