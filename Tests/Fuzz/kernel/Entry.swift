// libFuzzer entry point of the `kernel` target: the kernel's wire decoding on arbitrary bytes. The
// input is read three ways: as multipart frames (split at each "\n\n") decoded without a key and
// with one (a signature frame reading `sign` is replaced by the frames' true signature, so that the
// parts behind the check are reached too), and as stdio lines. A decoded message must encode to
// frames or a line that decode to the same message; anything else must be a `WireError`.

import AssayCore
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKernel(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    let frames = split(bytes, at: Data("\n\n".utf8))
    for key in ["", "fuzzing-key"] {
        let codec = WireCodec(signer: MessageSigner(key: key))
        var received = frames
        if let delimiter = received.firstIndex(of: WireCodec.delimiter), delimiter + 1 < received.count,
           received[delimiter + 1] == Data("sign".utf8) {
            let parts = Array(received[(delimiter + 2)..<min(delimiter + 6, received.count)])
            received[delimiter + 1] = Data(codec.signer.signature(of: parts).utf8)
        }
        if let message = try? codec.decode(received, channel: .shell) {
            let again = try? codec.decode(codec.encode(message), channel: .shell)
            precondition(again.map { same($0, message) } == true, "a decoded message does not survive encoding")
        }
    }
    for line in [bytes] + split(bytes, at: Data("\n".utf8)) {
        if let message = try? LineCodec.decode(line) {
            var encoded = LineCodec.encode(message)
            precondition(encoded.last == UInt8(ascii: "\n") && encoded.dropLast().firstIndex(of: UInt8(ascii: "\n")) == nil,
                         "an encoded line holds a line break")
            encoded.removeLast()
            let again = try? LineCodec.decode(encoded)
            precondition(again.map { same($0, message) } == true, "a decoded line does not survive encoding")
        }
    }
    return 0
}

private func same(_ left: KernelMessage, _ right: KernelMessage) -> Bool {
    left.channel == right.channel && left.identities == right.identities && left.header == right.header
        && left.parentHeader == right.parentHeader && left.metadata == right.metadata && left.content == right.content
        && left.buffers == right.buffers
}

private func split(_ bytes: Data, at separator: Data) -> [Data] {
    var parts: [Data] = []
    var rest = bytes[...]
    while let range = rest.firstRange(of: separator) {
        parts.append(Data(rest[..<range.lowerBound]))
        rest = rest[range.upperBound...]
    }
    parts.append(Data(rest))
    return parts
}
