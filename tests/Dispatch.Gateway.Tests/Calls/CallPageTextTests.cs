using System.Text.Json;
using System.Text.RegularExpressions;
using Dispatch.Contracts.Calls;

namespace Dispatch.Gateway.Tests.Calls;

/// <summary>
/// The call pages say why a call ended in their own language from <c>endCause</c> (docs/protocol.md): every cause the
/// server can send must have its words in Chinese and in English, or a page falls back to the server's English reason.
/// </summary>
public sealed partial class CallPageTextTests
{
    [Fact]
    public void Every_end_cause_has_chinese_and_english_words_on_the_call_pages()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "web", "call-text.js"));
        var blocks = CausesBlock().Matches(text).Select(m => m.Groups["body"].Value).ToArray();
        Assert.Equal(2, blocks.Length); // zh-CN first, then en

        foreach (var cause in Enum.GetValues<CallEndCause>())
        {
            var code = JsonNamingPolicy.SnakeCaseLower.ConvertName(cause.ToString());
            Assert.True(blocks.All(b => Regex.IsMatch(b, $@"(^|[\s,]){code}: ")), $"'{code}' lacks its words in call-text.js (zh-CN and en)");
        }
    }

    [GeneratedRegex(@"causes: \{(?<body>.*?)\n    \},", RegexOptions.Singleline)]
    private static partial Regex CausesBlock();
}
