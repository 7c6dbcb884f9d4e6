namespace Dispatch.Media.Sdp;

/// <summary>Why an SDP body was refused: the 1-based line number (0 for the body as a whole), the line, and the reason.</summary>
public sealed record SdpParseError(int LineNumber, string? Line, string Reason)
{
    public override string ToString() =>
        LineNumber == 0 ? Reason : $"line {LineNumber} ({Truncate(Line)}): {Reason}";

    private static string Truncate(string? line) =>
        line is null ? "" : line.Length <= 60 ? line : line[..60] + "...";
}
