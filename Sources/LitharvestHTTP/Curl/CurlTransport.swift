import CCurl
import Foundation

/// One HTTP exchange per call over libcurl's easy interface, on the calling thread. No retries and no
/// rate limits here: ``HTTPClient`` adds those. Safe to use from many threads at once.
package final class CurlTransport: HTTPTransport {
    /// The settings every request uses.
    package let configuration: CurlTransportConfiguration
    private let cancellation: CancellationFlag?
    private let pool = CurlHandlePool()

    /// Creates a transport; `cancellation` aborts transfers in flight when set.
    package init(configuration: CurlTransportConfiguration = .init(), cancellation: CancellationFlag? = nil) {
        self.configuration = configuration
        self.cancellation = cancellation
    }

    /// The libcurl version in use.
    package static var libcurlVersion: String { CurlGlobal.version }

    /// Frees pooled handles; call before the process exits.
    package func shutdown() { pool.drain() }

    package func send(_ request: HTTPRequest) throws -> HTTPResponse {
        let displayURL = SecretRedactor.standard.redact(url: request.url)
        guard let scheme = URLComponents(string: request.url)?.scheme?.lowercased(),
            scheme == "http" || scheme == "https"
        else {
            throw HTTPError(kind: .invalidRequest, url: displayURL, message: "only http and https URLs are allowed")
        }
        try cancellation?.check(url: displayURL)
        guard let handle = pool.take() else {
            throw HTTPError(kind: .transport, url: displayURL, message: "libcurl could not create a handle")
        }
        defer { pool.give(back: handle) }

        let state = TransferState(maxBodyBytes: configuration.maxBodyBytes, cancellation: cancellation)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for header in request.headers {
            headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        // libcurl sends "Expect: 100-continue" for large POSTs, which costs a round trip and confuses some servers.
        headerList = curl_slist_append(headerList, "Expect:")

        let code: CURLcode = withExtendedLifetime(state) {
            configure(handle, for: request, state: state, headers: headerList)
            return curl_easy_perform(handle.raw)
        }
        if code != CURLE_OK {
            throw error(for: code, handle: handle, state: state, url: displayURL)
        }
        return HTTPResponse(
            status: handle.infoLong(CURLINFO_RESPONSE_CODE),
            headers: state.finalHeaders,
            body: state.body,
            url: handle.infoString(CURLINFO_EFFECTIVE_URL) ?? request.url
        )
    }

    private func configure(
        _ handle: CurlEasyHandle, for request: HTTPRequest, state: TransferState,
        headers: UnsafeMutablePointer<curl_slist>?
    ) {
        let context = Unmanaged.passUnretained(state).toOpaque()
        handle.set(CURLOPT_URL, request.url)
        handle.set(CURLOPT_NOSIGNAL, 1)
        handle.set(CURLOPT_PROTOCOLS_STR, "http,https")
        handle.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        handle.set(CURLOPT_FOLLOWLOCATION, 1)
        handle.set(CURLOPT_MAXREDIRS, configuration.maxRedirects)
        handle.set(CURLOPT_SSL_VERIFYPEER, 1)
        handle.set(CURLOPT_SSL_VERIFYHOST, 2)
        handle.set(CURLOPT_ACCEPT_ENCODING, "")  // every decoder libcurl has; bodies arrive decoded
        handle.set(
            CURLOPT_HTTP_VERSION,
            configuration.allowHTTP2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1)
        handle.set(CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout * 1000))
        handle.set(CURLOPT_TIMEOUT_MS, Int(configuration.totalTimeout * 1000))
        handle.set(CURLOPT_LOW_SPEED_LIMIT, 1)
        handle.set(CURLOPT_LOW_SPEED_TIME, max(1, Int(configuration.stallTimeout.rounded(.up))))
        handle.set(CURLOPT_MAXFILESIZE_LARGE, configuration.maxBodyBytes)
        handle.set(CURLOPT_USERAGENT, request.userAgent ?? configuration.userAgent)
        handle.set(CURLOPT_HTTPHEADER, list: headers)
        if request.method == .post {
            let body = request.encodedForm
            handle.set(CURLOPT_POST, 1)
            handle.set(CURLOPT_POSTFIELDSIZE, body.utf8.count)
            handle.set(CURLOPT_COPYPOSTFIELDS, body)
        } else {
            handle.set(CURLOPT_HTTPGET, 1)
        }
        litharvest_curl_setopt_write_function(handle.raw, TransferCallbacks.write)
        handle.set(CURLOPT_WRITEDATA, pointer: context)
        litharvest_curl_setopt_header_function(handle.raw, TransferCallbacks.header)
        handle.set(CURLOPT_HEADERDATA, pointer: context)
        litharvest_curl_setopt_progress_function(handle.raw, TransferCallbacks.progress)
        handle.set(CURLOPT_XFERINFODATA, pointer: context)
        handle.set(CURLOPT_NOPROGRESS, 0)
    }

    private func error(for code: CURLcode, handle: CurlEasyHandle, state: TransferState, url: String) -> HTTPError {
        let status = handle.infoLong(CURLINFO_RESPONSE_CODE)
        let message = String(cString: curl_easy_strerror(code))
        let kind: HTTPError.Kind
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            kind = .connectionFailed
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING:
            kind = .connectionReset
        case CURLE_PARTIAL_FILE:
            kind = .truncatedBody
        case CURLE_OPERATION_TIMEDOUT:
            kind = .timedOut
        case CURLE_TOO_MANY_REDIRECTS:
            kind = .tooManyRedirects
        case CURLE_FILESIZE_EXCEEDED:
            kind = .responseTooLarge
        case CURLE_WRITE_ERROR where state.exceededLimit:
            kind = .responseTooLarge
        case CURLE_ABORTED_BY_CALLBACK:
            kind = .cancelled
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            kind = .invalidRequest
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE:
            kind = .tls
        default:
            kind = .transport
        }
        return HTTPError(
            kind: kind, url: url, status: status > 0 ? status : nil,
            message: "\(message) (libcurl code \(code.rawValue))")
    }
}
