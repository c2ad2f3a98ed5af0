// libFuzzer entry point of the `judge` target: the judge's score parser on arbitrary answers, on a
// 1–5 and a 0–1 scale. Any answer must end in a score within the scale or a failure.

import AssayCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJudge(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let answer = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for scale in [1.0...5.0, 0.0...1.0] {
        if case .success(let score) = JudgeScoreParser(scale: scale).parse(answer) {
            precondition(scale.contains(score.value), "score \(score.value) outside \(scale)")
        }
    }
    return 0
}
