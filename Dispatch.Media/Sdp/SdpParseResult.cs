using System.Diagnostics.CodeAnalysis;

namespace Dispatch.Media.Sdp;

/// <summary>Either a parsed <see cref="SessionDescription"/> or the <see cref="SdpParseError"/> that stopped the parse.</summary>
public readonly record struct SdpParseResult
{
    private SdpParseResult(SessionDescription? description, SdpParseError? error)
    {
        Description = description;
        Error = error;
    }

    public SessionDescription? Description { get; }

    public SdpParseError? Error { get; }

    [MemberNotNullWhen(true, nameof(Description))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Description is not null;

    public static SdpParseResult Success(SessionDescription description) => new(description, null);

    public static SdpParseResult Failure(int lineNumber, string? line, string reason) =>
        new(null, new SdpParseError(lineNumber, line, reason));
}
