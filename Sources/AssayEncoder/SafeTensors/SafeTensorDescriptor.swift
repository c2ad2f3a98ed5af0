/// The header entry of one tensor in a safetensors file.
public struct SafeTensorDescriptor: Equatable, Sendable {
    /// The tensor's name, such as `embeddings.word_embeddings.weight`.
    public let name: String
    /// The data type exactly as the header spells it, such as `F32`.
    public let dataType: String
    /// The size of each dimension, outermost first.
    public let shape: [Int]
    /// Where the tensor's bytes lie, relative to the start of the data section.
    public let byteRange: Range<Int>

    /// The number of elements: the product of the shape (1 for a scalar).
    public var elementCount: Int {
        shape.reduce(1, *)
    }

    /// Bytes per element of the data types the format defines, keyed by their header spelling.
    static let elementSizes: [String: Int] = [
        "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1,
        "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
        "I32": 4, "U32": 4, "F32": 4,
        "I64": 8, "U64": 8, "F64": 8,
    ]
}
