namespace Dispatch.Media.WebRtc.Dtls.Internal;

internal static class SrtpProfileNegotiation
{
    /// <summary>
    /// RFC 5764 §4.1.1: the server answers with one profile from the client's list. We walk the client's
    /// list in its order and take the first one we support, or null when there is none in common.
    /// </summary>
    public static DtlsSrtpProfile? Select(IReadOnlyList<int> offeredByClient, IReadOnlyList<DtlsSrtpProfile> supported)
    {
        foreach (var offered in offeredByClient)
        {
            foreach (var candidate in supported)
            {
                if ((int)candidate == offered)
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
