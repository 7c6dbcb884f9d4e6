using System.Diagnostics.CodeAnalysis;

namespace Dispatch.Media.Sip.Messages;

/// <summary>The outcome of <see cref="SipMessageParser.Parse"/>: a message or an error, never both.</summary>
public readonly struct SipParseResult
{
    private SipParseResult(SipMessage? message, SipParseError? error)
    {
        Message = message;
        Error = error;
    }

    public SipMessage? Message { get; }

    public SipParseError? Error { get; }

    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Message is not null;

    public static SipParseResult Success(SipMessage message) => new(message, null);

    public static SipParseResult Failure(SipParseError error) => new(null, error);

    public override string ToString() => IsSuccess ? Message.ToString()! : Error.ToString();
}
