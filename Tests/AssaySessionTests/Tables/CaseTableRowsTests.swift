import AssayCore
import AssayEvaluation
import AssayLanguage
import Foundation
import Testing

@testable import AssaySession

/// A table makes the cells of the rows it shows only, and is the table made from every item's cells:
/// the same columns (every item's, in first-seen order, a late item's metric too), rows and caption.
@Suite struct CaseTableRowsTests {
    /// The table as made from every item's cells, cut to `rows` afterwards.
    static func everyRowTable(_ items: [Value], rows: Int) -> CaseTable {
        let cells: [[(String, Value)]] = items.map { item in
            switch item {
            case .object(let object as CaseResultObject): CaseTable.caseCells(object)
            case .record(let record): RecordTable.leaves(of: record)
            default: []
            }
        }
        var columns: [String] = []
        var seen = Set<String>()
        for row in cells { for (key, _) in row where seen.insert(key).inserted { columns.append(key) } }
        let shown = cells.prefix(rows).map { row in columns.map { column in row.first { $0.0 == column }?.1 ?? .null } }
        let isCases = items.allSatisfy { if case .object = $0 { true } else { false } }
        return CaseTable(columns: columns, rows: shown, total: items.count, noun: isCases ? "case results" : "rows")
    }

    static func expectSame(_ made: CaseTable, _ expected: CaseTable, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(made.columns == expected.columns, sourceLocation: sourceLocation)
        #expect(made.rows == expected.rows, sourceLocation: sourceLocation)
        #expect(made.total == expected.total && made.noun == expected.noun, sourceLocation: sourceLocation)
        #expect(made.plainText(width: 120) == expected.plainText(width: 120), sourceLocation: sourceLocation)
        #expect(made.html == expected.html, sourceLocation: sourceLocation)
    }

    @Test("case results: the columns of rows not shown (a late metric, nested paths) are there, the rows are the first ones")
    func caseResults() throws {
        let items: [Value] = (0..<60).map { index in
            var metrics: JSONObject = ["exact": .double(Double(index % 2)), "rouge": ["rougeL": ["f1": .double(Double(index) / 60)]]]
            if index == 57 { metrics["late"] = ["deep": .int(3)] }
            if index % 9 == 0 { metrics = [:] }
            let result = CaseResult(caseID: "c\(index)", sample: index % 2, position: index, prompt: [], output: "answer \(index)",
                                    metrics: metrics, status: index % 11 == 0 ? .modelError : .ok, error: index % 11 == 0 ? "failed" : nil)
            let testCase = TestCase(id: "c\(index)", fields: ["input": .string("q \(index)"), "expected": .string("a \(index)")])
            return .object(CaseResultObject(result: result, testCase: testCase))
        }
        for rows in [0, 1, 20, 60, 100] {
            let made = try #require(try CaseTable.make(items, rows: rows))
            Self.expectSame(made, Self.everyRowTable(items, rows: rows))
        }
        #expect(try #require(try CaseTable.make(items)).columns.contains("late/deep"))
        let chosen = try #require(try CaseTable.make(items, rows: 5, columns: ["late/deep", "id"]))
        #expect(chosen.columns == ["late/deep", "id"] && chosen.rows.count == 5)
    }

    @Test("records: a late record's key is a column; anything else in the list makes no table")
    func records() throws {
        let items: [Value] = (0..<30).map { index in
            var record = Record([("name", .string("n\(index)")), ("score", .record(Record([("f1", .float(Double(index)))])))])
            if index == 29 { record["extra"] = .integer(1) }
            return .record(record)
        }
        Self.expectSame(try #require(try CaseTable.make(items, rows: 10)), Self.everyRowTable(items, rows: 10))
        #expect(try CaseTable.make(items + [.integer(1)], rows: 10) == nil)
    }
}
