extension PythonUTF8 {
    /// Replaces `output` with the UTF-8 of Python's `str.lower()` applied to `bytes`.
    ///
    /// Python uses each character's full lower-case mapping (so `İ` becomes `i` followed
    /// by U+0307) and the Final_Sigma rule for `Σ`. Swift's own `lowercased()` lacks the
    /// latter, so this walks the scalars itself.
    static func lowercase(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        if !bytes.contains(where: { $0 >= 0x80 }) {
            for byte in bytes {
                output.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
            return
        }
        var scalars: [UInt32] = []
        scalars.reserveCapacity(bytes.count)
        decode(bytes, into: &scalars)
        for index in scalars.indices {
            let value = scalars[index]
            if value < 0x80 {
                output.append(value >= 0x41 && value <= 0x5A ? UInt8(value | 0x20) : UInt8(value))
            } else if value == 0x03A3 {
                encode(isFinalSigma(scalars, at: index) ? 0x03C2 : 0x03C3, into: &output)
            } else if let scalar = Unicode.Scalar(value), scalar.properties.changesWhenLowercased {
                for mapped in scalar.properties.lowercaseMapping.unicodeScalars {
                    encode(mapped.value, into: &output)
                }
            } else {
                encode(value, into: &output)
            }
        }
    }

    /// CPython's Final_Sigma test: a cased letter (skipping case-ignorable ones) before the
    /// sigma, and no cased letter (skipping case-ignorable ones) after it.
    private static func isFinalSigma(_ scalars: [UInt32], at index: Int) -> Bool {
        var before = index - 1
        while before >= 0, properties(scalars[before]).isCaseIgnorable {
            before -= 1
        }
        guard before >= 0, properties(scalars[before]).isCased else { return false }
        var after = index + 1
        while after < scalars.count, properties(scalars[after]).isCaseIgnorable {
            after += 1
        }
        return after == scalars.count || !properties(scalars[after]).isCased
    }

    private static func properties(_ value: UInt32) -> Unicode.Scalar.Properties {
        // Scalar values come from decoding valid UTF-8, so they are always valid scalars.
        (Unicode.Scalar(value) ?? " ").properties
    }
}
