import Foundation

/// Expectations as a JUnit XML report, the form CI systems read test results in: one test case per
/// expectation (a failure carries its figures), and with ``includesCases`` a second test suite with
/// one test case per case, failing when the case fails any expectation's own check.
///
/// The document follows the Apache Ant JUnit schema (`JUnit.xsd`): a `testsuites` root whose
/// `testsuite`s carry `package`, `id`, `name`, `timestamp`, `hostname`, `tests`, `failures`,
/// `errors` and `time`, each with `properties`, its `testcase`s, `system-out` and `system-err`.
public struct JUnitReport: Sendable {
    /// The verdicts, in the order they were reached.
    public var outcomes: [ExpectationOutcome]
    /// Whether to add the suite of per-case test cases.
    public var includesCases: Bool
    /// When the expectations were checked.
    public var timestamp: Date
    /// The machine they were checked on.
    public var hostname: String

    /// Creates a report.
    public init(outcomes: [ExpectationOutcome], includesCases: Bool = false, timestamp: Date = Date(),
                hostname: String = ProcessInfo.processInfo.hostName) {
        self.outcomes = outcomes
        self.includesCases = includesCases
        self.timestamp = timestamp
        self.hostname = hostname
    }

    /// One test case of the report.
    struct Case {
        let name: String
        let classname: String
        let failure: String?
        let detail: String
    }

    /// The XML document.
    public var xml: String {
        var suites = [suite(name: "expectations", id: 0, cases: outcomes.map { outcome in
            Case(name: outcome.expectation.description, classname: "assay.expectations",
                 failure: outcome.passed ? nil : "expected \(outcome.expectation.description) · \(outcome.subject): \(outcome.figures)",
                 detail: outcome.line)
        })]
        if includesCases { suites.append(suite(name: "cases", id: 1, cases: caseTests)) }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n" + suites.joined() + "</testsuites>\n"
    }

    /// One test case per case id, in first-seen order; its failure lists the expectations it failed.
    var caseTests: [Case] {
        var order: [String] = []
        var failures: [String: [String]] = [:]
        var details: [String: [String]] = [:]
        for outcome in outcomes {
            for verdict in outcome.cases {
                if details[verdict.caseID] == nil { order.append(verdict.caseID) }
                details[verdict.caseID, default: []].append("\(outcome.expectation.description): \(verdict.detail)")
                if !verdict.passed { failures[verdict.caseID, default: []].append("\(outcome.expectation.description): \(verdict.detail)") }
            }
        }
        return order.map { id in
            Case(name: id, classname: "assay.cases", failure: failures[id].map { $0.joined(separator: "; ") },
                 detail: (details[id] ?? []).joined(separator: "\n"))
        }
    }

    private func suite(name: String, id: Int, cases: [Case]) -> String {
        let failures = cases.count { $0.failure != nil }
        var text = "  <testsuite name=\"assay \(name)\" package=\"assay\" id=\"\(id)\" timestamp=\"\(Self.timestampText(timestamp))\" "
        text += "hostname=\"\(Self.escape(hostname.isEmpty ? "localhost" : hostname))\" tests=\"\(cases.count)\" failures=\"\(failures)\" "
        text += "errors=\"0\" time=\"0\">\n    <properties/>\n"
        for test in cases {
            text += "    <testcase name=\"\(Self.escape(test.name))\" classname=\"\(test.classname)\" time=\"0\""
            if let failure = test.failure {
                text += ">\n      <failure message=\"\(Self.escape(failure))\" type=\"expectation\">\(Self.escape(test.detail))</failure>\n    </testcase>\n"
            } else {
                text += "/>\n"
            }
        }
        let out = cases.map(\.detail).joined(separator: "\n")
        text += "    <system-out>\(Self.escape(out))</system-out>\n    <system-err></system-err>\n  </testsuite>\n"
        return text
    }

    /// `2026-12-07T04:40:00` in UTC: the schema's timestamp has no zone and no fraction.
    static func timestampText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// Text escaped for XML content and attributes; characters XML 1.0 cannot carry (control
    /// characters other than tab, newline and return) are dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
