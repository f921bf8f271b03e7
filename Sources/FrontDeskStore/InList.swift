import GRDB

/// Ids for `IN (…)` lists, at most 512 a statement, each chunk padded with its
/// last id up to a power of two (16 … 512). An IN list is a set, so a repeat
/// changes nothing; with a few list lengths a cached statement serves every
/// chunk, where SQLite would otherwise parse hundreds of placeholders for each
/// query (a tenth of the checklist's facts).
enum InList {
    static let limit = 512

    static func chunks(_ ids: [Int64]) -> [[Int64]] {
        stride(from: 0, to: ids.count, by: limit).map { start in
            var chunk = Array(ids[start..<min(start + limit, ids.count)])
            var size = 16
            while size < chunk.count { size *= 2 }
            chunk.append(contentsOf: repeatElement(chunk[chunk.count - 1], count: size - chunk.count))
            return chunk
        }
    }

    /// The chunk as statement arguments. Through existentials: GRDB's generic
    /// initialiser maps a key path over the values, which costs more than the
    /// query for a list of 512.
    static func arguments(_ chunk: [Int64]) -> StatementArguments {
        StatementArguments(chunk.map { $0 as (any DatabaseValueConvertible)? })
    }

    /// `?,?,…,?`: `count` placeholders.
    static func marks(_ count: Int) -> String {
        count <= 0 ? "" : String(repeating: "?,", count: count - 1) + "?"
    }
}
