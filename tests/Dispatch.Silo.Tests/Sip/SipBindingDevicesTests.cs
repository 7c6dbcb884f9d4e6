using Dispatch.Contracts.Sip;
using Dispatch.Silo.Sip;

namespace Dispatch.Silo.Tests.Sip;

/// <summary>The refresh check of the bindings grain: are exactly the devices of the bindings announced to presence?</summary>
public sealed class SipBindingDevicesTests
{
    private static SipBinding Binding(string device, string contact) =>
        new(contact, device, "call", 1, DateTimeOffset.UnixEpoch, "UDP 192.0.2.10:5062");

    private static HashSet<string> Devices(params string[] ids) => new(ids, StringComparer.Ordinal);

    [Fact]
    public void Two_contacts_of_one_announced_device_are_exactly_that_device()
    {
        var bindings = new[] { Binding("desk-1", "<sip:a@192.0.2.10>"), Binding("desk-1", "<sip:b@192.0.2.10>") };

        Assert.True(SipBindingDevices.AreExactly(bindings, Devices("desk-1")));
    }

    [Fact]
    public void A_device_not_yet_announced_or_one_announced_without_a_binding_is_a_change()
    {
        var bindings = new[] { Binding("desk-1", "<sip:a@192.0.2.10>"), Binding("desk-2", "<sip:b@192.0.2.10>") };

        Assert.False(SipBindingDevices.AreExactly(bindings, Devices("desk-1")));
        Assert.False(SipBindingDevices.AreExactly(bindings, Devices("desk-1", "desk-2", "desk-3")));
        Assert.False(SipBindingDevices.AreExactly([], Devices("desk-1")));
        Assert.True(SipBindingDevices.AreExactly([], Devices()));
    }
}
