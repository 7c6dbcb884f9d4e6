using System.Text;

namespace Dispatch.Silo.Grid.Import;

/// <summary>Reads a whole import file as strict UTF-8 (a byte-order mark is allowed and dropped).</summary>
internal static class ImportText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Read(Stream stream, string file, ICollection<ImportProblem> problems)
    {
        try
        {
            using var reader = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            var text = reader.ReadToEnd();
            return text.StartsWith('\uFEFF') ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new ImportProblem(file, null, null, null, $"{file}: the file is not valid UTF-8"));
            return null;
        }
    }
}
