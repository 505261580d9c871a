import Foundation
import HummingbirdTesting
import Testing

@testable import Portal

/// 报送: the page says whose reports it takes, in which formats, and where the file goes.
@Suite struct SubmitPageTests {
    @Test func thePageNamesTheDepartmentEveryFormatAndTheFolder() async throws {
        let fixture = try PortalFixture()
        let page = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            return try await client.execute(uri: "/submit", method: .get, headers: login.headers)
        }
        #expect(page.status == .ok)
        #expect(page.text.contains("上传东昌府区商务局的月报表（CSV、XLSX、XLS、ODS 或 XML 2003 表格）"))
        #expect(page.text.contains("<code>Inbox/371502/commerce/</code>"))
        #expect(page.text.contains(#"accept=".csv,.xlsx,.xlsm,.xml,.xls,.ods""#))
    }
}
