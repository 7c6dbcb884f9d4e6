using System.Text.Json;
using System.Text.Json.Serialization;
using Dispatch.Silo.Storage.Sql;

namespace Dispatch.Silo.Storage.Membership;

/// <summary>
/// A silo's suspicions as stored in <c>dispatch_membership.suspect_times</c>:
/// <c>[{"silo":"10.0.0.5:11111@123","at_ms":1795000000000}]</c>, or NULL when nobody suspects it.
/// </summary>
internal static class SuspectTimesFormat
{
    public static string? Write(IReadOnlyCollection<Tuple<SiloAddress, DateTime>>? suspectTimes)
    {
        if (suspectTimes is null || suspectTimes.Count == 0)
        {
            return null;
        }

        var records = suspectTimes
            .Select(s => new Suspicion(s.Item1.ToParsableString(), UnixTime.ToMilliseconds(s.Item2)))
            .ToArray();
        return JsonSerializer.Serialize(records);
    }

    public static List<Tuple<SiloAddress, DateTime>> Read(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var records = JsonSerializer.Deserialize<Suspicion[]>(text) ?? [];
        return records
            .Select(r => Tuple.Create(SiloAddress.FromParsableString(r.Silo), UnixTime.FromMilliseconds(r.AtMilliseconds)))
            .ToList();
    }

    private sealed record Suspicion(
        [property: JsonPropertyName("silo")] string Silo,
        [property: JsonPropertyName("at_ms")] long AtMilliseconds);
}
