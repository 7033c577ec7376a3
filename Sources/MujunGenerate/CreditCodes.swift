import MujunCore

/// 统一社会信用代码 for synthetic firms (GB 32100-2015, spec domain.md), unique per
/// enterprise index, and the deliberately mistyped ones planted as bad rows.
///
/// Layout: `9` (market regulation) `1` (enterprise), the six-digit division of the registering
/// authority (mostly the district, some the city or the province), the nine-character
/// organisation code (GB 11714: eight characters and their own check character), and the
/// GB 32100 check character. Firms registered before the 2015 reform carry their old
/// all-digit organisation code; newer ones the `MA…` codes issued since.
struct CreditCodes: Sendable {
    /// One bijection per code family keeps every code distinct without a set of issued codes.
    private let oldCodes: Permutation
    private let newCodes: Permutation

    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let reformDay = CalendarDay(year: 2015, month: 10, day: 1)!

    init(seed: UInt64) {
        oldCodes = Permutation(modulus: 100_000_000, seed: seed &+ 11)
        newCodes = Permutation(modulus: 887_503_681, seed: seed &+ 13)   // 31^6
    }

    /// The code of enterprise `index`, established on `established`.
    func code(index: Int, established: CalendarDay, random: inout SeededRandom) -> String {
        let roll = random.uniform()
        let division = roll < 0.82 ? Township.districtCode : roll < 0.95 ? "320100" : "320000"
        var organisation: [Character]
        if established < CreditCodes.reformDay {
            let number = oldCodes.apply(index)
            organisation = Array(String(number)).reversed()
            while organisation.count < 8 { organisation.append("0") }
            organisation.reverse()
        } else {
            var number = newCodes.apply(index)
            var tail: [Character] = []
            for _ in 0..<6 {
                tail.append(CreditCodes.alphabet[number % 31])
                number /= 31
            }
            organisation = ["M", "A"] + tail.reversed()
        }
        organisation.append(CreditCodes.organisationCheck(organisation))
        return USCC.completed("91" + division + String(organisation))!
    }

    /// GB 11714-1997's check character over eight characters (weights 3 7 9 10 5 8 4 2;
    /// digits 0–9, letters A = 10 … Z = 35; 11 − S mod 11, written `X` for 10 and `0` for 11).
    static func organisationCheck(_ characters: [Character]) -> Character {
        let weights = [3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (offset, character) in characters.prefix(8).enumerated() {
            let ascii = Int(character.asciiValue!)
            let value = ascii <= 0x39 ? ascii - 0x30 : ascii - 0x41 + 10
            sum += value * weights[offset]
        }
        let check = 11 - sum % 11
        return check == 10 ? "X" : check == 11 ? "0" : Character(String(check))
    }

    /// A valid code with two different neighbouring characters of its organisation code
    /// swapped: a typing slip that GB 32100's check character always catches (the weights of
    /// neighbours differ, and 31 is prime).
    static func transposed(_ code: String) -> String {
        var characters = Array(code)
        for position in 8..<16 where characters[position] != characters[position + 1] {
            characters.swapAt(position, position + 1)
            return String(characters)
        }
        // All equal (never in practice): change the check character instead.
        let check = characters[17]
        characters[17] = check == "0" ? "1" : "0"
        return String(characters)
    }
}
