namespace Dispatch.Media.Tests.Sip.Registrar;

/// <summary>RFC 3261 §10.2.1.1 and §10.3 step 7: how long a binding lives.</summary>
public sealed class SipRegistrarExpiresTests : RegistrarHarness
{
    private const string Contact = "Contact: <sip:13800000001@192.0.2.10:5062>";

    [Fact]
    public async Task An_expires_below_the_minimum_gets_423_with_min_expires_and_no_binding()
    {
        var reply = await Register(Desk1(), $"{Contact}\r\nExpires: 30\r\n");

        Assert.Equal((423, "60"), (reply.StatusCode, reply.Headers["Min-Expires"]));
        Assert.Empty(Store.BindingsOf("W1"));
    }

    [Fact]
    public async Task Contacts_are_judged_in_order_a_brief_one_before_a_non_sip_one_gets_423()
    {
        var brief = await Register(Desk1(), "Contact: <sip:a@192.0.2.10>;expires=30, <tel:+15551234>\r\n");
        var foreign = await Register(Desk1(), "Contact: <tel:+15551234>, <sip:a@192.0.2.10>;expires=30\r\n");

        Assert.Equal(423, brief.StatusCode);
        Assert.Equal((400, "Bad Request - Invalid Contact"), (foreign.StatusCode, foreign.ReasonPhrase));
    }

    [Fact]
    public async Task A_wildcard_beside_another_contact_field_is_refused()
    {
        var reply = await Register(Desk1(), "Contact: *\r\nContact: <sip:a@192.0.2.10>\r\nExpires: 0\r\n");

        Assert.Equal(400, reply.StatusCode);
        Assert.Empty(Store.BindingsOf("W1"));
    }

    [Fact]
    public async Task The_contact_expires_parameter_wins_over_the_expires_header()
    {
        var ok = await Register(Desk1(), $"{Contact};expires=120\r\nExpires: 30\r\n");

        Assert.Equal(120, Granted(ok)["sip:13800000001@192.0.2.10:5062"]);
    }

    [Fact]
    public async Task A_very_long_expires_is_capped_at_the_maximum()
    {
        var ok = await Register(Desk1(), $"{Contact}\r\nExpires: 100000\r\n");

        Assert.Equal(7200, Granted(ok)["sip:13800000001@192.0.2.10:5062"]);
    }

    [Fact]
    public async Task A_binding_is_gone_once_its_time_has_passed_and_the_200_counts_down()
    {
        var phone = Desk1();
        await Register(phone, $"{Contact}\r\nExpires: 600\r\n");
        Clock.Advance(TimeSpan.FromSeconds(200));

        var query = await Register(phone, "");
        Clock.Advance(TimeSpan.FromSeconds(401));
        var later = await Register(phone, "");

        Assert.Equal(400, Granted(query)["sip:13800000001@192.0.2.10:5062"]);
        Assert.Empty(later.Contacts);
    }

    [Fact]
    public async Task Expires_zero_removes_one_contact_and_keeps_the_others()
    {
        var phone = Desk1();
        await Register(phone, "Contact: <sip:a@192.0.2.10>, <sip:b@192.0.2.10>\r\n");

        var ok = await Register(phone, "Contact: <sip:a@192.0.2.10>\r\nExpires: 0\r\n");

        Assert.Equal(["sip:b@192.0.2.10"], Granted(ok).Keys);
    }

    [Fact]
    public async Task A_wildcard_with_expires_zero_removes_every_binding_of_the_worker()
    {
        var desk = Desk1();
        await Register(desk, "Contact: <sip:a@192.0.2.10>\r\n");
        await Register(new RegisterPhone("13800000001-soft", Password, "soft-call"), "Contact: <sip:s@192.0.2.11>\r\n");

        var ok = await Register(desk, "Contact: *\r\nExpires: 0\r\n");

        Assert.Equal(200, ok.StatusCode);
        Assert.Empty(ok.Contacts);
        Assert.Empty(Store.BindingsOf("W1"));
    }

    [Theory]
    [InlineData("Contact: *\r\n")]
    [InlineData("Contact: *\r\nExpires: 60\r\n")]
    public async Task A_wildcard_without_expires_zero_or_not_alone_is_a_bad_request(string extra)
    {
        var reply = await Register(Desk1(), extra);

        Assert.Equal((400, "Bad Request - Contact * needs Expires: 0 and no other Contact"), (reply.StatusCode, reply.ReasonPhrase));
    }
}
