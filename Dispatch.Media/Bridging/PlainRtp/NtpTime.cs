namespace Dispatch.Media.Bridging.PlainRtp;

/// <summary>RFC 3550 §4: NTP timestamps are seconds since 1900-01-01 in 32.32 fixed point.</summary>
internal static class NtpTime
{
    private static readonly DateTimeOffset Epoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ulong From(DateTimeOffset time)
    {
        var ticks = (time - Epoch).Ticks;
        var seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        var fraction = (ulong)(ticks % TimeSpan.TicksPerSecond) * (1UL << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }

    /// <summary>The middle 32 bits, as LSR (§6.4.1) and round-trip arithmetic use them.</summary>
    public static uint Middle(ulong ntp) => (uint)(ntp >> 16);
}
