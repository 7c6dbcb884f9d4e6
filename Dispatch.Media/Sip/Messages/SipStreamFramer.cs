using System.Text;
using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Messages;

/// <summary>The outcome of looking for one message at the start of a stream buffer.</summary>
public enum SipFrameStatus
{
    /// <summary>Not enough bytes yet.</summary>
    NeedMoreData,

    /// <summary>A whole message of <c>length</c> bytes, after <c>skipped</c> keep-alive CRLFs.</summary>
    Complete,

    /// <summary>The stream cannot be framed (no or bad Content-Length, or too large): close the connection.</summary>
    Invalid,
}

/// <summary>
/// Frames messages on a stream transport (TCP, TLS): RFC 3261 §18.3 makes Content-Length mandatory there and
/// it alone says where the body ends. CRLF keep-alives between messages (RFC 5626 §3.5.1) are skipped.
/// </summary>
public static class SipStreamFramer
{
    public static SipFrameStatus TryFrame(ReadOnlySpan<byte> buffer, out int skipped, out int length, int maxMessageBytes = 64 * 1024)
    {
        skipped = 0;
        length = 0;
        while (skipped + 1 < buffer.Length && buffer[skipped] == '\r' && buffer[skipped + 1] == '\n')
        {
            skipped += 2;
        }
        var data = buffer[skipped..];
        var headerEnd = data.IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0)
        {
            return data.Length > maxMessageBytes ? SipFrameStatus.Invalid : SipFrameStatus.NeedMoreData;
        }
        int? contentLength = null;
        foreach (var line in Encoding.UTF8.GetString(data[..headerEnd]).Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && SipHeaderNames.Normalize(line[..colon].Trim()) == SipHeaderNames.ContentLength)
            {
                if (contentLength is not null || !SipSyntax.TryParseDigits(line[(colon + 1)..].Trim(), maxMessageBytes, out var n))
                {
                    return SipFrameStatus.Invalid;
                }
                contentLength = (int)n;
            }
        }
        if (contentLength is null || headerEnd + 4 + contentLength.Value > maxMessageBytes)
        {
            return SipFrameStatus.Invalid;
        }
        length = headerEnd + 4 + contentLength.Value;
        return data.Length >= length ? SipFrameStatus.Complete : SipFrameStatus.NeedMoreData;
    }
}
