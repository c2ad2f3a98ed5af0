import AssayCore
import AssayEvaluation
import AssayLanguage

/// A suite's cases as the language's records, made from each case only when it is read.
///
/// A suite holds its cases once (``TestCase``); the language sees each as a ``Record`` that
/// stands for its position here. Reading one member converts that member alone, so `c/tags` over
/// a million cases does not build a million records, and the session does not hold every case a
/// second time.
final class SuiteRecords: RecordSource {
    let cases: [TestCase]

    init(_ cases: [TestCase]) {
        self.cases = cases
    }

    /// One deferred record per case, in order.
    var values: [Value] {
        var values: [Value] = []
        values.reserveCapacity(cases.count)
        for position in cases.indices { values.append(value(at: position)) }
        return values
    }

    /// The deferred record of the case at `position`.
    func value(at position: Int) -> Value {
        .record(Record(source: self, position: position))
    }

    func record(at position: Int) -> Record {
        JSONBridge.record(cases[position].fields)
    }

    func member(_ key: String, at position: Int) -> Value? {
        cases[position].field(key).map(JSONBridge.value)
    }

    /// The case a record stands for when it is still a deferred record of these cases.
    func testCase(of record: Record) -> TestCase? {
        guard let (source, position) = record.deferral, source === self else { return nil }
        return cases[position]
    }

    /// The case a record stands for when it is still a deferred record of some suite.
    static func testCase(of record: Record) -> TestCase? {
        guard let (source, position) = record.deferral, let records = source as? SuiteRecords else { return nil }
        return records.cases[position]
    }
}
