import Hummingbird
import Pipeline

/// Why the portal refuses a request, as an HTTP status and a sentence in
/// both languages; `ErrorPages` renders it as a page, or as JSON under `/api/`.
enum PortalError: Error, Equatable {
    case notLoggedIn
    case forbidden(String)
    case csrf
    case foreignOrigin
    case badRequest(String)
    case notFound
    case tooLarge(limitMiB: Int)
    /// A form body over what any form of the portal sends.
    case formTooLarge
    case tooManyAttempts

    var status: HTTPResponse.Status {
        switch self {
        case .notLoggedIn: .unauthorized
        case .forbidden, .csrf, .foreignOrigin: .forbidden
        case .badRequest: .badRequest
        case .notFound: .notFound
        case .tooLarge, .formTooLarge: .contentTooLarge
        case .tooManyAttempts: .tooManyRequests
        }
    }

    /// Stable ASCII code, for scripts and logs.
    var code: String {
        switch self {
        case .notLoggedIn: "not-logged-in"
        case .forbidden: "forbidden"
        case .csrf: "csrf"
        case .foreignOrigin: "foreign-origin"
        case .badRequest: "bad-request"
        case .notFound: "not-found"
        case .tooLarge, .formTooLarge: "too-large"
        case .tooManyAttempts: "too-many-attempts"
        }
    }

    var chinese: String {
        switch self {
        case .notLoggedIn: "请先登录。"
        case .forbidden(let what): "无权访问：\(what)"
        case .csrf: "页面已过期或请求来源不明，请刷新页面后重试。"
        case .foreignOrigin: "请求来自其他网站，已拒绝。"
        case .badRequest(let why): why
        case .notFound: "没有这个页面或文件。"
        case .tooLarge(let limit): "文件超过 \(limit) MB 上限，未接收。"
        case .formTooLarge: "提交的内容过长。"
        case .tooManyAttempts: "登录尝试次数过多，请一分钟后再试。"
        }
    }

    var english: String {
        switch self {
        case .notLoggedIn: "Please log in."
        case .forbidden: "Forbidden for this account."
        case .csrf: "Missing or wrong CSRF token; reload the page and try again."
        case .foreignOrigin: "Request from another site refused."
        case .badRequest: "Bad request."
        case .notFound: "Not found."
        case .tooLarge(let limit): "The file is over the \(limit) MiB limit."
        case .formTooLarge: "The form is too long."
        case .tooManyAttempts: "Too many login attempts; try again in a minute."
        }
    }

    /// The portal's answer to an error a use case threw; nil for failures (500).
    init?(_ error: any Error) {
        switch error {
        case let error as PortalError: self = error
        case let denied as AccessScope.Denied: self = .forbidden(denied.reason)
        case let refused as UploadName.Refused: self = .badRequest(refused.description)
        case PortalSessions.LoginRefusal.tooManyAttempts: self = .tooManyAttempts
        default: return nil
        }
    }
}
