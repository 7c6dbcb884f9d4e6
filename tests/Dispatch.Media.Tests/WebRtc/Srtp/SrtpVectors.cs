using System.Text.Json;

namespace Dispatch.Media.Tests.WebRtc.Srtp;

/// <summary>Reads ../shared/conformance/srtp/srtp_vectors.json by id.</summary>
internal static class SrtpVectors
{
    private static readonly Lazy<JsonElement> All = new(() =>
        JsonDocument.Parse(File.ReadAllText(ConformanceData.PathOf("srtp", "srtp_vectors.json"))).RootElement);

    public static JsonElement Get(string id)
    {
        foreach (var v in All.Value.EnumerateArray())
        {
            if (v.GetProperty("id").GetString() == id)
            {
                return v;
            }
        }
        throw new KeyNotFoundException(id);
    }

    public static byte[] Hex(this JsonElement e, string name) => Convert.FromHexString(e.GetProperty(name).GetString()!);
}
