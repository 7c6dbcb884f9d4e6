using System.Globalization;
using System.Security.Claims;
using Dispatch.Contracts.Notices;
using Dispatch.Contracts.Tasks;
using Dispatch.Gateway.Api.Notices;
using Dispatch.Gateway.Api.Tasks;
using Dispatch.Gateway.Auth;
using Dispatch.Gateway.Problems;
using Dispatch.Silo.Tasks;

namespace Dispatch.Gateway.Api.Statistics;

/// <summary>
/// <c>GET /api/stats/units/{code}?from=&amp;to=</c>: the closed loop's figures for a unit and a period
/// (default: the 30 days up to now), and the awareness of the notices sent in it.
/// </summary>
public static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/stats/units/{code}", Get).WithTags("statistics").RequireAuthorization();
        return app;
    }

    private static async Task<IResult> Get(string code, string? from, string? to, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        if (!TryTime(from, now.AddDays(-30), out var start) || !TryTime(to, now.AddSeconds(1), out var end))
        {
            return ProblemResults.Invalid("'from' and 'to' are ISO 8601 times, for example 2026-11-01T00:00:00Z.");
        }
        if (end <= start)
        {
            return ProblemResults.Invalid($"'to' ({end:O}) must be after 'from' ({start:O}).");
        }
        if (await grains.GetGrain<Contracts.Org.IOrgUnitGrain>(code).Get() is null)
        {
            return ProblemResults.NotFound("Unit", code);
        }
        if (!await scope.CoversUnitCode(user, code))
        {
            return ProblemResults.Forbidden($"Unit '{code}' is outside the units your login may see.");
        }
        var tasks = TaskStatistics.Compute(await grains.GetGrain<ITaskRegistryGrain>(0).Under(code), code, start, end);
        var notices = await NoticeFigures(grains, code, start, end);
        return Results.Ok(new StatisticsResponse(code, start, end,
            new TaskFigures(tasks.Tasks, tasks.ByStage.ToDictionary(p => TaskNames.Of(p.Key), p => p.Value), tasks.Resolved,
                Round(tasks.OnTimeRate), tasks.ResolvedShareByLevel.ToDictionary(p => LevelNames.Of(p.Key), p => Math.Round(p.Value, 4)),
                tasks.Rated, Round(tasks.AverageSatisfaction), Round(tasks.SatisfiedShare)),
            notices));
    }

    /// <summary>The notices sent in the period that reached anyone in the unit's subtree, counted for that subtree only.</summary>
    private static async Task<NoticeFigures> NoticeFigures(IGrainFactory grains, string code, DateTimeOffset start, DateTimeOffset end)
    {
        var sent = (await grains.GetGrain<INoticeRegistryGrain>(0).All()).Where(n => n.SentAt >= start && n.SentAt < end).ToArray();
        var perNotice = await Task.WhenAll(sent.Select(async n =>
        {
            var units = await grains.GetGrain<INoticeGrain>(n.Id).AwarenessByUnit();
            return (n.Id, n.Title, Unit: units.FirstOrDefault(u => u.UnitCode == code));
        }));
        var reached = perNotice.Where(p => p.Unit is not null).ToArray();
        var recipients = reached.Sum(p => p.Unit!.Count.Recipients);
        var delivered = reached.Sum(p => p.Unit!.Count.Delivered);
        var confirmed = reached.Sum(p => p.Unit!.Count.Confirmed);
        return new NoticeFigures(reached.Length, recipients, delivered, confirmed,
            recipients == 0 ? null : Math.Round((double)confirmed / recipients, 4),
            reached.Select(p => new NoticeRate(p.Id, p.Title, AwarenessResponse.From(p.Unit!.Count))).ToArray());
    }

    private static bool TryTime(string? raw, DateTimeOffset fallback, out DateTimeOffset value)
    {
        if (raw is null)
        {
            value = fallback;
            return true;
        }
        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}

public sealed record StatisticsResponse(string UnitCode, DateTimeOffset From, DateTimeOffset To, TaskFigures Tasks, NoticeFigures Notices);

public sealed record TaskFigures(int Total, IReadOnlyDictionary<string, int> ByStage, int Resolved, double? OnTimeRate,
    IReadOnlyDictionary<string, double> ResolvedShareByLevel, int Rated, double? AverageSatisfaction, double? SatisfiedShare);

public sealed record NoticeFigures(int Notices, int Recipients, int Delivered, int Confirmed, double? AwarenessRate, IReadOnlyList<NoticeRate> PerNotice);

public sealed record NoticeRate(string NoticeId, string Title, AwarenessResponse Awareness);
