using System.Net;
using System.Net.Sockets;

namespace Dispatch.Media.Bridging.Hosting;

/// <summary>
/// Hands out RTP/RTCP socket pairs from a port range: an even RTP port and RTP + 1 for RTCP (RFC 3550 §11).
/// Ports held by another process are skipped; a pair goes back to the pool when its leg closes. Thread-safe.
/// </summary>
public sealed class RtpPortPool(PlainRtpHostOptions options)
{
    private readonly object _gate = new();
    private readonly HashSet<int> _inUse = [];
    private int _cursor = (options.MinPort + 1) & ~1;

    /// <summary>Binds the next free pair; throws <see cref="InvalidOperationException"/> when the range is exhausted.</summary>
    public (Socket Rtp, Socket Rtcp) Rent()
    {
        lock (_gate)
        {
            var first = (options.MinPort + 1) & ~1;
            var pairs = Math.Max(0, (options.MaxPort - first + 1) / 2);
            for (var attempt = 0; attempt < pairs; attempt++)
            {
                var port = _cursor;
                _cursor += 2;
                if (_cursor + 1 > options.MaxPort) _cursor = first;
                if (_inUse.Contains(port)) continue;
                var rtp = TryBind(port);
                if (rtp is null) continue;
                var rtcp = TryBind(port + 1);
                if (rtcp is null)
                {
                    rtp.Dispose();
                    continue;
                }
                _inUse.Add(port);
                return (rtp, rtcp);
            }
        }
        throw new InvalidOperationException($"No free RTP port pair between {options.MinPort} and {options.MaxPort}.");
    }

    public void Return(int rtpPort)
    {
        lock (_gate) _inUse.Remove(rtpPort);
    }

    private Socket? TryBind(int port)
    {
        var socket = new Socket(options.BindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(options.BindAddress, port));
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }
}
