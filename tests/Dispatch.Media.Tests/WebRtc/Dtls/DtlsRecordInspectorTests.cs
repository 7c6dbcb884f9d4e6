using Dispatch.Media.WebRtc.Dtls.Internal;

namespace Dispatch.Media.Tests.WebRtc.Dtls;

public sealed class DtlsRecordInspectorTests
{
    private static byte[] Record(byte type, int epoch, int length) =>
        [type, 0xFE, 0xFD, (byte)(epoch >> 8), (byte)epoch, 0, 0, 0, 0, 0, 1, (byte)(length >> 8), (byte)length, .. new byte[length]];

    [Fact]
    public void Two_whole_records_in_one_datagram_are_well_formed()
    {
        Assert.True(DtlsRecordInspector.HasOnlyWellFormedRecords([.. Record(22, 0, 30), .. Record(23, 1, 40)]));
    }

    [Fact]
    public void A_protected_record_too_short_for_a_gcm_nonce_and_tag_is_refused()
    {
        Assert.False(DtlsRecordInspector.HasOnlyWellFormedRecords(Record(21, 1, 2)));
        Assert.True(DtlsRecordInspector.HasOnlyWellFormedRecords(Record(21, 1, 26)));
    }

    [Fact]
    public void A_record_whose_length_overruns_the_datagram_is_refused()
    {
        Assert.False(DtlsRecordInspector.HasOnlyWellFormedRecords(Record(22, 0, 30)[..40]));
    }

    [Fact]
    public void Unknown_content_types_and_tls_versions_are_refused()
    {
        Assert.False(DtlsRecordInspector.HasOnlyWellFormedRecords(Record(25, 1, 30)));
        var tls = Record(22, 0, 30);
        tls[1] = 0x03;
        Assert.False(DtlsRecordInspector.HasOnlyWellFormedRecords(tls));
    }
}
