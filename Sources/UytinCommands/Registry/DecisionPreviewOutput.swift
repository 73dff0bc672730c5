import Registry
import Storage

extension Console {
    /// `decision record --dry-run` for a person: who enters, leaves and is re-bound, the list it would freeze, and
    /// what to look at before signing.
    func describe(_ preview: UytinDatabase.DecisionPreview) {
        line(say("[Xem trước — không ghi gì] QĐ số \(preview.number) ngày \(preview.decidedOn.vietnamese) của \(preview.issuer)",
                 "[Preview — nothing written] Decision \(preview.number) of \(preview.decidedOn.vietnamese) by \(preview.issuer)"))
        line(say("  cấp \(preview.issuerLevel.label.vi), địa bàn \(preview.issuerArea) (\(preview.issuerAreaCode)); hiệu lực từ \(preview.effectiveOn.vietnamese)",
                 "  \(preview.issuerLevel.label.en) level, area \(preview.issuerArea) (\(preview.issuerAreaCode)); effective \(preview.effectiveOn.vietnamese)"))
        line(say("  phê duyệt \(preview.approve.count) đề nghị, từ chối \(preview.reject.count)",
                 "  approves \(preview.approve.count) proposal(s), rejects \(preview.reject.count)"))
        let person = say("Người", "Person")
        let village = say("Thôn", "Village")
        let from = say("Từ ngày", "From")
        let proposal = say("Đề nghị", "Proposal")
        if !preview.entering.isEmpty {
            line(say("Vào danh sách (\(preview.entering.count)):", "Entering the list (\(preview.entering.count)):"))
            table([proposal, person, village, from, say("Ghi chú", "Note")], preview.entering.map { change in
                ["ĐN-\(change.proposalId)", "\(change.name) (#\(change.personId))", change.village, change.date.vietnamese,
                 change.counterpart.map { say("thay cho \($0)", "replaces \($0)") } ?? ""]
            })
        }
        if !preview.leaving.isEmpty {
            line(say("Ra khỏi danh sách (\(preview.leaving.count)):", "Leaving the list (\(preview.leaving.count)):"))
            table([proposal, person, village, from, say("Lý do", "Reason")], preview.leaving.map { change in
                var reason = change.reason.map(reasonLabel) ?? ""
                if let successor = change.counterpart { reason += say(" — thay bằng \(successor)", " — replaced by \(successor)") }
                return ["ĐN-\(change.proposalId)", "\(change.name) (#\(change.personId))", change.village, change.date.vietnamese, reason]
            })
        }
        if !preview.rebound.isEmpty {
            line(say("Gắn lại thôn sau sáp nhập (\(preview.rebound.count)):", "Re-bound after a merger (\(preview.rebound.count)):"))
            table([proposal, person, say("Thôn cũ", "Old village"), say("Thôn mới", "New village"), from], preview.rebound.map { change in
                ["ĐN-\(change.proposalId)", "\(change.name) (#\(change.personId))", change.fromVillage ?? "", change.village,
                 change.date.vietnamese]
            })
        }
        if preview.entering.isEmpty && preview.leaving.isEmpty && preview.rebound.isEmpty {
            line(say("Danh sách không thay đổi.", "The list does not change."))
        }
        if let year = preview.listYear, let list = preview.list {
            line(say("Danh sách năm \(year) sẽ khóa (\(preview.issuerArea), tính đến ngày \(preview.effectiveOn.vietnamese)): \(list.count) người",
                     "The list of \(year) it would freeze (\(preview.issuerArea), as of \(preview.effectiveOn.vietnamese)): \(list.count) persons"))
            table(["STT", say("Họ và tên", "Name"), village, say("Xã", "Commune")], list.map { entry in
                [String(entry.position), "\(entry.name) (#\(entry.personId))", entry.village, entry.commune]
            })
        }
        if preview.warnings.isEmpty {
            line(say("Không có cảnh báo.", "No warnings."))
        } else {
            line(say("Cảnh báo (\(preview.warnings.count)) — hãy xem lại trước khi ký:", "Warnings (\(preview.warnings.count)) — review before signing:"))
            for warning in preview.warnings { line("  - " + say(warning.message)) }
        }
        line(say("Chưa ghi gì. Bỏ --dry-run để ghi quyết định.", "Nothing was written. Run again without --dry-run to record it."))
    }
}
