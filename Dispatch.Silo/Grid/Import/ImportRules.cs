using System.Text.RegularExpressions;

namespace Dispatch.Silo.Grid.Import;

/// <summary>The shapes of identifiers an import accepts; they become grain keys and URL segments.</summary>
internal static partial class ImportRules
{
    public const string IdentifierRule = "letters, digits, '-', '_' and '.', at most 64, starting with a letter or digit";

    public const string QrTokenRule = "letters, digits, '-' and '_', at most 64";

    public const string PhoneRule = "an 11-digit mobile number: 1, then 3-9, then 9 digits";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    public static partial Regex Identifier();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    public static partial Regex QrToken();

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    public static partial Regex Phone();
}
