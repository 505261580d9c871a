import Foundation
import Hummingbird
import Logging
import Pipeline

extension Portal {
    /// `GET /login`, `POST /login`, `POST /logout`, `GET /api/session`.
    func addLoginRoutes(to router: Router<PortalContext>) {
        router.get("/login") { _, context in
            if context.session != nil { return Self.redirect("/") }
            return try pages.render("login", pageValues(nil, title: "登录", active: ""))
        }
        router.post("/login") { request, context in
            let form = try await Self.form(request)
            let (user, password, address) = (form["username"] ?? "", form["password"] ?? "", context.clientAddress)
            let sessions = sessions
            let outcome = try await offloaded { () -> Result<PortalSessions.Session, PortalSessions.LoginRefusal> in
                do {
                    return .success(try sessions.logIn(user: user, password: password, address: address))
                } catch let refusal as PortalSessions.LoginRefusal {
                    return .failure(refusal)
                }
            }
            // Every attempt is in the audit table too; the log is where a technician watches them.
            let seen: Logger.Metadata = ["user": "\(user)", "address": "\(address)"]
            switch outcome {
            case .success(let session):
                logger.notice("登录 logged in", metadata: seen)
                var response = Self.redirect(session.account.role == .department ? "/submit" : "/status")
                response.setCookie(SessionLoader.cookie(session.token, secure: settings.behindProxy))
                return response
            case .failure(.tooManyAttempts):
                logger.warning("登录尝试过多，已拒绝 login refused: too many attempts", metadata: seen)
                throw PortalError.tooManyAttempts
            case .failure(.badCredentials):
                logger.warning("登录失败 login failed", metadata: seen)
                var values = pageValues(nil, title: "登录", active: "")
                values["failed"] = true
                values["username"] = user
                return try pages.render("login", values, status: .unauthorized)
            }
        }
        router.post("/logout") { request, context in
            guard let session = context.session else { return Self.redirect("/login") }
            let form = try await Self.form(request)
            try CSRF.check(request, session: session, formValue: form["csrf"])
            let (sessions, address) = (sessions, context.clientAddress)
            try await offloaded { try sessions.logOut(session, address: address) }
            var response = Self.redirect("/login")
            response.setCookie(SessionLoader.cookie("", secure: settings.behindProxy, maxAge: 0))
            return response
        }
        router.get("/api/session") { _, context in
            let session = try context.requireSession()
            return try json(
                SessionAnswer(
                    user: session.account.name, role: session.account.role.rawValue,
                    region: session.account.region, department: session.account.department,
                    csrfToken: session.csrfToken))
        }
    }
}

/// `GET /api/session`.
struct SessionAnswer: Encodable {
    var user: String
    var role: String
    var region: String
    var department: String?
    var csrfToken: String

    enum CodingKeys: CodingKey { case user, role, region, department, csrfToken }

    // `department` is present, as null, for city and province accounts.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(user, forKey: .user)
        try container.encode(role, forKey: .role)
        try container.encode(region, forKey: .region)
        try container.encode(department, forKey: .department)
        try container.encode(csrfToken, forKey: .csrfToken)
    }
}
