import Foundation

/// Builds safetensors files byte by byte, for tests that need small or deliberately broken ones.
struct SafeTensorsTestFile {
    struct Tensor {
        let name: String
        let dataType: String
        let shape: [Int]
        let bytes: [UInt8]
    }

    private(set) var tensors: [Tensor] = []
    var metadata: [String: String] = [:]
    /// Spaces appended to the JSON header, to move the data section off 4-byte alignment.
    var headerPadding = 0

    mutating func addF32(_ name: String, shape: [Int], values: [Float]) {
        // Reorder to little-endian first, then copy the raw bytes in one go (large tensors).
        let littleEndian = values.map { $0.bitPattern.littleEndian }
        let bytes = littleEndian.withUnsafeBytes { Array($0) }
        tensors.append(Tensor(name: name, dataType: "F32", shape: shape, bytes: bytes))
    }

    mutating func addF16(_ name: String, shape: [Int], bitPatterns: [UInt16]) {
        let bytes = bitPatterns.flatMap { bits in
            withUnsafeBytes(of: bits.littleEndian) { Array($0) }
        }
        tensors.append(Tensor(name: name, dataType: "F16", shape: shape, bytes: bytes))
    }

    mutating func addRaw(_ name: String, dataType: String, shape: [Int], bytes: [UInt8]) {
        tensors.append(Tensor(name: name, dataType: dataType, shape: shape, bytes: bytes))
    }

    /// The JSON header as the format lays it out.
    func headerJSON() -> String {
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for tensor in tensors {
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append(
                "\"\(tensor.name)\":{\"dtype\":\"\(tensor.dataType)\",\"shape\":[\(shape)],"
                    + "\"data_offsets\":[\(offset),\(offset + tensor.bytes.count)]}")
            offset += tensor.bytes.count
        }
        return "{" + entries.joined(separator: ",") + "}" + String(repeating: " ", count: headerPadding)
    }

    /// The whole file: header length, header, data.
    func bytes(header: String? = nil) -> [UInt8] {
        let header = Array((header ?? headerJSON()).utf8)
        var bytes = withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) }
        bytes += header
        for tensor in tensors {
            bytes += tensor.bytes
        }
        return bytes
    }

    func write(to url: URL, header: String? = nil) throws {
        try Data(bytes(header: header)).write(to: url)
    }
}
