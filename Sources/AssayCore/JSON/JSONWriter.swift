/// Writes JSON text as UTF-8 bytes.
///
/// Output is strict JSON: `NaN` and infinities become `null`, strings escape only what JSON
/// requires (`"`, `\` and control characters), doubles use Swift's shortest round-trip form and
/// keep a `.0` when whole, so they read back as doubles.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    let isPretty: Bool
    let sortsKeys: Bool

    init(pretty: Bool, sortKeys: Bool = false) {
        isPretty = pretty
        sortsKeys = sortKeys
    }

    mutating func write(_ value: JSONValue, depth: Int = 0) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .int(let number): append(String(number))
        case .double(let number): writeDouble(number)
        case .string(let text): writeString(text)
        case .array(let elements): writeArray(elements, depth: depth)
        case .object(let object): writeObject(object, depth: depth)
        }
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func writeDouble(_ number: Double) {
        guard number.isFinite else {
            append("null")
            return
        }
        // Swift's description is the shortest text that reads back to the same double, and it
        // always keeps a fraction or an exponent (`3.0`, `1e+16`), so it reads back as a double.
        append(number.description)
    }

    mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Runs of bytes that need no escape are appended whole: byte by byte, writing the
        // canonical text of a million cases for their content hashes spent most of its time here.
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for (offset, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<offset]))
                writeEscape(byte)
                runStart = offset + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
        case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
        default: append("\\u\(hex4(UInt32(byte)).lowercased())")
        }
    }

    private mutating func newline(depth: Int) {
        guard isPretty else { return }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    private mutating func writeArray(_ elements: [JSONValue], depth: Int) {
        bytes.append(UInt8(ascii: "["))
        for (position, element) in elements.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(depth: depth + 1)
            write(element, depth: depth + 1)
        }
        if !elements.isEmpty { newline(depth: depth) }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ object: JSONObject, depth: Int) {
        bytes.append(UInt8(ascii: "{"))
        let keys = sortsKeys ? object.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } : object.keys
        for (position, key) in keys.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(depth: depth + 1)
            writeString(key)
            bytes.append(UInt8(ascii: ":"))
            if isPretty { bytes.append(UInt8(ascii: " ")) }
            write(object[key]!, depth: depth + 1)
        }
        if !keys.isEmpty { newline(depth: depth) }
        bytes.append(UInt8(ascii: "}"))
    }
}

extension JSONValue {
    /// Returns the value as strict JSON text.
    ///
    /// Compact output has no spaces at all; pretty output indents by two spaces and puts one
    /// member or element per line. Keys keep their order. `NaN` and infinities are written as
    /// `null`; doubles use the shortest text that reads back to the same value (`0.1`, `1e-05`)
    /// and whole doubles keep a `.0` (`3.0`) so that they read back as doubles.
    ///
    /// - Parameter pretty: Whether to indent the output.
    /// - Returns: The JSON text.
    public func serialized(pretty: Bool = false) -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.write(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Compact JSON with object keys sorted by their UTF-8 bytes at every level: the same
    /// content always gives the same text, whatever order its keys were written in.
    package func canonicalSerialization() -> String {
        String(decoding: canonicalBytes(), as: UTF8.self)
    }

    /// The UTF-8 bytes of ``canonicalSerialization()``.
    package func canonicalBytes() -> [UInt8] {
        var writer = JSONWriter(pretty: false, sortKeys: true)
        writer.write(self)
        return writer.bytes
    }
}
