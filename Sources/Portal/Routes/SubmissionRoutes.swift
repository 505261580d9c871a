import Foundation
import Hummingbird
import Pipeline
import Reports

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Portal {
    /// `GET /submit`, `POST /submit` (the page's form, answered with the
    /// receipt page), `POST /api/submissions` (JSON), `GET /receipt?id=`,
    /// `GET /receipt.xlsx?id=`.
    func addSubmissionRoutes(to router: Router<PortalContext>) {
        router.get("/submit") { _, context in
            let session = try context.requireSession()
            let submitter = try scope(session).uploader().submitter
            var values = pageValues(session, title: "报送", active: "/submit")
            values["folder"] = "\(submitter.region)/\(submitter.department)"
            values["submitterName"] = ReceiptView.submitterName(submitter, catalog: catalog)
            values["maxMiB"] = settings.maxUploadMiB
            return try pages.render("submit", values)
        }
        router.post("/submit") { request, context in
            let (session, answer) = try await receiveUpload(request, context)
            guard let versionId = answer.versionId else {
                var values = pageValues(session, title: "已收到", active: "/submit")
                values["answer"] = [
                    "fileName": InboxFile.fileName(of: answer.path), "message": UploadAnswer.queuedMessage,
                ]
                return try pages.render("queued", values, status: .created)
            }
            return Self.redirect("/receipt?id=\(versionId)")
        }
        router.post("/api/submissions") { request, context in
            let (_, answer) = try await receiveUpload(request, context)
            return Response(
                status: .created, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: try answer.json())))
        }
        router.get("/receipt") { request, context in
            let session = try context.requireSession()
            let entry = try await historyEntry(request, scope(session))
            var values = pageValues(session, title: "回执", active: "/history")
            values["receipt"] = ReceiptView.values(entry, catalog: catalog)
            return try pages.render("receipt", values)
        }
        router.get("/receipt.xlsx") { request, context in
            let session = try context.requireSession()
            let entry = try await historyEntry(request, scope(session))
            guard let bytes = try await offloaded({ try entry.workbook() }) else { throw PortalError.notFound }
            return download(bytes, fileName: InboxFile.fileName(of: entry.version.path) + ".回执.xlsx")
        }
    }

    /// An upload, authorised before its body is read: session (401), a
    /// department account (403), CSRF token (403), streamed under the size
    /// limit (413), then recorded.
    private func receiveUpload(_ request: Request, _ context: PortalContext) async throws
        -> (PortalSessions.Session, UploadAnswer)
    {
        let session = try context.requireSession()
        let scope = scope(session)
        _ = try scope.uploader()
        if request.headers[CSRF.header] != nil { try CSRF.check(request, session: session, formValue: nil) }
        let temporary = try uploads.temporaryFile(for: scope)
        let upload: MultipartUpload
        do {
            upload = try await MultipartUpload.receive(request, into: temporary, limit: settings.maxUploadBytes)
            try CSRF.check(request, session: session, formValue: upload.fields["csrf"])
            guard let name = upload.fileName, !(name.isEmpty && upload.bytes == 0) else {
                throw PortalError.badRequest("没有收到文件（字段 file）。 No file in field `file`.")
            }
        } catch {
            unlink(temporary)
            throw error
        }
        let answer = try await uploads.take(
            temporary, fileName: upload.fileName ?? "", scope: scope,
            address: context.clientAddress)
        return (session, answer)
    }

    /// The history entry `?id=` names, if the account may see it (403) and it exists (404).
    func historyEntry(_ request: Request, _ scope: AccessScope) async throws -> SubmissionHistory.Entry {
        guard let id = request.uri.queryParameters["id"].flatMap({ Int64($0) }) else {
            throw PortalError.badRequest("缺少回执编号 id。")
        }
        let history = history
        guard let entry = try await offloaded({ try history.entry(versionId: id, for: scope) }) else {
            throw PortalError.notFound
        }
        return entry
    }
}
