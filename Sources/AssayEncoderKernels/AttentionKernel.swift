/// Scaled dot-product self-attention of one sequence, every head, without a matrix library.
///
/// Sequences are short (tens of tokens) and heads narrow (32 or 64 columns), so the products of
/// one head are small: calling BLAS twice per head costs more in calls than in arithmetic. Here
/// each head's keys are transposed once, so that a query's scores come sixteen keys at a time;
/// then the scores of that query go through the softmax and weight the values, row by row.
/// Queries go four at a time where they can: each vector of keys or values loaded then serves
/// four multiply-adds instead of one.
///
/// The functions are inlined into their callers, so that a caller compiled for a wider vector
/// unit (see `AssayEncoderKernelsAVX512`) runs them with its instructions.
public enum AttentionKernel {
    /// The scratch floats ``attend(queryKeyValue:length:headCount:headSize:scaling:scratch:context:fused:)``
    /// needs for a sequence of `length` tokens: the transposed keys of two heads and four rows of scores.
    @inlinable
    public static func scratchCount(length: Int, headCount: Int, headSize: Int) -> Int {
        let padded = paddedLength(length)
        return 2 * headSize * padded + queriesAtATime * padded
    }

    /// How many queries share each load of keys and values.
    @usableFromInline
    static let queriesAtATime = 4

    /// A sequence length rounded up to a multiple of 16.
    @inlinable
    public static func paddedLength(_ length: Int) -> Int {
        (length + 15) / 16 * 16
    }

    /// Computes the attention context of every token of one sequence.
    ///
    /// - Parameters:
    ///   - queryKeyValue: The sequence's first row of `length` rows of `3·width` values (queries,
    ///     keys and values side by side, each split into heads of `headSize` columns), where
    ///     `width = headCount · headSize`.
    ///   - scaling: The factor applied to every dot product, `1/√headSize`.
    ///   - scratch: ``scratchCount(length:headCount:headSize:)`` floats.
    ///   - context: The sequence's first row of `length` rows of `width` values, overwritten with
    ///     the heads' contexts side by side.
    ///   - fused: Whether multiply-adds are fused (see ``VectorMath/multiplyAdd(_:_:_:fused:)``).
    @inlinable @inline(__always)
    public static func attend(
        queryKeyValue: UnsafePointer<Float>, length: Int, headCount: Int, headSize: Int, scaling: Float,
        scratch: UnsafeMutablePointer<Float>, context: UnsafeMutablePointer<Float>, fused: Bool
    ) {
        guard length > 0 else { return }
        let width = headCount * headSize
        let stride = 3 * width
        let padded = paddedLength(length)
        // The sequence's rows are read once in memory order first, one value per cache line, so
        // that they come in from the outer caches as a stream; the heads then read them in a
        // strided order that the hardware prefetchers follow less well.
        var touched: UInt32 = 0
        var line = 0
        let total = length &* stride
        while line < total {
            touched &+= queryKeyValue[line].bitPattern
            line &+= 16
        }
        let headKeyCount = headSize * padded
        let scores = scratch + 2 * headKeyCount
        // A use of the reads above; the scores overwrite it.
        scores[0] = Float(bitPattern: touched & 0x7F)
        // Keys past the sequence are 0, so their scores are finite; they are masked below.
        scratch.initialize(repeating: 0, count: 2 * headKeyCount)
        let lanes = SIMD16<Int32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        let lastStart = padded - 16
        // All ones in the lanes of the last vector of scores that belong to the sequence.
        let lastMask = (lanes &- Int32(length - lastStart)) &>> 31
        transposeKeys(
            of: 0, queryKeyValue: queryKeyValue, length: length, headSize: headSize, width: width, padded: padded,
            into: scratch)
        for head in 0..<headCount {
            // A head's keys are transposed while the previous head is computed, so that its
            // vector loads come long after the scalar stores that wrote them (right after, they
            // would wait for those stores), and the two heads' keys stay in the first-level cache.
            let headKeys = scratch + (head & 1) &* headKeyCount
            if head + 1 < headCount {
                transposeKeys(
                    of: head + 1, queryKeyValue: queryKeyValue, length: length, headSize: headSize, width: width,
                    padded: padded, into: scratch + ((head + 1) & 1) &* headKeyCount)
            }
            let values = queryKeyValue + (2 &* width &+ head &* headSize)
            var token = 0
            while token &+ 4 <= length {
                let query = queryKeyValue + (token &* stride &+ head &* headSize)
                scoreRows(
                    queries: query, queryStride: stride, keys: headKeys, headSize: headSize, padded: padded,
                    scaling: scaling, into: scores, fused: fused)
                for row in 0..<4 {
                    softmax(scores + row &* padded, length: length, padded: padded, lastMask: lastMask, fused: fused)
                }
                weighValues(
                    scores, weightStride: padded, values: values, stride: stride, length: length, headSize: headSize,
                    into: context + (token &* width &+ head &* headSize), outputStride: width, fused: fused)
                token &+= 4
            }
            while token < length {
                let query = queryKeyValue + (token &* stride &+ head &* headSize)
                scoreRow(query: query, keys: headKeys, headSize: headSize, padded: padded, scaling: scaling, into: scores, fused: fused)
                softmax(scores, length: length, padded: padded, lastMask: lastMask, fused: fused)
                weighValues(
                    scores, values: values, stride: stride, length: length,
                    headSize: headSize, into: context + (token &* width &+ head &* headSize), fused: fused)
                token &+= 1
            }
        }
    }

