import AssayCore
import AssaySession
import Foundation

extension ShellHandler {
    /// Runs an `execute_request`: `execute_input`, the outputs as they come, then the reply.
    ///
    /// Only requests that store history advance the counter; the others (silent ones included)
    /// report its current value. A failure with `stop_on_error` aborts the execute requests that
    /// were already queued behind this one.
    func execute(_ request: KernelMessage, sequence: Int) async {
        let parsed = ExecuteRequest(content: request.content)
        if sequence <= abortedThrough {
            publisher.reply(to: request, type: "execute_reply", content: ["status": "aborted", "execution_count": .int(executionCount)])
            return
        }
        if parsed.storesHistory { executionCount += 1 }
        let count = executionCount
        if !parsed.isSilent {
            publisher.publish("execute_input", content: ["code": .string(parsed.code), "execution_count": .int(count)], parent: request)
        }
        let outputs = ExecutionOutputs(publisher: publisher, parent: request, executionCount: count, isSilent: parsed.isSilent, limits: limits)
        let cell = ExecutionRequest(
            code: parsed.code, origin: "<cell>", echo: .lastExpression,
            readInput: parsed.allowsStdin ? inputReader(for: request) : nil
        )
        let outcome = await engine.execute(cell, sink: { outputs.receive($0) })
        outputs.finish()

        var content: JSONObject = ["execution_count": .int(count)]
        let failure: ErrorReport? = switch outcome {
        case .success, .quitRequested: nil
        case .failure(let report): report
        case .interrupted: .interrupted
        }
        if let failure {
            outputs.publishError(failure)
            content.merge(ExecutionOutputs.errorContent(failure))
            content["status"] = "error"
        } else {
            if outcome == .quitRequested {
                outputs.addPayload(["source": "ask_exit", "keepkernel": false])
            }
            content["status"] = "ok"
            content["payload"] = .array(outputs.payload)
            content["user_expressions"] = .object(await evaluate(parsed.userExpressions))
        }
        if parsed.storesHistory {
            history.record(InputHistory.Entry(line: count, input: parsed.code, output: outputs.resultText))
        }
        publisher.reply(to: request, type: "execute_reply", content: content, metadata: ["status": content["status"]!])
        if failure != nil && parsed.stopsOnError && !parsed.isSilent {
            abortedThrough = inbox.latestSequence
        }
    }

    /// Evaluates `user_expressions` quietly: each gives a MIME bundle or an error, never output.
    private func evaluate(_ expressions: [String: String]) async -> JSONObject {
        var results: JSONObject = [:]
        for (name, code) in expressions.sorted(by: { $0.key < $1.key }) {
            let captured = CapturedResult()
            let outcome = await engine.execute(
                ExecutionRequest(code: code, origin: "<user expression>", echo: .lastExpression),
                sink: { captured.receive($0) }
            )
            switch outcome {
            case .failure(let report):
                results[name] = .object((["status": "error"] as JSONObject).merging(ExecutionOutputs.errorContent(report)))
            case .interrupted:
                results[name] = .object((["status": "error"] as JSONObject).merging(ExecutionOutputs.errorContent(.interrupted)))
            case .success, .quitRequested:
                results[name] = ["status": "ok", "data": .object(captured.bundle?.jupyterData ?? [:]), "metadata": [:]]
            }
        }
        return results
    }

    /// A reader that asks the client on stdin and blocks the cell until it answers or is interrupted.
    private func inputReader(for request: KernelMessage) -> @Sendable (String, Bool) -> String? {
        let publisher = self.publisher
        let inputs = self.inputs
        return { prompt, isPassword in
            let requestID = UUID().uuidString.lowercased()
            inputs.expect(requestID)
            publisher.ask("input_request", msgID: requestID, content: ["prompt": .string(prompt), "password": .bool(isPassword)], parent: request)
            return inputs.wait()
        }
    }
}
