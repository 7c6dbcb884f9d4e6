using System.Text;

namespace Dispatch.Silo.Grid.Import;

/// <summary>One CSV record and the line it starts on (1-based).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>A syntax fault, on the line where its record starts.</summary>
public sealed record CsvFault(int Line, string Message);

/// <summary>
/// Reads comma-separated values per RFC 4180 §2: records end at CRLF (a bare LF is accepted too);
/// a field may be enclosed in double quotes, and then may hold commas, line breaks and doubled
/// quotes (""). A record with a syntax fault is reported and skipped; reading goes on with the next
/// line, so one pass finds every fault. Blank lines are skipped.
/// </summary>
public static class Rfc4180Reader
{
    public static (IReadOnlyList<CsvRecord> Records, IReadOnlyList<CsvFault> Faults) Read(string text)
    {
        var records = new List<CsvRecord>();
        var faults = new List<CsvFault>();
        var cursor = new Cursor(text);
        while (!cursor.AtEnd)
        {
            var start = cursor.Line;
            var fields = ReadRecord(cursor, out var fault);
            if (fault is not null)
            {
                faults.Add(new CsvFault(start, fault));
                cursor.SkipRestOfLine();
            }
            else if (fields is not [""])
            {
                records.Add(new CsvRecord(start, fields));
            }
        }
        return (records, faults);
    }

    private static List<string> ReadRecord(Cursor cursor, out string? fault)
    {
        var fields = new List<string>();
        while (true)
        {
            var field = cursor.Peek == '"' ? ReadQuoted(cursor, fields.Count + 1, out fault) : ReadPlain(cursor, fields.Count + 1, out fault);
            if (fault is not null)
            {
                return fields;
            }
            fields.Add(field);
            if (cursor.Peek == ',')
            {
                cursor.Advance();
                continue;
            }
            cursor.EndLine();
            return fields;
        }
    }

    private static string ReadPlain(Cursor cursor, int fieldNumber, out string? fault)
    {
        fault = null;
        var text = new StringBuilder();
        while (cursor.Peek is not (',' or '\r' or '\n' or null))
        {
            if (cursor.Peek == '"')
            {
                fault = $"field {fieldNumber} has a quote but does not start with one (enclose the whole field in quotes and double the quote)";
                return "";
            }
            text.Append(cursor.Advance());
        }
        return text.ToString();
    }

    private static string ReadQuoted(Cursor cursor, int fieldNumber, out string? fault)
    {
        fault = null;
        var opened = cursor.Line;
        cursor.Advance();
        var text = new StringBuilder();
        while (true)
        {
            switch (cursor.Peek)
            {
                case null:
                    fault = $"field {fieldNumber} opens a quote on line {opened} that is never closed";
                    return "";
                case '"' when cursor.PeekNext == '"':
                    cursor.Advance();
                    text.Append(cursor.Advance());
                    break;
                case '"':
                    cursor.Advance();
                    if (cursor.Peek is not (',' or '\r' or '\n' or null))
                    {
                        fault = $"field {fieldNumber} has '{cursor.Peek}' after its closing quote (a comma or the end of the line must follow)";
                    }
                    return text.ToString();
                case '\n':
                    cursor.NewLineInsideField();
                    text.Append(cursor.Advance());
                    break;
                default:
                    text.Append(cursor.Advance());
                    break;
            }
        }
    }

    private sealed class Cursor(string text)
    {
        private int _position;

        public int Line { get; private set; } = 1;

        public bool AtEnd => _position >= text.Length;

        public char? Peek => _position < text.Length ? text[_position] : null;

        public char? PeekNext => _position + 1 < text.Length ? text[_position + 1] : null;

        public char Advance() => text[_position++];

        public void NewLineInsideField() => Line++;

        /// <summary>Consumes CRLF, LF or a lone CR; at the end of the text there is nothing to consume.</summary>
        public void EndLine()
        {
            if (Peek == '\r')
            {
                _position++;
            }
            if (Peek == '\n')
            {
                _position++;
            }
            Line++;
        }

        public void SkipRestOfLine()
        {
            while (Peek is not ('\n' or null))
            {
                _position++;
            }
            if (Peek == '\n')
            {
                _position++;
            }
            Line++;
        }
    }
}