    /// Writes the keys of one head column by column: `keys[c·padded + j]` is column `c` of key `j`.
    @inlinable @inline(__always)
    static func transposeKeys(
        of head: Int, queryKeyValue: UnsafePointer<Float>, length: Int, headSize: Int, width: Int, padded: Int,
        into keys: UnsafeMutablePointer<Float>
    ) {
        let stride = 3 &* width
        for token in 0..<length {
            let key = queryKeyValue + (token &* stride &+ width &+ head &* headSize)
            var target = keys + token
            for column in 0..<headSize {
                target.pointee = key[column]
                target += padded
            }
        }
    }

    /// `scores[j] = scaling · (query · key_j)` for the `padded` keys, sixteen at a time.
    @inlinable @inline(__always)
    static func scoreRow(
        query: UnsafePointer<Float>, keys: UnsafePointer<Float>, headSize: Int, padded: Int, scaling: Float,
        into scores: UnsafeMutablePointer<Float>, fused: Bool
    ) {
        var start = 0
        while start < padded {
            let sum = weightedSum(
                of: UnsafeRawPointer(keys + start), rowStride: padded, weights: query, count: headSize, fused: fused)
            UnsafeMutableRawPointer(scores + start).storeBytes(of: sum * scaling, as: SIMD16<Float>.self)
            start &+= 16
        }
    }

    /// ``scoreRow(query:keys:headSize:padded:scaling:into:fused:)`` for four queries `queryStride`
    /// floats apart, into four rows of scores `padded` floats apart.
    @inlinable @inline(__always)
    static func scoreRows(
        queries: UnsafePointer<Float>, queryStride: Int, keys: UnsafePointer<Float>, headSize: Int, padded: Int,
        scaling: Float, into scores: UnsafeMutablePointer<Float>, fused: Bool
    ) {
        var start = 0
        while start < padded {
            let sums = weightedSums(
                of: UnsafeRawPointer(keys + start), rowStride: padded, weights: queries, weightStride: queryStride,
                count: headSize, fused: fused)
            store(sums, scaledBy: scaling, at: scores + start, rowStride: padded)
            start &+= 16
        }
    }

