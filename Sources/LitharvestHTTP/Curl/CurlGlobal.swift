import CCurl

/// libcurl's global state must be initialised once, before any thread uses it.
enum CurlGlobal {
    static let initialised: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    /// The libcurl version string, e.g. "7.88.1".
    static var version: String {
        String(cString: litharvest_curl_version_string())
    }
}
