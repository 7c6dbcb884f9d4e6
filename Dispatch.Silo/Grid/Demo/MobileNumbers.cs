using System.Globalization;

namespace Dispatch.Silo.Grid.Demo;

/// <summary>Unique 11-digit mainland mobile numbers on common 13x/15x/18x prefixes.</summary>
internal sealed class MobileNumbers
{
    private static readonly int[] Prefixes =
        [130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158, 159, 180, 181, 182, 183, 185, 186, 187, 188, 189];

    private readonly HashSet<string> _issued = new(StringComparer.Ordinal);
    private readonly Random _random;

    public MobileNumbers(Random random) => _random = random;

    public string Next()
    {
        while (true)
        {
            var prefix = Prefixes[_random.Next(Prefixes.Length)];
            var subscriber = _random.Next(100_000_000);
            var number = prefix.ToString(CultureInfo.InvariantCulture) + subscriber.ToString("D8", CultureInfo.InvariantCulture);
            if (_issued.Add(number))
            {
                return number;
            }
        }
    }
}