    /// ``weighValues(_:values:stride:length:headSize:into:fused:)`` for four rows of weights
    /// `weightStride` floats apart, into four outputs `outputStride` floats apart.
    @inlinable @inline(__always)
    static func weighValues(
        _ weights: UnsafePointer<Float>, weightStride: Int, values: UnsafePointer<Float>, stride: Int, length: Int,
        headSize: Int, into output: UnsafeMutablePointer<Float>, outputStride: Int, fused: Bool
    ) {
        let whole = headSize - headSize % 16
        var column = 0
        while column < whole {
            let sums = weightedSums(
                of: UnsafeRawPointer(values + column), rowStride: stride, weights: weights, weightStride: weightStride,
                count: length, fused: fused)
            store(sums, scaledBy: 1, at: output + column, rowStride: outputStride)
            column &+= 16
        }
        for row in 0..<4 where whole < headSize {
            weighRemainingColumns(
                weights + row &* weightStride, values: values, stride: stride, length: length, from: whole,
                headSize: headSize, into: output + row &* outputStride)
        }
    }

    /// ``weightedSum(of:rowStride:weights:count:fused:)`` for four rows of weights `weightStride`
    /// floats apart: each row of sixteen floats loaded serves four multiply-adds, one per sum, and
    /// the four sums keep the multiply-adds from waiting on each other.
    @inlinable @inline(__always)
    static func weightedSums(
        of rows: UnsafeRawPointer, rowStride: Int, weights: UnsafePointer<Float>, weightStride: Int, count: Int,
        fused: Bool
    ) -> (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>) {
        let (first, second, third, fourth) = (
            weights, weights + weightStride, weights + 2 &* weightStride, weights + 3 &* weightStride
        )
        var sums = (SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>())
        var row = rows
        for index in 0..<count {
            let vector = row.loadUnaligned(as: SIMD16<Float>.self)
            sums.0 = VectorMath.multiplyAdd(SIMD16(repeating: first[index]), vector, sums.0, fused: fused)
            sums.1 = VectorMath.multiplyAdd(SIMD16(repeating: second[index]), vector, sums.1, fused: fused)
            sums.2 = VectorMath.multiplyAdd(SIMD16(repeating: third[index]), vector, sums.2, fused: fused)
            sums.3 = VectorMath.multiplyAdd(SIMD16(repeating: fourth[index]), vector, sums.3, fused: fused)
            row += rowStride &* 4
        }
        return sums
    }

    /// Stores four vectors, times `scale`, `rowStride` floats apart from `target` on.
    @inlinable @inline(__always)
    static func store(
        _ sums: (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>), scaledBy scale: Float,
        at target: UnsafeMutablePointer<Float>, rowStride: Int
    ) {
        let raw = UnsafeMutableRawPointer(target)
        let rowBytes = rowStride &* 4
        raw.storeBytes(of: sums.0 * scale, as: SIMD16<Float>.self)
        raw.storeBytes(of: sums.1 * scale, toByteOffset: rowBytes, as: SIMD16<Float>.self)
        raw.storeBytes(of: sums.2 * scale, toByteOffset: 2 &* rowBytes, as: SIMD16<Float>.self)
        raw.storeBytes(of: sums.3 * scale, toByteOffset: 3 &* rowBytes, as: SIMD16<Float>.self)
    }

