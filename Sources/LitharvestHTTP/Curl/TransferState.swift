import Foundation

/// What libcurl's callbacks write into during one transfer. Lives on the performing thread only.
final class TransferState {
    var body = Data()
    var headerLines: [String] = []
    let maxBodyBytes: Int
    let cancellation: CancellationFlag?
    var exceededLimit = false

    init(maxBodyBytes: Int, cancellation: CancellationFlag?) {
        self.maxBodyBytes = maxBodyBytes
        self.cancellation = cancellation
    }

    /// The headers of the last response received (redirects and 100-continue reset the list).
    var finalHeaders: [HTTPHeader] {
        var headers: [HTTPHeader] = []
        for line in headerLines {
            if line.hasPrefix("HTTP/") {
                headers.removeAll()
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespacesAndNewlines)
            headers.append(HTTPHeader(name, value))
        }
        return headers
    }
}

@available(*, unavailable)
extension TransferState: Sendable {}

/// C callbacks. They must not capture context, so the state arrives through libcurl's user pointer.
enum TransferCallbacks {
    static let write: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        data, size, count, context in
        guard let data, let context else { return 0 }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        if state.body.count + length > state.maxBodyBytes {
            state.exceededLimit = true
            return 0  // makes libcurl stop with CURLE_WRITE_ERROR
        }
        data.withMemoryRebound(to: UInt8.self, capacity: length) { state.body.append($0, count: length) }
        return length
    }

    static let header: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        data, size, count, context in
        guard let data, let context else { return 0 }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        state.headerLines.append(line.trimmingCharacters(in: .newlines))
        return length
    }

    static let progress: @convention(c) (UnsafeMutableRawPointer?, Int, Int, Int, Int) -> Int32 = {
        context, _, _, _, _ in
        guard let context else { return 0 }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        return state.cancellation?.isCancelled == true ? 1 : 0
    }
}
