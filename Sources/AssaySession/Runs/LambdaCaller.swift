import AssayCore
import AssayEvaluation
import AssayLanguage

/// Turns a language function into a run's metric or extractor: the run's tasks call it back on the
/// session's worker thread through the ``WorkerPump``, with the interpreter that made it.
///
/// The interpreter is used only on the worker thread (inside ``WorkerPump/perform(_:)``), which is
/// why the caller may be sent to the run's tasks.
struct LambdaCaller: @unchecked Sendable {
    let interpreter: Interpreter
    let pump: WorkerPump

    /// A metric lambda: it receives the case result and returns a number or a Boolean.
    func metric(name: String, _ function: Value) -> @Sendable (ScoringInput) async throws -> JSONValue {
        { input in
            let caseValue = Self.caseValue(input)
            let result = await pump.perform { () -> Result<Value, BuiltinFailure> in
                do throws(BuiltinFailure) { return .success(try interpreter.call(function, [caseValue])) } catch { return .failure(error) }
            }
            switch result {
            case .failure(let failure):
                await Self.awaitCancellationIfInterrupted(interpreter.interruption)
                throw MetricError("metric '\(name)' failed on case \(input.testCase.id): \(failure.message)")
            case .success(.boolean(let flag)):
                return .int(flag ? 1 : 0)
            case .success(let returned):
                if let number = returned.numberValue, case .object = returned { return .double(number) }
                if case .integer(let number) = returned { return .int(number) }
                if case .float(let number) = returned, number.isFinite { return .double(number) }
                throw MetricError("metric '\(name)' returned \(returned.typeName) for case \(input.testCase.id); a metric lambda must return a number or a boolean")
            }
        }
    }

    /// An extract lambda: it receives the answer text and returns the extracted value.
    func extractor(_ function: Value) -> @Sendable (String) async throws -> JSONValue {
        { output in
            let result = await pump.perform { () -> Result<JSONValue, BuiltinFailure> in
                do throws(BuiltinFailure) {
                    let returned = try interpreter.call(function, [.string(output)])
                    return .success(try JSONBridge.json(returned))
                } catch {
                    return .failure(error)
                }
            }
            switch result {
            case .success(let json): return json
            case .failure(let failure):
                await Self.awaitCancellationIfInterrupted(interpreter.interruption)
                throw ExtractionError("the extract lambda failed: \(failure.message)")
            }
        }
    }

    /// After a user function failed because the cell was interrupted, waits until the run's task is
    /// cancelled (the ``WorkerPump`` cancels it as soon as it sees the interrupt), so that the runner
    /// counts the case as unfinished rather than failed; returns at once otherwise.
    static func awaitCancellationIfInterrupted(_ interruption: InterruptionFlag) async {
        guard interruption.isRaised else { return }
        for _ in 0..<1000 where !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// What a metric lambda receives: the case's fields, with `output`, `extracted`, `expected`,
    /// `input`, `id` and `sample`.
    static func caseValue(_ input: ScoringInput) -> Value {
        var record = JSONBridge.record(input.testCase.fields)
        record["case"] = .record(JSONBridge.record(input.testCase.fields))
        record["id"] = .string(input.testCase.id)
        record["sample"] = .integer(input.sample)
        record["output"] = .string(input.output)
        record["extracted"] = JSONBridge.value(input.extracted)
        record["expected"] = input.expected.map(JSONBridge.value) ?? .null
        return .record(record)
    }
}
