namespace Dispatch.Silo.Grid.Demo;

/// <summary>
/// Realistic Chinese personal names: a surname drawn by rough frequency in Shandong (王, 张, 李 and
/// 刘 lead), then a one- or two-character given name.
/// </summary>
internal sealed class ChineseNames
{
    private static readonly (string Surname, int Weight)[] Surnames =
    [
        ("王", 120), ("张", 100), ("李", 100), ("刘", 80), ("孙", 50), ("赵", 50), ("陈", 40), ("杨", 40),
        ("徐", 30), ("马", 30), ("高", 30), ("宋", 20), ("韩", 20), ("吴", 20), ("周", 20), ("朱", 20),
        ("胡", 15), ("郭", 20), ("尹", 12), ("袁", 12), ("曹", 12), ("田", 12), ("崔", 12), ("邢", 10),
        ("侯", 10), ("董", 12), ("魏", 10), ("吕", 10), ("石", 10), ("姜", 12), ("谢", 8), ("于", 15),
        ("许", 10), ("何", 8), ("林", 8), ("郑", 8), ("范", 8), ("程", 6), ("牛", 6), ("岳", 5),
    ];

    private static readonly string[] GivenCharacters =
    [
        "伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
        "涛", "明", "超", "兰", "霞", "平", "刚", "桂", "玉", "华", "建", "国", "志", "红", "海", "文",
        "庆", "金", "春", "晓", "燕", "云", "峰", "辉", "鹏", "凤", "立", "新", "宁", "梅", "亮", "成",
        "东", "振", "德", "瑞", "俊", "婷", "雪", "欣", "佳", "浩", "宇", "晨", "凯", "健", "永", "福",
    ];

    private readonly int _totalWeight = Surnames.Sum(s => s.Weight);
    private readonly Random _random;

    public ChineseNames(Random random) => _random = random;

    public string Next()
    {
        var surname = Surname();
        var given = Given();
        if (_random.NextDouble() < 0.65)
        {
            given += Given();
        }
        return surname + given;
    }

    private string Surname()
    {
        var ticket = _random.Next(_totalWeight);
        foreach (var (surname, weight) in Surnames)
        {
            if (ticket < weight)
            {
                return surname;
            }
            ticket -= weight;
        }
        throw new InvalidOperationException("the surname weights do not add up");
    }

    private string Given() => GivenCharacters[_random.Next(GivenCharacters.Length)];
}
