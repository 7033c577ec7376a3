/// Which archetype and power-link style each enterprise index gets.
///
/// A table of 100 slots holds every archetype `share` times, and every power-link style its
/// share among the slots whose archetype has a power account; the table is shuffled once with
/// the seed. Each block of 100 consecutive indexes then visits the 100 slots in an order of
/// its own (a seeded `Permutation` per block), so proportions are exact per block while no
/// pattern repeats from block to block.
struct ArchetypeSchedule: Sendable {
    struct Slot: Sendable {
        let archetype: EnterpriseArchetype
        let linkStyle: PowerLinkStyle
    }

    let slots: [Slot]
    let seed: UInt64

    init(seed: UInt64) {
        self.seed = seed
        var random = SeededRandom(seed: seed, stream: .schedule, index: 0)
        var archetypes: [EnterpriseArchetype] = []
        for archetype in EnterpriseArchetype.allCases {
            archetypes += Array(repeating: archetype, count: archetype.share)
        }
        precondition(archetypes.count == 100, "archetype shares must add up to 100")
        ArchetypeSchedule.shuffle(&archetypes, &random)

        let withAccount = archetypes.filter(\.hasPowerAccount).count
        var styles: [PowerLinkStyle] = []
        for (style, count) in PowerLinkStyle.shares { styles += Array(repeating: style, count: count) }
        precondition(styles.count <= withAccount)
        styles += Array(repeating: .uscc, count: withAccount - styles.count)
        ArchetypeSchedule.shuffle(&styles, &random)

        var next = 0
        slots = archetypes.map { archetype in
            guard archetype.hasPowerAccount else { return Slot(archetype: archetype, linkStyle: .uscc) }
            defer { next += 1 }
            return Slot(archetype: archetype, linkStyle: styles[next])
        }
    }

    /// The slot of enterprise `index`.
    func slot(of index: Int) -> Slot {
        let block = index / 100
        let order = Permutation(modulus: 100, seed: seed &+ UInt64(block) &* 0x2545_F491_4F6C_DD1D)
        return slots[order.apply(index % 100)]
    }

    /// Fisher–Yates with our own generator (never the system's).
    static func shuffle<T>(_ items: inout [T], _ random: inout SeededRandom) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, random.int(in: 0...i))
        }
    }
}
