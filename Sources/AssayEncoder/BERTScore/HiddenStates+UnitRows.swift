extension HiddenStates {
    /// The same states with every row divided by its Euclidean norm.
    package func unitRows() -> HiddenStates {
        var values = self.values
        for row in 0..<tokenCount {
            let range = row * width ..< (row + 1) * width
            var squares: Float = 0
            for index in range {
                squares += values[index] * values[index]
            }
            let norm = squares.squareRoot()
            for index in range {
                values[index] /= norm
            }
        }
        return HiddenStates(tokenCount: tokenCount, width: width, values: values)
    }
}
