import AssayCore
import AssayEvaluation
import Testing

/// A multi-label answer may be a comma list or a JSON array of labels.
@Suite("Label-set answers")
struct LabelSetAnswerTests {
    let extraction = Extraction.labelSet(["billing", "bug", "feature"])

    @Test("a JSON array of labels is read as the label set")
    func jsonArray() async throws {
        #expect(try await extraction.extract(from: #"["bug", "Billing"]"#) == .array(["billing", "bug"]))
        #expect(try await extraction.extract(from: "[\"feature\"]\n") == .array(["feature"]))
    }

    @Test("comma lists still work, and an array naming an unknown label is an extraction error")
    func commaListsAndUnknownLabels() async throws {
        #expect(try await extraction.extract(from: "bug, billing") == .array(["billing", "bug"]))
        await #expect(throws: ExtractionError.self) { try await extraction.extract(from: #"["bug", "sales"]"#) }
        await #expect(throws: ExtractionError.self) { try await extraction.extract(from: "[]") }
    }
}
