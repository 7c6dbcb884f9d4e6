using System.Net;
using Dispatch.Media.WebRtc.Ice;

namespace Dispatch.Media.Tests.WebRtc.Ice;

public class EndpointRoutingTests
{
    [Theory]
    [InlineData(0, PacketKind.Stun)]
    [InlineData(3, PacketKind.Stun)]
    [InlineData(4, PacketKind.Unknown)]
    [InlineData(17, PacketKind.Unknown)]
    [InlineData(20, PacketKind.Dtls)]
    [InlineData(22, PacketKind.Dtls)]
    [InlineData(63, PacketKind.Dtls)]
    [InlineData(64, PacketKind.Unknown)]
    [InlineData(127, PacketKind.Unknown)]
    [InlineData(128, PacketKind.Rtp)]
    [InlineData(191, PacketKind.Rtp)]
    [InlineData(192, PacketKind.Unknown)]
    public void First_byte_ranges_follow_rfc_7983(byte first, PacketKind expected) =>
        Assert.Equal(expected, PacketDemultiplexer.Classify([first, 96, 0, 0]));

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(205)]
    [InlineData(206)]
    public void Rtcp_is_told_from_rtp_by_its_packet_type(byte packetType) =>
        Assert.Equal(PacketKind.Rtcp, PacketDemultiplexer.Classify([0x81, packetType, 0, 1]));

    [Fact]
    public void Stun_routes_by_local_ufrag_and_media_by_validated_remote_address()
    {
        var registry = new WebRtcEndpointRegistry<string>();
        registry.Register("ufragA", "A");
        registry.Register("ufragB", "B");
        var browser = new IPEndPoint(IPAddress.Parse("10.77.0.2"), 40000);

        Assert.Equal("B", registry.Route(BindingRequests.Check("ufragB:peer", "pw"), browser, out var kind));
        Assert.Equal(PacketKind.Stun, kind);
        Assert.Null(registry.Route(BindingRequests.Check("nobody:peer", "pw"), browser, out _));

        byte[] dtls = [22, 0xFE, 0xFD, 0, 0];
        Assert.Null(registry.Route(dtls, browser, out _));
        registry.BindRemote(browser, "B");
        Assert.Equal("B", registry.Route(dtls, browser, out kind));
        Assert.Equal(PacketKind.Dtls, kind);
        Assert.Equal("B", registry.Route([0x80, 111, 0, 1], browser, out kind));
        Assert.Equal(PacketKind.Rtp, kind);

        registry.ChangeUfrag("ufragB", "ufragB2", "B");
        Assert.Null(registry.Route(BindingRequests.Check("ufragB:peer", "pw"), new IPEndPoint(IPAddress.Loopback, 1), out _));
        Assert.Equal("B", registry.Route(BindingRequests.Check("ufragB2:peer", "pw"), new IPEndPoint(IPAddress.Loopback, 1), out _));

        registry.Unregister("B");
        Assert.Null(registry.Route(dtls, browser, out _));
        Assert.Equal(1, registry.Count);
    }
}
