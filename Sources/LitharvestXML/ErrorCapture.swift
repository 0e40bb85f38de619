import CLibXML2

/// Runs libxml2's one-time global setup. A global `let` is initialised exactly once, thread-safely.
let libxmlSetUp: Void = {
    xmlInitParser()
    // Defence in depth: whatever the options say, never let libxml2 open a DTD or external entity
    // (local file or network) on its own. Files we stream are opened directly, not through this hook.
    xmlSetExternalEntityLoader { _, _, _ in nil }
}()

/// Collects the errors libxml2 reports while a parse or XPath evaluation runs.
final class ErrorCollector {
    private(set) var errors: [XMLError] = []
    /// Fatal errors end well-formedness; plain errors (e.g. an undeclared namespace prefix) do not.
    private(set) var fatalErrors: [XMLError] = []
    private(set) var entityLoop = false
    /// Enough to report the first failure; a runaway document must not grow this without bound.
    private let limit = 16

    func record(_ error: UnsafePointer<xmlError>, kind: XMLError.Kind) {
        let raw = error.pointee
        if raw.code == Int32(XML_ERR_ENTITY_LOOP.rawValue) { entityLoop = true }
        let isFatal = raw.level == XML_ERR_FATAL
        guard raw.level.rawValue >= XML_ERR_ERROR.rawValue, errors.count < limit || (isFatal && fatalErrors.isEmpty)
        else { return }
        let message = raw.message.map { String(cString: $0) } ?? "unknown libxml2 error (code \(raw.code))"
        let error = XMLError(
            kind: kind,
            message: message,
            line: raw.line > 0 ? Int(raw.line) : nil,
            column: raw.int2 > 0 ? Int(raw.int2) : nil
        )
        errors.append(error)
        if isFatal { fatalErrors.append(error) }
    }

    /// The error to throw: the first one reported, classified for safety-related codes.
    func firstError(default fallback: String, kind: XMLError.Kind = .malformed) -> XMLError {
        guard let first = fatalErrors.first ?? errors.first else { return XMLError(kind: kind, message: fallback) }
        if entityLoop || first.message.contains("Excessive depth") {
            return XMLError(kind: .unsafeDocument, message: first.message, line: first.line, column: first.column)
        }
        return first
    }

    /// The C callback shape libxml2 expects; `context` is an unretained `ErrorCollector`.
    static let parserHandler: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error, kind: .malformed)
    }

    static let xpathHandler: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error, kind: .xpath)
    }
}

/// Routes libxml2's errors on this thread into `collector` while `body` runs. libxml2 keeps the
/// structured handler per thread, so concurrent parses on other threads are unaffected; the previous
/// handler is restored so nested use (e.g. XPath inside a stream callback) stays correct.
func withErrorCapture<T>(
    _ collector: ErrorCollector,
    handler: xmlStructuredErrorFunc = ErrorCollector.parserHandler,
    _ body: () -> T
) -> T {
    _ = libxmlSetUp
    let previousHandler = __xmlStructuredError().pointee
    let previousContext = __xmlStructuredErrorContext().pointee
    xmlSetStructuredErrorFunc(Unmanaged.passUnretained(collector).toOpaque(), handler)
    defer {
        xmlSetStructuredErrorFunc(previousContext, previousHandler)
    }
    return withExtendedLifetime(collector) { body() }
}
