/// The benchmark corpus's word list, most frequent first; words are drawn with Zipf weights
/// (the word of rank r has weight 1 / r).
///
/// Common English function words come first, then nouns, verbs in several inflections (so that
/// the Porter stemmer changes scores), adjectives and adverbs, and last a few tokens that
/// exercise the tokenizers: contractions, hyphens, numbers, currency, percentages, abbreviations
/// and accented words.
enum Vocabulary {
    /// The words, most frequent first.
    static let words: [String] = """
        the of and to a in is that for it as was with be by on not he this are or his from at which \
        but have an they you were her she there been one all we their has would when if will more no \
        out so said what up its about into than them can only other new some could time these two may \
        then do first any like now my such make over our even most made after also did many before must \
        through back years where much your way well down should because each just those people how too \
        little state good very world still own see men work long get here between both life being under \
        never day same another know while last might us great old year off come since against go came \
        right used take three states himself few house use during without again place american around \
        however home small found thought went say part once general high upon school every does got \
        united left number course war until always away something fact though water less public put \
        think almost hand enough far took head yet government system better set told nothing night end \
        why called didn eyes find going look asked later knew point next city business give group toward \
        young days let room president side social given present several order national possible rather \
        second face per among form important often things looked early white case john become large big \
        need four within felt along children saw best church ever least power development light thing \
        family interest want members mind country area others done turned although open problem began \
        report reports reported reporting market markets study studies studied studying company \
        companies service services increase increased increasing decision decisions decided deciding \
        analysis analyses analyzed model models modeling researcher researchers research running runs \
        ran runner happily happy happiness quickly quick quicker quickest connect connected connection \
        connections connecting generate generated generation generous generally relate related relation \
        relational relationship argue argued argument arguments arguing measure measured measurement \
        measurements evaluate evaluated evaluation evaluations evaluating summary summaries summarize \
        summarized policy policies economy economic economics growth rise rose risen fall fell fallen \
        price prices pricing officials official announced announcement statement statements minister \
        ministers hospital hospitals doctor doctors patients patient treatment treatments data results \
        result resulted significant significantly rate rates inflation bank banks budget budgets river \
        mountain weather storm storms rain heavy heavily warning warnings travel travelled traveler \
        don't it's can't won't isn't they're we've o'clock well-known long-term high-quality \
        follow-up state-of-the-art e-mail 2024 1999 3.5 12 100 1,000 $5 $2.3 20% 7.5% U.S. U.K. \
        Dr. Mr. etc. e.g. café naïve Zürich São Paulo Müller résumé coöperate Ångström
        """.split(separator: " ").map(String.init)

    /// Cumulative Zipf weights, parallel to ``words``, for sampling by binary search.
    static let cumulativeWeights: [Double] = {
        var total = 0.0
        return words.indices.map { rank in
            total += 1 / Double(rank + 1)
            return total
        }
    }()

    /// A word drawn with Zipf weights.
    static func word(using random: inout SplitMix64) -> String {
        let target = random.unit() * cumulativeWeights[cumulativeWeights.count - 1]
        var low = 0
        var high = cumulativeWeights.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativeWeights[middle] <= target { low = middle + 1 } else { high = middle }
        }
        return words[low]
    }
}
