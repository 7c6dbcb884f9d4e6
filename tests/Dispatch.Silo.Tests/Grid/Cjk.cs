namespace Dispatch.Silo.Tests.Grid;

internal static class Cjk
{
    /// <summary>True when every character is a CJK unified ideograph (U+4E00..U+9FFF) or the numeral 〇.</summary>
    public static bool IsChinese(string text) =>
        text.Length > 0 && text.All(c => c is >= '\u4E00' and <= '\u9FFF' or '〇');
}
