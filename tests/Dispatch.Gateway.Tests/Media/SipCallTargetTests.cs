using System.Net;
using Dispatch.Contracts.Sip;
using Dispatch.Gateway.Media;

namespace Dispatch.Gateway.Tests.Media;

/// <summary>Where a fork to a registered contact goes: the Contact, or the REGISTER's source behind NAT.</summary>
public sealed class SipCallTargetTests
{
    private static SipBinding Binding(string contact, string source) =>
        new(contact, "desk-1", "call", 1, DateTimeOffset.UtcNow.AddHours(1), source);

    [Fact]
    public void A_contact_on_the_address_the_register_came_from_is_used_as_written()
    {
        var target = OrleansSipCallTargets.ToTarget(Binding("<sip:1380@127.0.0.1:6000;transport=udp>", "SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bKx"));

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 6000), target!.Destination);
        Assert.Equal("sip:1380@127.0.0.1:6000;transport=udp", target.Contact.ToString());
    }

    [Fact]
    public void A_phone_behind_nat_is_reached_where_its_register_came_from()
    {
        var target = OrleansSipCallTargets.ToTarget(
            Binding("<sip:1380@192.168.1.20:5060>", "SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bKx;received=203.0.113.5;rport=40123"));

        Assert.Equal(new IPEndPoint(IPAddress.Parse("203.0.113.5"), 40123), target!.Destination);
    }

    [Fact]
    public void A_contact_with_a_host_name_goes_to_the_register_source_and_an_unparsable_one_is_skipped()
    {
        var named = OrleansSipCallTargets.ToTarget(Binding("<sip:1380@phone.example.com>", "SIP/2.0/UDP 198.51.100.4:5070;branch=z9hG4bKx"));
        var broken = OrleansSipCallTargets.ToTarget(Binding("not a contact <", "SIP/2.0/UDP 198.51.100.4:5070;branch=z9hG4bKx"));

        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.4"), 5070), named!.Destination);
        Assert.Null(broken);
    }
}