    /// `Σₖ weights[k] · row_k` over `count` rows of sixteen floats, the rows `rowStride` floats
    /// apart from `rows` on.
    ///
    /// Four partial sums keep the multiply-adds from waiting on each other.
    @inlinable @inline(__always)
    static func weightedSum(
        of rows: UnsafeRawPointer, rowStride: Int, weights: UnsafePointer<Float>, count: Int, fused: Bool
    ) -> SIMD16<Float> {
        var sums = (SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>())
        let step = rowStride &* 4
        var row = rows
        var index = 0
        while index &+ 4 <= count {
            sums.0 = VectorMath.multiplyAdd(
                SIMD16(repeating: weights[index]), row.loadUnaligned(as: SIMD16<Float>.self), sums.0, fused: fused)
            sums.1 = VectorMath.multiplyAdd(
                SIMD16(repeating: weights[index &+ 1]), row.loadUnaligned(fromByteOffset: step, as: SIMD16<Float>.self),
                sums.1, fused: fused)
            sums.2 = VectorMath.multiplyAdd(
                SIMD16(repeating: weights[index &+ 2]), row.loadUnaligned(fromByteOffset: 2 &* step, as: SIMD16<Float>.self),
                sums.2, fused: fused)
            sums.3 = VectorMath.multiplyAdd(
                SIMD16(repeating: weights[index &+ 3]), row.loadUnaligned(fromByteOffset: 3 &* step, as: SIMD16<Float>.self),
                sums.3, fused: fused)
            row += 4 &* step
            index &+= 4
        }
        while index < count {
            sums.0 = VectorMath.multiplyAdd(
                SIMD16(repeating: weights[index]), row.loadUnaligned(as: SIMD16<Float>.self), sums.0, fused: fused)
            row += step
            index &+= 1
        }
        return (sums.0 + sums.1) + (sums.2 + sums.3)
    }

    /// Replaces the first `length` of `padded` scores by their softmax (the maximum subtracted
    /// first) and the rest by 0.
    @inlinable @inline(__always)
    static func softmax(
        _ scores: UnsafeMutablePointer<Float>, length: Int, padded: Int, lastMask: SIMD16<Int32>, fused: Bool
    ) {
        var maximum = scores[0]
        for index in 1..<length where scores[index] > maximum {
            maximum = scores[index]
        }
        let raw = UnsafeMutableRawPointer(scores)
        let lastStart = padded - 16
        var sums = SIMD16<Float>()
        var start = 0
        while start < padded {
            let score = raw.loadUnaligned(fromByteOffset: start * 4, as: SIMD16<Float>.self)
            var exponentials = VectorMath.exponentialOfNegative(maximum - score, fused: fused)
            if start == lastStart {
                exponentials = unsafeBitCast(unsafeBitCast(exponentials, to: SIMD16<Int32>.self) & lastMask, to: SIMD16<Float>.self)
            }
            raw.storeBytes(of: exponentials, toByteOffset: start * 4, as: SIMD16<Float>.self)
            sums += exponentials
            start += 16
        }
        let inverse = 1 / sums.sum()
        start = 0
        while start < padded {
            let exponentials = raw.loadUnaligned(fromByteOffset: start * 4, as: SIMD16<Float>.self)
            raw.storeBytes(of: exponentials * inverse, toByteOffset: start * 4, as: SIMD16<Float>.self)
            start += 16
        }
    }

    /// `output = Σⱼ weights[j] · value_j` over the sequence, sixteen columns at a time.
    @inlinable @inline(__always)
    static func weighValues(
        _ weights: UnsafePointer<Float>, values: UnsafePointer<Float>, stride: Int, length: Int, headSize: Int,
        into output: UnsafeMutablePointer<Float>, fused: Bool
    ) {
        let whole = headSize - headSize % 16
        var column = 0
        while column < whole {
            let sum = weightedSum(
                of: UnsafeRawPointer(values + column), rowStride: stride, weights: weights, count: length, fused: fused)
            UnsafeMutableRawPointer(output + column).storeBytes(of: sum, as: SIMD16<Float>.self)
            column &+= 16
        }
        weighRemainingColumns(
            weights, values: values, stride: stride, length: length, from: column, headSize: headSize, into: output)
    }

    /// The columns from `start` on of ``weighValues(_:values:stride:length:headSize:into:fused:)``,
    /// one at a time (head sizes that are not a multiple of 16).
    @inlinable @inline(__always)
    static func weighRemainingColumns(
        _ weights: UnsafePointer<Float>, values: UnsafePointer<Float>, stride: Int, length: Int, from start: Int,
        headSize: Int, into output: UnsafeMutablePointer<Float>
    ) {
        var column = start
        while column < headSize {
            var sum: Float = 0
            for token in 0..<length {
                sum += weights[token] * values[token &* stride &+ column]
            }
            output[column] = sum
            column &+= 1
        }
    }
}
