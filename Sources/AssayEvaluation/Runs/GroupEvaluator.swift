/// Takes a group of cases (`group: n`) through one request: each case's prompt becomes a numbered
/// item of a ``GroupedPrompt``, and ``GroupedAnswer`` splits the answer back into one output per
/// case, which is then extracted and scored as usual.
///
/// A case whose template fails is left out of the request with `template_error`. A model error
/// fails every case of the request; a case whose item the answer lacks gets `extract_error` with
/// the whole answer as its output. The call's tokens are shared out over the cases in whole tokens
/// (``TokenUsage/shares(_:)``), and each case's latency is the call's.
struct GroupEvaluator: Sendable {
    let evaluator: CaseEvaluator

    /// Evaluates the cases; nil when the task was cancelled before any of them finished.
    func evaluate(_ unit: [Runner.WorkItem]) async -> [CaseEvaluator.Evaluation]? {
        var finished: [CaseEvaluator.Evaluation] = []
        var members: [(item: Runner.WorkItem, rendered: [ChatMessage])] = []
        for item in unit {
            do {
                members.append((item, try evaluator.template.render(item.testCase.fields, caseID: item.testCase.id)))
            } catch {
                var result = Self.emptyResult(item)
                result.status = .templateError
                result.error = error.description
                finished.append(CaseEvaluator.Evaluation(result: result, cacheEntries: []))
            }
        }
        guard let first = members.first else { return finished }
        let prompt = GroupedPrompt(renderings: members.map(\.rendered))
        var request = evaluator.request(prompt.messages, sample: first.item.sample, testCase: nil)
        request.groupedCases = members.map(\.item.testCase)
        var call = Self.emptyResult(first.item)
        call.prompt = prompt.messages
        var cacheEntries: [CachedAnswer] = []
        switch await evaluator.answer(request, into: &call) {
        case .cancelled:
            return finished.isEmpty ? nil : finished
        case .failed:
            for member in members {
                var result = call
                result.caseID = member.item.testCase.id
                result.position = member.item.position
                finished.append(CaseEvaluator.Evaluation(result: result, cacheEntries: []))
            }
            return finished
        case .answered(let entry):
            cacheEntries = entry.map { [$0] } ?? []
        }
        let whole = call.output ?? ""
        let items = GroupedAnswer.items(in: whole, count: members.count)
        let usages = call.usage?.shares(members.count)
        for (index, member) in members.enumerated() {
            var result = call
            result.caseID = member.item.testCase.id
            result.position = member.item.position
            result.usage = usages?[index]
            if let item = items[index] {
                result.output = item
                await evaluator.score(&result, testCase: member.item.testCase)
                // Cut short by the run's cancellation: unfinished, not failed.
                if result.status.isError, Task.isCancelled { continue }
            } else {
                result.status = .extractError
                result.error = "the grouped answer has no item \(index + 1) of \(members.count)"
            }
            finished.append(CaseEvaluator.Evaluation(result: result, cacheEntries: cacheEntries))
            cacheEntries = []
        }
        return finished
    }

    private static func emptyResult(_ item: Runner.WorkItem) -> CaseResult {
        CaseResult(caseID: item.testCase.id, sample: item.sample, position: item.position, prompt: [], status: .ok)
    }
}
