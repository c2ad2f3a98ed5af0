import AssayCore
import Foundation
import Testing
@testable import AssayEvaluation

/// What a stored run becomes in MLflow (the export against a real `mlflow server` is
/// Tests/python/test_mlflow_export.py).
@Suite("MLflow export")
struct MLflowRunDataTests {
    static let cases = SyntheticRun.cases(12)
    static let run = SyntheticRun.run(name: "menu on gpt", cases: cases, wrongEvery: 4, model: "perfect")

    static func dictionary(_ pairs: [(key: String, value: String)]) -> [String: String] {
        Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    @Test("params: the model, its provider, the template's hash and every generation parameter")
    func params() {
        let params = Self.dictionary(MLflowRunData(run: Self.run, cases: Self.cases).params)
        #expect(params["model"] == "perfect")
        #expect(params["template_sha256"] == Self.run.record.templateSHA256)
        #expect(params["temperature"] == "0.2")
        #expect(params["reducer"] == "mean")
        #expect(params.keys.allSatisfy { MLflowRunData.key($0) == $0 })
    }

    @Test("metrics: each summary mean under its path, with its interval as _ci_low and _ci_high; and the counts")
    func metrics() throws {
        let data = MLflowRunData(run: Self.run, cases: Self.cases)
        let metrics = Dictionary(data.metrics.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let statistics = Self.run.statistics
        #expect(!statistics.entries.isEmpty)
        for entry in statistics.entries {
            #expect(metrics[entry.name] == entry.summary.mean)
            #expect(metrics[entry.name + "_ci_low"] == entry.summary.confidenceInterval.lower)
            #expect(metrics[entry.name + "_ci_high"] == entry.summary.confidenceInterval.upper)
        }
        #expect(metrics["rouge/rougeL/f1"] != nil)
        #expect(metrics["results"] == Double(Self.run.record.counts.finished))
        #expect(metrics["results_errors"] == Double(Self.run.record.counts.errors))
        #expect(metrics["cost_usd"] == nil, "an unpriced run has no cost")
    }

    @Test("tags: the Assay run id, the suite's hash, the Assay version and the git revision")
    func tags() {
        let tags = Self.dictionary(MLflowRunData(run: Self.run, cases: Self.cases).tags)
        #expect(tags[MLflowRunData.runIDTag] == Self.run.record.idText)
        #expect(tags["assay.suite_sha256"] == Self.run.record.suiteHash)
        #expect(tags["assay.version"] == "0.1.0")
        #expect(tags["assay.git_revision"] == "0123456789abcdef")
        #expect(tags["mlflow.source.git.commit"] == "0123456789abcdef")
    }

    @Test("the artifact is the run's JSONL export, and a finished run's status is FINISHED")
    func artifactAndStatus() throws {
        let data = MLflowRunData(run: Self.run, cases: Self.cases)
        #expect(data.artifact == (try RunExport.text(of: Self.run, cases: Self.cases, format: "jsonl")))
        #expect(data.status == "FINISHED")
        #expect(data.startTime == 1_800_000_000_000)
        #expect(MLflowRunData.status(.interrupted) == "KILLED")
        #expect(MLflowRunData.status(.failed) == "FAILED")
    }

    @Test("metric names become MLflow keys: letters, digits, _ - . / and spaces kept, anything else _")
    func keys() {
        #expect(MLflowRunData.key("rouge/rougeL/f1") == "rouge/rougeL/f1")
        #expect(MLflowRunData.key("exact ci-2.x") == "exact ci-2.x")
        #expect(MLflowRunData.key("bleu@4:sacré") == "bleu_4_sacr_")
        #expect(MLflowRunData.key("") == "_")
    }

    @Test("a server that refuses the connection is named with the URL and the setting to check")
    func refused() async throws {
        let held = try #require(BoundSocket())
        defer { held.close() }
        let url = "http://127.0.0.1:\(held.port)"
        do throws(MLflowError) {
            _ = try await MLflowExport.export(Self.run, cases: Self.cases, to: url, experiment: "evals")
            Issue.record("the export to a closed port should fail")
        } catch {
            #expect(error.message.hasPrefix("cannot connect to MLflow at \(url)/api/2.0/mlflow/experiments/get-by-name: the connection was refused."),
                    "\(error.message)")
            #expect(error.message.hasSuffix("Check the MLflow URL."))
        }
    }

    @Test("a URL that is not http or https is refused before any request")
    func badURL() async {
        do throws(MLflowError) {
            _ = try await MLflowExport.export(Self.run, cases: Self.cases, to: "127.0.0.1:5000", experiment: "evals")
            Issue.record("a URL without a scheme should be refused")
        } catch {
            #expect(error.message.hasPrefix("'127.0.0.1:5000' is not an MLflow server URL"))
        }
    }
}
