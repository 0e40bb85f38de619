import CCurl
import Foundation

/// Owns one `CURL*`. Not Sendable: one thread uses it at a time; the pool hands it over whole.
final class CurlEasyHandle {
    let raw: UnsafeMutableRawPointer

    init?() {
        guard CurlGlobal.initialised, let raw = curl_easy_init() else { return nil }
        self.raw = raw
    }

    deinit { curl_easy_cleanup(raw) }

    /// Clears options but keeps the connection cache, so the next request can reuse a connection.
    func reset() { curl_easy_reset(raw) }

    @discardableResult
    func set(_ option: CURLoption, _ value: Int) -> CURLcode {
        litharvest_curl_setopt_long(raw, option, value)
    }

    @discardableResult
    func set(_ option: CURLoption, _ value: String) -> CURLcode {
        value.withCString { litharvest_curl_setopt_string(raw, option, $0) }
    }

    @discardableResult
    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) -> CURLcode {
        litharvest_curl_setopt_pointer(raw, option, pointer)
    }

    @discardableResult
    func set(_ option: CURLoption, list: UnsafeMutablePointer<curl_slist>?) -> CURLcode {
        litharvest_curl_setopt_slist(raw, option, list)
    }

    func infoLong(_ info: CURLINFO) -> Int {
        var value = 0
        _ = litharvest_curl_getinfo_long(raw, info, &value)
        return value
    }

    func infoString(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard litharvest_curl_getinfo_string(raw, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }
}

@available(*, unavailable)
extension CurlEasyHandle: Sendable {}
