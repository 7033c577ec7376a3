extension Migrator {
    /// The migrations not yet applied, in order.
    public func pending() throws -> [Migration] {
        let applied = Set(try applied().map(\.version))
        return migrations.filter { !applied.contains($0.version) }
    }

    /// Drops every definition, dependents first, on `tx` (as the login; the owner's objects may
    /// be dropped by a member of mujun_owner); the next `run()` makes them again, since they
    /// are missing.
    func dropDefinitions(_ tx: Connection) throws {
        for definition in definitions.reversed() {
            try tx.executeScript(definition.dropStatement)
        }
    }
}
