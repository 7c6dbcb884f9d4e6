namespace Dispatch.Silo.Grid.Demo;

/// <summary>
/// Names for the demo's places: urban communities hold residential compounds (小区) split into
/// buildings (号楼); rural management districts hold administrative villages (村) split into
/// villager groups (村民小组).
/// </summary>
internal static class PlaceNames
{
    private static readonly string[] CommunityStems =
    [
        "龙山", "凤山", "向阳", "春秋", "泰西", "白云", "长山", "新华", "文庙", "青年", "育才", "建设",
        "胜利", "光明", "幸福", "和平", "东坞", "西坞", "汶河", "康汇", "桃源", "太平", "兴隆", "永安",
        "丰收", "富民", "崇文", "尚德", "安泰", "孝堂", "陶山", "牛山", "布山", "凤凰", "青云", "书院",
        "鹿鸣", "金山", "翠屏", "清泉", "石坞", "南湖", "北湖", "平安", "昌盛", "聚福", "双河", "康王",
    ];

    private static readonly string[] CompoundStems =
    [
        "阳光", "幸福", "锦绣", "御景", "泰和", "金桥", "康城", "滨河", "盛世", "东方", "银河", "翠园",
        "华府", "龙湖", "紫荆", "桂花", "香榭", "怡景", "碧水", "明珠", "世纪", "天合", "新城", "书香",
        "佳和", "润泽", "水岸", "春晖", "泰山", "凤城", "文苑", "玉泉", "瑞景", "汇丰", "鑫源", "宏达",
    ];

    private static readonly string[] CompoundSuffixes = ["小区", "花园", "家园", "苑", "名居", "雅苑", "华庭", "新村"];

    private static readonly string[] VillagePrefixes = ["", "", "", "东", "西", "南", "北", "前", "后", "大", "小", "上", "下"];

    private static readonly string[] VillageSurnames =
    [
        "王", "张", "李", "刘", "孙", "赵", "陈", "杨", "徐", "马", "高", "宋", "韩", "尹", "袁", "曹",
        "田", "崔", "邢", "侯", "董", "魏", "吕", "石", "姜", "谢", "尚", "牛", "苗", "鲁", "岳", "颜",
    ];

    private static readonly string[] VillageSuffixes = ["庄", "家庄", "家洼", "家峪", "店", "屯", "家楼", "家寨", "官庄", "集", "家沟", "坡"];

    private static readonly string[] Roads =
    [
        "龙山路", "泰西大街", "新城路", "长山街", "向阳街", "文化路", "桃园路", "建设路", "汶河路", "春秋路",
        "凤山大街", "白云山路", "孝堂路", "育才路", "青年路", "兴业路",
    ];

    private static readonly string[] ChineseDigits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    /// <summary>Distinct community names for one town: 社区 in a street, 管理区 or 新型农村社区 in a town.</summary>
    public static IReadOnlyList<string> Communities(bool street, int count, Random random)
    {
        var stems = Shuffled(CommunityStems, random).Take(count);
        return stems.Select(stem => street ? stem + "社区" : stem + (random.NextDouble() < 0.75 ? "管理区" : "新型农村社区")).ToList();
    }

    /// <summary>A grid's name, distinct within its town (<paramref name="taken"/> holds the names used so far).</summary>
    public static string Grid(bool street, HashSet<string> taken, Random random)
    {
        while (true)
        {
            var name = street
                ? Pick(CompoundStems, random) + Pick(CompoundSuffixes, random)
                : Pick(VillagePrefixes, random) + Pick(VillageSurnames, random) + Pick(VillageSuffixes, random) + "村";
            if (taken.Add(name))
            {
                return name;
            }
        }
    }

    /// <summary>A micro-grid's name: building n of a compound, or villager group n of a village.</summary>
    public static string MicroGrid(bool street, int number) =>
        street ? $"{Number(number)}号楼" : $"第{Chinese(number)}村民小组";

    /// <summary>Where the grid's service station (网格服务站) sits.</summary>
    public static string ServiceStation(string townName, string gridName, bool street, Random random) =>
        street
            ? $"{DemoCounty.CityName}{townName}{Pick(Roads, random)}{Number(random.Next(1, 400))}号{gridName}网格服务站"
            : $"{DemoCounty.CityName}{townName}{gridName}党群服务中心";

    /// <summary>1..99 in Chinese numerals, as villager groups are numbered (第十二村民小组).</summary>
    public static string Chinese(int number) => number switch
    {
        < 10 => ChineseDigits[number],
        10 => "十",
        < 20 => "十" + ChineseDigits[number % 10],
        _ => ChineseDigits[number / 10] + "十" + (number % 10 == 0 ? "" : ChineseDigits[number % 10]),
    };

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static T Pick<T>(IReadOnlyList<T> items, Random random) => items[random.Next(items.Count)];

    private static T[] Shuffled<T>(IReadOnlyList<T> items, Random random)
    {
        var copy = items.ToArray();
        random.Shuffle(copy);
        return copy;
    }
}
