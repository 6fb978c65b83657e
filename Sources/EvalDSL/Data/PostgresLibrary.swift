#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libpq, the PostgreSQL client library, opened with `dlopen` the first time a `load` names a
/// database: no link-time dependency, so start-up costs nothing and a machine without libpq runs
/// everything else. Only the few functions the loader calls are declared, as C function pointer
/// types resolved with `dlsym` (their C signatures are in libpq-fe.h).
struct PostgresLibrary: @unchecked Sendable {
    typealias ConnectParams = @convention(c) (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<UnsafePointer<CChar>?>?, Int32) -> OpaquePointer?
    typealias ConnFn = @convention(c) (OpaquePointer?) -> Void
    typealias ConnInt = @convention(c) (OpaquePointer?) -> Int32
    typealias ConnText = @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    typealias Exec = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
    typealias SendQuery = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32
    typealias GetResult = @convention(c) (OpaquePointer?) -> OpaquePointer?
    typealias ResultInt = @convention(c) (OpaquePointer?) -> Int32
    typealias ResultField = @convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<CChar>?
    typealias ResultType = @convention(c) (OpaquePointer?, Int32) -> UInt32
    typealias ResultValue = @convention(c) (OpaquePointer?, Int32, Int32) -> UnsafeMutablePointer<CChar>?
    typealias GetCopyData = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, Int32) -> Int32
    typealias EscapeIdentifier = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int) -> UnsafeMutablePointer<CChar>?
    typealias FreeMem = @convention(c) (UnsafeMutableRawPointer?) -> Void
    typealias GetCancel = @convention(c) (OpaquePointer?) -> OpaquePointer?
    typealias Cancel = @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>?, Int32) -> Int32

    let connectStartParams: ConnectParams
    let connectPoll: ConnInt
    let finish: ConnFn
    let status: ConnInt
    let errorMessage: ConnText
    let socket: ConnInt
    let consumeInput: ConnInt
    let isBusy: ConnInt
    let needsPassword: ConnInt
    let exec: Exec
    let sendQuery: SendQuery
    let getResult: GetResult
    let resultStatus: ResultInt
    let resultErrorMessage: ConnText
    let resultErrorField: ResultField
    let clear: ConnFn
    let nfields: ResultInt
    let ntuples: ResultInt
    let fname: ResultField
    let ftype: ResultType
    let getvalue: ResultValue
    let getisnull: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    let getCopyData: GetCopyData
    let escapeIdentifier: EscapeIdentifier
    let freemem: FreeMem
    let getCancel: GetCancel
    let cancel: Cancel
    let freeCancel: ConnFn

    /// The soname Debian's `libpq5` installs; any libpq since PostgreSQL 9.3 has every function used.
    static let soname = "libpq.so.5"

    /// libpq, opened once for the process on first use; or why it cannot be. `EVALSHELL_LIBPQ` names
    /// another file (a libpq outside the library path; the tests name a missing one).
    static let shared: Result<PostgresLibrary, PostgresLibraryMissing> = open(getenv("EVALSHELL_LIBPQ").map { String(cString: $0) } ?? soname)

    /// Opens the library at `path` (a soname searched the usual way, or a path).
    static func open(_ path: String) -> Result<PostgresLibrary, PostgresLibraryMissing> {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            let why = dlerror().map { String(cString: $0) } ?? L("not found")
            return .failure(PostgresLibraryMissing(detail: why))
        }
        var missing: [String] = []
        func symbol<T>(_ name: String, _ type: T.Type) -> T? {
            guard let p = dlsym(handle, name) else { missing.append(name); return nil }
            return unsafeBitCast(p, to: type)
        }
        guard let connectStartParams = symbol("PQconnectStartParams", ConnectParams.self),
              let connectPoll = symbol("PQconnectPoll", ConnInt.self),
              let finish = symbol("PQfinish", ConnFn.self),
              let status = symbol("PQstatus", ConnInt.self),
              let errorMessage = symbol("PQerrorMessage", ConnText.self),
              let socket = symbol("PQsocket", ConnInt.self),
              let consumeInput = symbol("PQconsumeInput", ConnInt.self),
              let isBusy = symbol("PQisBusy", ConnInt.self),
              let needsPassword = symbol("PQconnectionNeedsPassword", ConnInt.self),
              let exec = symbol("PQexec", Exec.self),
              let sendQuery = symbol("PQsendQuery", SendQuery.self),
              let getResult = symbol("PQgetResult", GetResult.self),
              let resultStatus = symbol("PQresultStatus", ResultInt.self),
              let resultErrorMessage = symbol("PQresultErrorMessage", ConnText.self),
              let resultErrorField = symbol("PQresultErrorField", ResultField.self),
              let clear = symbol("PQclear", ConnFn.self),
              let nfields = symbol("PQnfields", ResultInt.self),
              let ntuples = symbol("PQntuples", ResultInt.self),
              let fname = symbol("PQfname", ResultField.self),
              let ftype = symbol("PQftype", ResultType.self),
              let getvalue = symbol("PQgetvalue", ResultValue.self),
              let getisnull = symbol("PQgetisnull", (@convention(c) (OpaquePointer?, Int32, Int32) -> Int32).self),
              let getCopyData = symbol("PQgetCopyData", GetCopyData.self),
              let escapeIdentifier = symbol("PQescapeIdentifier", EscapeIdentifier.self),
              let freemem = symbol("PQfreemem", FreeMem.self),
              let getCancel = symbol("PQgetCancel", GetCancel.self),
              let cancel = symbol("PQcancel", Cancel.self),
              let freeCancel = symbol("PQfreeCancel", ConnFn.self)
        else {
            dlclose(handle)
            return .failure(PostgresLibraryMissing(detail: L("\(path) lacks \(missing.joined(separator: ", "))")))
        }
        return .success(PostgresLibrary(
            connectStartParams: connectStartParams, connectPoll: connectPoll, finish: finish, status: status, errorMessage: errorMessage, socket: socket,
            consumeInput: consumeInput, isBusy: isBusy, needsPassword: needsPassword, exec: exec, sendQuery: sendQuery, getResult: getResult,
            resultStatus: resultStatus, resultErrorMessage: resultErrorMessage, resultErrorField: resultErrorField, clear: clear,
            nfields: nfields, ntuples: ntuples, fname: fname, ftype: ftype, getvalue: getvalue, getisnull: getisnull,
            getCopyData: getCopyData, escapeIdentifier: escapeIdentifier, freemem: freemem, getCancel: getCancel,
            cancel: cancel, freeCancel: freeCancel))
    }

    // Values of libpq's enums (libpq-fe.h), stable since PostgreSQL 7.4.
    static let connectionOK: Int32 = 0
    static let connectionBad: Int32 = 1
    // PostgresPollingStatusType
    static let pollingFailed: Int32 = 0
    static let pollingReading: Int32 = 1
    static let pollingOK: Int32 = 3
    static let commandOK: Int32 = 1
    static let tuplesOK: Int32 = 2
    static let copyOut: Int32 = 3
    /// `PG_DIAG_SQLSTATE`: the five-character SQLSTATE code of an error.
    static let diagSQLState: Int32 = Int32(UInt8(ascii: "C"))
    /// `PG_DIAG_MESSAGE_PRIMARY`: the error's one-line message, without the query echoed.
    static let diagMessage: Int32 = Int32(UInt8(ascii: "M"))
}

/// libpq could not be opened: what to install.
struct PostgresLibraryMissing: Error {
    var detail: String

    var message: String {
        L("the PostgreSQL client library (\(PostgresLibrary.soname)) is not installed: install libpq5 (apt-get install libpq5) (\(detail))")
    }
}
