import Registry

extension Words {
    /// The words of the "Danh sách" page: a year's list, its parts, its documents.
    static let lists: [String: Message] = [
        "listsYear": Message(vi: "Năm", en: "Year"),
        "listsShow": Message(vi: "Xem", en: "Show"),
        "listsApprovedBy": Message(vi: "Các phần đã phê duyệt", en: "Approved parts"),
        "listsPart": Message(vi: "Phần", en: "Part"),
        "listsPersons": Message(vi: "Số người", en: "Persons"),
        "listsAsOf": Message(vi: "Tính đến ngày", en: "As of"),
        "listsPendingParts": Message(vi: "Còn chờ phê duyệt", en: "Still awaiting approval"),
        "listsPendingNote": Message(vi: "Danh sách năm này được phê duyệt theo từng phần; các đơn vị sau chưa có quyết định phê duyệt:",
                                     en: "This year's list is approved in parts; these units have no approving decision yet:"),
        "listsNotApproved": Message(vi: "Danh sách năm này chưa được phê duyệt bằng quyết định; dưới đây là danh sách đang có hiệu lực ngày",
                                     en: "This year's list is not approved by a decision yet; below is the list in force on"),
        "listsTotal": Message(vi: "Tổng số người:", en: "Persons in all:"),
        "listsEmpty": Message(vi: "Danh sách trống.", en: "The list is empty."),
        "listsNoYears": Message(vi: "Chưa có giai đoạn nào.", en: "No term yet."),
        "listsDocuments": Message(vi: "Văn bản tải về", en: "Documents to download"),
        "listsListDocument": Message(vi: "Danh sách đã phê duyệt", en: "The approved list"),
        "listsChangesDocument": Message(vi: "Danh sách biến động trong năm", en: "The year's changes"),
        "listsIdsMasked": Message(vi: "Số CCCD đã che, chỉ để lại 3 số cuối.", en: "Citizen IDs masked to their last 3 digits."),
        "listsIdsFull": Message(vi: "Số CCCD đầy đủ (vai trò có quyền xuất); mỗi lần tải được ghi vào nhật ký.",
                                 en: "Citizen IDs in full (a role with the export right); each download is audited."),
        "listsNo": Message(vi: "STT", en: "No."),
        "listsRoles": Message(vi: "Thành phần", en: "Roles"),
        "listsCitizenId": Message(vi: "Số CCCD", en: "Citizen ID"),
        "listsDistrict": Message(vi: "Huyện", en: "District"),
        "listsDied": Message(vi: "đã mất ngày", en: "died on"),
        "listsFormat": Message(vi: "Định dạng phải là xlsx, csv hoặc html.", en: "The format must be xlsx, csv or html."),
        "pagingPrevious": Message(vi: "← Trang trước", en: "← Previous"),
        "pagingNext": Message(vi: "Trang sau →", en: "Next →"),
        "pagingPage": Message(vi: "Trang", en: "Page"),
        "pagingOf": Message(vi: "/", en: "of"),
    ]
}
