import GRDB

extension UytinDatabase {
    /// The names of the festivals and plans by id, to show an entitlement's period as people read it (`PeriodLabel`).
    public func occasionNames() throws -> (festivals: [Int64: String], plans: [Int64: String]) {
        try read { db in
            var festivals: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM festival") { festivals[row["id"]] = row["name"] }
            var plans: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM plan") { plans[row["id"]] = row["name"] }
            return (festivals, plans)
        }
    }
}
