using System.Net;
using System.Net.Sockets;

namespace Dispatch.Gateway.Tests.Support;

internal static class FreePort
{
    /// <summary>A TCP port that nothing listens on right now (tests never take the defaults).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A UDP port on 127.0.0.1 that is free right now (for a SIP peer such as sipp).</summary>
    public static int NextUdp()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }
}
