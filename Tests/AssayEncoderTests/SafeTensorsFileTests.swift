import AssayEncoder
import Foundation
import Testing

@Suite("Safetensors reader")
struct SafeTensorsFileTests {
    @Test("reads F32 and F16 tensors with their shapes, values and metadata")
    func readsFloatTensors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var file = SafeTensorsTestFile()
        file.metadata = ["format": "pt"]
        file.addF32("weights", shape: [2, 3], values: [1, -2.5, 3.25, 0, .pi, -1e-20])
        // 1, -2, 0.5, 65504 (largest half), 2^-24 (smallest subnormal), -0
        file.addF16("half", shape: [6], bitPatterns: [0x3C00, 0xC000, 0x3800, 0x7BFF, 0x0001, 0x8000])
        let url = directory.url.appendingPathComponent("model.safetensors")
        try file.write(to: url)

        let opened = try SafeTensorsFile(contentsOf: url)
        #expect(opened.metadata == ["format": "pt"])
        #expect(Set(opened.tensors.keys) == ["weights", "half"])
        let weights = try opened.descriptor(named: "weights")
        #expect(weights.dataType == "F32")
        #expect(weights.shape == [2, 3])
        #expect(weights.elementCount == 6)
        #expect(try opened.floats(named: "weights") == [1, -2.5, 3.25, 0, .pi, -1e-20])
        let half = try opened.floats(named: "half")
        #expect(half == [1, -2, 0.5, 65504, 0x1p-24, 0])
        #expect(half[5].sign == .minus)
    }

    @Test("widens F16 infinities and NaN")
    func widensSpecialHalfValues() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var file = SafeTensorsTestFile()
        file.addF16("special", shape: [3], bitPatterns: [0x7C00, 0xFC00, 0x7E00])
        let url = directory.url.appendingPathComponent("special.safetensors")
        try file.write(to: url)

        let values = try SafeTensorsFile(contentsOf: url).floats(named: "special")
        #expect(values[0] == .infinity)
        #expect(values[1] == -.infinity)
        #expect(values[2].isNaN)
    }

    @Test("reads data that is not 4-byte aligned", arguments: [0, 1, 2, 3])
    func readsUnalignedData(padding: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var file = SafeTensorsTestFile()
        file.headerPadding = padding
        file.addF16("first", shape: [1], bitPatterns: [0x3C00])
        file.addF32("second", shape: [2], values: [7.5, -8.25])
        let url = directory.url.appendingPathComponent("unaligned.safetensors")
        try file.write(to: url)

        #expect(try SafeTensorsFile(contentsOf: url).floats(named: "second") == [7.5, -8.25])
    }

    @Test("a scalar tensor has one element")
    func readsScalar() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var file = SafeTensorsTestFile()
        file.addF32("scale", shape: [], values: [0.125])
        let url = directory.url.appendingPathComponent("scalar.safetensors")
        try file.write(to: url)

        #expect(try SafeTensorsFile(contentsOf: url).floats(named: "scale") == [0.125])
    }

    @Test("a tensor of another data type is listed but cannot be read as Float")
    func rejectsUnsupportedDataType() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var file = SafeTensorsTestFile()
        file.addRaw("position_ids", dataType: "I64", shape: [2], bytes: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
        file.addRaw("future", dataType: "F4", shape: [3], bytes: [1, 2])
        let url = directory.url.appendingPathComponent("ints.safetensors")
        try file.write(to: url)

        let opened = try SafeTensorsFile(contentsOf: url)
        #expect(try opened.descriptor(named: "position_ids").shape == [2])
        let error = try #require(throws: SafeTensorsError.self) { try opened.floats(named: "position_ids") }
        #expect(error.description == "tensor 'position_ids' has data type I64; only F32 and F16 can be read as Float")
        #expect(throws: SafeTensorsError(.unsupportedDataType(name: "future", dataType: "F4"))) {
            try opened.floats(named: "future")
        }
    }

    @Test("asking for an absent tensor names it and the file")
    func reportsMissingTensor() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var file = SafeTensorsTestFile()
        file.addF32("present", shape: [1], values: [1])
        let url = directory.url.appendingPathComponent("one.safetensors")
        try file.write(to: url)

        let opened = try SafeTensorsFile(contentsOf: url)
        #expect(throws: SafeTensorsError(.tensorNotFound(name: "absent", path: url.path))) {
            try opened.floats(named: "absent")
        }
    }

    @Test("a missing file is reported as missing")
    func reportsMissingFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("nothing.safetensors")
        let error = try #require(throws: SafeTensorsError.self) { try SafeTensorsFile(contentsOf: url) }
        #expect(error == SafeTensorsError(.fileNotFound(path: url.path)))
        #expect(error.description == "safetensors file not found: \(url.path)")
    }

    @Test("a file shorter than the length prefix is rejected")
    func rejectsTruncatedPrefix() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("short.safetensors")
        try Data([1, 2, 3]).write(to: url)
        #expect(throws: SafeTensorsError(.fileTooShort(path: url.path, size: 3))) {
            try SafeTensorsFile(contentsOf: url)
        }
    }

    @Test("a header length beyond the end of the file is rejected")
    func rejectsOversizedHeaderLength() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("long.safetensors")
        var bytes = withUnsafeBytes(of: UInt64(1_000).littleEndian) { Array($0) }
        bytes += Array("{}".utf8)
        try Data(bytes).write(to: url)
        #expect(throws: SafeTensorsError(.headerLengthOutOfRange(path: url.path, headerLength: 1_000, fileSize: 10))) {
            try SafeTensorsFile(contentsOf: url)
        }
    }

    /// Headers that must be rejected, with the start of the expected message.
    static let badHeaders: [(header: String, message: String)] = [
        ("not json", "malformed safetensors header: not valid JSON"),
        ("[1, 2]", "malformed safetensors header: unexpected value at top level"),
        (#"{"t": {"dtype": "F32", "shape": [2]}}"#, "malformed safetensors header: missing key 'data_offsets' at t"),
        (#"{"t": {"dtype": "F32", "shape": "2", "data_offsets": [0, 8]}}"#, "malformed safetensors header: unexpected value at t.shape"),
        (#"{"t": {"dtype": "F32", "shape": [2], "data_offsets": [0, 16]}}"#, "tensor 't' has an invalid header entry: data_offsets [0, 16] lie outside the 8-byte data section"),
        (#"{"t": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}"#, "tensor 't' has an invalid header entry: shape [3] of F32 needs 12 bytes, data_offsets span 8"),
        (#"{"t": {"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]}}"#, "tensor 't' has an invalid header entry: negative dimension -2 in shape [-2]"),
        (#"{"t": {"dtype": "F32", "shape": [2], "data_offsets": [8]}}"#, "tensor 't' has an invalid header entry: data_offsets must hold two numbers, found 1"),
    ]

    @Test("malformed headers are rejected with a message saying what is wrong", arguments: badHeaders)
    func rejectsMalformedHeader(header: String, message: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var file = SafeTensorsTestFile()
        file.addF32("t", shape: [2], values: [1, 2])
        let url = directory.url.appendingPathComponent("bad.safetensors")
        try file.write(to: url, header: header)

        let error = try #require(throws: SafeTensorsError.self) { try SafeTensorsFile(contentsOf: url) }
        #expect(error.description.contains(message), "\(error.description)")
    }
}
