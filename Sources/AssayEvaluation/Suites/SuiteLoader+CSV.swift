import AssayCore

extension SuiteLoader {
    /// Reads a header row, then one case per row. `offset` is where `bytes` starts in the file
    /// (after a byte order mark), for the spans of cases that keep their text.
    static func readCSV(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int, into collector: inout CaseCollector) throws(SuiteLoadError) {
        var reader = CSVReader(bytes: bytes)
        let header = try readHeader(&reader, path: collector.path)
        collector.keepText(csvHeader: header)
        // Sized once: grown by doubling, the cases, their lines and the id table were each held
        // twice over while they were copied, which made the peak of a large load.
        collector.reserveCapacity(lineCount(bytes))
        // A row's own id is its `id` cell, else (without an `id` column) its `uuid` cell: when
        // that is not empty, the case keeps its text and only that cell is read; any other row
        // is made into its fields, for its content hash.
        let idColumn = header.firstIndex(of: "id")
        let uuidColumn = idColumn == nil ? header.firstIndex(of: "uuid") : nil
        var record = CSVReader.Record()
        while let step = reader.next(into: &record) {
            if case .failure(let failure) = step {
                try collector.reject(SuiteLoadError(
                    .malformedRecord, path: collector.path, line: failure.line, column: failure.column,
                    message: failure.message, hint: failure.hint
                ))
                continue
            }
            if reader.isBlank(record) { continue }
            guard record.count == header.count else {
                try collector.reject(columnCountError(record, header: header, reader: reader, path: collector.path))
                continue
            }
            let span = (offset + record.fieldOffsets[0])..<(offset + reader.position)
            if let idColumn, try collector.addText(
                id: .string(reader.field(idColumn, of: record)), uuid: nil, line: record.line, column: nil, span: span
            ) {
                continue
            }
            if let uuidColumn, try collector.addText(
                id: nil, uuid: .string(reader.field(uuidColumn, of: record)), line: record.line, column: nil, span: span
            ) {
                continue
            }
            try collector.add(
                .object(CSVReader.caseFields(header: header, cells: reader.fields(of: record))), line: record.line, column: nil,
                hintForNonObject: "", span: span
            )
        }
    }

    private static func readHeader(_ reader: inout CSVReader, path: String) throws(SuiteLoadError) -> [String] {
        while let outcome = reader.next() {
            switch outcome {
            case .failure(let failure):
                throw SuiteLoadError(.malformedRecord, path: path, line: failure.line, column: failure.column,
                                     message: "in the header row: \(failure.message)", hint: failure.hint)
            case .record(let record):
                if reader.isBlank(record) { continue }
                let names = reader.fields(of: record).map { $0.trimmingWhitespace() }
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
        let found = record.count
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
