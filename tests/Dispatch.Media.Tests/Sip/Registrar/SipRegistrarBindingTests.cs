using System.Text;
using Dispatch.Contracts.Sip;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Registrar;
using Dispatch.Media.Sip.Server;
using System.Net;

namespace Dispatch.Media.Tests.Sip.Registrar;

/// <summary>RFC 3261 §10.3 steps 6–8: several contacts per worker, ordering, concurrent writers.</summary>
public sealed class SipRegistrarBindingTests : RegistrarHarness
{
    [Fact]
    public async Task Two_devices_of_one_worker_each_add_a_contact_and_every_200_lists_both()
    {
        await Register(Desk1(), "Contact: <sip:desk@192.0.2.10:5062>\r\n");

        var ok = await Register(new RegisterPhone("13800000001-soft", Password, "soft-call"), "Contact: <sip:soft@192.0.2.11:5070>;expires=300\r\n");

        Assert.Equal(new Dictionary<string, int> { ["sip:desk@192.0.2.10:5062"] = 3600, ["sip:soft@192.0.2.11:5070"] = 300 }, Granted(ok));
        Assert.Equal(["desk-1", "soft-1"], Store.BindingsOf("W1").Select(b => b.DeviceId).Order());
        Assert.Empty(Store.BindingsOf("W2"));
    }

    [Fact]
    public async Task A_refresh_of_the_same_contact_replaces_its_binding_rather_than_adding_one()
    {
        var phone = Desk1();
        await Register(phone, "Contact: <sip:desk@192.0.2.10:5062>\r\n");
        Clock.Advance(TimeSpan.FromSeconds(100));

        var ok = await Register(phone, "Contact: <sip:desk@192.0.2.10:5062>;+sip.instance=\"<urn:uuid:1>\"\r\nExpires: 600\r\n");

        var binding = Assert.Single(Store.BindingsOf("W1"));
        Assert.Equal(Clock.GetUtcNow().AddSeconds(600), binding.Expires);
        Assert.Contains("+sip.instance", binding.Contact);
        Assert.Equal(600, Granted(ok)["sip:desk@192.0.2.10:5062"]);
    }

    [Fact]
    public async Task A_register_with_the_same_call_id_and_an_old_cseq_is_refused_and_changes_nothing()
    {
        var phone = Desk1();
        await Register(phone, "Contact: <sip:desk@192.0.2.10>\r\n");
        var challenge = await Registrar.Register(phone.Request(""));

        var stale = await Registrar.Register(phone.Request("Contact: <sip:desk@192.0.2.10>\r\nExpires: 0\r\n", phone.Answer(challenge), cseq: 1));

        Assert.Equal(500, stale.StatusCode);
        Assert.Single(Store.BindingsOf("W1"));
    }

    [Fact]
    public async Task A_worker_holds_at_most_the_configured_number_of_contacts()
    {
        var contacts = string.Join(", ", Enumerable.Range(1, 11).Select(i => $"<sip:c{i}@192.0.2.10>"));

        var reply = await Register(Desk1(), $"Contact: {contacts}\r\n");

        Assert.Equal(403, reply.StatusCode);
        Assert.Empty(Store.BindingsOf("W1"));
    }

    [Fact]
    public async Task A_write_that_loses_a_race_is_applied_again_on_top_of_the_winner()
    {
        var other = new SipBinding("<sip:other@192.0.2.99>", "soft-1", "other-call", 1, Clock.GetUtcNow().AddHours(1), "elsewhere");
        Store.Interlopers.Enqueue(("W1", other));

        var ok = await Register(Desk1(), "Contact: <sip:desk@192.0.2.10>\r\n");

        Assert.Equal(["sip:desk@192.0.2.10", "sip:other@192.0.2.99"], Granted(ok).Keys.Order());
    }

    [Fact]
    public async Task Through_the_server_core_an_answer_that_waits_on_the_store_goes_out_once_completed()
    {
        var store = new InMemoryRegistrarStore { Asynchronous = true };
        store.AddDevice("W1", "desk-1", "13800000001", Password);
        var registrar = new SipRegistrar(store, Clock);
        var core = new SipServerCore(Clock, new SipServerOptions { Handler = registrar.Handle });
        var phone = Desk1();
        var source = new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5062);

        var challenge = await Exchange(core, phone.Request("Contact: <sip:desk@192.0.2.10:5062>\r\n"), source);
        var ok = await Exchange(core, phone.Request("Contact: <sip:desk@192.0.2.10:5062>\r\n", phone.Answer(challenge)), source);

        Assert.Equal((401, 200), (challenge.StatusCode, ok.StatusCode));
        Assert.Equal(1, store.Writes);
        Assert.Single(store.BindingsOf("W1"));
    }

    private static async Task<SipResponse> Exchange(SipServerCore core, SipRequest request, IPEndPoint source)
    {
        core.OnDatagram(request.ToBytes(), source);
        var output = Assert.Single(Drain(core));
        if (output is SipPendingAnswer pending)
        {
            await pending.Completion;
            core.CompletePending(pending);
            output = Assert.Single(Drain(core));
        }
        var datagram = Assert.IsType<SipDatagram>(output);
        return (SipResponse)SipMessageParser.Parse(datagram.Data).Message!;
    }

    private static List<SipServerOutput> Drain(SipServerCore core)
    {
        var outputs = new List<SipServerOutput>();
        while (core.TryPollOutput(out var output))
        {
            outputs.Add(output);
        }
        return outputs;
    }

    [Fact]
    public async Task A_refresh_through_the_same_registrar_costs_a_write_but_no_second_read()
    {
        var phone = Desk1();
        await Register(phone, "Contact: <sip:a@192.0.2.10>\r\n");

        var refreshed = await Register(phone, "Contact: <sip:a@192.0.2.10>\r\n");

        Assert.Equal(200, refreshed.StatusCode);
        Assert.Equal((1, 2), (Store.Reads, Store.Writes));
    }

    [Fact]
    public async Task A_remembered_set_made_stale_by_another_node_is_corrected_by_the_compare_and_set_write()
    {
        var phone = Desk1();
        await Register(phone, "Contact: <sip:a@192.0.2.10>\r\n");
        var stored = Store.BindingsOf("W1");
        // Another node's registrar adds a contact; this registrar still remembers version 1.
        var otherNode = new SipBinding("<sip:b@192.0.2.11>", "soft-1", "other-call", 1, Clock.GetUtcNow().AddHours(1), "SIP/2.0/UDP 192.0.2.11");
        Assert.True((await Store.WriteBindings("W1", new SipBindingSet(1, stored), [.. stored, otherNode])).Applied);

        var refreshed = await Register(phone, "Contact: <sip:a@192.0.2.10>\r\n");

        Assert.Equal(["sip:a@192.0.2.10", "sip:b@192.0.2.11"], Granted(refreshed).Keys.Order());
        Assert.Equal(2, Store.BindingsOf("W1").Count);
    }
}
