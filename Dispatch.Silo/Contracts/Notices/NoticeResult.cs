namespace Dispatch.Contracts.Notices;

/// <summary>The notice as sent, or why nothing was sent.</summary>
[GenerateSerializer, Immutable]
public sealed record NoticeResult(
    [property: Id(0)] NoticeView? Notice,
    [property: Id(1)] string? Refusal);
