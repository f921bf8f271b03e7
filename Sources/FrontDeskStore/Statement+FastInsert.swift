import GRDB
import GRDBSQLite

/// A value bound straight through the SQLite C API.
enum SQLValue {
    case text(String)
    case int(Int64)
    case null

    static func text(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    static func int(_ value: Int) -> SQLValue { .int(Int64(value)) }
}

extension Statement {
    /// Binds and runs a cached write statement (INSERT) without GRDB's argument
    /// boxing: bulk loads spend most of their time here. Errors are GRDB's own.
    func run(_ db: Database, _ values: [SQLValue]) throws {
        let handle = sqliteStatement
        sqlite3_reset(handle)
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            switch value {
            case .text(let text):
                var copy = text
                copy.withUTF8 { buffer in
                    _ = sqlite3_bind_text(handle, position, UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self),
                                          Int32(buffer.count), transient)
                }
            case .int(let number): sqlite3_bind_int64(handle, position, number)
            case .null: sqlite3_bind_null(handle, position)
            }
        }
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
        }
    }
}
