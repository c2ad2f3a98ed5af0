/// Makes one model call with retries, backoff, the rate limit and a deadline: runs use it for every
/// case, and `ask()` for its one call.
package struct ModelCaller: Sendable {
    /// How a call ended.
    package enum Outcome: Sendable {
        /// The model answered, after `retries` retries, in `latency` (the successful attempt's).
        case answered(ModelResponse, latency: Duration, retries: Int)
        /// The call failed for good after `retries` retries.
        case failed(ModelCallError, retries: Int)
        /// The task was cancelled; nothing is recorded.
        case cancelled
        /// The run's budget did not admit the call, which was not made; nothing is recorded.
        case heldBack
    }

    let model: any ChatModel
    let retries: Int
    let limiter: RateLimiter?
    let environment: RunEnvironment
    /// How long after the request's own timeout the runner gives up on a model that ignores it.
    let deadlineGrace: Duration
    /// The run's `max_cost`, when it has one: every call is admitted by it first.
    let budget: (any RunBudget)?

    /// A caller for one call outside a run (`ask()`): no rate limit and no budget.
    package init(model: any ChatModel, retries: Int, environment: RunEnvironment) {
        self.init(model: model, retries: retries, limiter: nil, environment: environment)
    }

    init(model: any ChatModel, retries: Int, limiter: RateLimiter?, environment: RunEnvironment,
         deadlineGrace: Duration = .seconds(2), budget: (any RunBudget)? = nil) {
        self.model = model
        self.retries = retries
        self.limiter = limiter
        self.environment = environment
        self.deadlineGrace = deadlineGrace
        self.budget = budget
    }

    /// Calls the model until it answers, fails for good or the task is cancelled.
    package func call(_ request: ModelRequest) async -> Outcome {
        guard let budget else { return await attempts(request) }
        guard let reservation = await budget.reserve(request) else { return .heldBack }
        let outcome = await attempts(request)
        if case .answered(let response, _, _) = outcome {
            await budget.settle(reservation, usage: response.usage)
        } else {
            await budget.settle(reservation, usage: nil)
        }
        return outcome
    }

    /// Tries the call until it succeeds, fails for good or is cancelled.
    private func attempts(_ request: ModelRequest) async -> Outcome {
        var retry = 0
        while true {
            if Task.isCancelled { return .cancelled }
            if let limiter {
                do { try await limiter.acquire() } catch { return .cancelled }
            }
            let clock = ContinuousClock()
            let start = clock.now
            let error: ModelCallError
            var attempt = request
            attempt.attempt = retry
            switch await callWithDeadline(attempt) {
            case .success(let response):
                return .answered(response, latency: clock.now - start, retries: retry)
            case .failure(let failure):
                error = failure
            }
            if Task.isCancelled { return .cancelled }
            guard error.isRetryable, retry < retries else { return .failed(error, retries: retry) }
            let delay = environment.retryPolicy.delay(beforeRetry: retry, retryAfter: error.retryAfter, jitter: environment.random())
            do { try await environment.sleep(delay) } catch { return .cancelled }
            retry += 1
        }
    }

    /// Calls the model, giving up with a timeout error if it has not answered `deadlineGrace` after
    /// the request's timeout (a model is expected to enforce its timeout itself).
    private func callWithDeadline(_ request: ModelRequest) async -> Result<ModelResponse, ModelCallError> {
        let model = self.model
        if model.endsAtTimeout(request) {
            // The model keeps the deadline itself: no second timer and two tasks per call.
            do throws(ModelCallError) { return .success(try await model.complete(request)) } catch { return .failure(error) }
        }
        let limit = request.timeout + deadlineGrace
        return await withTaskGroup(of: Result<ModelResponse, ModelCallError>?.self) { group in
            group.addTask {
                do throws(ModelCallError) { return .success(try await model.complete(request)) } catch { return .failure(error) }
            }
            group.addTask {
                do { try await Task.sleep(for: limit) } catch { return nil }
                return .failure(ModelCallError(.timeout, "the model did not answer within \(request.timeout)"))
            }
            var outcome: Result<ModelResponse, ModelCallError>?
            while outcome == nil, let next = await group.next() {
                outcome = next
            }
            group.cancelAll()
            return outcome ?? .failure(ModelCallError(.cancelled, "the call was cancelled"))
        }
    }
}
