/// The words that synthetic names are made of: trade names (字号) for firms, and personal
/// names for legal representatives and for power accounts opened in a person's name.
///
/// A firm's trade name is a pure function of a number that a `Permutation` hands out once per
/// enterprise, so names are unique in any county size without remembering them: two
/// characters while the county is small enough (`tradeCharacters.count`² names), three after.
public enum ChineseNames {
    /// Characters that firms like in trade names.
    static let tradeCharacters: [String] = Array(
        "华新瑞恒宏金盛达鑫源通泰丰德嘉宇腾博远安信诚和兴隆昌永利科邦晟锐卓越凯旭辉东海天中正"
        + "润康泽明昊阳光荣鼎顺福祥乐创联合众力大同升宁江苏秦淮钟山龙凤鹏飞翔云峰森林茂晶耀弘毅"
        + "睿智尚品佳美优质精工汇聚立航图志成广益长青久富佰仟万国际亚太星月景元启帆途威铭"
    ).map(String.init)

    /// How many distinct two-character trade names there are.
    static var twoCharacterNames: Int { tradeCharacters.count * tradeCharacters.count }

    /// How many trade names there are for a county of `enterprises` (the modulus of the
    /// permutation that hands them out).
    static func tradeNameSpace(for enterprises: Int) -> Int {
        let k = tradeCharacters.count
        return max(enterprises, 1) <= twoCharacterNames ? twoCharacterNames : twoCharacterNames + k * k * k
    }

    /// The trade name numbered `number`: two characters below `twoCharacterNames`, three above.
    static func tradeName(_ number: Int) -> String {
        let k = tradeCharacters.count
        if number < twoCharacterNames {
            return tradeCharacters[number / k] + tradeCharacters[number % k]
        }
        let n = number - twoCharacterNames
        return tradeCharacters[n / (k * k) % k] + tradeCharacters[n / k % k] + tradeCharacters[n % k]
    }

    /// Common surnames, most frequent first.
    static let surnames: [String] = [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
        "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
        "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
        "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    ]
    static let surnameWeights: [Double] = surnames.indices.map { 1.0 / Double($0 + 4) }

    /// Characters of given names.
    static let givenCharacters: [String] = Array(
        "建国华明伟芳军勇杰娟强磊洋艳敏静丽涛斌波辉刚平红霞鹏飞亮宁俊峰文志海春玲燕秀英桂兰"
        + "永生德成林松柏云雪梅宏伟晓东小龙凯婷颖超鑫浩宇佳琪欣怡子轩梓涵雨"
    ).map(String.init)

    /// A personal name: a surname and one or two given-name characters.
    static func personName(_ random: inout SeededRandom) -> String {
        let surname = surnames[random.weightedIndex(surnameWeights)]
        let first = random.pick(givenCharacters)
        return random.chance(0.7) ? surname + first + random.pick(givenCharacters) : surname + first
    }

    /// Organisation forms closing a firm name, with their shares.
    static let organisationForms: [String] = ["有限公司", "有限责任公司", "股份有限公司", "科技有限公司"]
    static let organisationFormWeights: [Double] = [70, 12, 6, 12]
}
