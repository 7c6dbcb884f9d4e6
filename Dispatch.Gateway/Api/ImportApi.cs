using System.Collections.Concurrent;
using System.Security.Claims;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Auth;
using Dispatch.Gateway.Problems;
using Dispatch.Silo.Grid.Import;
using Dispatch.Silo.Org;

namespace Dispatch.Gateway.Api;

/// <summary>
/// <c>POST /api/import</c>: a county loads or updates its own tree from units.csv,
/// boundaries.geojson and workers.csv (docs/import-format.md). Everything is checked before
/// anything is written, so an import with a fault changes nothing; importing again updates.
/// </summary>
public static class ImportApi
{
    public const long MaxUploadBytes = 64 * 1024 * 1024;

    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/import", Import)
            .WithTags("import")
            .RequireAuthorization()
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUploadBytes));
        return app;
    }

    private static async Task<IResult> Import(HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, OrgSnapshotApplier applier, CancellationToken cancellationToken)
    {
        if (!user.IsAdmin())
        {
            return ProblemResults.Forbidden("Only administrators may import a tree.");
        }
        if (!request.HasFormContentType)
        {
            return ProblemResults.Invalid("Send multipart/form-data with the files 'units', 'boundaries' and/or 'workers'.");
        }
        var form = await request.ReadFormAsync(cancellationToken);
        var known = new[] { "units", "boundaries", "workers" };
        var unknown = form.Files.Select(f => f.Name).Where(n => !known.Contains(n)).ToArray();
        if (unknown.Length > 0)
        {
            return ProblemResults.Invalid($"Unknown form files: {string.Join(", ", unknown)}. Expected 'units', 'boundaries', 'workers'.");
        }
        Stream? Open(string name) => form.Files.GetFile(name)?.OpenReadStream();

        // The importer asks for existing units synchronously; it runs off the request thread and
        // each unit is fetched from its grain once.
        var lookup = new ExistingTree(grains);
        var result = await Task.Run(
            () => OrgImporter.Read(new OrgImportSources(Open("units"), Open("boundaries"), Open("workers")), lookup.Unit, lookup.Children),
            cancellationToken);
        if (!result.Succeeded)
        {
            return ProblemResults.Unprocessable(
                "Import refused",
                $"The import has {result.Problems.Count} problem(s) and changed nothing. The first: {result.Problems[0].Message}",
                new Dictionary<string, object?> { ["problems"] = result.Problems });
        }
        var snapshot = result.Snapshot!;
        await applier.Apply(snapshot, cancellationToken);
        return Results.Ok(new ImportSummary(snapshot.Units.Count, snapshot.Workers.Count));
    }

    private sealed class ExistingTree(IGrainFactory grains)
    {
        private readonly ConcurrentDictionary<string, UnitView?> _views = new(StringComparer.Ordinal);

        public UnitDefinition? Unit(string code) => View(code)?.Definition;

        public IEnumerable<UnitDefinition> Children(string code) =>
            View(code)?.Children.Select(c => Unit(c.Code)).OfType<UnitDefinition>() ?? [];

        private UnitView? View(string code) =>
            _views.GetOrAdd(code, c => grains.GetGrain<IOrgUnitGrain>(c).Get().GetAwaiter().GetResult());
    }
}

public sealed record ImportSummary(int Units, int Workers);
