using Dispatch.Media.Sdp;

namespace Dispatch.Media.Tests.Sdp;

/// <summary>Field-by-field equality of two parsed models, independent of the serializer.</summary>
internal static class SdpModelAssert
{
    public static void Equal(SessionDescription expected, SessionDescription actual)
    {
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Origin, actual.Origin);
        Assert.Equal(expected.SessionName, actual.SessionName);
        Assert.Equal(expected.Information, actual.Information);
        Assert.Equal(expected.Uri, actual.Uri);
        Assert.Equal(expected.Emails, actual.Emails);
        Assert.Equal(expected.Phones, actual.Phones);
        Assert.Equal(expected.Connection, actual.Connection);
        Assert.Equal(expected.Bandwidths, actual.Bandwidths);
        Assert.Equal(expected.Timings, actual.Timings);
        Assert.Equal(expected.TimeZones, actual.TimeZones);
        Assert.Equal(expected.EncryptionKey, actual.EncryptionKey);
        Assert.Equal(expected.Attributes, actual.Attributes);
        Assert.Equal(expected.Media.Count, actual.Media.Count);
        for (var i = 0; i < expected.Media.Count; i++)
        {
            var (e, a) = (expected.Media[i], actual.Media[i]);
            Assert.Equal(e.Media, a.Media);
            Assert.Equal(e.Port, a.Port);
            Assert.Equal(e.PortCount, a.PortCount);
            Assert.Equal(e.Protocol, a.Protocol);
            Assert.Equal(e.Formats, a.Formats);
            Assert.Equal(e.Information, a.Information);
            Assert.Equal(e.Connections, a.Connections);
            Assert.Equal(e.Bandwidths, a.Bandwidths);
            Assert.Equal(e.EncryptionKey, a.EncryptionKey);
            Assert.Equal(e.Attributes, a.Attributes);
        }
    }

    public static SessionDescription Parsed(string text)
    {
        var result = SdpParser.Parse(text);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Description;
    }
}
