using Dispatch.Silo.Grid.Import;

namespace Dispatch.Silo.Tests.Grid.Import;

public class Rfc4180ReaderTests
{
    [Fact]
    public void Quoted_fields_hold_commas_doubled_quotes_and_line_breaks()
    {
        var (records, faults) = Rfc4180Reader.Read("a,\"b,1\",\"say \"\"hi\"\"\"\r\n\"x\r\ny\",z\r\nlast,row");

        Assert.Empty(faults);
        Assert.Equal(["a", "b,1", "say \"hi\""], records[0].Fields);
        Assert.Equal(["x\r\ny", "z"], records[1].Fields);
        Assert.Equal(["last", "row"], records[2].Fields);
        Assert.Equal([1, 2, 4], records.Select(r => r.Line));
    }

    [Fact]
    public void Empty_fields_are_kept_and_blank_lines_skipped()
    {
        var (records, _) = Rfc4180Reader.Read("a,,\n\n,b\n");

        Assert.Equal(["a", "", ""], records[0].Fields);
        Assert.Equal(["", "b"], records[1].Fields);
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public void A_fault_skips_its_record_and_reading_goes_on()
    {
        var (records, faults) = Rfc4180Reader.Read("ok,1\nbad\"quote,2\n\"closed\"x,3\nok,4\n\"open,5");

        Assert.Equal([1, 4], records.Select(r => r.Line));
        Assert.Equal(
        [
            new CsvFault(2, "field 1 has a quote but does not start with one (enclose the whole field in quotes and double the quote)"),
            new CsvFault(3, "field 1 has 'x' after its closing quote (a comma or the end of the line must follow)"),
            new CsvFault(5, "field 1 opens a quote on line 5 that is never closed"),
        ], faults);
    }
}
