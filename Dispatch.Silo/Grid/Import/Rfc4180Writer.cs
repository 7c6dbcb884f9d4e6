using System.Text;

namespace Dispatch.Silo.Grid.Import;

/// <summary>
/// Writes CSV per RFC 4180 §2: CRLF after every record; a field holding a comma, a quote or a
/// line break is enclosed in quotes with its quotes doubled.
/// </summary>
internal sealed class Rfc4180Writer(TextWriter writer)
{
    public void WriteRecord(params ReadOnlySpan<string?> fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }
            writer.Write(Escape(fields[i] ?? ""));
        }
        writer.Write("\r\n");
    }

    private static string Escape(string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return field;
        }
        return new StringBuilder(field.Length + 2).Append('"').Append(field.Replace("\"", "\"\"")).Append('"').ToString();
    }
}
