using Dispatch.Contracts.Org;

namespace Dispatch.Gateway.Api;

/// <summary>A GeoJSON Polygon geometry (RFC 7946 §3.1.6): coordinates[ring][position][lon, lat].</summary>
public sealed record GeoJsonPolygon(string? Type, double[][][]? Coordinates)
{
    public static GeoJsonPolygon From(GeoPolygon polygon) =>
        new("Polygon", [polygon.Ring.Select(p => new[] { p.Longitude, p.Latitude }).ToArray()]);
}

/// <summary>Body of <c>PUT /api/units/{code}</c>.</summary>
public sealed record UnitRequest(
    string? Name,
    string? Level,
    string? ParentCode,
    GeoJsonPolygon? Boundary,
    string? ServiceStationAddress,
    string? QrToken);

public sealed record UnitRef(string Code, string Name, string Level);

public sealed record UnitResponse(
    string Code,
    string Name,
    string Level,
    string? ParentCode,
    IReadOnlyList<string> Path,
    GeoJsonPolygon? Boundary,
    string? ServiceStationAddress,
    string? QrToken,
    IReadOnlyList<UnitRef> Children,
    IReadOnlyList<MemberResponse> Members)
{
    public static UnitResponse From(UnitView view)
    {
        var d = view.Definition;
        return new UnitResponse(
            d.Code, d.Name, LevelNames.Of(d.Level), d.ParentCode, view.Path,
            d.Boundary is null ? null : GeoJsonPolygon.From(d.Boundary),
            d.ServiceStationAddress, d.QrToken,
            view.Children.Select(c => new UnitRef(c.Code, c.Name, LevelNames.Of(c.Level))).ToArray(),
            view.Members.Select(m => new MemberResponse(m.WorkerId, m.Name, RoleNames.Of(m.Role), m.OnDuty, m.Phone)).ToArray());
    }
}

public sealed record MemberResponse(string WorkerId, string Name, string Role, bool OnDuty, string Phone);

public sealed record CountsResponse(string Code, IReadOnlyDictionary<string, int> Units, int Workers, int OnDutyWorkers);

public sealed record AssignmentDto(string? UnitCode, string? Role);

public sealed record WorkerMatch(string WorkerId, string Name, string Phone, bool OnDuty, IReadOnlyList<AssignmentDto> Assignments);

public sealed record WorkerSearchResponse(string UnitCode, int Count, IReadOnlyList<WorkerMatch> Workers);

public sealed record LocateResponse(IReadOnlyList<UnitRef> Chain);
