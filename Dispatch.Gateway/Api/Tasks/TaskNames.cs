using System.Text.Json;
using Dispatch.Contracts.Tasks;

namespace Dispatch.Gateway.Api.Tasks;

/// <summary>Stages, actions and sources as the API spells them (snake_case) and their zh-CN labels.</summary>
public static class TaskNames
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static bool TryParse<T>(string? name, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Of(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static IEnumerable<string> All<T>() where T : struct, Enum => Enum.GetValues<T>().Select(v => Of(v));

    public static string Label(TaskStage stage) => stage switch
    {
        TaskStage.Collection => "信息收集",
        TaskStage.Discovery => "源头发现",
        TaskStage.Assignment => "分流交办",
        TaskStage.Handling => "分级办理",
        TaskStage.Feedback => "结果反馈",
        TaskStage.Supervision => "督查考核",
        _ => "已办结",
    };
}
