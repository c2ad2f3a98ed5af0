extension BLEU {
    /// How sacrebleu splits a segment into words before counting n-grams.
    public enum Tokenizer: String, Hashable, Sendable, CaseIterable {
        /// No tokenization: the segment is split on whitespace only (`none`).
        case none = "none"
        /// The `mteval-v13a.pl` tokenizer used by WMT (`13a`, sacrebleu's default):
        /// separates most ASCII punctuation, and periods and commas except inside numbers.
        case thirteenA = "13a"
        /// The `mteval-v14.pl` international tokenizer (`intl`): separates Unicode
        /// punctuation except next to digits, and every Unicode symbol.
        case international = "intl"
        /// Every character is a word (`char`).
        case character = "char"

        /// The tokenizer's name in sacrebleu and in its signatures, such as `13a`.
        public var name: String { rawValue }
    }
}
