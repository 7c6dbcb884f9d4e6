using System.Security.Claims;
using Dispatch.Gateway.Auth;
using Dispatch.Gateway.Tests.Support;

namespace Dispatch.Gateway.Tests.Auth;

/// <summary>
/// A bulk scope check asks each unit's path once and trusts it while the org tree is unchanged: a unit moved out of
/// the caller's scope is refused by the next bulk check after the move (which marks the change), and at once by single
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
    public async Task Many_workers_of_one_unit_ask_its_path_once_and_a_move_out_of_scope_shows_after_the_change_mark()
    {
        var factory = CountingGrains.Create(out var grains);
        grains.UnitPaths["grid-7"] = ["county", "town-1"];
        var scope = new OrgScope(factory);
        var workers = Enumerable.Range(0, 50).Select(i => CountingGrains.Worker($"w{i}", "grid-7")).ToArray();

        var first = await scope.CoversEach(TownDispatcher, workers);
        grains.UnitPaths["grid-7"] = ["county", "town-2"]; // the grid moves to another town: saved ...
        var beforeMark = await scope.CoversEach(TownDispatcher, workers);
        var single = await scope.Covers(TownDispatcher, workers[0]);
        grains.ChangeOrg();                                 // ... then marked, as OrgUnitGrain.Define does
        var after = await scope.CoversEach(TownDispatcher, workers);

        Assert.All(first, Assert.True);
        Assert.All(beforeMark, Assert.True); // the window between the save and the mark, as for any read in flight
        Assert.False(single);
        Assert.All(after, Assert.False);
        // Bulk: once for the first check, once after the mark; the single check asked once more.
        Assert.Equal(3, grains.Asked["grid-7"]);
    }
}
