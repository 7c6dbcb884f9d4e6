using System.Security.Claims;
using Dispatch.Gateway.Auth;
using Dispatch.Gateway.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Gateway.Tests.Auth;

/// <summary>
/// A bulk scope check asks each unit's path once per check and trusts it for <see cref="OrgScope.BulkPathLifetime"/>:
/// a unit moved out of the caller's scope is refused by bulk checks once that time has passed, and at once by single
/// checks. The grains are counting stand-ins (a unit test).
/// </summary>
public sealed class OrgScopeBulkTests
{
    private static readonly ClaimsPrincipal TownDispatcher = new(new ClaimsIdentity(
    [
        new Claim(DispatchClaims.Role, DispatchClaims.Dispatcher),
        new Claim(DispatchClaims.Scope, "town-1"),
    ], "test"));

    [Fact]
    public async Task Many_workers_of_one_unit_ask_its_path_once_and_a_move_out_of_scope_shows_after_the_lifetime()
    {
        var clock = new FakeTimeProvider();
        var factory = CountingGrains.Create(out var grains);
        grains.UnitPaths["grid-7"] = ["county", "town-1"];
        var scope = new OrgScope(factory, clock);
        var workers = Enumerable.Range(0, 50).Select(i => CountingGrains.Worker($"w{i}", "grid-7")).ToArray();

        var first = await scope.CoversEach(TownDispatcher, workers);
        grains.UnitPaths["grid-7"] = ["county", "town-2"]; // the grid moves to another town
        clock.Advance(OrgScope.BulkPathLifetime - TimeSpan.FromSeconds(1));
        var within = await scope.CoversEach(TownDispatcher, workers);
        var single = await scope.Covers(TownDispatcher, workers[0]);
        clock.Advance(TimeSpan.FromSeconds(1));
        var after = await scope.CoversEach(TownDispatcher, workers);

        Assert.All(first, Assert.True);
        Assert.All(within, Assert.True);
        Assert.False(single);
        Assert.All(after, Assert.False);
        // Bulk: once for the first check, once after the lifetime; the single check asked once more.
        Assert.Equal(3, grains.Asked["grid-7"]);
    }
}
