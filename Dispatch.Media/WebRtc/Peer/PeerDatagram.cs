using System.Net;

namespace Dispatch.Media.WebRtc.Peer;

/// <summary>
/// A datagram to send: <c>Buffer[..Length]</c> to <see cref="Destination"/>. When <see cref="Pooled"/> the
/// buffer came from <see cref="System.Buffers.ArrayPool{T}.Shared"/> and the sender returns it after sending.
/// </summary>
public readonly record struct PeerDatagram(byte[] Buffer, int Length, IPEndPoint Destination, bool Pooled)
{
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    /// <summary>Gives a pooled buffer back; call once the bytes are sent (or dropped).</summary>
    public void Release()
    {
        if (Pooled)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
